//===- CascadeSums.cpp - kiln-cascade-sums --------------------------------===//
//
// Long sums as levels of short ones, no accumulator adding more than a
// block of terms (see KilnCascadeSums in Passes.td). Upstream's
// linalg::splitReduction splits a reduction once, by a ratio that must
// divide it; this pass takes any length, to every level, on
// tensor::ExtractSliceOp / ExpandShapeOp views of the summed tensor.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNCASCADESUMS
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// A generic that sums one tensor: it yields `addf` of a term and its
/// accumulator, and only `summed` is read by the reduced loops, each of them
/// a dim of it.
struct Sum {
  linalg::GenericOp op;
  OpOperand *summed = nullptr;
  SmallVector<unsigned> reduced;
  SmallVector<int64_t> ranges;
  int64_t terms = 1;
};

std::optional<Sum> asSum(linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1 || op.getNumResults() != 1 || op.getNumReductionLoops() == 0 ||
      !op.hasPureTensorSemantics())
    return std::nullopt;
  Block *body = op.getBlock();
  BlockArgument acc = body->getArguments().back();
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  auto add = yield->getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add || !acc.hasOneUse() || (add.getLhs() != acc && add.getRhs() != acc))
    return std::nullopt;
  Sum sum;
  sum.op = op;
  sum.ranges = op.getStaticLoopRanges();
  if (llvm::any_of(sum.ranges, ShapedType::isDynamic))
    return std::nullopt;
  op.getReductionDims(sum.reduced);
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (llvm::none_of(sum.reduced, [&](unsigned d) { return map.isFunctionOfDim(d); }))
      continue;
    if (sum.summed || !map.isProjectedPermutation(/*allowZeroInResults=*/true))
      return std::nullopt; // a product of two inputs (a GEMM), or a window
    sum.summed = input;
  }
  if (!sum.summed)
    return std::nullopt;
  AffineMap map = op.getMatchingIndexingMap(sum.summed);
  for (unsigned d : sum.reduced) {
    if (!map.getResultPosition(getAffineDimExpr(d, op.getContext())))
      return std::nullopt;
    sum.terms *= sum.ranges[d];
  }
  return sum;
}

/// The shape an indexing map gives its operand over loops of `ranges`.
SmallVector<int64_t> shapeOf(AffineMap map, ArrayRef<int64_t> ranges) {
  SmallVector<int64_t> shape;
  for (AffineExpr e : map.getResults())
    shape.push_back(isa<AffineDimExpr>(e) ? ranges[cast<AffineDimExpr>(e).getPosition()] : 1);
  return shape;
}

/// A tensor of `shape` filled with the neutral element of `add`.
Value neutralTensor(RewriterBase &rewriter, Location loc, arith::AddFOp add,
                    ArrayRef<int64_t> shape) {
  Type type = add.getType();
  Value neutral = arith::ConstantOp::create(rewriter, loc, *arith::getNeutralElement(add));
  Value empty = tensor::EmptyOp::create(rewriter, loc, shape, type);
  return linalg::FillOp::create(rewriter, loc, neutral, empty).getResult(0);
}

/// A generic with `op`'s body (cloned) over new operands, maps and loops.
linalg::GenericOp withBody(RewriterBase &rewriter, linalg::GenericOp op, ValueRange inputs,
                           Value init, ArrayRef<AffineMap> maps,
                           ArrayRef<utils::IteratorType> iterators) {
  auto generic = linalg::GenericOp::create(rewriter, op.getLoc(), init.getType(), inputs, init,
                                           maps, iterators);
  rewriter.cloneRegionBefore(op.getRegion(), generic.getRegion(), generic.getRegion().end());
  return generic;
}

/// The dims of a partial result: `out`'s results and the `added` loops (of
/// the op `summed` and `out` index), in the order the summed tensor has them,
/// so that the partial result is written in the order the summed tensor is
/// read (a column sum's partial sums are rows), result dims it does not read
/// first. `kept` receives each of `out`'s results' dim in the partial
/// result, `reduced` the added loops'.
struct PartialLayout {
  SmallVector<AffineExpr> dims;
  SmallVector<unsigned> kept, reduced;
};

