//===- InterleaveRows.cpp - kiln-interleave-rows --------------------------===//
//
// A tile of row-wise passes (norm statistics, softmax) tiled again to one
// row at a time with Kiln's tile-and-fuse (upstream
// scf::tileConsumerAndFuseProducersUsingSCF; see KilnInterleaveRows in
// Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/TileAndFuse.h"

#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/CSE.h"

namespace kiln {
#define GEN_PASS_DEF_KILNINTERLEAVEROWS
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// The root of a tile (the op whose results the loop inserts) when it is an
// elementwise generic fed only by fills and generics, among them reductions
// over its own innermost loop and no other reduction (norm statistics,
// softmax's max and sum: a row's statistics come from that row alone), none
// of them also used outside the tile. Else null.
linalg::GenericOp rowWiseRoot(Operation *loop) {
  SmallVector<Operation *> ops;
  Operation *inserted = nullptr;
  for (Operation &op : loop->getRegion(0).front()) {
    if (!isa<linalg::LinalgOp>(op))
      continue;
    if (!isa<linalg::GenericOp, linalg::FillOp>(op))
      return nullptr;
    ops.push_back(&op);
    if (!op.use_empty() &&
        llvm::all_of(op.getUsers(), llvm::IsaPred<tensor::ParallelInsertSliceOp>))
      inserted = &op;
  }
  auto root = dyn_cast_or_null<linalg::GenericOp>(inserted);
  if (!root || root.getNumReductionLoops() != 0)
    return nullptr;
  bool rowReduction = false;
  for (Operation *op : ops) {
    if (op == root)
      continue;
    if (!llvm::all_of(op->getUsers(), [&](Operation *user) { return llvm::is_contained(ops, user); }))
      return nullptr;
    auto generic = dyn_cast<linalg::GenericOp>(op);
    if (!generic || generic.getNumReductionLoops() == 0)
      continue;
    // The root's loops with the innermost reduced; not, say, a matmul
    // (i, j, k) under a bias add (i, j), whose rows need all of B.
    if (generic.getNumReductionLoops() != 1 || generic.getNumLoops() != root.getNumLoops() ||
        generic.getIteratorTypesArray().back() != utils::IteratorType::reduction)
      return nullptr;
    rowReduction = true;
  }
  return rowReduction ? root : nullptr;
}

// Such a tile is tiled again, with the same upstream function, to one row
// at a time (every dim but the innermost), the producers fused in: each
// row's passes then run back to back on a row in L1, instead of each pass
// sweeping the whole tile (faster for x / x.sum(-1, keepdim=True) and
// softmax; layer_norm gains nothing).
void interleaveRows(RewriterBase &rewriter, Operation *loop) {
  linalg::GenericOp root = rowWiseRoot(loop);
  if (!root)
    return;
  SmallVector<int64_t> ranges = root.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return;
  int64_t rows = 1;
  for (size_t d = 0; d + 1 < ranges.size(); ++d)
    rows *= ranges[d];
  if (rows == 1)
    return;
  SmallVector<int64_t> sizes(ranges.size(), 1);
  sizes.back() = 0;
  FailureOr<scf::SCFTileAndFuseResult> result =
      kiln::tileAndFuse(rewriter, root, scf::SCFTilingOptions::LoopType::ForOp, sizes, rows,
                  [](tensor::ExtractSliceOp, OpResult, bool) { return false; });
  if (failed(result))
    return;
  for (auto [value, replacement] : result->replacements)
    rewriter.replaceAllUsesWith(value, replacement);
  rewriter.eraseOp(root);
  // Readers of one slice already share its tile (FusedSlices); what the
  // row tiling still repeats for each of them (the same index arithmetic)
  // is merged.
  DominanceInfo dominance;
  eliminateCommonSubExpressions(rewriter, dominance, loop);
}

struct KilnInterleaveRowsPass : kiln::impl::KilnInterleaveRowsBase<KilnInterleaveRowsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (Operation &op : llvm::make_early_inc_range(getOperation().getBody().front()))
      if (auto loop = dyn_cast<scf::ForallOp>(op))
        interleaveRows(rewriter, loop);
  }
};

} // namespace
