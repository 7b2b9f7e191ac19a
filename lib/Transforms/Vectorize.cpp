//===- Vectorize.cpp - kiln-vectorize -------------------------------------===//
//
// Register tiling (upstream scf::tileUsingSCF), 2-D -> 1-D window
// decomposition (upstream DownscaleSizeOneWindowed2DConvolution) and
// upstream linalg::vectorize, driven by each op's #kiln.tiling (see
// KilnVectorize in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "kiln/Utils/MultiplyAccumulate.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
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

// A strided 1-D pooling tile (one row of outputs, all kernel taps) as
// vectors, 16 outputs at a time: for each tap, the stride·16 contiguous
// inputs it reaches are read and its lanes (kw·d + s·i for output i) picked
// out with one vector.shuffle, then folded into the accumulator. Upstream
// vectorizes strided windows one output element at a time (an extract per
// lane). Chunks of 16 keep the vectors whole registers (but for a row's
// last, shorter chunk): one read of the whole row (say 113 wide) and
// 56-wide accumulators made LLVM assemble vectors element by element.
template <typename PoolOp>
LogicalResult vectorizeStridedPool(PoolOp op, bool isMax, RewriterBase &rewriter) {
  auto input = dyn_cast<RankedTensorType>(op.getInputs()[0].getType());
  auto output = dyn_cast<RankedTensorType>(op.getOutputs()[0].getType());
  auto kernel = dyn_cast<RankedTensorType>(op.getInputs()[1].getType());
  if (!op.hasPureTensorSemantics() || !input || !output || !kernel ||
      !input.hasStaticShape() || !output.hasStaticShape() ||
      !kernel.hasStaticShape() || input.getDimSize(0) != 1 || input.getDimSize(1) != 1 ||
      !input.getElementType().isF32())
    return failure();
  int64_t stride = (*op.getStrides().template getValues<int64_t>().begin());
  int64_t dilation = (*op.getDilations().template getValues<int64_t>().begin());
  int64_t width = input.getDimSize(2), outputs = output.getDimSize(2), taps = kernel.getDimSize(0);
  if (stride == 1 || dilation * (taps - 1) + stride * (outputs - 1) >= width)
    return failure();
  constexpr int64_t chunk = 16;
  Location loc = op.getLoc();
  MLIRContext *ctx = op.getContext();
  rewriter.setInsertionPoint(op);
  Type f32 = input.getElementType();
  Value pad = ub::PoisonOp::create(rewriter, loc, f32);
  AffineMap row = AffineMap::get(3, 0, {getAffineDimExpr(2, ctx)}, ctx);
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  auto at = [&](int64_t column) {
    return SmallVector<Value>{zero, zero, arith::ConstantIndexOp::create(rewriter, loc, column)};
  };
  auto read = [&](Value from, int64_t column, int64_t length) {
    return vector::TransferReadOp::create(rewriter, loc, VectorType::get({length}, f32), from,
                                          at(column), AffineMapAttr::get(row), pad,
                                          /*mask=*/Value(), rewriter.getBoolArrayAttr({true}));
  };
  Value result = op.getOutputs()[0];
  for (int64_t first = 0; first < outputs; first += chunk) {
    int64_t count = std::min(chunk, outputs - first);
    Value acc = read(result, first, count);
    for (int64_t kw = 0; kw < taps; ++kw) {
      // The span starting at this tap's first input, moved back to end
      // within the row (its last stride - 1 inputs are not used).
      int64_t start = kw * dilation + stride * first;
      int64_t span = std::min(stride * count, width);
      int64_t from = std::min(start, width - span);
      Value in = read(op.getInputs()[0], from, span);
      SmallVector<int64_t> lanes;
      for (int64_t i = 0; i < count; ++i)
        lanes.push_back(start - from + stride * i);
      Value tap = vector::ShuffleOp::create(rewriter, loc, in, in, lanes);
      acc = isMax ? Value(arith::MaximumFOp::create(rewriter, loc, acc, tap))
                  : Value(arith::AddFOp::create(rewriter, loc, acc, tap));
    }
    result = vector::TransferWriteOp::create(rewriter, loc, acc, result, at(first),
                                             AffineMapAttr::get(row), Value(),
                                             rewriter.getBoolArrayAttr({true}))
                 .getResult();
  }
  rewriter.replaceOp(op, result);
  return success();
}

