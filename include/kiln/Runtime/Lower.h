//===- Lower.h - kiln-pipeline with diagnosable failures ------------------===//
#ifndef KILN_RUNTIME_LOWER_H
#define KILN_RUNTIME_LOWER_H

#include "kiln/Pipeline/Pipeline.h"
#include "kiln/Runtime/Signature.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace kiln::runtime {

/// Runs kiln-pipeline on `module` (through the end of stage `stopAfter`, or
/// all of it). Every tool lowers through here: the JIT, AOT and the IR
/// stages. On failure the error says which pass failed on which kiln op
/// (its operand and result types), carries MLIR's diagnostics (none go to
/// stderr), and names a file holding the input IR with the kiln-opt command
/// that reproduces the failure. With `entries`, the entries' signatures as
/// the pipeline leaves them (kiln-prepare-constants adds entries and
/// arguments) are written there.
llvm::Error lowerToLLVM(mlir::ModuleOp module, const PipelineOptions &options,
                        llvm::StringRef stopAfter = "",
                        llvm::StringMap<Signature> *entries = nullptr);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_LOWER_H
