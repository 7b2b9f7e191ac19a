//===- IRStages.h - a module's IR at each stage of kiln-pipeline ----------===//
#ifndef KILN_RUNTIME_IRSTAGES_H
#define KILN_RUNTIME_IRSTAGES_H

#include "kiln/Pipeline/Pipeline.h"
#include "llvm/Support/Error.h"

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace kiln::runtime {

/// The IR of `source` (kiln IR) after `stage`: "kiln" (as parsed and
/// verified), a stage of kiln-pipeline ("linalg", "buffers", "loops",
/// "llvm"), or "llvm-ir" (LLVM IR text). Errors carry the diagnostics.
llvm::Expected<std::string> irAtStage(mlir::MLIRContext &ctx, const std::string &source,
                                      const std::string &stage,
                                      const PipelineOptions &options);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_IRSTAGES_H
