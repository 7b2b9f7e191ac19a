//===- FuseElementwise.cpp - kiln-fuse-elementwise ------------------------===//
//
// Upstream elementwise fusion (linalg::populateElementwiseOpsFusionPatterns)
// with Kiln's choice of what to fuse (see KilnFuseElementwise in
// Passes.td), generics reading through reshapes that only add unit dims,
// upstream's reshape folding (linalg::populateFoldReshapeOpsBy*Patterns)
// for an elementwise op over a convolution's or GEMM's result, and Kiln's
// own pattern moving a transpose into the elementwise op it reads (upstream
// has none for generics; IREE's PropagateLinalgTranspose is the model).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "StaticConv.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SmallBitVector.h"

namespace kiln {
#define GEN_PASS_DEF_KILNFUSEELEMENTWISE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// Fuse a producer used once, and only where the consumer reads it element
// for element: through a broadcast, the fused producer would run once per
// consumer element instead of once per own element.
bool fuseOneToOne(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  if (!producer || !producer->hasOneUse() || !consumer)
    return false;
  return consumer.getMatchingIndexingMap(operand).isPermutation();
}

// A generic that reads, through an expand_shape adding unit dims, index 0 of
// each added dim (a keepdim reduction broadcast back: x / x.sum(-1, True))
// reads the reshape's source instead, so that tile-and-fuse, which cannot
// fuse through a reshape, puts the reduction in its consumer's loop.
// Upstream's unit-dim folding (populateFoldUnitExtentDimsPatterns) would
// reshape every op with a unit dim; this only looks through the reshape.
struct ReadThroughUnitExpand : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp op, PatternRewriter &rewriter) const override {
    for (OpOperand *operand : op.getDpsInputOperands()) {
      auto expand = operand->get().getDefiningOp<tensor::ExpandShapeOp>();
      if (!expand)
        continue;
      AffineMap map = op.getMatchingIndexingMap(operand);
      ArrayRef<int64_t> shape = expand.getResultType().getShape();
      // Per group of the reshape, its one non-unit dim (or its first) is
      // kept; every other dim (all of them, from a 0-d source) is read at 0.
      SmallVector<bool> keep(shape.size(), false);
      for (const ReassociationIndices &group : expand.getReassociationIndices()) {
        auto wide = llvm::make_filter_range(group, [&](int64_t d) { return shape[d] != 1; });
        keep[wide.empty() ? group.front() : *wide.begin()] = true;
      }
      SmallVector<AffineExpr> kept;
      bool unitOnly = true;
      for (auto [d, expr] : llvm::enumerate(map.getResults())) {
        auto zero = dyn_cast<AffineConstantExpr>(expr);
        if (keep[d])
          kept.push_back(expr);
        else
          unitOnly &= shape[d] == 1 && zero && zero.getValue() == 0;
      }
      if (!unitOnly)
        continue;
      SmallVector<AffineMap> maps = op.getIndexingMapsArray();
      maps[operand->getOperandNumber()] =
          AffineMap::get(map.getNumDims(), map.getNumSymbols(), kept, op.getContext());
      rewriter.modifyOpInPlace(op, [&] {
        operand->set(expand.getSrc());
        op.setIndexingMapsAttr(rewriter.getAffineMapArrayAttr(maps));
      });
      return success();
    }
    return failure();
  }
};

// The map by which `op` reads its one input if it only permutes that input's
// dims (a transpose: yields its input, read through a permutation that is
// not the identity, written in order), else null.
AffineMap transposeRead(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 || op.getNumReductionLoops() != 0)
    return {};
  auto yield = cast<linalg::YieldOp>(op.getBody()->getTerminator());
  AffineMap read = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
  if (yield.getValues() != ValueRange(op.getBody()->getArgument(0)) || !read.isPermutation() ||
      read.isIdentity() || !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity())
    return {};
  return read;
}

// How many of `maps` permute all of an operand's dims out of order: reads of
// a value in another layout than the loops'.
int64_t permutedReads(ArrayRef<AffineMap> maps) {
  return llvm::count_if(maps, [](AffineMap map) {
    return map.isPermutation() && !map.isIdentity();
  });
}

// Whether `op`'s result is transposed by `read` too: `op` then moves to the
// same layout, and its read of a value moved there is in order again.
bool transposedAlike(linalg::GenericOp op, AffineMap read) {
  return op->getNumResults() == 1 && llvm::any_of(op->getUsers(), [&](Operation *user) {
           auto transpose = dyn_cast<linalg::GenericOp>(user);
           return transpose && transposeRead(transpose) == read;
         });
}

