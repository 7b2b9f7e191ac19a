//===- JitModule.h - compile kiln IR and call it --------------------------===//
#ifndef KILN_RUNTIME_JITMODULE_H
#define KILN_RUNTIME_JITMODULE_H

#include "kiln/Pipeline/Pipeline.h"
#include "kiln/Runtime/Signature.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <memory>

namespace mlir {
class ExecutionEngine;
class ModuleOp;
} // namespace mlir

namespace kiln::runtime {

/// A module of kiln functions compiled by kiln-pipeline and JIT-compiled
/// for the host CPU. Every public function is an entry point taking its
/// inputs and writing its results into caller-owned buffers.
class JitModule {
public:
  /// Compiles `module` (kiln IR; lowered in place).
  static llvm::Expected<std::unique_ptr<JitModule>>
  compile(mlir::ModuleOp module, const PipelineOptions &options);
  ~JitModule();

  /// The entry points, by name.
  const llvm::StringMap<Signature> &entries() const { return signatures; }

  /// Runs `entry`: `inputs` and `outputs` point to dense C-ordered arrays of
  /// the signature's shapes and dtypes (unchecked: see checkArguments).
  llvm::Error run(llvm::StringRef entry, llvm::ArrayRef<const void *> inputs,
                  llvm::ArrayRef<void *> outputs) const;

  /// Why `inputs` cannot be passed to `entry`, if they cannot.
  llvm::Error checkInputs(llvm::StringRef entry,
                          llvm::ArrayRef<const HostTensor *> inputs) const;

private:
  JitModule() = default;
  std::unique_ptr<mlir::ExecutionEngine> engine;
  llvm::StringMap<Signature> signatures;
  llvm::StringMap<void (*)(void **)> functions;
};

} // namespace kiln::runtime

#endif // KILN_RUNTIME_JITMODULE_H