PartialLayout partialLayout(AffineMap summed, AffineMap out, ArrayRef<unsigned> added) {
  MLIRContext *ctx = summed.getContext();
  auto key = [&](AffineExpr e) -> unsigned {
    std::optional<unsigned> at = summed.getResultPosition(e);
    return at ? *at + 1 : 0;
  };
  struct Entry {
    unsigned key, order;
    AffineExpr expr;
    bool isAdded;
  };
  SmallVector<Entry> entries;
  for (AffineExpr e : out.getResults())
    entries.push_back({key(e), unsigned(entries.size()), e, false});
  for (unsigned d : added)
    entries.push_back(
        {key(getAffineDimExpr(d, ctx)), unsigned(entries.size()), getAffineDimExpr(d, ctx), true});
  llvm::sort(entries, [](const Entry &a, const Entry &b) {
    return std::tie(a.key, a.order) < std::tie(b.key, b.order);
  });
  PartialLayout layout;
  layout.kept.resize(out.getNumResults());
  SmallVector<bool> placed(out.getNumResults(), false);
  for (auto [i, entry] : llvm::enumerate(entries)) {
    layout.dims.push_back(entry.expr);
    if (entry.isAdded) {
      layout.reduced.push_back(i);
      continue;
    }
    // Equal results (a keepdim's constant 0s) take their places in order.
    for (auto [j, result] : llvm::enumerate(out.getResults()))
      if (!placed[j] && result == entry.expr) {
        placed[j] = true;
        layout.kept[j] = i;
        break;
      }
  }
  return layout;
}

/// `partial` summed over its `layout.reduced` dims into `init`, whose dims
/// are its `layout.kept` ones.
linalg::GenericOp sumPartial(RewriterBase &rewriter, Location loc, Value partial, Value init,
                             const PartialLayout &layout) {
  MLIRContext *ctx = rewriter.getContext();
  unsigned rank = cast<RankedTensorType>(partial.getType()).getRank();
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  for (unsigned d : layout.reduced)
    iterators[d] = utils::IteratorType::reduction;
  SmallVector<AffineExpr> keptDims;
  for (unsigned d : layout.kept)
    keptDims.push_back(getAffineDimExpr(d, ctx));
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank, ctx),
                                 AffineMap::get(rank, 0, keptDims, ctx)};
  return linalg::GenericOp::create(
      rewriter, loc, init.getType(), partial, init, maps, iterators,
      [](OpBuilder &b, Location l, ValueRange args) {
        linalg::YieldOp::create(b, l, arith::AddFOp::create(b, l, args[0], args[1]).getResult());
      });
}

/// The reduced loop that the summed tensor has innermost.
unsigned innermostReduced(const Sum &sum) {
  linalg::GenericOp op = sum.op;
  AffineMap map = op.getMatchingIndexingMap(sum.summed);
  for (AffineExpr e : llvm::reverse(map.getResults()))
    if (auto dim = dyn_cast<AffineDimExpr>(e);
        dim && llvm::is_contained(sum.reduced, dim.getPosition()))
      return dim.getPosition();
  llvm_unreachable("asSum checked that the summed tensor reads every reduced loop");
}

/// A sum over several loops as a sum over the innermost one into a partial
/// result that keeps the others, summed by a second generic. Returns both.
SmallVector<linalg::GenericOp> splitLoops(RewriterBase &rewriter, const Sum &sum) {
  linalg::GenericOp op = sum.op;
  Location loc = op.getLoc();
  unsigned first = innermostReduced(sum);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  AffineMap out = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  SmallVector<unsigned> later;
  for (unsigned d : sum.reduced)
    if (d != first) {
      iterators[d] = utils::IteratorType::parallel;
      later.push_back(d);
    }
  PartialLayout layout = partialLayout(op.getMatchingIndexingMap(sum.summed), out, later);
  AffineMap partialMap = AffineMap::get(op.getNumLoops(), 0, layout.dims, op.getContext());
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  maps.back() = partialMap;
  auto add = cast<arith::AddFOp>(op.getBlock()->getTerminator()->getOperand(0).getDefiningOp());
  rewriter.setInsertionPoint(op);
  Value init = neutralTensor(rewriter, loc, add, shapeOf(partialMap, sum.ranges));
  linalg::GenericOp inner = withBody(rewriter, op, op.getDpsInputs(), init, maps, iterators);
  linalg::GenericOp outer =
      sumPartial(rewriter, loc, inner.getResult(0), op.getDpsInitOperand(0)->get(), layout);
  rewriter.replaceOp(op, outer.getResults());
  return {inner, outer};
}