// A transpose of an elementwise generic's result is computed by the generic
// itself, in the transpose's layout (its reads composed with the
// transpose's); the generic's other users, all elementwise generics, read
// the new result through the inverse transpose, which elementwise fusion
// folds into them. Made only where it leaves fewer reads in another layout
// (the generic's permuted inputs, the transpose itself, the other users'
// new ones, but for users transposed alike, which move next): a residual
// sum of two channels-last convolutions' results, each transposed back to
// NCHW, transposed again into the next convolution, then stays NHWC, and
// the next sum, which reads it, becomes NHWC in turn.
struct TransposeIntoProducer : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp transpose,
                                PatternRewriter &rewriter) const override {
    AffineMap read = transposeRead(transpose);
    if (!read)
      return rewriter.notifyMatchFailure(transpose, "not a transpose");
    Value result = transpose.getDpsInputOperand(0)->get();
    auto producer = result.getDefiningOp<linalg::GenericOp>();
    if (!producer || producer->getNumResults() != 1 ||
        producer.getNumReductionLoops() != 0 ||
        !producer.getMatchingIndexingMap(producer.getDpsInitOperand(0)).isIdentity() ||
        producer.payloadUsesValueFromOperand(producer.getDpsInitOperand(0)))
      return rewriter.notifyMatchFailure(transpose, "not a transpose of an elementwise result");
    SmallVector<OpOperand *> others;
    for (OpOperand &use : result.getUses()) {
      auto user = dyn_cast<linalg::GenericOp>(use.getOwner());
      if (user == transpose)
        continue;
      if (!user || user.getNumReductionLoops() != 0 || !user.isDpsInput(&use))
        return rewriter.notifyMatchFailure(transpose, "the result has a non-elementwise user");
      others.push_back(&use);
    }
    SmallVector<AffineMap> maps;
    for (OpOperand *input : producer.getDpsInputOperands())
      maps.push_back(producer.getMatchingIndexingMap(input).compose(read));
    AffineMap back = inversePermutation(read);
    int64_t before = permutedReads(producer.getIndexingMapsArray()) + 1;
    int64_t after = permutedReads(maps);
    for (OpOperand *use : others) {
      auto user = cast<linalg::GenericOp>(use->getOwner());
      AffineMap reads = user.getMatchingIndexingMap(use);
      before += permutedReads(reads);
      after += transposedAlike(user, read) ? 0 : permutedReads(back.compose(reads));
    }
    if (after >= before)
      return rewriter.notifyMatchFailure(transpose, "no fewer reads in another layout");

    // Built where the producer is: its other users may precede the transpose.
    rewriter.setInsertionPoint(producer);
    Location loc = producer.getLoc();
    auto type = cast<RankedTensorType>(transpose.getResult(0).getType());
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(), type.getElementType());
    maps.push_back(rewriter.getMultiDimIdentityMap(type.getRank()));
    auto moved = linalg::GenericOp::create(rewriter, loc, type, producer.getInputs(), empty, maps,
                                           producer.getIteratorTypesArray());
    rewriter.inlineRegionBefore(producer.getRegion(), moved.getRegion(), moved.getRegion().end());
    // One inverse transpose per other user, so that each fuses into its own:
    // dim i of the result is dim read(i) of the moved one.
    SmallVector<int64_t> inverse;
    for (AffineExpr dim : read.getResults())
      inverse.push_back(cast<AffineDimExpr>(dim).getPosition());
    for (OpOperand *use : others) {
      rewriter.setInsertionPoint(use->getOwner());
      Value original = kiln::transposed(rewriter, loc, moved.getResult(0), inverse);
      rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(original); });
    }
    rewriter.replaceOp(transpose, moved.getResults());
    rewriter.eraseOp(producer);
    return success();
  }
};

// Whether `op` is a GEMM or convolution (a linalg op that reduces and is
// one of upstream's contraction or convolution forms).
bool isContraction(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumReductionLoops() != 0 &&
         (linalg::isaContractionOpInterface(linalgOp) ||
          linalg::isaConvolutionOpInterface(linalgOp));
}

// `value` without the reshape and then the slice it comes through (a
// convolution's rows padded to whole vectors by kiln-pad-conv-width and
// sliced back), if any.
Value unreshaped(Value value) {
  if (Operation *reshape = value.getDefiningOp();
      isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(reshape))
    value = reshape->getOperand(0);
  if (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>())
    value = slice.getSource();
  return value;
}

// Whether `value`, seen through a reshape and a slice, is the result of an
// op `is` holds for, or of a generic without reductions that reads one (a
// linear layer's bias add before the reshape to the batch's shape; a
// mean, 1 / sqrt(var + eps) of a reduction).
template <typename Pred> bool after(Value value, Pred is) {
  Operation *producer = unreshaped(value).getDefiningOp();
  if (is(producer))
    return true;
  auto generic = dyn_cast_or_null<linalg::GenericOp>(producer);
  return generic && generic.getNumReductionLoops() == 0 &&
         llvm::any_of(generic.getDpsInputOperands(),
                      [&](OpOperand *input) { return is(input->get().getDefiningOp()); });
}

bool afterContraction(Value value) { return after(value, isContraction); }

bool afterReduction(Value value) {
  return after(value, [](Operation *op) {
    auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
    return linalgOp && linalgOp.getNumReductionLoops() != 0;
  });
}

