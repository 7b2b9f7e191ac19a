//===- TileAndFuse.cpp - kiln-tile-and-fuse -------------------------------===//
//
// Roots tiled into scf.forall with upstream
// scf::tileConsumerAndFuseProducersUsingSCF; Kiln only picks the roots and
// which producers to fuse (see KilnTileAndFuse in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"
#include "kiln/Transforms/TileAndFuse.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/RegionUtils.h"

namespace kiln {
#define GEN_PASS_DEF_KILNTILEANDFUSE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// Whether to fuse the producer of `slice` into a loop of `tiles`
// iterations: only when the tiles together need about the producer's result
// once. A slice covering, say, all of a batch-statistics reduction while
// the loop runs over samples would recompute it in every tile. Pads stay
// whole: a tiled pad has data-dependent sizes, and the padded copy is made
// once anyway.
bool worthFusing(tensor::ExtractSliceOp slice, Operation *producer, int64_t tiles) {
  if (isa<tensor::PadOp>(producer))
    return false;
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(producer))
    if (!kiln::isTileable(linalgOp))
      return false;
  RankedTensorType part = slice.getResultType(), whole = slice.getSourceType();
  if (!part.hasStaticShape() || !whole.hasStaticShape())
    return true;
  // A convolution, GEMM or reduction only where the tiles partition its
  // result: its halos would compute part of it twice.
  auto linalgOp = dyn_cast<linalg::LinalgOp>(producer);
  if (linalgOp && linalgOp.getNumReductionLoops() != 0)
    return part.getNumElements() * tiles <= whole.getNumElements();
  // Pointwise halos (a window's overlap between neighbouring tiles) may
  // cost 2x.
  return part.getNumElements() * tiles <= 2 * whole.getNumElements();
}

// Whether computing `op` again in a tile costs less than reading its
// result: a fill, or a pointwise op over operands smaller than its result
// (a bias broadcast). A pointwise op over a whole-size operand reads at
// least as much as its result, and a reduction or contraction is work.
bool cheapToRecompute(Operation *op) {
  if (isa<linalg::FillOp>(op))
    return true;
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || linalgOp.getNumReductionLoops() != 0 || linalgOp.getNumDpsInits() != 1)
    return false;
  auto result = dyn_cast<RankedTensorType>(linalgOp.getDpsInitOperand(0)->get().getType());
  if (!result || !result.hasStaticShape())
    return false;
  return llvm::all_of(linalgOp.getDpsInputOperands(), [&](OpOperand *input) {
    auto type = dyn_cast<RankedTensorType>(input->get().getType());
    return !type || (type.hasStaticShape() && type.getNumElements() < result.getNumElements());
  });
}

// The op of `loop`'s block that is or holds `user`, when it comes after
// `loop`; else null.
Operation *afterLoop(Operation *loop, Operation *user) {
  Operation *inBlock = loop->getBlock()->findAncestorOpInBlock(*user);
  return inBlock && inBlock != loop && loop->isBeforeInBlock(inBlock) ? inBlock : nullptr;
}

// Whether the loop should also yield a fused producer's result, for a user
// that comes after it and is not fused itself (a max returned beside its
// argmax, which reads it): tiling alone would leave the whole producer to
// run again for that user. `feeds` tells what the root reads, directly or
// not: those users are fused too, or run before the loop. Only for an exact
// partition of the result into tiles (no halos written twice).
bool yieldsProducer(tensor::ExtractSliceOp slice, OpResult producer, int64_t tiles,
                    bool isDestination, llvm::function_ref<bool(Operation *)> feeds) {
  Operation *loop = slice->getParentOp();
  bool usedAfter = llvm::any_of(producer.getUsers(), [&](Operation *user) {
    Operation *after = afterLoop(loop, user);
    return after && !feeds(after);
  });
  RankedTensorType part = slice.getResultType(), whole = slice.getSourceType();
  return usedAfter && !isDestination && part.hasStaticShape() && whole.hasStaticShape() &&
         part.getNumElements() * tiles == whole.getNumElements();
}

