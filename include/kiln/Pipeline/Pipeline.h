//===- Pipeline.h - Kiln's named pass pipelines ---------------------------===//
#ifndef KILN_PIPELINE_PIPELINE_H
#define KILN_PIPELINE_PIPELINE_H

#include "mlir/Pass/PassOptions.h"
#include <optional>
#include <string>

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace kiln {

struct PipelineOptions : mlir::PassPipelineOptions<PipelineOptions> {
  Option<int> optLevel{*this, "opt-level",
                       llvm::cl::desc("0: the naive reference lowering (no tiling, "
                                      "fusion or vectorization)"),
                       llvm::cl::init(0)};
};

/// The pass list of `kiln-pipeline` (kiln IR in, LLVM dialect out), as text.
std::string kilnPipelineText(const PipelineOptions &options);

/// Why `options` name no pipeline (an opt-level that does not exist yet),
/// or nothing when they do.
std::optional<std::string> checkPipelineOptions(const PipelineOptions &options);

/// Adds kiln-pipeline to `pm` (anchored on builtin.module); `options` must
/// have passed checkPipelineOptions.
llvm::LogicalResult buildKilnPipeline(mlir::OpPassManager &pm,
                                      const PipelineOptions &options);

/// Registers `--kiln-pipeline` with kiln-opt.
void registerKilnPipelines();

} // namespace kiln

#endif // KILN_PIPELINE_PIPELINE_H
