//===- ParallelCodegen.cpp - object code on several threads ---------------===//
//
// A module split as LLVM's LTO splits one for parallel code generation
// (locals externalized as hidden, each part a CloneModule of the whole with
// only its definitions, moved to a context of its own through bitcode),
// but partitioned by instruction count: see ParallelCodegen.h.
//
//===----------------------------------------------------------------------===//

#include "ParallelCodegen.h"
#include "Optimize.h"

#include "kiln/Runtime/Error.h"
#include "kiln/Runtime/OpenMP.h"

#include "llvm/Analysis/CFG.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Transforms/Utils/Cloning.h"

#include <mutex>
#include <optional>

namespace kiln::runtime {
namespace {

/// Below this many instructions a module is generated whole: splitting
/// (cloning, bitcode, a target machine per part) costs more than a second
/// thread saves. A model's module has tens of thousands.
constexpr unsigned kMinSplitInstructions = 4000;

/// An entry without a loop: a model's, once its loop nests are kernels, is
/// a sequence of allocations and kernel calls run once per call of the
/// model. Its code's speed does not matter but its code generation's does:
/// a model's entry is one block of a thousand calls, over which the
/// selection DAG and the post-RA scheduler spend seconds (densenet121's:
/// 2.6 s of llc -O3, on one thread).
bool isStraightLineEntry(const llvm::Function &f, const EntryPredicate &isEntry) {
  if (f.isDeclaration() || !isEntry(f))
    return false;
  llvm::SmallVector<std::pair<const llvm::BasicBlock *, const llvm::BasicBlock *>> backEdges;
  llvm::FindFunctionBackedges(f, backEdges);
  return backEdges.empty();
}

/// The functions that run once per model: LLVM's `cold` ones (the prepare
/// entries' kernels, marked by kiln-outline-kernels) and those that only
/// they reference (their parallel loops' bodies, outlined by the OpenMP
/// translation). Their code's speed matters as little as an entry's.
llvm::SmallPtrSet<const llvm::Function *, 16> runOnceFunctions(llvm::Module &module) {
  llvm::SmallPtrSet<const llvm::Function *, 16> cold;
  for (llvm::Function &f : module)
    if (!f.isDeclaration() && f.hasFnAttribute(llvm::Attribute::Cold))
      cold.insert(&f);
  for (bool grew = !cold.empty(); grew;) {
    grew = false;
    for (llvm::Function &f : module) {
      if (f.isDeclaration() || f.use_empty() || cold.contains(&f))
        continue;
      bool onlyCold = llvm::all_of(f.users(), [&](const llvm::User *user) {
        auto *inst = llvm::dyn_cast<llvm::Instruction>(user);
        return inst && cold.contains(inst->getFunction());
      });
      if (onlyCold) {
        cold.insert(&f);
        grew = true;
      }
    }
  }
  return cold;
}

/// LLVM -O2 (or, for entries, their simplification and -O0), the OpenMP
/// calls routed, object code into `path`.
llvm::Error generate(llvm::Module &module, llvm::TargetMachine &machine, bool entries,
                     const std::string &path, bool &usesOpenMP) {
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple());
  if (entries) {
    machine.setOptLevel(llvm::CodeGenOptLevel::None);
    simplifyEntries(module, machine);
  } else {
    optimize(module, &machine);
  }
  if (llvm::Error e = routeOpenMPCalls(module))
    return e;
  usesOpenMP = module.getFunction("kiln_omp_fork_call") != nullptr;
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return error("cannot write " + path + ": " + ec.message());
  llvm::legacy::PassManager codegen;
  if (machine.addPassesToEmitFile(codegen, os, nullptr, llvm::CodeGenFileType::ObjectFile))
    return error("the target cannot emit object files");
  codegen.run(module);
  if (os.has_error()) {
    std::error_code written = os.error();
    os.clear_error(); // reported here, not by a fatal error in the destructor
    return error("cannot write " + path + ": " + written.message());
  }
  return llvm::Error::success();
}

llvm::Expected<std::string> temporaryObject() {
  llvm::SmallString<128> path;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile("kiln", "o", path))
    return error("cannot create a temporary object file: " + ec.message());
  return std::string(path);
}

/// The part of each definition: the functions of `entries` to part 0, the
/// others by size, largest first, each to the one of the next `parts` parts
/// with the fewest instructions so far; a variable to the part of a
/// function that uses it (a kernel rather than an entry), or the first.
llvm::DenseMap<const llvm::GlobalValue *, unsigned>
partition(llvm::Module &module, unsigned parts,
          const llvm::SmallPtrSetImpl<const llvm::Function *> &entries) {
  llvm::DenseMap<const llvm::GlobalValue *, unsigned> partOf;
  std::vector<std::pair<unsigned, llvm::Function *>> bySize;
  for (llvm::Function &f : module) {
    if (entries.contains(&f))
      partOf[&f] = 0;
    else if (!f.isDeclaration())
      bySize.push_back({f.getInstructionCount(), &f});
  }
  llvm::sort(bySize, [](auto &a, auto &b) {
    return a.first != b.first ? a.first > b.first : a.second->getName() < b.second->getName();
  });
  unsigned first = entries.empty() ? 0 : 1;
  std::vector<uint64_t> load(parts, 0);
  for (auto [size, f] : bySize) {
    unsigned lightest = std::min_element(load.begin(), load.end()) - load.begin();
    partOf[f] = first + lightest;
    load[lightest] += size;
  }
  // A kernel's part first: elsewhere the kernel would see a declaration.
  for (llvm::GlobalVariable &g : module.globals()) {
    std::optional<unsigned> part;
    for (const llvm::User *user : g.users())
      if (auto *inst = llvm::dyn_cast<llvm::Instruction>(user)) {
        unsigned userPart = partOf.lookup(inst->getFunction());
        if (!part || (*part < first && userPart >= first))
          part = userPart;
      }
    partOf[&g] = part.value_or(first);
  }
  return partOf;
}

} // namespace