// What a root's tiling left dead: in the function's block, producers now
// computed in `loop`; in `loop`, what its fusions replaced. Liveness over
// the whole function (runRegionDCE of its body) would go through every
// earlier layer's loop again for each root.
void eraseDeadCode(RewriterBase &rewriter, func::FuncOp func, Operation *loop) {
  (void)runRegionDCE(rewriter, loop->getRegions());
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(func.getBody().front())))
    if (isOpTriviallyDead(&op))
      rewriter.eraseOp(&op);
}

// The last linalg op of the function body that still asks for outer tiles.
linalg::LinalgOp nextRoot(func::FuncOp func) {
  for (Operation &op : llvm::reverse(func.getBody().front()))
    if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op))
      if (kiln::TilingAttr tiling = kiln::tilingOf(linalgOp); tiling && !tiling.getOuter().empty())
        return linalgOp;
  return nullptr;
}

// `op`'s tiling without its outer tiles (applied).
void dropOuterTiles(Operation *op) {
  if (kiln::TilingAttr tiling = kiln::tilingOf(op))
    kiln::setTiling(op, tiling.withOuter({}));
}

// The cache and register tiles of an op cut out of a larger one, refitted
// to its shape (dropped where its shape is dynamic).
void refitInnerTiles(Operation *op) {
  dropOuterTiles(op);
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  kiln::TilingAttr tiling = kiln::tilingOf(op);
  if (!linalgOp || !tiling)
    return;
  SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic)) {
    op->removeAttr(kiln::kTilingAttrName);
    return;
  }
  auto refit = [&](ArrayRef<int64_t> tiles) {
    return tiles.empty() ? SmallVector<int64_t>() : kiln::fitTiles(tiles, ranges);
  };
  kiln::setTiling(op, tiling.withCache(refit(tiling.getCache()))
                          .withRegisters(refit(tiling.getRegisters())));
}

// A slice of `wide` covering the columns `narrow` keeps of it (a
// convolution's rows padded to whole vectors by kiln-pad-conv-width, then
// sliced back to the real ones): `tile`, a slice of `narrow` that spans
// each narrowed dim whole, widened to `wide`'s full extent there. None if
// `tile` cuts a narrowed dim or `narrow` is not such a slice.
std::optional<std::pair<SmallVector<OpFoldResult>, SmallVector<OpFoldResult>>>
widenedTile(tensor::ExtractSliceOp tile, tensor::ExtractSliceOp narrow, RankedTensorType wide) {
  RankedTensorType kept = narrow.getResultType();
  if (!wide.hasStaticShape() || kept.getRank() != wide.getRank() ||
      tile.getResultType().getRank() != kept.getRank() || !narrow.hasZeroOffset() ||
      !narrow.hasUnitStride() || !tile.hasUnitStride() || kept == wide)
    return std::nullopt;
  SmallVector<OpFoldResult> offsets = tile.getMixedOffsets(), sizes = tile.getMixedSizes();
  for (int64_t d = 0; d < wide.getRank(); ++d) {
    if (kept.getDimSize(d) == wide.getDimSize(d))
      continue;
    if (!isZeroInteger(offsets[d]) || getConstantIntValue(sizes[d]) != kept.getDimSize(d))
      return std::nullopt;
    sizes[d] = Builder(tile).getIndexAttr(wide.getDimSize(d));
  }
  return std::make_pair(offsets, sizes);
}