LogicalResult vectorizeStridedPool(Operation *op, RewriterBase &rewriter) {
  if (auto pool = dyn_cast<linalg::PoolingNcwMaxOp>(op))
    return vectorizeStridedPool(pool, /*isMax=*/true, rewriter);
  if (auto pool = dyn_cast<linalg::PoolingNcwSumOp>(op))
    return vectorizeStridedPool(pool, /*isMax=*/false, rewriter);
  return failure();
}

// A 2-D convolution of width stride 1 as a generic: once tiled to one
// output row and one kernel tap, its unit loops drop (below) and what is
// left is out[f][ow:ow+V] += w[f] * in[ow:ow+V], whole vectors along the
// row (a height stride only moves the row). (The 1-D convolution
// vectorizer keeps the output channels innermost, which for NCHW means
// transposes and narrow vectors; width-strided convolutions, which a
// generic cannot read as vectors, still take that path.)
linalg::LinalgOp asGenericIfUnitWidthStride(linalg::LinalgOp op, RewriterBase &rewriter) {
  auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op.getOperation());
  if (!conv || *std::next(conv.getStrides().getValues<int64_t>().begin()) != 1)
    return op;
  kiln::TilingAttr tiling = kiln::tilingOf(op);
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic = linalg::generalizeNamedOp(rewriter, op);
  if (failed(generic))
    return op;
  kiln::setTiling(*generic, tiling);
  return *generic;
}

// A tile's unit loops dropped, so window maps such as (oh + kh) with both
// loops of size 1 vanish and the vectorizer sees plain projections.
Operation *dropUnitLoops(Operation *op, RewriterBase &rewriter) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic)
    return op;
  rewriter.setInsertionPoint(op);
  // Rank-reducing slices rather than reshapes: later, the accumulator's
  // slice and vector transfers hoist out of the reduction loops as pairs.
  linalg::ControlDropUnitDims control;
  control.rankReductionStrategy =
      linalg::ControlDropUnitDims::RankReductionStrategy::ExtractInsertSlice;
  FailureOr<linalg::DropUnitDimsResult> dropped =
      linalg::dropUnitDims(rewriter, generic, control);
  if (failed(dropped))
    return op;
  rewriter.replaceOp(op, dropped->replacements);
  return dropped->resultOp;
}

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

// A reduction loop tiled to a chunk of 2 to 64 elements as a partial reduction
// (upstream PartialReductionOuterReduction): each step folds its chunk
// elementwise into an accumulator of the chunk's shape, which the loop
// carries (in registers, once vectorized and hoisted), and one vector
// reduction after the loop merges it. `op` has its other loops tiled
// already (upstream splits only untiled ones). The loop is annotated for
// LLVM not to unroll it (the annotation reaches the loop's branch through
// the upstream lowerings): unrolled, its loads reordered, layer_norm's rows
// ran clearly slower than a relu over the same data; rolled, about as fast.
// Returns the ops to vectorize (the accumulator's fill, the step, the
// merge).
FailureOr<SmallVector<Operation *>> splitReduction(linalg::LinalgOp op, unsigned dim,
                                                   int64_t size, RewriterBase &rewriter) {
  MLIRContext *ctx = op->getContext();
  SmallVector<int64_t> sizes(op.getNumLoops(), 0);
  sizes[dim] = size;
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(ctx, sizes));
  options.setReductionTilingStrategy(ReductionTilingStrategy::PartialReductionOuterReduction);
  options.setReductionDims({dim});
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  auto unroll = LLVM::LoopUnrollAttr::get(ctx, /*disable=*/BoolAttr::get(ctx, true), {}, {}, {},
                                          {}, {}, {});
  tiled->loops.front()->setAttr(
      "loop_annotation", LLVM::LoopAnnotationAttr::get(ctx, {}, {}, {}, unroll, {}, {}, {}, {},
                                                       {}, {}, {}, {}, {}, {}, {}));
  SmallVector<Operation *> ops;
  for (Value init : tiled->initialValues)
    if (Operation *fill = init.getDefiningOp())
      ops.push_back(fill);
  llvm::append_range(ops, tiled->tiledOps);
  llvm::append_range(ops, tiled->mergeOps);
  return ops;
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

