//===- Vectorize.cpp - kiln-vectorize -------------------------------------===//
//
// Register tiling (upstream scf::tileUsingSCF, with the accumulator's fill
// fused in or the reduction split by upstream partial reduction tiling),
// 2-D -> 1-D window decomposition (upstream
// DownscaleSizeOneWindowed2DConvolution) and upstream linalg::vectorize,
// driven by each op's #kiln.tiling (see KilnVectorize in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"
#include "kiln/Transforms/Tiling.h"

#include "StaticConv.h"

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
using kiln::fillOfInit;
using kiln::tileWithLoops;

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

// Vectors along the last dim of 1-D tensors (or 3-D ones of leading unit
// dims, as 1-D pooling tiles are): reads and writes of whole rows, and the
// lanes of a strided row picked out of one read.
struct RowVectors {
  RowVectors(RewriterBase &rewriter, Location loc, Type element, int64_t rank)
      : rewriter(rewriter), loc(loc), element(element), rank(rank),
        pad(ub::PoisonOp::create(rewriter, loc, element)),
        zero(arith::ConstantIndexOp::create(rewriter, loc, 0)) {}

  SmallVector<Value> at(int64_t column) {
    SmallVector<Value> indices(rank - 1, zero);
    indices.push_back(arith::ConstantIndexOp::create(rewriter, loc, column));
    return indices;
  }
  AffineMap row() {
    return AffineMap::get(rank, 0, {getAffineDimExpr(rank - 1, rewriter.getContext())},
                          rewriter.getContext());
  }
  Value read(Value from, int64_t column, int64_t length) {
    return vector::TransferReadOp::create(rewriter, loc, VectorType::get({length}, element), from,
                                          at(column), AffineMapAttr::get(row()), pad,
                                          /*mask=*/Value(), rewriter.getBoolArrayAttr({true}));
  }
  Value write(Value vector, Value into, int64_t column) {
    return vector::TransferWriteOp::create(rewriter, loc, vector, into, at(column),
                                           AffineMapAttr::get(row()), Value(),
                                           rewriter.getBoolArrayAttr({true}))
        .getResult();
  }
  // Columns start, start + stride, ... (`count` of them) of a row `width`
  // long: the stride·count columns from `start` read at once (moved back
  // to end within the row: its last stride - 1 columns are not used) and
  // the lanes wanted shuffled out.
  Value readStrided(Value from, int64_t width, int64_t start, int64_t stride, int64_t count) {
    int64_t span = std::min(stride * count, width);
    int64_t first = std::min(start, width - span);
    Value in = read(from, first, span);
    SmallVector<int64_t> lanes;
    for (int64_t i = 0; i < count; ++i)
      lanes.push_back(start - first + stride * i);
    return vector::ShuffleOp::create(rewriter, loc, in, in, lanes);
  }

  RewriterBase &rewriter;
  Location loc;
  Type element;
  int64_t rank;
  Value pad, zero;
};

/// Vectors of 16 lanes: whole AVX-512 registers, two of AVX2's (but for a
/// row's last, shorter chunk). One read of a whole row (say 113 wide) and
/// 56-wide vectors made LLVM assemble vectors element by element.
constexpr int64_t kStridedChunk = 16;

// A strided 1-D pooling tile (one row of outputs, all kernel taps) as
// vectors, 16 outputs at a time: for each tap, the stride·16 contiguous
// inputs it reaches are read and its lanes (kw·d + s·i for output i) picked
// out with one vector.shuffle, then folded into the accumulator. Upstream
// vectorizes strided windows one output element at a time (an extract per
// lane).
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
  rewriter.setInsertionPoint(op);
  RowVectors rows(rewriter, op.getLoc(), input.getElementType(), 3);
  Value result = op.getOutputs()[0];
  for (int64_t first = 0; first < outputs; first += kStridedChunk) {
    int64_t count = std::min(kStridedChunk, outputs - first);
    Value acc = rows.read(result, first, count);
    for (int64_t kw = 0; kw < taps; ++kw) {
      Value tap = rows.readStrided(op.getInputs()[0], width, kw * dilation + stride * first,
                                   stride, count);
      acc = isMax ? Value(arith::MaximumFOp::create(rewriter, op.getLoc(), acc, tap))
                  : Value(arith::AddFOp::create(rewriter, op.getLoc(), acc, tap));
    }
    result = rows.write(acc, result, first);
  }
  rewriter.replaceOp(op, result);
  return success();
}