// Fuses the producer of `slice`, a slice in `loop` of a value computed
// before it, into the loop (upstream scf::tileAndFuseProducerOfSlice), and
// then the producers of its tile's operands that are worth it, in turn.
void fuseProducerChain(RewriterBase &rewriter, scf::ForallOp loop, tensor::ExtractSliceOp slice,
                       int64_t tiles) {
  SmallVector<LoopLikeOpInterface> loops = {cast<LoopLikeOpInterface>(loop.getOperation())};
  SmallVector<tensor::ExtractSliceOp> worklist = {slice};
  while (!worklist.empty()) {
    tensor::ExtractSliceOp candidate = worklist.pop_back_val();
    std::optional<scf::SCFFuseProducerOfSliceResult> fused =
        scf::tileAndFuseProducerOfSlice(rewriter, candidate, loops);
    if (!fused)
      continue;
    for (Operation *op : fused->tiledOps)
      refitInnerTiles(op);
    for (Operation *generated : fused->generatedSlices) {
      auto next = dyn_cast<tensor::ExtractSliceOp>(generated);
      auto source = next ? dyn_cast<OpResult>(next.getSource()) : OpResult();
      if (source && worthFusing(next, source.getOwner(), tiles))
        worklist.push_back(next);
    }
  }
}

// A tile's slice of the real columns of a wider result (see widenedTile)
// becomes a slice of the tile's wide rows, sliced again, and the wide
// result's producer, with the fill of its accumulator, is fused into the
// loop at the wide shape (upstream scf::tileAndFuseProducerOfSlice): the
// wide tile stays in cache for its consumer (a bias add), instead of the
// whole padded result going through memory and a pass of its own that
// narrows it. Upstream's fusion takes only slices of a producer's result.
void fuseWidenedProducers(RewriterBase &rewriter, scf::ForallOp loop, Operation *root,
                          int64_t tiles) {
  // Upstream's fusion leaves clones of the slices it did not fuse, dead:
  // erased, so that the producer's uses tell who reads it.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*loop.getBody())))
    if (isOpTriviallyDead(&op))
      rewriter.eraseOp(&op);
  SmallVector<tensor::ExtractSliceOp> slices;
  loop.getBody()->walk([&](tensor::ExtractSliceOp slice) { slices.push_back(slice); });
  for (tensor::ExtractSliceOp slice : slices) {
    auto narrow = slice.getSource().getDefiningOp<tensor::ExtractSliceOp>();
    auto producer = narrow ? dyn_cast<OpResult>(narrow.getSource()) : OpResult();
    // Only a producer the loop alone reads (else it would also run whole;
    // the untiled root is erased after).
    if (!producer || !producer.hasOneUse() || !isa<linalg::LinalgOp>(producer.getOwner()) ||
        loop->isAncestor(narrow) || !llvm::all_of(narrow->getUsers(), [&](Operation *user) {
          return user == root || loop->isAncestor(user);
        }))
      continue;
    auto wide = cast<RankedTensorType>(producer.getType());
    auto widened = widenedTile(slice, narrow, wide);
    if (!widened)
      continue;
    rewriter.setInsertionPoint(slice);
    Location loc = slice.getLoc();
    auto wideTile = tensor::ExtractSliceOp::create(rewriter, loc, producer, widened->first,
                                                   widened->second, slice.getMixedStrides());
    if (!worthFusing(wideTile, producer.getOwner(), tiles)) {
      rewriter.eraseOp(wideTile);
      continue;
    }
    SmallVector<OpFoldResult> zeros(wide.getRank(), rewriter.getIndexAttr(0));
    rewriter.replaceOp(slice, tensor::ExtractSliceOp::create(
                                  rewriter, loc, slice.getResultType(), wideTile, zeros,
                                  slice.getMixedSizes(), slice.getMixedStrides()));
    fuseProducerChain(rewriter, loop, wideTile, tiles);
  }
}

// The expand_shape `value` is of a linalg op's result that nothing else
// reads (a 1x1 convolution computed as a GEMM over pixels, split back into
// rows and columns); else null.
tensor::ExpandShapeOp reshapedResult(Value value) {
  auto expand = value.getDefiningOp<tensor::ExpandShapeOp>();
  if (!expand || !expand.getSrc().hasOneUse() ||
      !expand.getSrc().getDefiningOp<linalg::LinalgOp>())
    return {};
  return expand;
}

