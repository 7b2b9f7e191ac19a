//===- AotCompiler.cpp - kiln IR to a shared object with a C ABI ---------===//

#include "kiln/Runtime/AotCompiler.h"

#include "kiln/Runtime/Error.h"
#include "kiln/Runtime/Lower.h"
#include "kiln/Runtime/OpenMP.h"

#include "kiln/InitKiln.h"
#include "kiln/Runtime/Signature.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Linker/Linker.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#ifndef KILN_VERSION
#define KILN_VERSION "unknown"
#endif

namespace kiln::runtime {

static const char *cType(DType d) {
  switch (d) {
  case DType::f32:
    return "float";
  case DType::f64:
    return "double";
  case DType::i32:
    return "int32_t";
  case DType::i64:
    return "int64_t";
  }
  return "void";
}

static bool isCIdentifier(llvm::StringRef s) {
  if (s.empty() || !(isalpha(s[0]) || s[0] == '_'))
    return false;
  return llvm::all_of(s, [](char c) { return isalnum(c) || c == '_'; });
}

// ---------------------------------------------------------------------------
// The C ABI in LLVM IR text: shims building memref descriptors over plain
// pointers, and the metadata functions over constant tables.
// ---------------------------------------------------------------------------

static std::string descriptorType(size_t rank) {
  if (rank == 0)
    return "{ ptr, ptr, i64 }";
  std::string arr = "[" + std::to_string(rank) + " x i64]";
  return "{ ptr, ptr, i64, " + arr + ", " + arr + " }";
}

static std::string i64Array(const std::vector<int64_t> &values) {
  std::string s = "[" + std::to_string(values.size()) + " x i64] [";
  for (size_t i = 0; i < values.size(); ++i)
    s += (i ? ", i64 " : "i64 ") + std::to_string(values[i]);
  return s + "]";
}

// A getter `ret name(i32 %i)` returning table[i], or `fallback` out of range.
static std::string getter(const std::string &name, const std::string &ret,
                          const std::string &table, size_t count, const std::string &fallback) {
  std::string n = std::to_string(count);
  return "define " + ret + " @" + name + "(i32 %i) {\n  %ok = icmp ult i32 %i, " + n +
         "\n  br i1 %ok, label %in, label %out\nin:\n  %p = getelementptr [" + n + " x " + ret +
         "], ptr @" + table + ", i32 0, i32 %i\n  %v = load " + ret + ", ptr %p\n  ret " + ret +
         " %v\nout:\n  ret " + ret + " " + fallback + "\n}\n";
}

static std::string cAbiIR(const llvm::StringMap<Signature> &entries,
                          const std::vector<std::string> &order) {
  std::string ir;
  auto global = [&](const std::string &name, const std::string &typeAndValue) {
    ir += "@" + name + " = private unnamed_addr constant " + typeAndValue + "\n";
  };
  std::map<std::string, std::string> strings; // text -> global name
  auto str = [&](const std::string &text) {
    auto it = strings.find(text);
    if (it != strings.end())
      return it->second;
    std::string name = "kiln.str." + std::to_string(strings.size());
    global(name, "[" + std::to_string(text.size() + 1) + " x i8] c\"" + text + "\\00\"");
    return strings[text] = name;
  };

  for (const std::string &e : order) {
    const Signature &sig = entries.find(e)->second;
    // The entry shim.
    std::string params, body, args;
    std::vector<std::pair<std::string, const TensorSpec *>> all;
    for (size_t i = 0; i < sig.inputs.size(); ++i)
      all.push_back({"in" + std::to_string(i), &sig.inputs[i]});
    for (size_t i = 0; i < sig.outputs.size(); ++i)
      all.push_back({"out" + std::to_string(i), &sig.outputs[i]});
    for (auto &[name, spec] : all) {
      params += (params.empty() ? "ptr %" : ", ptr %") + name;
      std::string ty = descriptorType(spec->shape.size());
      std::vector<int64_t> strides(spec->shape.size());
      int64_t stride = 1;
      for (size_t d = spec->shape.size(); d-- > 0;)
        strides[d] = stride, stride *= spec->shape[d];
      body += "  %" + name + ".d = alloca " + ty + "\n";
      body += "  %" + name + ".0 = insertvalue " + ty + " undef, ptr %" + name + ", 0\n";
      body += "  %" + name + ".1 = insertvalue " + ty + " %" + name + ".0, ptr %" + name + ", 1\n";
      std::string last = "%" + name + ".2";
      body += "  " + last + " = insertvalue " + ty + " %" + name + ".1, i64 0, 2\n";
      if (!spec->shape.empty()) {
        body += "  %" + name + ".3 = insertvalue " + ty + " " + last + ", " + i64Array(spec->shape) + ", 3\n";
        body += "  %" + name + ".4 = insertvalue " + ty + " %" + name + ".3, " + i64Array(strides) + ", 4\n";
        last = "%" + name + ".4";
      }
      body += "  store " + ty + " " + last + ", ptr %" + name + ".d\n";
      args += (args.empty() ? "ptr %" : ", ptr %") + name + ".d";
    }
    ir += "declare void @_mlir_ciface_" + e + "(" +
          std::string(all.empty() ? "" : "ptr") + [&] {
            std::string more;
            for (size_t i = 1; i < all.size(); ++i)
              more += ", ptr";
            return more;
          }() + ")\n";
    ir += "define i32 @kiln_" + e + "(" + params + ") {\n" + body + "  call void @_mlir_ciface_" +
          e + "(" + args + ")\n  ret i32 0\n}\n";
    // kiln_E_packed(void **args): args[i] is array i (inputs, then outputs),
    // for runtimes that call entries of any arity.
    std::string loads, direct;
    for (size_t i = 0; i < all.size(); ++i) {
      std::string n = std::to_string(i);
      loads += "  %p" + n + " = getelementptr ptr, ptr %args, i64 " + n + "\n  %a" + n +
               " = load ptr, ptr %p" + n + "\n";
      direct += (i ? ", ptr %a" : "ptr %a") + n;
    }
    ir += "define i32 @kiln_" + e + "_packed(ptr %args) {\n" + loads + "  %r = call i32 @kiln_" +
          e + "(" + direct + ")\n  ret i32 %r\n}\n";

    // Metadata: counts, ranks, shapes, dtypes.
    for (auto [kind, specs] : {std::make_pair(std::string("input"), &sig.inputs),
                               std::make_pair(std::string("output"), &sig.outputs)}) {
      std::string base = "kiln_" + e + "_" + kind;
      size_t n = specs->size();
      ir += "define i32 @kiln_" + e + "_num_" + kind + "s() {\n  ret i32 " + std::to_string(n) +
            "\n}\n";
      std::string ranks, shapes, dtypes;
      for (size_t i = 0; i < n; ++i) {
        const TensorSpec &s = (*specs)[i];
        std::string shapeName = base + "_shape_" + std::to_string(i);
        global(shapeName, s.shape.empty() ? "[1 x i64] zeroinitializer" : i64Array(s.shape));
        ranks += (i ? ", i32 " : "i32 ") + std::to_string(s.shape.size());
        shapes += (i ? ", ptr @" : "ptr @") + shapeName;
        dtypes += (i ? ", ptr @" : "ptr @") + str(dtypeName(s.dtype));
      }
      std::string count = "[" + std::to_string(n) + " x ";
      global(base + "_ranks", count + "i32] [" + ranks + "]");
      global(base + "_shapes", count + "ptr] [" + shapes + "]");
      global(base + "_dtypes", count + "ptr] [" + dtypes + "]");
      ir += getter(base + "_rank", "i32", base + "_ranks", n, "-1");
      ir += getter(base + "_shape", "ptr", base + "_shapes", n, "null");
      ir += getter(base + "_dtype", "ptr", base + "_dtypes", n, "null");
    }
  }
  std::string names;
  for (size_t i = 0; i < order.size(); ++i)
    names += (i ? ", ptr @" : "ptr @") + str(order[i]);
  global("kiln_entry_names", "[" + std::to_string(order.size()) + " x ptr] [" + names + "]");
  ir += getter("kiln_entry_name", "ptr", "kiln_entry_names", order.size(), "null");
  ir += "define i32 @kiln_num_entries() {\n  ret i32 " + std::to_string(order.size()) + "\n}\n";
  ir += "define ptr @kiln_version() {\n  ret ptr @" + str(KILN_VERSION) + "\n}\n";
  // KILN_NUM_THREADS becomes OMP_NUM_THREADS when the library loads, before
  // libomp starts (it reads the variable once).
  global("kiln_threads_var", "[17 x i8] c\"KILN_NUM_THREADS\\00\"");
  global("kiln_omp_var", "[16 x i8] c\"OMP_NUM_THREADS\\00\"");
  ir += "declare ptr @getenv(ptr)\ndeclare i32 @setenv(ptr, ptr, i32)\n"
        "define internal void @kiln_threads_init() {\n"
        "  %v = call ptr @getenv(ptr @kiln_threads_var)\n"
        "  %unset = icmp eq ptr %v, null\n  br i1 %unset, label %done, label %set\n"
        "set:\n  call i32 @setenv(ptr @kiln_omp_var, ptr %v, i32 1)\n  br label %done\n"
        "done:\n  ret void\n}\n"
        "@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] "
        "[{ i32, ptr, ptr } { i32 65535, ptr @kiln_threads_init, ptr null }]\n";
  return ir;
}

// ---------------------------------------------------------------------------

llvm::Expected<std::string> cHeader(mlir::ModuleOp module, const std::string &guardName,
                                    const std::string &sourceName) {
  auto entries = entrySignatures(module);
  if (!entries)
    return entries.takeError();
  std::string guard;
  for (char c : guardName)
    guard += isalnum(c) ? char(toupper(c)) : '_';
  std::string h = "/* Generated by kiln-compile " KILN_VERSION " from " + sourceName +
                  ". Do not edit.\n * Arrays are dense and C-ordered; each entry returns 0. */\n"
                  "#ifndef KILN_" + guard + "_H\n#define KILN_" + guard + "_H\n\n"
                  "#include <stdint.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
                  "const char *kiln_version(void);\nint kiln_num_entries(void);\n"
                  "const char *kiln_entry_name(int i);\n";
  std::vector<std::string> order;
  for (auto &e : *entries)
    order.push_back(e.getKey().str());
  std::sort(order.begin(), order.end());
  for (const std::string &e : order) {
    const Signature &sig = entries->find(e)->second;
    std::string params, doc;
    auto describe = [&](const char *kind, size_t i, const TensorSpec &s, bool out) {
      std::string name = std::string(kind) + std::to_string(i);
      params += (params.empty() ? "" : ", ") + std::string(out ? "" : "const ") + cType(s.dtype) +
                " *" + name;
      doc += " *   " + name + ": " + dtypeName(s.dtype) + " " + shapeString(s.shape) + "\n";
    };
    for (size_t i = 0; i < sig.inputs.size(); ++i)
      describe("in", i, sig.inputs[i], false);
    for (size_t i = 0; i < sig.outputs.size(); ++i)
      describe("out", i, sig.outputs[i], true);
    h += "\n/* " + e + "\n" + doc + " */\nint kiln_" + e + "(" + (params.empty() ? "void" : params) +
         ");\n/* The same with args[i] = array i (inputs, then outputs). */\nint kiln_" + e +
         "_packed(void **args);\n";
    for (const char *kind : {"input", "output"})
      h += "int kiln_" + e + "_num_" + kind + "s(void);\nint kiln_" + e + "_" + kind +
           "_rank(int i);\nconst int64_t *kiln_" + e + "_" + kind +
           "_shape(int i);\nconst char *kiln_" + e + "_" + kind + "_dtype(int i);\n";
  }
  h += "\n#ifdef __cplusplus\n}\n#endif\n\n#endif /* KILN_" + guard + "_H */\n";
  return h;
}

// Writes `text` (or runs `write`) into a temporary beside `path`, then
// renames it over `path`: a failure leaves no partial file.
static llvm::Error writeAtomically(const std::string &path,
                                   llvm::function_ref<llvm::Error(const std::string &)> write) {
  llvm::SmallString<256> tmp;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueFile(path + ".tmp-%%%%%%", tmp))
    return error("cannot write " + path + ": " + ec.message());
  if (llvm::Error e = write(std::string(tmp))) {
    llvm::sys::fs::remove(tmp);
    return e;
  }
  if (std::error_code ec = llvm::sys::fs::rename(tmp, path)) {
    llvm::sys::fs::remove(tmp);
    return error("cannot write " + path + ": " + ec.message());
  }
  return llvm::Error::success();
}

