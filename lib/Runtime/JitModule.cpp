//===- JitModule.cpp - compile kiln IR and call it ------------------------===//

#include "kiln/Runtime/JitModule.h"

#include "Optimize.h"
#include "kiln/Runtime/Error.h"
#include "kiln/Runtime/Lower.h"
#include "kiln/Runtime/Allocator.h"
#include "kiln/Runtime/OpenMP.h"

#include "kiln/InitKiln.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/TargetSelect.h"

using namespace mlir;

namespace kiln::runtime {

llvm::Expected<std::unique_ptr<JitModule>>
JitModule::compile(ModuleOp module, const PipelineOptions &options) {
  std::unique_ptr<JitModule> jit(new JitModule());
  // A bad signature fails before any work; the entries are the pipeline's
  // (with a prepare entry where constant arguments are).
  if (auto given = entrySignatures(module); !given)
    return given.takeError();
  if (llvm::Error e = lowerToLLVM(module, options, "", &jit->signatures))
    return std::move(e);
  if (llvm::Error e = loadOpenMP())
    return std::move(e);
  tuneAllocator();

  static bool targetReady = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)targetReady;
  registerLLVMTranslations(*module.getContext());

  ExecutionEngineOptions engineOptions;
  // LLVM's own -O2 cleans up even the naive loops (and hoists allocas);
  // then the parallel loops' runtime calls go to Kiln's OpenMP router.
  // ExecutionEngine::create cannot fail on the transformer's error (it
  // wraps the call in cantFail): a routing error is kept and returned here.
  llvm::Error routing = llvm::Error::success();
  auto transformer = [&](llvm::Module *m) -> llvm::Error {
    optimize(*m, nullptr);
    llvm::cantFail(std::move(routing)); // success until now: mark it checked
    routing = routeOpenMPCalls(*m);
    return llvm::Error::success();
  };
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  auto engine = ExecutionEngine::create(module, engineOptions);
  if (routing) {
    if (!engine)
      llvm::consumeError(engine.takeError());
    return std::move(routing);
  }
  if (!engine)
    return engine.takeError();
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    for (auto [name, address] : openMPRouterSymbols())
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                 llvm::JITSymbolFlags::Exported};
    return symbols;
  });
  jit->engine = std::move(*engine);
  for (auto &entry : jit->signatures) {
    auto fn = jit->engine->lookupPacked(("_mlir_ciface_" + entry.getKey()).str());
    if (!fn)
      return fn.takeError();
    jit->functions[entry.getKey()] = *fn;
  }
  return jit;
}

JitModule::~JitModule() = default;

llvm::Error JitModule::checkInputs(StringRef entry,
                                   llvm::ArrayRef<const HostTensor *> inputs) const {
  auto it = signatures.find(entry);
  if (it == signatures.end())
    return error("unknown entry '" + entry + "'");
  const Signature &sig = it->second;
  if (inputs.size() != sig.inputs.size())
    return error("entry '" + entry + "' takes " + llvm::Twine(sig.inputs.size()) +
                 " inputs, got " + llvm::Twine(inputs.size()));
  for (auto [i, in] : llvm::enumerate(inputs)) {
    const TensorSpec &want = sig.inputs[i];
    if (in->dtype != want.dtype || in->shape != want.shape)
      return error("entry '" + entry + "': input #" + llvm::Twine(i) + " must be " +
                   dtypeName(want.dtype) + " " + shapeString(want.shape) + ", got " +
                   dtypeName(in->dtype) + " " + shapeString(in->shape));
  }
  return llvm::Error::success();
}

// A memref descriptor of a dense row-major array: {allocated, aligned,
// offset, sizes[rank], strides[rank]}, all 8-byte fields, so one int64
// vector lays out any rank.
static std::vector<int64_t> descriptor(const void *data, const std::vector<int64_t> &shape) {
  size_t rank = shape.size();
  std::vector<int64_t> d(3 + 2 * rank);
  d[0] = d[1] = int64_t(reinterpret_cast<intptr_t>(data));
  d[2] = 0;
  int64_t stride = 1;
  for (size_t i = rank; i-- > 0;) {
    d[3 + i] = shape[i];
    d[3 + rank + i] = stride;
    stride *= shape[i];
  }
  return d;
}

llvm::Error JitModule::run(StringRef entry, llvm::ArrayRef<const void *> inputs,
                           llvm::ArrayRef<void *> outputs) const {
  auto sig = signatures.find(entry);
  auto fn = functions.find(entry);
  if (sig == signatures.end() || fn == functions.end())
    return error("unknown entry '" + entry + "'");
  if (inputs.size() != sig->second.inputs.size() ||
      outputs.size() != sig->second.outputs.size())
    return error("entry '" + entry + "' takes " +
                 llvm::Twine(sig->second.inputs.size()) + " inputs and " +
                 llvm::Twine(sig->second.outputs.size()) + " outputs");
  // _mlir_ciface_<entry>(inputs..., outputs...), each a descriptor pointer;
  // the packed form takes a pointer to each argument.
  std::vector<std::vector<int64_t>> descriptors;
  for (auto [i, p] : llvm::enumerate(inputs))
    descriptors.push_back(descriptor(p, sig->second.inputs[i].shape));
  for (auto [i, p] : llvm::enumerate(outputs))
    descriptors.push_back(descriptor(p, sig->second.outputs[i].shape));
  std::vector<void *> pointers, args;
  for (auto &d : descriptors)
    pointers.push_back(d.data());
  for (void *&p : pointers)
    args.push_back(&p);
  fn->second(args.data());
  return llvm::Error::success();
}

} // namespace kiln::runtime