// Whether a tile's slice of a constant pad of `source` is better taken as
// the pad of the tile's slice of `source` (kiln::padInTile): where
// `source` is a strided gather (kiln::stridedRowGather: the column phases
// kiln-decompose-strided-conv gathers for a strided convolution) that reads
// no linalg op's result directly, which is then fused into the loop too; a
// reshaped result (reshapedResult), whose producers fuseReshapedProducers
// fuses; or a split into groups of the pad of one of those (a grouped
// convolution's input, padded, then split).
bool padsInTile(Value source) {
  if (!source.hasOneUse())
    return false;
  if (auto producer = source.getDefiningOp<linalg::LinalgOp>())
    return kiln::stridedRowGather(producer) &&
           llvm::none_of(producer->getOperands(),
                         [](Value v) { return v.getDefiningOp<linalg::LinalgOp>(); });
  if (reshapedResult(source))
    return true;
  auto expand = source.getDefiningOp<tensor::ExpandShapeOp>();
  auto pad = expand ? expand.getSrc().getDefiningOp<tensor::PadOp>() : nullptr;
  return pad && padsInTile(pad.getSource());
}

// The slices in `loop` of a value defined before it that only the loop
// reads, and is `T`'s result.
template <typename T>
SmallVector<tensor::ExtractSliceOp> slicesOf(scf::ForallOp loop,
                                             function_ref<bool(T)> filter) {
  auto inLoop = [&](Operation *user) { return loop->isAncestor(user); };
  SmallVector<tensor::ExtractSliceOp> slices;
  loop.getBody()->walk([&](tensor::ExtractSliceOp slice) {
    auto op = slice.getSource().getDefiningOp<T>();
    if (op && !inLoop(op) && llvm::all_of(op->getUsers(), inLoop) && filter(op))
      slices.push_back(slice);
  });
  return slices;
}

// A slice in `loop` of a constant pad that only the loop reads becomes the
// pad of the slice of its input (kiln::padInTile), where padsInTile says
// so: each tile pads its own part, in cache, instead of all of it going
// through memory first, and a strided gather so padded is fused into the
// loop. A tile's slice of a split into groups becomes the split of a slice
// (upstream's bubbling of a slice through an expand_shape) in between.
// (A copy of a linalg op's result is a root of its own that fuses that op,
// in whose tiles it is made while they are in cache.) Tile-and-fuse itself
// leaves pads whole (upstream's pad tiling has data-dependent sizes).
void fusePaddedProducers(RewriterBase &rewriter, scf::ForallOp loop, int64_t tiles) {
  auto inLoop = [&](Operation *user) { return loop->isAncestor(user); };
  SmallVector<tensor::ExtractSliceOp> parts;
  for (bool changed = true; changed;) {
    changed = false;
    for (tensor::ExtractSliceOp slice : slicesOf<tensor::PadOp>(
             loop, [](tensor::PadOp pad) { return padsInTile(pad.getSource()); })) {
      tensor::PadOp pad = slice.getSource().getDefiningOp<tensor::PadOp>();
      if (tensor::ExtractSliceOp part = kiln::padInTile(rewriter, slice, tiles)) {
        // (A slice of a split is replaced as it is bubbled up.)
        if (part.getSource().getDefiningOp<linalg::LinalgOp>())
          parts.push_back(part);
        changed = true;
      }
      if (pad->use_empty())
        rewriter.eraseOp(pad);
    }
    SmallVector<tensor::ExtractSliceOp> splits =
        slicesOf<tensor::ExpandShapeOp>(loop, [](tensor::ExpandShapeOp expand) {
          auto pad = expand.getSrc().getDefiningOp<tensor::PadOp>();
          return pad && pad->hasOneUse() && padsInTile(pad.getSource());
        });
    if (splits.empty())
      continue;
    SmallVector<Operation *> ops, expands;
    for (tensor::ExtractSliceOp slice : splits) {
      ops.push_back(slice);
      expands.push_back(slice.getSource().getDefiningOp());
    }
    RewritePatternSet patterns(loop.getContext());
    tensor::populateBubbleUpExtractSliceOpPatterns(patterns);
    bool bubbled = false;
    (void)applyOpPatternsGreedily(
        ops, std::move(patterns),
        GreedyRewriteConfig().setStrictness(GreedyRewriteStrictness::ExistingAndNewOps),
        &bubbled);
    for (Operation *expand : expands)
      if (expand->use_empty())
        rewriter.eraseOp(expand);
    changed |= bubbled;
  }
  // The copy alone: what it reads has other readers (the other phases'
  // copies), and its producers are tile-and-fuse proper's to weigh.
  SmallVector<LoopLikeOpInterface> loops = {cast<LoopLikeOpInterface>(loop.getOperation())};
  for (tensor::ExtractSliceOp part : parts) {
    auto producer = dyn_cast<OpResult>(part.getSource());
    if (!producer || !isa<linalg::LinalgOp>(producer.getOwner()) ||
        !llvm::all_of(producer.getUsers(), inLoop) ||
        !worthFusing(part, producer.getOwner(), tiles))
      continue;
    if (std::optional<scf::SCFFuseProducerOfSliceResult> fused =
            scf::tileAndFuseProducerOfSlice(rewriter, part, loops))
      llvm::for_each(fused->tiledOps, refitInnerTiles);
  }
}