SmallVector<ReassociationIndices> reassociation(Operation *reshape) {
  if (auto expand = dyn_cast<tensor::ExpandShapeOp>(reshape))
    return expand.getReassociationIndices();
  return cast<tensor::CollapseShapeOp>(reshape).getReassociationIndices();
}

// Whether `a` and `b` are the same reshape of values of the same type.
bool sameReshape(Operation *a, Operation *b) {
  return a && b && a->getName() == b->getName() &&
         a->getOperand(0).getType() == b->getOperand(0).getType() &&
         a->getResult(0).getType() == b->getResult(0).getType() &&
         reassociation(a) == reassociation(b);
}

// The groups of `consumer`'s loops that folding the reshape `operand` reads
// would merge (an expand_shape's groups) or split (each loop reading a
// collapse_shape's merged dim), as loop indices; none if a group is not
// loops in order in every indexing map, which upstream's collapsing would
// leave as they are (and the generic reading the reshape still).
std::optional<SmallVector<ReassociationIndices>> reshapedLoops(linalg::GenericOp consumer,
                                                              OpOperand *operand) {
  Operation *reshape = operand->get().getDefiningOp();
  AffineMap map = consumer.getMatchingIndexingMap(operand);
  SmallVector<ReassociationIndices> groups;
  for (auto [i, group] : llvm::enumerate(reassociation(reshape))) {
    if (group.size() < 2)
      continue;
    ReassociationIndices loops, dims = isa<tensor::ExpandShapeOp>(reshape)
                                           ? group
                                           : ReassociationIndices{int64_t(i)};
    for (int64_t dim : dims) {
      auto loop = dyn_cast<AffineDimExpr>(map.getResult(dim));
      if (!loop)
        return std::nullopt;
      loops.push_back(loop.getPosition());
    }
    groups.push_back(loops);
  }
  if (isa<tensor::ExpandShapeOp>(reshape) &&
      !linalg::areDimSequencesPreserved(consumer.getIndexingMapsArray(), groups))
    return std::nullopt;
  return groups;
}

// Whether the elementwise generic owning `operand`, which reads a reshape of
// a convolution's or contraction's result (a 1x1 convolution done as a GEMM
// over pixels, expanded back to NCHW; a grouped convolution's result
// without its group dim; a linear layer's over the batch's rows), should
// take the reshape's source shape: it then reads the result itself, so that
// tile-and-fuse fuses the producer into the epilogue's tiles instead of
// writing the whole result to memory and reading it again. The fold
// reshapes the generic's other inputs that span the loops it merges or
// splits (a per-channel scale of a grouped convolution), but for those
// read through the same reshape by the same map (which it undoes). Not
// where that would reshape another contraction's result (a residual sum of
// two convolutions: each fold would ask for the opposite one) or a
// reduction's (a layer norm's statistics, no longer fused into the
// normalization's rows).
bool foldReshapeOfContraction(OpOperand *operand) {
  auto consumer = dyn_cast<linalg::GenericOp>(operand->getOwner());
  Operation *reshape = operand->get().getDefiningOp();
  if (!consumer || consumer.getNumReductionLoops() != 0 || !consumer.isDpsInput(operand) ||
      !isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(reshape) ||
      !afterContraction(operand->get()))
    return false;
  std::optional<SmallVector<ReassociationIndices>> groups = reshapedLoops(consumer, operand);
  if (!groups)
    return false;
  llvm::SmallBitVector loops(consumer.getNumLoops());
  for (const ReassociationIndices &group : *groups)
    for (int64_t loop : group)
      loops.set(loop);
  AffineMap map = consumer.getMatchingIndexingMap(operand);
  return llvm::all_of(consumer.getDpsInputOperands(), [&](OpOperand *other) {
    AffineMap read = consumer.getMatchingIndexingMap(other);
    bool reshaped = llvm::any_of(read.getResults(), [&](AffineExpr e) {
      auto loop = dyn_cast<AffineDimExpr>(e);
      return loop && loops.test(loop.getPosition());
    });
    bool undone = read == map && sameReshape(reshape, other->get().getDefiningOp());
    return other == operand || !reshaped || undone ||
           !(afterContraction(other->get()) || afterReduction(other->get()));
  });
}

struct KilnFuseElementwisePass : kiln::impl::KilnFuseElementwiseBase<KilnFuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseOneToOne);
    patterns.add<ReadThroughUnitExpand, TransposeIntoProducer>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // Then, the chains fused, each over the shape of the result it reads
    // (done before, a folded op's result, reshaped back, would keep the
    // next op of its chain from fusing with it); a bias add and the
    // activation after it, on either side of a reshape, fuse once they
    // share a shape.
    RewritePatternSet reshapes(&getContext());
    linalg::populateFoldReshapeOpsByCollapsingPatterns(reshapes, foldReshapeOfContraction);
    linalg::populateFoldReshapeOpsByExpansionPatterns(reshapes, foldReshapeOfContraction);
    linalg::populateElementwiseOpsFusionPatterns(reshapes, fuseOneToOne);
    if (failed(applyPatternsGreedily(getOperation(), std::move(reshapes))))
      return signalPassFailure();
  }
};

} // namespace