// A 1-D strided copy, out[i] = in[s·i + o] (a tile of the column phases
// kiln-decompose-strided-conv gathers, one row at a time), as vectors of
// 16 lanes picked out of reads of the row. Upstream does not vectorize a
// generic whose map is not a projected permutation.
LogicalResult vectorizeStridedGather(Operation *op, RewriterBase &rewriter) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  std::optional<std::pair<int64_t, int64_t>> strided =
      generic ? kiln::stridedRowGather(generic) : std::nullopt;
  if (!strided || generic.getNumLoops() != 1 || !generic.hasPureTensorSemantics())
    return failure();
  auto input = dyn_cast<RankedTensorType>(generic.getInputs()[0].getType());
  auto output = dyn_cast<RankedTensorType>(generic.getOutputs()[0].getType());
  if (!input || !output || !input.hasStaticShape() || !output.hasStaticShape())
    return failure();
  auto [stride, offset] = *strided;
  int64_t width = input.getDimSize(0), outputs = output.getDimSize(0);
  if (offset + stride * (outputs - 1) >= width)
    return failure();
  rewriter.setInsertionPoint(op);
  RowVectors rows(rewriter, op->getLoc(), input.getElementType(), 1);
  Value result = generic.getOutputs()[0];
  for (int64_t first = 0; first < outputs; first += kStridedChunk) {
    int64_t count = std::min(kStridedChunk, outputs - first);
    Value lanes =
        rows.readStrided(generic.getInputs()[0], width, offset + stride * first, stride, count);
    result = rows.write(lanes, result, first);
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
  DenseIntElementsAttr strides;
  if (auto conv = dyn_cast<linalg::Conv2DNchwFchwOp>(op.getOperation()))
    strides = conv.getStrides();
  else if (auto grouped = dyn_cast<linalg::Conv2DNgchwGfchwOp>(op.getOperation()))
    strides = grouped.getStrides();
  if (!strides || kiln::alongWidth(strides) != 1)
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
  auto tiled = kiln::tileFusingFill(op, fill, parallel, order, rewriter);
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

// Tiles `op` to its register tiles, in its tiling's loop order; returns
// the ops to vectorize.
SmallVector<Operation *> tileToRegisters(linalg::LinalgOp op, RewriterBase &rewriter) {
  bool fuseFill = kiln::fusesInitFill(op);
  bool vectorized = kiln::vectorizes(op);
  kiln::TilingAttr tiling = kiln::tilingOf(op);
  op->removeAttr(kiln::kTilingAttrName);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (!vectorized || llvm::any_of(ranges, ShapedType::isDynamic))
    return {};
  SmallVector<int64_t> order(tiling.getOrder());
  SmallVector<int64_t> sizes = kiln::fitTiles(tiling.getRegisters(), ranges);
  if (fuseFill) {
    if (linalg::FillOp fill = fillOfInit(op)) {
      FailureOr<SmallVector<Operation *>> fused =
          tileFusingInitFill(op, fill, sizes, order, rewriter);
      return succeeded(fused) ? *fused : SmallVector<Operation *>();
    }
  }
  std::optional<unsigned> split = kiln::splitReductionDim(op, sizes);
  int64_t chunk = split ? std::exchange(sizes[*split], 0) : 0;
  FailureOr<Operation *> tile = tileWithLoops(op, sizes, order, rewriter);
  if (failed(tile))
    return {};
  if (split) {
    FailureOr<SmallVector<Operation *>> parts =
        splitReduction(cast<linalg::LinalgOp>(*tile), *split, chunk, rewriter);
    if (succeeded(parts))
      return *parts;
  }
  return {*tile};
}

struct KilnVectorizePass : kiln::impl::KilnVectorizeBase<KilnVectorizePass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    WalkResult walk = getOperation().walk([&](linalg::LinalgOp op) {
      if (!kiln::vectorizes(op))
        return WalkResult::advance();
      kiln::TilingAttr tiling = kiln::tilingOf(op);
      if (!tiling.getCache().empty() || tiling.getPackB()) {
        op->emitOpError("has cache tiles or pack_b left in its #kiln.tiling: kiln-tile-caches "
                        "applies them, before kiln-vectorize");
        return WalkResult::interrupt();
      }
      candidates.push_back(op);
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    DirectRewriter rewriter(&getContext());
    // A fill fused into its consumer's register tiles is vectorized there.
    llvm::erase_if(candidates, [](linalg::LinalgOp op) {
      auto fill = dyn_cast<linalg::FillOp>(op.getOperation());
      if (!fill || !fill->hasOneUse())
        return false;
      auto user = dyn_cast<linalg::LinalgOp>(*fill->user_begin());
      return user && kiln::fusesInitFill(user);
    });
    SmallVector<Operation *> transposingReads;
    for (linalg::LinalgOp candidate : candidates) {
      for (Operation *tile :
           tileToRegisters(asGenericIfUnitWidthStride(candidate, rewriter), rewriter)) {
        Operation *op = decomposeWindow(dropUnitLoops(tile, rewriter), rewriter);
        if (!op || succeeded(vectorizeStridedPool(op, rewriter)) ||
            succeeded(vectorizeStridedGather(op, rewriter)) ||
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
};

} // namespace
