//===- Tiling.cpp - tiling steps kiln-tile-caches and kiln-vectorize share ===//
//
// See include/kiln/Transforms/Tiling.h.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Tiling.h"

#include "kiln/Transforms/Strategy.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"

using namespace mlir;

namespace kiln {

// Tiles `op` with scf.for to `sizes` (in loop order `order`, if given);
// returns the tiled op, or nothing when tiling failed.
FailureOr<Operation *> tileWithLoops(linalg::LinalgOp op, ArrayRef<int64_t> sizes,
                                     ArrayRef<int64_t> order, RewriterBase &rewriter) {
  if (llvm::all_of(sizes, [](int64_t t) { return t == 0; }))
    return op.getOperation();
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), sizes));
  if (order.size() == sizes.size())
    options.setInterchange(order);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled) || tiled->tiledOps.size() != 1)
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  return tiled->tiledOps.front();
}

// The dim of `op`'s lone reduction loop when `sizes` tiles it to 2 to 64
// elements (an accumulator that stays in registers; longer chunks, 1,024
// for rows beyond 4,096, are reduced one after another, each to a scalar)
// and its combiner has a neutral element (add, max, ...; not an argmax's
// compare and select), so upstream can split it.
std::optional<unsigned> splitReductionDim(linalg::LinalgOp op, ArrayRef<int64_t> sizes) {
  SmallVector<unsigned> reductions;
  op.getReductionDims(reductions);
  if (reductions.size() != 1 || op.getNumDpsInits() != 1 || sizes[reductions.front()] <= 1 ||
      sizes[reductions.front()] > 64)
    return std::nullopt;
  SmallVector<Operation *> combiners;
  Block *body = op.getBlock();
  if (!matchReduction(body->getArguments().take_back(1), 0, combiners) ||
      combiners.size() != 1 || !arith::getNeutralElement(combiners.front()))
    return std::nullopt;
  return reductions.front();
}

// The fill that `op`'s accumulator starts from, when `op` is its only
// user.
linalg::FillOp fillOfInit(linalg::LinalgOp op) {
  if (op.getNumDpsInits() != 1)
    return {};
  auto fill = op.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
  return fill && fill->hasOneUse() ? fill : linalg::FillOp();
}

// The reduction dims that `op`'s cache tiles cut into slices (each slice
// adding to what the one before left).
SmallVector<unsigned> slicedReductions(linalg::LinalgOp op) {
  SmallVector<unsigned> sliced;
  kiln::TilingAttr tiling = kiln::tilingOf(op);
  if (!tiling || tiling.getCache().empty())
    return sliced;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> blocks = kiln::fitTiles(tiling.getCache(), ranges);
  for (auto [dim, iterator] : llvm::enumerate(iterators))
    if (!linalg::isParallelIterator(iterator) && blocks[dim] != 0)
      sliced.push_back(dim);
  return sliced;
}

// Whether the fill of `op`'s accumulator goes into its register tiles: `op` reduces innermost in its register loop order and
// its cache tiles, if any, leave the reduction whole, so each register
// tile starts from the fill once and accumulates in registers (no pass
// that fills the result, no load of it back).
bool fusesInitFill(linalg::LinalgOp op) {
  kiln::TilingAttr tiling = kiln::tilingOf(op);
  if (!tiling || tiling.getRegisters().empty() || !fillOfInit(op) ||
      op.getNumReductionLoops() == 0 || !slicedReductions(op).empty())
    return false;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> sizes = kiln::fitTiles(tiling.getRegisters(), ranges);
  // The fill goes into tiles of the parallel loops: with none (a row
  // reduced whole, register tiles of 0) the op is vectorized whole, from
  // the fill vectorized on its own.
  if (llvm::none_of(llvm::seq<int64_t>(0, op.getNumLoops()), [&](int64_t d) {
        return linalg::isParallelIterator(iterators[d]) && sizes[d] != 0;
      }))
    return false;
  SmallVector<int64_t> order(tiling.getOrder());
  if (order.empty())
    order = llvm::to_vector(llvm::seq<int64_t>(0, op.getNumLoops()));
  return std::is_partitioned(
             order.begin(), order.end(),
             [&](int64_t d) { return linalg::isParallelIterator(iterators[d]); }) &&
         !splitReductionDim(op, sizes);
}

// Tiles parallel loops of `op` to `sizes` with the fill of its accumulator
// fused in: each tile fills its own part, then computes. Returns the tiled
// op and the fill's tile.
FailureOr<std::pair<linalg::LinalgOp, linalg::FillOp>>
tileFusingFill(linalg::LinalgOp op, linalg::FillOp fill, ArrayRef<int64_t> sizes,
               ArrayRef<int64_t> order, RewriterBase &rewriter) {
  scf::SCFTileAndFuseOptions options;
  options.tilingOptions.setTileSizes(getAsIndexOpFoldResult(op->getContext(), sizes));
  if (order.size() == sizes.size())
    options.tilingOptions.setInterchange(order);
  options.setFusionControlFn([&](tensor::ExtractSliceOp, OpResult producer, bool)
                                 -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
    if (producer.getOwner() != fill.getOperation())
      return std::nullopt;
    return scf::SCFTileAndFuseOptions::ControlFnResult{};
  });
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTileAndFuseResult> tiled = scf::tileConsumerAndFuseProducersUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled) || tiled->tiledAndFusedOps.size() != 2)
    return failure();
  for (OpResult result : op->getResults())
    rewriter.replaceAllUsesWith(result, tiled->replacements.lookup(result));
  rewriter.eraseOp(op);
  if (fill->use_empty())
    rewriter.eraseOp(fill);
  linalg::FillOp fillTile;
  linalg::LinalgOp opTile;
  for (Operation *made : tiled->tiledAndFusedOps) {
    if (auto tile = dyn_cast<linalg::FillOp>(made))
      fillTile = tile;
    else
      opTile = cast<linalg::LinalgOp>(made);
  }
  if (!fillTile || !opTile)
    return failure();
  return std::make_pair(opTile, fillTile);
}

} // namespace kiln