/// A sum over one loop of more than `block` terms as blocks of `block`
/// terms, each summed into a partial result, whose blocks a second generic
/// sums into the sum of the terms left over. Returns the generics made.
SmallVector<linalg::GenericOp> splitBlocks(RewriterBase &rewriter, const Sum &sum, int64_t block) {
  linalg::GenericOp op = sum.op;
  MLIRContext *ctx = op.getContext();
  Location loc = op.getLoc();
  unsigned r = sum.reduced.front();
  int64_t blocks = sum.terms / block, left = sum.terms % block;
  AffineMap summedMap = op.getMatchingIndexingMap(sum.summed);
  unsigned k = *summedMap.getResultPosition(getAffineDimExpr(r, ctx));
  Value x = sum.summed->get();
  auto xType = cast<RankedTensorType>(x.getType());
  rewriter.setInsertionPoint(op);

  // A slice of the summed tensor along its dim k.
  auto slice = [&](int64_t offset, int64_t size) -> Value {
    if (offset == 0 && size == xType.getDimSize(k))
      return x;
    SmallVector<OpFoldResult> offsets(xType.getRank(), rewriter.getIndexAttr(0)), sizes,
        strides(xType.getRank(), rewriter.getIndexAttr(1));
    for (int64_t s : xType.getShape())
      sizes.push_back(rewriter.getIndexAttr(s));
    offsets[k] = rewriter.getIndexAttr(offset);
    sizes[k] = rewriter.getIndexAttr(size);
    return tensor::ExtractSliceOp::create(rewriter, loc, x, offsets, sizes, strides);
  };

  // The terms left over, summed into the original accumulator.
  Value total = op.getDpsInitOperand(0)->get();
  SmallVector<linalg::GenericOp> made;
  if (left != 0) {
    Value terms = slice(blocks * block, left);
    auto rest = cast<linalg::GenericOp>(rewriter.clone(*op));
    rest->setOperand(sum.summed->getOperandNumber(), terms);
    total = rest.getResult(0);
    made.push_back(rest);
  }

  auto add = cast<arith::AddFOp>(op.getBlock()->getTerminator()->getOperand(0).getDefiningOp());
  if (blocks == 1) {
    // One block: summed on its own, from zero, and added.
    Value terms = slice(0, block);
    Value zero =
        neutralTensor(rewriter, loc, add,
                      cast<RankedTensorType>(op.getDpsInitOperand(0)->get().getType()).getShape());
    auto first = cast<linalg::GenericOp>(rewriter.clone(*op));
    first->setOperand(sum.summed->getOperandNumber(), terms);
    first.getDpsInitOperand(0)->set(zero);
    PartialLayout same =
        partialLayout(summedMap, op.getMatchingIndexingMap(op.getDpsInitOperand(0)), {});
    linalg::GenericOp merged = sumPartial(rewriter, loc, first.getResult(0), total, same);
    rewriter.replaceOp(op, merged.getResults());
    made.push_back(first);
    return made;
  }

  // The blocks: dim k of the summed tensor read as (blocks, block), loop r
  // as two, the block's index (parallel, a dim of the partial result) and
  // the term's within it.
  SmallVector<int64_t> blockedShape(xType.getShape());
  blockedShape[k] = blocks;
  blockedShape.insert(blockedShape.begin() + k + 1, block);
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < xType.getRank(); ++d)
    groups.push_back(d < k    ? ReassociationIndices{d}
                     : d == k ? ReassociationIndices{d, d + 1}
                              : ReassociationIndices{d + 1});
  Value blocked = tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get(blockedShape, xType.getElementType()),
      slice(0, blocks * block), groups);
  unsigned loops = op.getNumLoops();
  SmallVector<AffineExpr> shifted;
  for (unsigned d = 0; d < loops; ++d)
    shifted.push_back(getAffineDimExpr(d <= r ? d : d + 1, ctx));
  auto remap = [&](AffineMap map) {
    return AffineMap::get(
        loops + 1, 0,
        llvm::map_to_vector(map.getResults(), [&](AffineExpr e) { return e.replaceDims(shifted); }),
        ctx);
  };
  SmallVector<AffineMap> maps;
  SmallVector<Value> inputs;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = remap(op.getMatchingIndexingMap(input));
    if (input == sum.summed) {
      SmallVector<AffineExpr> exprs(map.getResults());
      exprs.insert(exprs.begin() + k + 1, getAffineDimExpr(r + 1, ctx));
      map = AffineMap::get(loops + 1, 0, exprs, ctx);
    }
    maps.push_back(map);
    inputs.push_back(input == sum.summed ? blocked : input->get());
  }
  // The blocks' index stands where loop r did (it keeps r's position).
  PartialLayout layout =
      partialLayout(summedMap, op.getMatchingIndexingMap(op.getDpsInitOperand(0)), {r});
  maps.push_back(remap(AffineMap::get(loops, 0, layout.dims, ctx)));
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  iterators[r] = utils::IteratorType::parallel;
  iterators.insert(iterators.begin() + r + 1, utils::IteratorType::reduction);
  SmallVector<int64_t> ranges(sum.ranges);
  ranges[r] = blocks;
  ranges.insert(ranges.begin() + r + 1, block);
  Value partial = neutralTensor(rewriter, loc, add, shapeOf(maps.back(), ranges));
  linalg::GenericOp perBlock = withBody(rewriter, op, inputs, partial, maps, iterators);
  linalg::GenericOp merged = sumPartial(rewriter, loc, perBlock.getResult(0), total, layout);
  rewriter.replaceOp(op, merged.getResults());
  made.push_back(perBlock);
  made.push_back(merged);
  return made;
}

