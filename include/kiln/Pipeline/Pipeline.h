//===- Pipeline.h - Kiln's named pass pipelines ---------------------------===//
#ifndef KILN_PIPELINE_PIPELINE_H
#define KILN_PIPELINE_PIPELINE_H

#include "mlir/Pass/PassOptions.h"
#include <optional>
#include <string>
#include <vector>

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace kiln {

struct PipelineOptions : mlir::PassPipelineOptions<PipelineOptions> {
  Option<int> optLevel{*this, "opt-level",
                       llvm::cl::desc("3: fused, tiled, vectorized, multi-threaded; "
                                      "0: the naive reference lowering"),
                       llvm::cl::init(3)};
  Option<std::string> targetCpu{*this, "target-cpu",
                                llvm::cl::desc("LLVM's name of the CPU to compile for ('host': "
                                               "this machine's); kiln-set-target describes it"),
                                llvm::cl::init("host")};
  Option<std::string> targetFeatures{*this, "target-features",
                                     llvm::cl::desc("LLVM target features on top of the CPU's "
                                                    "(+avx512f,...)"),
                                     llvm::cl::init("")};
  Option<std::string> stopAfter{*this, "stop-after",
                                llvm::cl::desc("The last stage to run (see pipelineStages); "
                                               "an earlier one gives the IR it hands on"),
                                llvm::cl::init("llvm")};
};

/// The stages of kiln-pipeline, in order: linalg, buffers, loops, llvm at
/// opt-level=0; linalg, fused, optimized, buffers, loops, llvm at 3.
std::vector<std::string> pipelineStages(const PipelineOptions &options);

/// The pass list of `kiln-pipeline` (kiln IR in, LLVM dialect out), as text;
/// with `stopAfter` (or else the stop-after option), only up to the end of
/// that stage; with `startAfter`, only the stages after that one (the
/// target is set first either way).
std::string kilnPipelineText(const PipelineOptions &options,
                             llvm::StringRef stopAfter = "", llvm::StringRef startAfter = "");

/// The stage after which the entries' signatures (public functions on
/// tensors) are final: kiln-prepare-constants adds entries and arguments.
std::string entriesFinalAfter(const PipelineOptions &options);

/// Why `options` name no pipeline (an opt-level that does not exist yet),
/// or nothing when they do.
std::optional<std::string> checkPipelineOptions(const PipelineOptions &options);

/// Adds kiln-pipeline to `pm` (anchored on builtin.module); `options` must
/// have passed checkPipelineOptions, and the passes be registered
/// (kiln::registerAllPasses).
llvm::LogicalResult buildKilnPipeline(mlir::OpPassManager &pm,
                                      const PipelineOptions &options,
                                      llvm::StringRef stopAfter = "");

/// Registers `--kiln-pipeline` with kiln-opt.
void registerKilnPipelines();

} // namespace kiln

#endif // KILN_PIPELINE_PIPELINE_H