// Whether tileToRegisters fuses the fill of `op`'s accumulator into its
// register tiles: `op` reduces innermost in its register loop order and
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

// A reduction whose cache tiles cut one reduction dim into slices, with
// its accumulator starting from a fill, as two ops: its first slice, which
// starts from the fill (and so takes it into its register tiles), and the
// rest, which adds to what the first left. Each is the op's tile over that
// part of the dim (upstream TilingInterface), carrying the op's tile sizes;
// the accumulation runs in the same order. Returns the two, or nothing.
std::optional<std::pair<linalg::LinalgOp, linalg::LinalgOp>>
splitFirstSlice(linalg::LinalgOp op, RewriterBase &rewriter) {
  SmallVector<unsigned> sliced = slicedReductions(op);
  if (sliced.size() != 1 || !fillOfInit(op) || op->getNumResults() != 1)
    return std::nullopt;
  unsigned dim = sliced.front();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t slice = kiln::fitTiles(kiln::tilingOf(op).getCache(), ranges)[dim];
  if (llvm::any_of(ranges, ShapedType::isDynamic) || slice >= ranges[dim])
    return std::nullopt;
  auto part = [&](int64_t offset, int64_t size, Value init) -> linalg::LinalgOp {
    SmallVector<OpFoldResult> offsets(ranges.size(), rewriter.getIndexAttr(0)), sizes;
    for (int64_t range : ranges)
      sizes.push_back(rewriter.getIndexAttr(range));
    offsets[dim] = rewriter.getIndexAttr(offset);
    sizes[dim] = rewriter.getIndexAttr(size);
    IRMapping initOf;
    initOf.map(op.getDpsInitOperand(0)->get(), init);
    auto clone = cast<linalg::LinalgOp>(rewriter.clone(*op, initOf));
    FailureOr<TilingResult> tiled =
        cast<TilingInterface>(clone.getOperation()).getTiledImplementation(rewriter, offsets, sizes);
    rewriter.eraseOp(clone);
    if (failed(tiled) || tiled->tiledOps.size() != 1)
      return {};
    auto made = cast<linalg::LinalgOp>(tiled->tiledOps.front());
    // The output is not cut (the dim is a reduction): its slice is all of
    // it, and the part writes into `init` itself.
    if (auto whole = made.getDpsInitOperand(0)->get().getDefiningOp<tensor::ExtractSliceOp>();
        whole && whole.getSource().getType() == whole.getType()) {
      made.getDpsInitOperand(0)->set(whole.getSource());
      rewriter.eraseOp(whole);
    }
    kiln::setTiling(made, kiln::tilingOf(op));
    return made;
  };
  rewriter.setInsertionPoint(op);
  linalg::LinalgOp first = part(0, slice, op.getDpsInitOperand(0)->get());
  if (!first)
    return std::nullopt;
  linalg::LinalgOp rest = part(slice, ranges[dim] - slice, first->getResult(0));
  if (!rest) {
    rewriter.eraseOp(first);
    return std::nullopt;
  }
  rewriter.replaceOp(op, rest->getResult(0));
  return std::make_pair(first, rest);
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

// Tiles `op` to `sizes` in two steps: its parallel loops, with the fill of
// its accumulator fused in (each register tile filled, then reduced), then
// its reduction loops. Returns the fill's tile and the tiled op.
FailureOr<SmallVector<Operation *>> tileFusingInitFill(linalg::LinalgOp op, linalg::FillOp fill,
                                                       ArrayRef<int64_t> sizes,
                                                       ArrayRef<int64_t> order,
                                                       RewriterBase &rewriter) {
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> parallel(sizes), reduction(sizes);
  for (auto [i, iterator] : llvm::enumerate(iterators))
    (linalg::isParallelIterator(iterator) ? reduction : parallel)[i] = 0;
  auto tiled = tileFusingFill(op, fill, parallel, order, rewriter);
  if (failed(tiled))
    return failure();
  auto [opTile, fillTile] = *tiled;
  // As a generic, the fill's tile loses its unit dims as the op's does, so
  // the op's first read of its accumulator is what the fill wrote (and
  // folds to the fill's value once hoisted from the reduction loops).
  rewriter.setInsertionPoint(fillTile);
  FailureOr<linalg::GenericOp> fillGeneric = linalg::generalizeNamedOp(rewriter, fillTile);
  if (failed(fillGeneric))
    return failure();
  FailureOr<Operation *> reduced = tileWithLoops(opTile, reduction, order, rewriter);
  if (failed(reduced))
    return failure();
  return SmallVector<Operation *>{*fillGeneric, *reduced};
}

// A cache tile of a GEMM, C[m, n] += A[m, k] · B, with its B block packed
// into panels of `nr` columns, Bp[n / nr][k][n % nr], as Goto's GEMM does:
// the register tile then streams its panel from consecutive lines instead
// of one line per row of B, rows a large power of two apart that contend
// for the same cache sets; a B held as [n, k] (a linear layer's weight) is
// transposed by the packing, so the register tile's row of B is contiguous
// either way. Returns the packing transpose and the GEMM as a generic over
// (m, n / nr, n % nr, k) on the packed panels.
std::optional<std::pair<linalg::TransposeOp, linalg::LinalgOp>>
packPanels(linalg::LinalgOp op, kiln::GemmB layout, int64_t nr, RewriterBase &rewriter) {
  Value a = op.getDpsInputOperand(0)->get(), b = op.getDpsInputOperand(1)->get(),
        c = op.getDpsInitOperand(0)->get();
  auto bType = cast<RankedTensorType>(b.getType());
  auto cType = cast<RankedTensorType>(c.getType());
  int64_t m = cType.getDimSize(0), n = cType.getDimSize(1);
  int64_t k = bType.getDimSize(layout == kiln::GemmB::kn ? 0 : 1);
  if (!bType.hasStaticShape() || !cType.hasStaticShape() || nr <= 1 || n % nr != 0)
    return std::nullopt;
  Location loc = op.getLoc();
  MLIRContext *ctx = op.getContext();
  Type element = bType.getElementType();
  rewriter.setInsertionPoint(op);
  // B as panels: [k, n / nr, nr] from B[k, n], [n / nr, nr, k] from B[n, k].
  bool kn = layout == kiln::GemmB::kn;
  Value panels = tensor::ExpandShapeOp::create(
      rewriter, loc,
      RankedTensorType::get(kn ? ArrayRef<int64_t>{k, n / nr, nr} : ArrayRef<int64_t>{n / nr, nr, k},
                            element),
      b, kn ? SmallVector<ReassociationIndices>{{0}, {1, 2}}
            : SmallVector<ReassociationIndices>{{0, 1}, {2}});
  Value empty = tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{n / nr, k, nr}, element);
  auto pack = linalg::TransposeOp::create(rewriter, loc, panels, empty,
                                          kn ? ArrayRef<int64_t>{1, 0, 2} : ArrayRef<int64_t>{0, 2, 1});
  SmallVector<ReassociationIndices> split = {{0}, {1, 2}};
  auto cPanelsType = RankedTensorType::get({m, n / nr, nr}, cType.getElementType());
  // A filled C: its destination expanded, then filled (the fill stays C's
  // producer, to be fused into the register tiles).
  linalg::FillOp fill = fillOfInit(op);
  Value cPanels = tensor::ExpandShapeOp::create(
      rewriter, loc, cPanelsType, fill ? fill.getOutputs()[0] : c, split);
  if (fill)
    cPanels = linalg::FillOp::create(rewriter, loc, fill.getInputs(), cPanels).getResult(0);
  AffineExpr dm, dn1, dn0, dk;
  bindDims(ctx, dm, dn1, dn0, dk);
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {dm, dk}, ctx),
                                 AffineMap::get(4, 0, {dn1, dk, dn0}, ctx),
                                 AffineMap::get(4, 0, {dm, dn1, dn0}, ctx)};
  Value product = kiln::multiplyAccumulate(rewriter, loc, a, pack.getResult()[0], cPanels, maps,
                                           kiln::gemmIterators());
  Value result = tensor::CollapseShapeOp::create(rewriter, loc, cType, product, split);
  rewriter.replaceOp(op, result);
  if (fill)
    rewriter.eraseOp(fill);
  return std::make_pair(pack, product.getDefiningOp<linalg::LinalgOp>());
}