llvm::Error compileSharedObject(mlir::ModuleOp module, const std::string &outputPath,
                                const AotOptions &options) {
  auto entries = entrySignatures(module);
  if (!entries)
    return entries.takeError();
  std::vector<std::string> order;
  for (auto &e : *entries) {
    if (!isCIdentifier(e.getKey()))
      return error("entry '" + e.getKey() + "' is not a C identifier");
    order.push_back(e.getKey().str());
  }
  std::sort(order.begin(), order.end());
  std::string header;
  if (!options.headerPath.empty()) {
    auto text = cHeader(module, llvm::sys::path::stem(options.headerPath).str(),
                        options.sourceName);
    if (!text)
      return text.takeError();
    header = *text;
  }

  // The target first: a bad CPU fails before any work.
  static bool targetReady = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)targetReady;
  std::string triple = llvm::sys::getProcessTriple(), targetError;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(llvm::Triple(triple), targetError);
  if (!target)
    return error("no target for " + triple + ": " + targetError);
  std::string cpu = options.targetCpu, features;
  if (cpu.empty() || cpu == "native") {
    cpu = llvm::sys::getHostCPUName().str();
    for (auto &f : llvm::sys::getHostCPUFeatures())
      features += (features.empty() ? "" : ",") + std::string(f.second ? "+" : "-") +
                  f.getKey().str();
  }
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      llvm::Triple(triple), cpu, features, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine || !machine->getMCSubtargetInfo()->isCPUStringValid(cpu))
    return error("unsupported target CPU '" + cpu + "' for " + triple +
                 " (try 'native', or a CPU llc-22 -mcpu=help lists)");

  // kiln IR -> LLVM dialect -> LLVM IR, plus the C ABI.
  // The lowering's choice of AVX-512 follows the target, not the host.
  PipelineOptions pipeline;
  pipeline.copyOptionValuesFrom(options.pipeline);
  if (pipeline.avx512 < 0)
    pipeline.avx512 = int(machine->getMCSubtargetInfo()->checkFeatures("+avx512f"));
  if (llvm::Error e = lowerToLLVM(module, pipeline))
    return e;
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(module.getContext(), [&](mlir::Diagnostic &d) {
    llvm::raw_string_ostream os(diagnostics);
    os << d.getLocation() << ": " << d.str() << "\n";
    return mlir::success();
  });
  registerLLVMTranslations(*module.getContext());
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext, "kiln");
  if (!llvmModule)
    return error("translation to LLVM IR failed:\n" + diagnostics);
  llvm::SMDiagnostic parseError;
  std::unique_ptr<llvm::Module> abi =
      llvm::parseAssemblyString(cAbiIR(*entries, order), parseError, llvmContext);
  if (!abi) {
    std::string msg;
    llvm::raw_string_ostream os(msg);
    parseError.print("kiln-abi", os);
    return error("internal error building the C ABI:\n" + msg);
  }
  if (llvm::Linker::linkModules(*llvmModule, std::move(abi)))
    return error("internal error linking the C ABI");
  llvmModule->setDataLayout(machine->createDataLayout());
  llvmModule->setTargetTriple(llvm::Triple(triple));
  if (llvm::Error e = mlir::makeOptimizingTransformer(2, 0, machine.get())(llvmModule.get()))
    return e;
  bool usesOpenMP = llvmModule->getFunction("__kmpc_fork_call") != nullptr;

  // Object code, then a shared object by the system linker.
  llvm::SmallString<128> objectPath;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("kiln", "o", objectPath))
    return error("cannot create a temporary object file: " + ec.message());
  llvm::scope_exit removeObject([&] { llvm::sys::fs::remove(objectPath); });
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(objectPath, ec, llvm::sys::fs::OF_None);
    if (ec)
      return error("cannot write " + objectPath + ": " + ec.message());
    llvm::legacy::PassManager codegen;
    if (machine->addPassesToEmitFile(codegen, os, nullptr, llvm::CodeGenFileType::ObjectFile))
      return error("the target cannot emit object files");
    codegen.run(*llvmModule);
  }
  auto cc = llvm::sys::findProgramByName("cc");
  if (!cc)
    return error("no system C compiler driver 'cc' to link with");
  if (llvm::Error e = writeAtomically(outputPath, [&](const std::string &tmp) -> llvm::Error {
        std::string linkError;
        llvm::SmallVector<llvm::StringRef> argv = {*cc, "-shared", "-o", tmp, objectPath, "-lm"};
        // Optimized kernels call libomp: link it where the JIT finds it.
        std::string omp = openMPLibrary(), rpath;
        if (usesOpenMP) {
          rpath = "-Wl,-rpath," + llvm::sys::path::parent_path(omp).str();
          argv.append({omp, rpath});
        }
        if (llvm::sys::ExecuteAndWait(*cc, argv, std::nullopt, {}, 0, 0, &linkError) != 0)
          return error("linking " + outputPath + " failed" +
                       (linkError.empty() ? "" : ": " + linkError));
        return llvm::Error::success();
      }))
    return e;
  if (!options.headerPath.empty())
    if (llvm::Error e = writeAtomically(options.headerPath, [&](const std::string &tmp) -> llvm::Error {
          std::error_code ec;
          llvm::raw_fd_ostream os(tmp, ec, llvm::sys::fs::OF_Text);
          if (ec)
            return error("cannot write " + options.headerPath + ": " + ec.message());
          os << header;
          return llvm::Error::success();
        })) {
      llvm::sys::fs::remove(outputPath);
      return e;
    }
  return llvm::Error::success();
}

} // namespace kiln::runtime
