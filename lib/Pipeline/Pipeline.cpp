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

// The stages of kiln-pipeline, in order; each names the IR it leaves.
static const std::pair<llvm::StringRef, std::vector<llvm::StringRef>> kStages[] = {
    // kiln -> linalg on tensors.
    {"linalg", {"kiln-to-linalg", "canonicalize", "cse"}},
    // Tensors -> buffers; results become caller-owned out-params, written in
    // place where possible; temporaries are freed.
    {"buffers", {"kiln-bufferize", "buffer-deallocation-pipeline"}},
    // Naive loops.
    {"loops", {"convert-linalg-to-loops", "lower-affine", "convert-scf-to-cf", "canonicalize"}},
    // LLVM dialect. Kiln's functions get a C interface for the runtime (before
    // libm's declarations appear, which must not get one); math without an
    // LLVM intrinsic (erf, tanh, ...) calls libm.
    {"llvm",
     {"func.func(llvm-request-c-wrappers)", "expand-strided-metadata",
      "finalize-memref-to-llvm", "convert-math-to-llvm", "convert-math-to-libm",
      "convert-arith-to-llvm", "convert-index-to-llvm", "convert-func-to-llvm",
      "convert-cf-to-llvm", "convert-ub-to-llvm", "reconcile-unrealized-casts"}},
};

std::vector<std::string> kiln::pipelineStages() {
  std::vector<std::string> names;
  for (auto &stage : kStages)
    names.push_back(stage.first.str());
  return names;
}

std::string kiln::kilnPipelineText(const PipelineOptions &, llvm::StringRef stopAfter) {
  std::vector<llvm::StringRef> passes;
  for (auto &[name, stagePasses] : kStages) {
    passes.insert(passes.end(), stagePasses.begin(), stagePasses.end());
    if (name == stopAfter)
      break;
  }
  return llvm::join(passes, ",");
}

std::optional<std::string> kiln::checkPipelineOptions(const PipelineOptions &options) {
  if (options.optLevel != 0)
    return "kiln-pipeline: opt-level=" + std::to_string(options.optLevel) +
           " is not available yet; use opt-level=0";
  return std::nullopt;
}

LogicalResult kiln::buildKilnPipeline(OpPassManager &pm, const PipelineOptions &options,
                                      llvm::StringRef stopAfter) {
  // The inner pass list, not builtin.module(...): pm is module-anchored.
  return parsePassPipeline(kilnPipelineText(options, stopAfter), pm, llvm::errs());
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
