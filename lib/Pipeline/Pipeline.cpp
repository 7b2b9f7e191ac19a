//===- Pipeline.cpp - Kiln's named pass pipelines -------------------------===//
//
// One place for the pass order from kiln IR to the LLVM dialect. Every tool
// (kiln-opt, kiln-run, the Python extension) builds its pipeline here.
//
//===----------------------------------------------------------------------===//

#include "kiln/Pipeline/Pipeline.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

std::string kiln::kilnPipelineText(const PipelineOptions &) {
  return llvm::join(
      llvm::ArrayRef<llvm::StringRef>{
          // Stage 1: kiln -> linalg on tensors.
          "kiln-to-linalg", "canonicalize", "cse",
          // Tensors -> buffers; results become caller-owned out-params,
          // written in place where possible; temporaries are freed.
          "kiln-bufferize",
          "buffer-deallocation-pipeline",
          // Naive loops.
          "convert-linalg-to-loops", "lower-affine", "convert-scf-to-cf",
          "canonicalize",
          // LLVM dialect. Kiln's functions get a C interface for the runtime
          // (before libm's declarations appear, which must not get one);
          // math without an LLVM intrinsic (erf, tanh, ...) calls libm.
          "func.func(llvm-request-c-wrappers)", "expand-strided-metadata",
          "finalize-memref-to-llvm", "convert-math-to-llvm", "convert-math-to-libm",
          "convert-arith-to-llvm",
          "convert-index-to-llvm", "convert-func-to-llvm", "convert-cf-to-llvm",
          "convert-ub-to-llvm", "reconcile-unrealized-casts"},
      ",");
}

std::optional<std::string> kiln::checkPipelineOptions(const PipelineOptions &options) {
  if (options.optLevel != 0)
    return "kiln-pipeline: opt-level=" + std::to_string(options.optLevel) +
           " is not available yet; use opt-level=0";
  return std::nullopt;
}

LogicalResult kiln::buildKilnPipeline(OpPassManager &pm,
                                      const PipelineOptions &options) {
  // The inner pass list, not builtin.module(...): pm is module-anchored.
  return parsePassPipeline(kilnPipelineText(options), pm, llvm::errs());
}

void kiln::registerKilnPipelines() {
  registerPassPipeline(
      "kiln-pipeline", "Lower kiln IR to the LLVM dialect (opt-level=0: reference)",
      [](OpPassManager &pm, StringRef text,
         function_ref<LogicalResult(const Twine &)> error) -> LogicalResult {
        std::unique_ptr<PipelineOptions> options = PipelineOptions::createFromString(text);
        if (!options)
          return error("kiln-pipeline: cannot parse options '" + text + "'");
        if (std::optional<std::string> why = checkPipelineOptions(*options))
          return error(*why);
        return buildKilnPipeline(pm, *options);
      },
      [](function_ref<void(const detail::PassOptions &)> optionHandler) {
        PipelineOptions options;
        optionHandler(options);
      });
}