// Whether `a` and `b` are the same index: one value, one constant, or the
// same pure op (upstream's affine.apply of a tile's offset, made once per
// slice) of the same indices.
bool sameIndex(Value a, Value b) {
  if (a == b)
    return true;
  Operation *opA = a.getDefiningOp(), *opB = b.getDefiningOp();
  if (!opA || !opB || !isPure(opA) || cast<OpResult>(a).getResultNumber() !=
                                          cast<OpResult>(b).getResultNumber())
    return false;
  return OperationEquivalence::isEquivalentTo(
      opA, opB, [](Value x, Value y) { return success(sameIndex(x, y)); }, nullptr,
      OperationEquivalence::IgnoreLocations);
}

bool sameIndices(ArrayRef<OpFoldResult> a, ArrayRef<OpFoldResult> b) {
  return llvm::equal(a, b, [](OpFoldResult x, OpFoldResult y) {
    std::optional<int64_t> cx = getConstantIntValue(x), cy = getConstantIntValue(y);
    if (cx || cy)
      return cx == cy;
    return sameIndex(cast<Value>(x), cast<Value>(y));
  });
}

// The slices in `loop` of a reshaped result that only `loop` reads
// (reshapedResult: a 1x1 convolution's GEMM over pixels, with its batch
// norm and activation, split into rows and columns for the depthwise
// convolution that follows) become slices of the expand_shape of one tile
// of that result, and its producers are fused into the loop
// (fuseProducerChain). The tile covers the split dims whole: only where
// the loop's tiles partition the result that way (tiles of samples and
// channels) does each tile compute its channels of the GEMM, in cache,
// right before the convolution reads them, instead of all of them (6x the
// block's input in an inverted residual block) going through memory.
// Upstream's fusion stops at a reshape, and upstream's bubbling of a slice
// through an expand_shape needs the slice contiguous in the split dims,
// which the column phases of a strided convolution are not.
void fuseReshapedProducers(RewriterBase &rewriter, scf::ForallOp loop, int64_t tiles) {
  // Only for a depthwise convolution: 9 multiply-adds per input element
  // leave it bound by the trip of its input through memory. A group of
  // several output channels does as many times more work per element, and
  // its producer, left whole, keeps the tiles that suit a GEMM (measured
  // slower fused on regnet_x_400mf).
  bool depthwise = loop.getBody()
                       ->walk([](Operation *op) {
                         return kiln::isDepthwiseConv(op) ? WalkResult::interrupt()
                                                          : WalkResult::advance();
                       })
                       .wasInterrupted();
  if (!depthwise)
    return;
  llvm::MapVector<Operation *, SmallVector<tensor::ExtractSliceOp>> readers;
  for (tensor::ExtractSliceOp slice :
       slicesOf<tensor::ExpandShapeOp>(loop, [](tensor::ExpandShapeOp expand) {
         return reshapedResult(expand.getResult()) != nullptr;
       }))
    readers[slice.getSource().getDefiningOp()].push_back(slice);
  for (auto &[op, slices] : readers) {
    auto expand = cast<tensor::ExpandShapeOp>(op);
    RankedTensorType source = expand.getSrcType(), result = expand.getResultType();
    // All its readers, in the loop's own block (the tile is made before
    // the first).
    if (!result.hasStaticShape() || llvm::range_size(expand->getUses()) != slices.size() ||
        llvm::any_of(slices, [&](tensor::ExtractSliceOp slice) {
          return slice->getBlock() != loop.getBody();
        }))
      continue;
    // The tile: a reshaped dim's range where it is not split, all of it
    // where it is; the same for every slice.
    SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
    SmallVector<OpFoldResult> offsets, sizes;
    bool same = true;
    for (tensor::ExtractSliceOp slice : slices) {
      if (!slice.hasUnitStride() || slice.getResultType().getRank() != result.getRank() ||
          !slice.getResultType().hasStaticShape()) {
        same = false;
        break;
      }
      SmallVector<OpFoldResult> sliceOffsets, sliceSizes;
      for (auto [d, group] : llvm::enumerate(groups)) {
        bool whole = group.size() != 1;
        sliceOffsets.push_back(whole ? rewriter.getIndexAttr(0)
                                     : slice.getMixedOffsets()[group.front()]);
        sliceSizes.push_back(rewriter.getIndexAttr(
            whole ? source.getDimSize(d) : slice.getResultType().getDimSize(group.front())));
      }
      if (offsets.empty()) {
        offsets = sliceOffsets;
        sizes = sliceSizes;
      } else if (!sameIndices(offsets, sliceOffsets) || sizes != sliceSizes) {
        same = false;
        break;
      }
    }
    if (!same)
      continue;
    tensor::ExtractSliceOp first = slices.front();
    for (tensor::ExtractSliceOp slice : slices)
      if (slice->isBeforeInBlock(first))
        first = slice;
    rewriter.setInsertionPoint(first);
    Location loc = expand.getLoc();
    auto tile = tensor::ExtractSliceOp::create(rewriter, loc, expand.getSrc(), offsets, sizes,
                                               SmallVector<OpFoldResult>(
                                                   sizes.size(), rewriter.getIndexAttr(1)));
    if (tile.getResultType().getNumElements() * tiles > source.getNumElements() ||
        !worthFusing(tile, expand.getSrc().getDefiningOp(), tiles)) {
      rewriter.eraseOp(tile);
      continue;
    }
    SmallVector<int64_t> tileShape(result.getShape());
    for (auto [d, group] : llvm::enumerate(groups))
      if (group.size() == 1)
        tileShape[group.front()] = tile.getResultType().getDimSize(d);
    auto expandedTile = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get(tileShape, result.getElementType()), tile, groups);
    for (tensor::ExtractSliceOp slice : slices) {
      SmallVector<OpFoldResult> within = slice.getMixedOffsets();
      for (ReassociationIndices &group : groups)
        if (group.size() == 1)
          within[group.front()] = rewriter.getIndexAttr(0);
      rewriter.setInsertionPoint(slice);
      rewriter.replaceOp(slice, tensor::ExtractSliceOp::create(
                                    rewriter, slice.getLoc(), slice.getResultType(), expandedTile,
                                    within, slice.getMixedSizes(), slice.getMixedStrides()));
    }
    rewriter.eraseOp(expand);
    fuseProducerChain(rewriter, loop, tile, tiles);
  }
}