// The register-tile loop order of a GEMM over (m, n, k) with `order`, once
// n is split into panels: (m, n / nr, n % nr, k).
SmallVector<int64_t> packedOrder(ArrayRef<int64_t> order) {
  SmallVector<int64_t> packed;
  for (int64_t loop : order) {
    if (loop == 1)
      packed.append({1, 2});
    else
      packed.push_back(loop == 0 ? 0 : 3);
  }
  return packed;
}

// Tiles `op` to its cache tiles, if any, then to its register tiles
// (a GEMM's transposing packing in squares of a `vectorBits` register's
// floats); returns the ops to vectorize.
SmallVector<Operation *> tileToRegisters(linalg::LinalgOp op, int64_t vectorBits,
                                         RewriterBase &rewriter) {
  bool fuseFill = fusesInitFill(op);
  kiln::TilingAttr tiling = kiln::tilingOf(op);
  op->removeAttr(kiln::kTilingAttrName);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (!tiling || tiling.getRegisters().empty() || llvm::any_of(ranges, ShapedType::isDynamic))
    return {};
  SmallVector<int64_t> order(tiling.getOrder());
  SmallVector<Operation *> tiles;
  SmallVector<int64_t> registerTiles(tiling.getRegisters());
  std::optional<kiln::GemmB> packB = tiling.getPackB();
  if (!tiling.getCache().empty() || packB) {
    // A GEMM's blocks of rows come after its slice of B is packed: they
    // all read the one packed slice.
    SmallVector<int64_t> blocks = tiling.getCache().empty()
                                      ? SmallVector<int64_t>(ranges.size(), 0)
                                      : kiln::fitTiles(tiling.getCache(), ranges);
    std::optional<kiln::GemmB> gemm = packB;
    int64_t rowBlock = gemm ? std::exchange(blocks[0], 0) : 0;
    FailureOr<Operation *> block = tileWithLoops(op, blocks, {}, rewriter);
    if (failed(block))
      return {};
    op = cast<linalg::LinalgOp>(*block);
    ranges = op.getStaticLoopRanges();
    if (gemm) {
      int64_t nr = kiln::fitTiles(registerTiles, ranges)[1];
      if (auto packed = packPanels(op, *gemm, nr, rewriter)) {
        auto [pack, product] = *packed;
        // The packing copy: a panel row (nr floats of a row of B) per step,
        // or from B[n, k], a square of a vector's lanes transposed.
        int64_t lanes = std::max<int64_t>(1, vectorBits / 32);
        SmallVector<int64_t> step =
            *gemm == kiln::GemmB::kn
                ? SmallVector<int64_t>{1, 1, nr}
                : kiln::fitTiles({1, lanes, lanes}, pack.getInit().getType().getShape());
        if (FailureOr<Operation *> rows = tileWithLoops(pack, step, {}, rewriter); succeeded(rows))
          tiles.push_back(*rows);
        op = product;
        registerTiles = {registerTiles[0], 1, nr, 1}; // m, n / nr, n % nr, k
        order = packedOrder(order);
      }
      SmallVector<int64_t> rows(op.getNumLoops(), 0);
      rows[0] = rowBlock;
      // Each block of rows fills its own part of C (for its register tiles
      // to take the fill, below).
      if (linalg::FillOp fill = fillOfInit(op); fill && fuseFill && rowBlock) {
        auto block = tileFusingFill(op, fill, rows, {}, rewriter);
        if (failed(block))
          return tiles;
        op = block->first;
      } else {
        FailureOr<Operation *> rowsBlock = tileWithLoops(op, rows, {}, rewriter);
        if (failed(rowsBlock))
          return {};
        op = cast<linalg::LinalgOp>(*rowsBlock);
      }
      ranges = op.getStaticLoopRanges();
    }
  }
  SmallVector<int64_t> sizes = kiln::fitTiles(registerTiles, ranges);
  if (fuseFill) {
    if (linalg::FillOp fill = fillOfInit(op)) {
      FailureOr<SmallVector<Operation *>> fused =
          tileFusingInitFill(op, fill, sizes, order, rewriter);
      if (succeeded(fused))
        llvm::append_range(tiles, *fused);
      return tiles;
    }
  }
  std::optional<unsigned> split = splitReductionDim(op, sizes);
  int64_t chunk = split ? std::exchange(sizes[*split], 0) : 0;
  FailureOr<Operation *> tile = tileWithLoops(op, sizes, order, rewriter);
  if (failed(tile))
    return {};
  if (split) {
    FailureOr<SmallVector<Operation *>> parts =
        splitReduction(cast<linalg::LinalgOp>(*tile), *split, chunk, rewriter);
    if (succeeded(parts)) {
      llvm::append_range(tiles, *parts);
      return tiles;
    }
  }
  tiles.push_back(*tile);
  return tiles;
}