struct KilnCascadeSumsPass : kiln::impl::KilnCascadeSumsBase<KilnCascadeSumsPass> {
  using KilnCascadeSumsBase::KilnCascadeSumsBase;

  /// Whether kiln-vectorize takes `sum` as a row of a vector accumulator
  /// (see rows-up-to).
  bool leftToVectorizer(const Sum &sum) const {
    // A sum of all of a tensor (its other loops of one iteration) is no
    // row: kiln-vectorize leaves it scalar.
    int64_t rows = 1;
    for (int64_t range : sum.ranges)
      rows *= range;
    if (sum.reduced.size() != 1 || sum.terms > rowsUpTo || rows == sum.terms)
      return false;
    unsigned r = sum.reduced.front();
    linalg::GenericOp op = sum.op;
    AffineMap map = op.getMatchingIndexingMap(sum.summed);
    return r + 1 == op.getNumLoops() && map.getNumResults() != 0 &&
           map.getResults().back() == getAffineDimExpr(r, op.getContext());
  }

  void runOnOperation() override {
    if (block < 2) {
      getOperation().emitError("kiln-cascade-sums: block must be at least 2, not ")
          << block.getValue();
      return signalPassFailure();
    }
    SmallVector<linalg::GenericOp> worklist;
    getOperation().walk([&](linalg::GenericOp op) { worklist.push_back(op); });
    IRRewriter rewriter(&getContext());
    while (!worklist.empty()) {
      linalg::GenericOp op = worklist.pop_back_val();
      std::optional<Sum> sum = asSum(op);
      if (!sum || sum->terms <= block || leftToVectorizer(*sum))
        continue;
      SmallVector<linalg::GenericOp> made =
          sum->reduced.size() > 1 ? splitLoops(rewriter, *sum) : splitBlocks(rewriter, *sum, block);
      llvm::append_range(worklist, made);
    }
  }
};

} // namespace
