//===- Vectorize.cpp - kiln-vectorize -------------------------------------===//
//
// Register tiling (upstream scf::tileUsingSCF), 2-D -> 1-D window
// decomposition (upstream DownscaleSizeOneWindowed2DConvolution) and
// upstream linalg::vectorize, driven by the `kiln.register_tiles` attribute
// (see KilnVectorize in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNVECTORIZE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// The upstream window decompositions are patterns; this calls one directly.
struct DirectRewriter : PatternRewriter {
  explicit DirectRewriter(MLIRContext *context) : PatternRewriter(context) {}
};

// A 2-D window op with one output row and one kernel row as its 1-D form.
Operation *decomposeWindow(Operation *op, PatternRewriter &rewriter) {
  rewriter.setInsertionPoint(op);
  auto downscale = [&](auto pattern, auto concreteOp) -> Operation * {
    auto result = pattern.returningMatchAndRewrite(concreteOp, rewriter);
    return succeeded(result) ? result->getOperation() : nullptr;
  };
  MLIRContext *ctx = op->getContext();
  if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op))
    return downscale(linalg::DownscaleSizeOneWindowed2DConvolution<linalg::Conv2DNchwFchwOp,
                                                                   linalg::Conv1DNcwFcwOp>(ctx),
                     conv);
  if (auto pool = dyn_cast<linalg::PoolingNchwMaxOp>(op))
    return downscale(linalg::DownscaleSizeOneWindowed2DConvolution<linalg::PoolingNchwMaxOp,
                                                                   linalg::PoolingNcwMaxOp>(ctx),
                     pool);
  if (auto pool = dyn_cast<linalg::PoolingNchwSumOp>(op))
    return downscale(linalg::DownscaleSizeOneWindowed2DConvolution<linalg::PoolingNchwSumOp,
                                                                   linalg::PoolingNcwSumOp>(ctx),
                     pool);
  return op;
}

// Tiles `op` to its register tiles; returns the ops to vectorize.
SmallVector<Operation *> tileToRegisters(linalg::LinalgOp op, RewriterBase &rewriter) {
  auto attr = op->getAttrOfType<DenseI64ArrayAttr>(kiln::kRegisterTilesAttr);
  op->removeAttr(kiln::kRegisterTilesAttr);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (attr.size() != static_cast<int64_t>(ranges.size()) ||
      llvm::any_of(ranges, ShapedType::isDynamic))
    return {};
  SmallVector<int64_t> tiles = kiln::fitTiles(attr.asArrayRef(), ranges);
  if (llvm::all_of(tiles, [](int64_t t) { return t == 0; }))
    return {op};
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), tiles));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return {};
  rewriter.replaceOp(op, tiled->replacements);
  return tiled->tiledOps;
}

struct KilnVectorizePass : kiln::impl::KilnVectorizeBase<KilnVectorizePass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    getOperation().walk([&](linalg::LinalgOp op) {
      if (op->hasAttr(kiln::kRegisterTilesAttr))
        candidates.push_back(op);
    });
    DirectRewriter rewriter(&getContext());
    for (linalg::LinalgOp candidate : candidates) {
      for (Operation *tile : tileToRegisters(candidate, rewriter)) {
        Operation *op = decomposeWindow(tile, rewriter);
        if (!op || failed(linalg::vectorizeOpPrecondition(op, {}, {}, true)))
          continue; // stays linalg: loops later
        rewriter.setInsertionPoint(op);
        FailureOr<linalg::VectorizationResult> vectorized =
            linalg::vectorize(rewriter, op, {}, {}, /*vectorizeNDExtract=*/true,
                              /*flatten1DDepthwiseConv=*/false,
                              /*assumeDynamicDimsMatchVecSizes=*/false,
                              /*createNamedContraction=*/true);
        if (succeeded(vectorized))
          rewriter.replaceOp(op, vectorized->replacements);
      }
    }
  }
};

} // namespace
