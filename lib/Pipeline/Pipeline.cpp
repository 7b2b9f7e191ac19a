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
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

using Stage = std::pair<llvm::StringRef, std::vector<llvm::StringRef>>;

// opt-level=0, the reference: naive loops, one op after the other.
static const Stage kNaive[] = {
    // kiln -> linalg on tensors; long sums in blocks (as accurate as
    // PyTorch's cascade).
    {"linalg", {"kiln-to-linalg", "canonicalize", "cse", "func.func(kiln-cascade-sums)"}},
    // Tensors -> buffers; results become caller-owned out-params, written in
    // place where possible; temporaries are freed.
    {"buffers", {"kiln-bufferize", "buffer-deallocation-pipeline"}},
    {"loops", {"convert-linalg-to-loops", "lower-affine", "convert-scf-to-cf", "canonicalize"}},
    // LLVM dialect. Kiln's functions get a C interface for the runtime (before
    // libm's declarations appear, which must not get one); math without an LLVM
    // intrinsic (erf, tanh, ...) calls libm.
    {"llvm",
     {"func.func(llvm-request-c-wrappers)", "expand-strided-metadata", "finalize-memref-to-llvm",
      "convert-math-to-llvm", "convert-math-to-libm", "convert-arith-to-llvm",
      "convert-index-to-llvm", "convert-func-to-llvm", "convert-cf-to-llvm",
      "convert-ub-to-llvm", "reconcile-unrealized-casts"}},
};


// opt-level=3: fused, tiled for threads and registers, vectorized.
static const Stage kOptimized[] = {
    // Rows of up to 4,096 terms stay whole: kiln-vectorize sums them in a
    // vector accumulator (blocked by lanes already), and the row fusion of
    // norms and softmax reads their rows whole.
    {"linalg",
     {"kiln-to-linalg", "canonicalize", "cse", "func.func(kiln-cascade-sums{rows-up-to=4096})"}},
    // 1x1 convolutions as GEMMs, transposed ones by output row phase,
    // strided ones as stride-1 ones, those computed channels-last where
    // their channels fill vectors, the others' rows padded to whole vectors;
    // pointwise chains become one generic; then each root op is tiled into
    // an scf.forall with its producers fused in (sizes: kiln-strategy), and
    // a tile's pooling over a padded input split into interior and border.
    // What is computed from a model's weights alone (filters laid out for
    // these convolutions) moves to a prepare entry, run once.
    {"fused",
     {"func.func(kiln-pointwise-conv-to-matmul)", "func.func(kiln-decompose-transposed-conv)",
      "func.func(kiln-decompose-strided-conv)",
      "func.func(kiln-channels-last-conv)", "func.func(kiln-pad-conv-width)",
      "canonicalize", "func.func(kiln-fuse-elementwise)", "canonicalize", "cse",
      "kiln-prepare-constants", "func.func(kiln-strategy)",
      "func.func(kiln-tile-and-fuse)", "func.func(kiln-interleave-rows)",
      "func.func(kiln-pad-in-tile)", "func.func(kiln-peel-padded-windows)", "canonicalize",
      "cse"}},
    // Register tiles as vector ops, math functions as polynomials (not a
    // libm call per lane), min/max without signed-zero ordering;
    // accumulators hoisted out of reduction loops into registers (on
    // tensors, where the hoisting is reliable).
    {"optimized",
     {"func.func(kiln-tile-caches)", "func.func(kiln-vectorize)",
      "func.func(kiln-fuse-multiply-add)", "func.func(kiln-splat-rows)",
      "func.func(kiln-approximate-math)",
      "func.func(kiln-relax-min-max)", "canonicalize", "cse", "loop-invariant-subset-hoisting",
      "canonicalize", "cse"}},
    // Slices written back where they were read bufferize to copies of a
    // view onto an identical view: cse makes the views one value, and
    // canonicalize then drops the self-copies. A row loop's scratch buffers
    // are allocated once, before it (not a malloc per row). The copies and
    // fills left (pads, slices returned) are spread over the threads and
    // vectorized. Then each loop nest becomes a kernel function, identical
    // ones one, lowered from here on once each and several at a time (the
    // entries get their C interface first: the kernels must not); each
    // intermediate is freed once the last kernel that reads it is done.
    {"buffers",
     {"kiln-bufferize", "cse", "canonicalize", "func.func(buffer-loop-hoisting)",
      "buffer-deallocation-pipeline", "canonicalize",
      "func.func(kiln-parallelize-copies)", "func.func(kiln-vectorize)",
      "func.func(kiln-fuse-multiply-add)", "func.func(kiln-flatten-narrow-transfers)",
      "canonicalize", "func.func(llvm-request-c-wrappers)", "kiln-outline-kernels",
      "func.func(kiln-dealloc-after-last-use)"}},
    // A row loop's first reduction prefetches the next row, a GEMM's
    // register tile loop its next step's accumulators, a loop over a deep
    // convolution's input channel slices the next slice's weights. What is
    // left of linalg (fills, copies, ops the vectorizer does not take) becomes
    // affine loops, cleaned up before lower-affine; forall tiles become an
    // OpenMP parallel loop. n-D vector transfers unroll into 1-D ones (by
    // default each step would go through a stack buffer, an alloca per
    // iteration of the loop around it). Vector reductions become one
    // llvm.vector.reduce each (a tree of vector ops, reassociated), not a
    // chain of scalar ops (the inner-parallel default for 1-D vectors).
    // From here on, a pass that adds no symbol to the module runs nested,
    // on several kernels at a time.
    {"loops",
     {"func.func(kiln-prefetch-next-row,kiln-prefetch-next-tile,kiln-prefetch-next-slice,"
      "convert-linalg-to-affine-loops,affine-scalrep,affine-loop-invariant-code-motion,"
      "lower-affine,scf-forall-to-parallel)",
      "convert-scf-to-openmp",
      "func.func(convert-vector-to-scf{full-unroll=1},"
      "lower-vector-multi-reduction{lowering-strategy=inner-reduction},canonicalize,cse)"}},
    // Subview offsets become affine.apply (expand-strided-metadata), lowered
    // again. Math on vectors unrolls into libm calls before vectors become
    // LLVM. finalize-memref-to-llvm must precede convert-scf-to-cf under OpenMP
    // (memref.alloca_scope), and convert-openmp-to-llvm follow it; it
    // converts whatever arith, cf, memref and func is left too, on one
    // thread: vectors and arith go first, nested.
    {"llvm",
     {"func.func(convert-math-to-llvm)", "convert-math-to-libm",
      "func.func(expand-strided-metadata,lower-affine)", "finalize-memref-to-llvm",
      "func.func(convert-vector-to-llvm{vector-contract-lowering=outerproduct "
      "reassociate-fp-reductions=1 enable-x86vector=1},"
      "convert-scf-to-cf,convert-arith-to-llvm,convert-index-to-llvm,convert-ub-to-llvm)",
      "convert-openmp-to-llvm", "convert-func-to-llvm", "convert-cf-to-llvm",
      "reconcile-unrealized-casts"}},
};