// acc + a * b on vectors as one vector.fma: LLVM fuses a multiply and an
// add only when told it may, and these are exactly the accumulations the
// vectorizer produced (a convolution tap, a scale and shift).
void fuseMultiplyAdd(func::FuncOp func, RewriterBase &rewriter) {
  func.walk([&](arith::AddFOp add) {
    if (!isa<VectorType>(add.getType()))
      return;
    for (unsigned i = 0; i < 2; ++i) {
      auto mul = add->getOperand(i).getDefiningOp<arith::MulFOp>();
      if (!mul || !mul->hasOneUse())
        continue;
      rewriter.setInsertionPoint(add);
      rewriter.replaceOpWithNewOp<vector::FMAOp>(add, mul.getLhs(), mul.getRhs(),
                                                 add->getOperand(1 - i));
      rewriter.eraseOp(mul);
      return;
    }
  });
}

// A read of a 1-D value broadcast along the rows' minor dimension (the
// vectorizer's read of a weight per output channel, map (d0) -> (d0, 0);
// of an input row per output column when output channels are the vector)
// as one splat per row of a scalar element: LLVM folds each into a
// broadcast from memory, a load-port operation. Read as a vector, lane i
// is broadcast by a shuffle, which on AVX-512 shares its port with the
// second FMA unit; lowered as is, the read becomes a broadcast and a
// shuffle transpose, expanded element by element for rows of odd length.
void splatRows(func::FuncOp func, RewriterBase &rewriter) {
  func.walk([&](vector::TransferReadOp read) {
    VectorType result = read.getVectorType();
    auto source = dyn_cast<RankedTensorType>(read.getBase().getType());
    MLIRContext *ctx = read.getContext();
    AffineMap minorBroadcast = AffineMap::get(
        1, 0, {getAffineDimExpr(0, ctx), getAffineConstantExpr(0, ctx)}, ctx);
    if (!source || source.getRank() != 1 || result.getRank() != 2 || read.getMask() ||
        read.getPermutationMap() != minorBroadcast)
      return;
    // Only rows known to lie within the source (as the vectorizer's reads
    // of a tile's static slices do): a scalar load has no padding.
    std::optional<int64_t> first = getConstantIntValue(read.getIndices()[0]);
    if (!first || source.isDynamicDim(0) || *first + result.getDimSize(0) > source.getDimSize(0))
      return;
    rewriter.setInsertionPoint(read);
    Location loc = read.getLoc();
    auto rowType = VectorType::get({result.getDimSize(1)}, result.getElementType());
    Value rows = ub::PoisonOp::create(rewriter, loc, result);
    for (int64_t i = 0; i < result.getDimSize(0); ++i) {
      Value index = arith::AddIOp::create(rewriter, loc, read.getIndices()[0],
                                          arith::ConstantIndexOp::create(rewriter, loc, i));
      Value element = tensor::ExtractOp::create(rewriter, loc, read.getBase(), index);
      Value row = vector::BroadcastOp::create(rewriter, loc, rowType, element);
      rows = vector::InsertOp::create(rewriter, loc, row, rows, i);
    }
    rewriter.replaceOp(read, rows);
  });
}