// The slices of producers one tile-and-fuse has met, each with the operand
// that read it (which reads the fused tile once the producer is fused).
// Upstream fuses a producer once per slice of it: where several consumers
// in a tile read the same slice of a value (softmax's exp, read by the sum
// and the division; a decomposed layer_norm's x - mean, read by the variance
// and the normalization), it would be computed once per reader, and
// the whole graph above it with it: block after block of a transformer,
// the fused ops multiply (3x per layer norm). Kiln fuses each slice of a
// producer once and lets the other readers share it.
class FusedSlices {
public:
  /// What already stands for `slice`: the fused tile, or an equal slice.
  Value lookup(tensor::ExtractSliceOp slice, OpResult producer) const {
    for (auto [earlier, reader] : seen.lookup(producer))
      if (earlier.getResultType() == slice.getResultType() &&
          sameIndices(earlier.getMixedOffsets(), slice.getMixedOffsets()) &&
          sameIndices(earlier.getMixedSizes(), slice.getMixedSizes()) &&
          sameIndices(earlier.getMixedStrides(), slice.getMixedStrides()))
        return reader->get();
    return {};
  }
  void insert(tensor::ExtractSliceOp slice, OpResult producer) {
    if (!slice->use_empty())
      seen[producer].push_back({slice, &*slice->use_begin()});
  }

private:
  DenseMap<Value, SmallVector<std::pair<tensor::ExtractSliceOp, OpOperand *>>> seen;
};