llvm::Error emitObjects(std::unique_ptr<llvm::Module> module, const MachineFactory &makeMachine,
                        const EntryPredicate &isEntry, unsigned threads, Objects &objects) {
  // Straight-line entries and what runs once per model (found before the
  // locals become globals) are a part of their own, simplified and
  // generated at -O0 (fast instruction selection, no scheduling).
  llvm::SmallPtrSet<const llvm::Function *, 16> entries = runOnceFunctions(*module);
  unsigned functions = 0, instructions = 0, entryInstructions = 0;
  for (llvm::Function &f : *module) {
    if (f.isDeclaration())
      continue;
    if (entries.contains(&f) || isStraightLineEntry(f, isEntry)) {
      entries.insert(&f);
      entryInstructions += f.getInstructionCount();
    } else {
      ++functions;
      instructions += f.getInstructionCount();
    }
  }
  auto partsFor = [&](unsigned count, unsigned size) {
    return std::min({2 * std::max(threads, 1u), count, size / kMinSplitInstructions});
  };
  unsigned parts = partsFor(functions, instructions);
  // The entries' part pays for itself beside kernels' parts, or beside one
  // when the entries are large (a thousand calls to a few distinct kernels).
  bool entryPart = !entries.empty() && functions > 0 &&
                   (parts > 1 || entryInstructions >= kMinSplitInstructions);
  if (entryPart) {
    parts = std::max(parts, 1u);
  } else {
    parts = partsFor(functions + entries.size(), instructions + entryInstructions);
    entries.clear();
  }
  // Aliases, ifuncs, comdats and appending globals (llvm.global_ctors)
  // would need to stay with what they name; MLIR's translation makes none.
  bool plain = module->alias_empty() && module->ifunc_empty() &&
               module->getComdatSymbolTable().empty() &&
               llvm::none_of(module->globals(), [](llvm::GlobalVariable &g) {
                 return g.hasAppendingLinkage();
               });
  if (parts + entryPart <= 1 || !plain) {
    llvm::Expected<std::string> path = temporaryObject();
    if (!path)
      return path.takeError();
    objects.paths.push_back(*path);
    std::unique_ptr<llvm::TargetMachine> machine = makeMachine();
    return generate(*module, *machine, /*entries=*/false, *path, objects.usesOpenMP);
  }

  // Every local becomes a hidden global (named, if it was not) so that a
  // part may define what another uses.
  auto externalize = [](llvm::GlobalValue &value) {
    if (value.hasLocalLinkage()) {
      value.setLinkage(llvm::GlobalValue::ExternalLinkage);
      value.setVisibility(llvm::GlobalValue::HiddenVisibility);
    }
    if (!value.hasName())
      value.setName("kiln.split");
  };
  for (llvm::Function &f : *module)
    externalize(f);
  for (llvm::GlobalVariable &g : module->globals())
    externalize(g);
  auto partOf = partition(*module, parts, entries);
  parts += entryPart;
  std::vector<llvm::SmallVector<char, 0>> bitcode(parts);
  for (unsigned i = 0; i < parts; ++i) {
    llvm::ValueToValueMapTy map;
    std::unique_ptr<llvm::Module> part = llvm::CloneModule(
        *module, map, [&](const llvm::GlobalValue *v) { return partOf.lookup(v) == i; });
    llvm::raw_svector_ostream os(bitcode[i]);
    llvm::WriteBitcodeToFile(*part, os);
  }
  module.reset();
  for (unsigned i = 0; i < parts; ++i) {
    llvm::Expected<std::string> path = temporaryObject();
    if (!path)
      return path.takeError();
    objects.paths.push_back(*path);
  }

  std::mutex lock;
  std::string failures;
  std::vector<char> openMP(parts, 0);
  llvm::DefaultThreadPool pool(llvm::hardware_concurrency(threads));
  for (unsigned i = 0; i < parts; ++i)
    pool.async([&, i] {
      llvm::LLVMContext context;
      llvm::Error e = [&]() -> llvm::Error {
        llvm::Expected<std::unique_ptr<llvm::Module>> part = llvm::parseBitcodeFile(
            llvm::MemoryBufferRef(llvm::StringRef(bitcode[i].data(), bitcode[i].size()), "part"),
            context);
        if (!part)
          return part.takeError();
        std::unique_ptr<llvm::TargetMachine> machine = makeMachine();
        bool usesOpenMP = false;
        llvm::Error generated = generate(**part, *machine, entryPart && i == 0,
                                           objects.paths[i], usesOpenMP);
        openMP[i] = usesOpenMP;
        return generated;
      }();
      if (e) {
        std::lock_guard<std::mutex> guard(lock);
        failures += (failures.empty() ? "" : "\n") + llvm::toString(std::move(e));
      }
    });
  pool.wait();
  if (!failures.empty())
    return error(failures);
  objects.usesOpenMP = llvm::is_contained(openMP, 1);
  return llvm::Error::success();
}

} // namespace kiln::runtime