struct KilnVectorizePass : kiln::impl::KilnVectorizeBase<KilnVectorizePass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    WalkResult walk = getOperation().walk([&](linalg::LinalgOp op) {
      kiln::TilingAttr tiling = kiln::tilingOf(op);
      if (!tiling || tiling.getRegisters().empty())
        return WalkResult::advance();
      if (tiling.getPackB() && kiln::plainGemm(op) != tiling.getPackB()) {
        op->emitOpError("has pack_b = ")
            << kiln::stringifyGemmB(*tiling.getPackB()) << " but is not a GEMM holding B as "
            << kiln::stringifyGemmB(*tiling.getPackB());
        return WalkResult::interrupt();
      }
      candidates.push_back(op);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    // A reduction in slices that starts from a fill: its first slice as an
    // op of its own, which takes the fill into its register tiles.
    DirectRewriter rewriter(&getContext());
    SmallVector<linalg::LinalgOp> split;
    for (linalg::LinalgOp op : candidates) {
      if (auto parts = splitFirstSlice(op, rewriter))
        split.append({parts->first, parts->second});
      else
        split.push_back(op);
    }
    candidates = std::move(split);
    // A fill fused into its consumer's register tiles is vectorized there.
    llvm::erase_if(candidates, [](linalg::LinalgOp op) {
      auto fill = dyn_cast<linalg::FillOp>(op.getOperation());
      if (!fill || !fill->hasOneUse())
        return false;
      auto user = dyn_cast<linalg::LinalgOp>(*fill->user_begin());
      return user && fusesInitFill(user);
    });
    int64_t vectorBits = kiln::TargetInfo::of(getOperation()).vectorBits;
    SmallVector<Operation *> transposingReads;
    for (linalg::LinalgOp candidate : candidates) {
      for (Operation *tile :
           tileToRegisters(asGenericIfUnitWidthStride(candidate, rewriter), vectorBits, rewriter)) {
        Operation *op = decomposeWindow(dropUnitLoops(tile, rewriter), rewriter);
        if (!op || succeeded(vectorizeStridedPool(op, rewriter)) ||
            failed(linalg::vectorizeOpPrecondition(op, {}, {}, true)))
          continue; // vectorized, or stays linalg: loops later
        // A transpose, or a pointwise op reading an input transposed: its
        // transposing reads are lowered by shuffles (below).
        bool pointwise = cast<linalg::LinalgOp>(op).getNumReductionLoops() == 0;
        Operation *before = op->getPrevNode(), *after = op->getNextNode();
        Block *block = op->getBlock();
        rewriter.setInsertionPoint(op);
        FailureOr<linalg::VectorizationResult> vectorized =
            linalg::vectorize(rewriter, op, {}, {}, /*vectorizeNDExtract=*/true,
                              /*flatten1DDepthwiseConv=*/false,
                              /*assumeDynamicDimsMatchVecSizes=*/false,
                              /*createNamedContraction=*/true);
        if (failed(vectorized))
          continue;
        rewriter.replaceOp(op, vectorized->replacements);
        if (pointwise)
          for (Operation &made : llvm::make_range(
                   before ? std::next(before->getIterator()) : block->begin(),
                   after ? after->getIterator() : block->end()))
            if (auto read = dyn_cast<vector::TransferReadOp>(made); read && transposesRows(read))
              transposingReads.push_back(read);
      }
    }
    shuffleTransposes(transposingReads);
    fuseMultiplyAdd(getOperation(), rewriter);
    splatRows(getOperation(), rewriter);
    flattenNarrowTransfers(vectorBits);
  }

  // Whether `read` swaps dims of its vector longer than 1 (not a copy of a
  // row that only moves unit dims, as B's packing from B[k, n]).
  static bool transposesRows(vector::TransferReadOp read) {
    SmallVector<int64_t> order; // source dims of the vector's long dims
    for (auto [size, expr] :
         llvm::zip(read.getVectorType().getShape(), read.getPermutationMap().getResults()))
      if (auto dim = dyn_cast<AffineDimExpr>(expr); dim && size > 1)
        order.push_back(dim.getPosition());
    return !llvm::is_sorted(order);
  }

  // The reads of transposes' tiles (a linear layer's weight packed for its
  // GEMM, a channels-last convolution's result read back as NCHW: squares
  // of 16 x 16 floats on AVX-512) as plain reads of their
  // rows and a vector.transpose, lowered to shuffles (upstream's patterns:
  // AVX-512's 16 x 16 sequence, else one shuffle of the whole tile). By
  // default the transpose would be unrolled element by element, which LLVM
  // turns into a load per element.
  void shuffleTransposes(ArrayRef<Operation *> transposingReads) {
    RewritePatternSet patterns(&getContext());
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateDropUnitDimWithShapeCastPatterns(patterns);
    vector::populateVectorTransposeLoweringPatterns(
        patterns, vector::VectorTransposeLowering::Shuffle16x16, /*benefit=*/2);
    vector::populateVectorTransposeLoweringPatterns(patterns,
                                                    vector::VectorTransposeLowering::Shuffle1D);
    (void)applyOpPatternsGreedily(
        transposingReads, std::move(patterns),
        GreedyRewriteConfig().setStrictness(GreedyRewriteStrictness::ExistingAndNewOps));
  }

  // On buffers, a read of several contiguous rows each narrower than a
  // register (a 7 x 7 window) becomes one 1-D read: row by row, each would
  // be a partial load and a reduction over them a tree of shuffles.
  // Upstream's pattern, applied to those reads only.
  void flattenNarrowTransfers(int64_t bits) {
    SmallVector<Operation *> reads;
    getOperation().walk([&](vector::TransferReadOp read) {
      VectorType type = read.getVectorType();
      int64_t rows = llvm::count_if(type.getShape(), [](int64_t n) { return n != 1; });
      if (isa<MemRefType>(read.getShapedType()) && rows >= 2 &&
          type.getShape().back() * type.getElementTypeBitWidth() < bits)
        reads.push_back(read);
    });
    RewritePatternSet patterns(&getContext());
    vector::populateFlattenVectorTransferPatterns(patterns, /*targetVectorBitwidth=*/bits - 1);
    (void)applyOpPatternsGreedily(
        reads, std::move(patterns),
        GreedyRewriteConfig().setStrictness(GreedyRewriteStrictness::ExistingOps));
  }
};

} // namespace