// Whether `op`, an original producer fused into `loop`, must still run
// outside it once `root` is replaced: a reader in the loop of a slice that
// was not fused, or a user that is neither the root nor fused, or fused but
// surviving itself. Users after the loop of a result it yields read the
// loop's result instead.
bool survives(Operation *op, Operation *loop, Operation *root,
              const llvm::SetVector<Operation *> &fused,
              const DenseMap<Value, Value> &replacements, DenseMap<Operation *, bool> &memo) {
  if (auto known = memo.find(op); known != memo.end())
    return known->second;
  bool result = llvm::any_of(op->getUses(), [&](OpOperand &use) {
    Operation *user = use.getOwner();
    if (user == root)
      return false;
    // Upstream leaves the slices it fused dead in the loop.
    if (loop->isAncestor(user))
      return !isOpTriviallyDead(user);
    if (afterLoop(loop, user) && replacements.count(use.get()))
      return false;
    return !fused.contains(user) || survives(user, loop, root, fused, replacements, memo);
  });
  memo[op] = result;
  return result;
}

} // namespace

// Upstream tile-and-fuse of `root` to `sizes` in loops of `loopType`,
// fusing the producers worth it for `tiles` tiles (and yielding those
// `yields` picks), each slice of a producer once; the tiled ops' inner
// tiles refitted.
//
// Each value is computed once: a producer fused into the loop that must
// still run outside it (a residual block's output, read by the next
// block's convolution and by its skip connection) would be computed twice,
// and all it fused with it. Unless it is cheaper to recompute than to read,
// such a producer stays outside, materialized, and the tiling starts again
// without it (upstream decides fusion one slice at a time and cannot know
// the other readers).
FailureOr<scf::SCFTileAndFuseResult>
kiln::tileAndFuse(RewriterBase &rewriter, Operation *root, scf::SCFTilingOptions::LoopType loopType,
            ArrayRef<int64_t> sizes, int64_t tiles,
            function_ref<bool(tensor::ExtractSliceOp, OpResult, bool)> yields) {
  scf::SCFTilingOptions tiling;
  tiling.setLoopType(loopType);
  tiling.setTileSizes(getAsIndexOpFoldResult(root->getContext(), sizes));
  llvm::SmallPtrSet<Operation *, 8> materialized;
  while (true) {
    scf::SCFTileAndFuseOptions options;
    options.setTilingOptions(tiling);
    FusedSlices fused;
    options.setFusionControlFn(
        [&](tensor::ExtractSliceOp slice, OpResult producer, bool isDestination)
            -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
          if (materialized.contains(producer.getOwner()))
            return std::nullopt;
          if (!isDestination) {
            if (Value existing = fused.lookup(slice, producer)) {
              // The shared tile may come later in the body than this
              // reader: the loop bodies are sorted below.
              rewriter.replaceAllUsesWith(slice, existing);
              return std::nullopt;
            }
            fused.insert(slice, producer);
          }
          if (!worthFusing(slice, producer.getOwner(), tiles))
            return std::nullopt;
          return scf::SCFTileAndFuseOptions::ControlFnResult{
              yields(slice, producer, isDestination)};
        });
    rewriter.setInsertionPoint(root);
    FailureOr<scf::SCFTileAndFuseResult> result = scf::tileConsumerAndFuseProducersUsingSCF(
        rewriter, cast<TilingInterface>(root), options);
    if (failed(result))
      return result;
    Operation *loop = result->loops.front();
    DenseMap<Operation *, bool> memo;
    size_t before = materialized.size();
    for (Operation *producer : result->fusedProducers)
      if (producer != root && !cheapToRecompute(producer) &&
          survives(producer, loop, root, result->fusedProducers, result->replacements, memo))
        materialized.insert(producer);
    if (materialized.size() == before) {
      // Always sortable: a shared tile never depends on its readers.
      for (LoopLikeOpInterface nest : result->loops)
        for (Region *body : nest.getLoopRegions()) {
          bool sorted = sortTopologically(&body->front());
          assert(sorted && "a fused tile reads its own reader");
          (void)sorted;
        }
      for (Operation *tiled : result->tiledAndFusedOps)
        refitInnerTiles(tiled);
      return result;
    }
    rewriter.eraseOp(loop);
  }
}