static llvm::ArrayRef<Stage> stagesOf(const kiln::PipelineOptions &options) {
  if (options.optLevel == 0)
    return kNaive;
  return kOptimized;
}

std::vector<std::string> kiln::pipelineStages(const PipelineOptions &options) {
  std::vector<std::string> names;
  for (auto &stage : stagesOf(options))
    names.push_back(stage.first.str());
  return names;
}

std::string kiln::kilnPipelineText(const PipelineOptions &options, llvm::StringRef stopAfter,
                                   llvm::StringRef startAfter) {
  if (stopAfter.empty())
    stopAfter = options.stopAfter;
  // The target first: every pass after it reads it.
  std::string target = "kiln-set-target{cpu=" + options.targetCpu.getValue();
  if (!options.targetFeatures.empty())
    target += " features=" + options.targetFeatures.getValue();
  std::vector<std::string> passes = {target + "}"};
  bool started = startAfter.empty();
  for (auto &[name, stagePasses] : stagesOf(options)) {
    if (started)
      for (llvm::StringRef pass : stagePasses)
        passes.push_back(pass.str());
    if (name == stopAfter)
      break;
    started |= name == startAfter;
  }
  return llvm::join(passes, ",");
}

std::string kiln::entriesFinalAfter(const PipelineOptions &options) {
  return options.optLevel == 0 ? "linalg" : "fused";
}

std::optional<std::string> kiln::checkPipelineOptions(const PipelineOptions &options) {
  if (options.optLevel != 0 && options.optLevel != 3)
    return "kiln-pipeline: opt-level=" + std::to_string(options.optLevel) +
           " does not exist; use 0 (reference) or 3 (optimized)";
  std::vector<std::string> stages = pipelineStages(options);
  if (!options.stopAfter.empty() && !llvm::is_contained(stages, options.stopAfter.getValue()))
    return "kiln-pipeline: stop-after=" + options.stopAfter.getValue() +
           " is not a stage; the stages are " + llvm::join(stages, ", ");
  return std::nullopt;
}

LogicalResult kiln::buildKilnPipeline(OpPassManager &pm, const PipelineOptions &options,
                                      llvm::StringRef stopAfter) {
  // The inner pass list, not builtin.module(...): pm is module-anchored.
  return parsePassPipeline(kilnPipelineText(options, stopAfter), pm, llvm::errs());
}

void kiln::registerKilnPipelines() {
  registerPassPipeline(
      "kiln-pipeline", "Lower kiln IR to the LLVM dialect (opt-level=3: optimized, 0: reference)",
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