namespace {

struct KilnTileAndFusePass : kiln::impl::KilnTileAndFuseBase<KilnTileAndFusePass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    while (linalg::LinalgOp root = nextRoot(func)) {
      ArrayRef<int64_t> sizes = kiln::tilingOf(root).getOuter();
      if (llvm::all_of(sizes, [](int64_t s) { return s == 0; })) {
        dropOuterTiles(root);
        continue;
      }
      int64_t tiles = 1;
      for (auto [size, range] : llvm::zip(sizes, root.getStaticLoopRanges()))
        tiles *= size ? range / size : 1;
      // What the root reads, directly or not: its backward slice, taken
      // only when a fused producer has a user after the loop (a model's
      // whole network, for each of its layers, otherwise).
      std::optional<llvm::SetVector<Operation *>> feeding;
      auto feeds = [&](Operation *op) {
        if (!feeding)
          (void)getBackwardSlice(root.getOperation(), &feeding.emplace());
        return feeding->contains(op);
      };
      FailureOr<scf::SCFTileAndFuseResult> result = kiln::tileAndFuse(
          rewriter, root, scf::SCFTilingOptions::LoopType::ForallOp, sizes, tiles,
          [&](tensor::ExtractSliceOp slice, OpResult producer, bool isDestination) {
            return yieldsProducer(slice, producer, tiles, isDestination, feeds);
          });
      if (failed(result)) {
        // Not tileable as asked: it stays whole (and correct).
        dropOuterTiles(root);
        continue;
      }
      Operation *loop = result->loops.front();
      auto forall = dyn_cast<scf::ForallOp>(loop);
      if (forall)
        fuseWidenedProducers(rewriter, forall, root, tiles);
      // The root's results, and fused producers' ones used after the loop
      // (users before it keep the original).
      for (auto [value, replacement] : result->replacements)
        rewriter.replaceUsesWithIf(value, replacement, [&](OpOperand &use) {
          return afterLoop(loop, use.getOwner()) != nullptr;
        });
      rewriter.eraseOp(root);
      // Producers now computed inside the loop are dead outside it.
      eraseDeadCode(rewriter, func, loop);
      // Then the loop alone reads what is left of them.
      if (forall) {
        fusePaddedProducers(rewriter, forall, tiles);
        eraseDeadCode(rewriter, func, loop);
        fuseReshapedProducers(rewriter, forall, tiles);
        eraseDeadCode(rewriter, func, loop);
        // A producer fused there may read a convolution's padded rows.
        fuseWidenedProducers(rewriter, forall, /*root=*/nullptr, tiles);
        eraseDeadCode(rewriter, func, loop);
      }
    }
  }
};

} // namespace
