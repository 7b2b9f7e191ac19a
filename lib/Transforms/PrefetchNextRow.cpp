//===- PrefetchNextRow.cpp - kiln-prefetch-next-row -----------------------===//
//
// A row loop's first vector reduction over a row (or heavy pointwise loop)
// also prefetches the same columns of the next row (see KilnPrefetchNextRow
// in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "PickedViews.h"


namespace kiln {
#define GEN_PASS_DEF_KILNPREFETCHNEXTROW
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// A contiguous vector read (a 1-D vector along the innermost dim).
bool isContiguousRead(vector::TransferReadOp read) {
  return read.getVectorType().getRank() == 1 && read.getPermutationMap().isMinorIdentity() &&
         isa<MemRefType>(read.getBase().getType());
}

// The views an access to `base` goes through, from the one that picks a
// row at `row` (the buffer's dim `dim`) of a buffer defined outside `loop`,
// down.
struct RowViews : kiln::PickedViews {
  // Whether `read` walks along the row as `column` steps: `column` is its
  // innermost index, or that of a view under the pick.
  bool walkedBy(vector::TransferReadOp read, Value column) const {
    return (!read.getIndices().empty() && read.getIndices().back() == column) ||
           llvm::any_of(chain, [&](memref::SubViewOp view) {
             return view.getMixedOffsets().back() == OpFoldResult(column);
           });
  }
};

std::optional<RowViews> rowViews(Value base, Value row, scf::ForOp loop) {
  std::optional<kiln::PickedViews> views = kiln::pickedViews(base, row, loop);
  if (!views || views->extent() != 1 || views->pick().getSourceType().isDynamicDim(views->dim))
    return std::nullopt;
  return RowViews{*views};
}

// The pick of `views`, at the next row: min(row + 1, last row).
memref::SubViewOp pickNextRow(const kiln::PickedViews &views, Value row, OpBuilder &builder) {
  Location loc = views.pick().getLoc();
  Value one = arith::ConstantIndexOp::create(builder, loc, 1);
  Value last = arith::ConstantIndexOp::create(
      builder, loc, views.pick().getSourceType().getDimSize(views.dim) - 1);
  Value next =
      arith::MinUIOp::create(builder, loc, arith::AddIOp::create(builder, loc, row, one), last);
  return views.pickAt(next, builder);
}

// The rows of other buffers that `rows` writes through a pick of the same
// type as `readPick` (the same columns), whose picks can move before the
// loops of the row (their other offsets come from outside the row loop).
SmallVector<RowViews> writtenRowsLike(scf::ForOp rows, memref::SubViewOp readPick) {
  SmallVector<RowViews> written;
  rows.getBody()->walk([&](vector::TransferWriteOp write) {
    std::optional<RowViews> views =
        rowViews(write.getBase(), rows.getInductionVar(), rows);
    if (!views || views->pick().getType() != readPick.getType() ||
        views->pick().getSource() == readPick.getSource() ||
        llvm::any_of(written, [&](const RowViews &w) {
          return w.pick().getSource() == views->pick().getSource();
        }))
      return;
    for (Value operand : views->pick()->getOperands())
      if (operand != rows.getInductionVar() && !rows.isDefinedOutsideOfLoop(operand))
        return;
    written.push_back(*views);
  });
  return written;
}

// Whether `loop` does at least 8 vector arithmetic ops per vector it reads.
bool isComputeHeavy(scf::ForOp loop, size_t reads) {
  size_t arithmetic = llvm::count_if(loop.getBody()->getOperations(), [](Operation &op) {
    return isa<arith::ArithDialect, math::MathDialect>(op.getDialect()) &&
           op.getNumResults() == 1 && isa<VectorType>(op.getResult(0).getType());
  });
  return reads > 0 && arithmetic >= 8 * reads;
}

struct KilnPrefetchNextRowPass : kiln::impl::KilnPrefetchNextRowBase<KilnPrefetchNextRowPass> {
  // Prefetches, in `rows`' first reduction (or heavy pointwise) loop
  // reading a buffer, the next row's lines of each contiguous read (the
  // last row prefetches itself); in a reduction, with the first such read,
  // for writing, the same lines of the next row of each buffer the row
  // loop writes rows of.
  static void prefetchNextRow(scf::ForOp rows, OpBuilder &builder) {
    // A row loop writes its rows out; one that carries values is itself a
    // reduction (a convolution's taps), its data already in cache.
    std::optional<APInt> step = rows.getConstantStep();
    if (!step || *step != 1 || rows.getNumRegionIterArgs() != 0)
      return;
    Value row = rows.getInductionVar();
    llvm::SmallPtrSet<Value, 4> prefetched;
    bool writesPrefetched = false;
    for (auto reduction : rows.getBody()->getOps<scf::ForOp>()) {
      // An innermost loop carrying vectors along a row (a row reduction), or
      // computing enough per vector read that it would not overlap waiting
      // for the row with its arithmetic (a pointwise chain through erf or
      // exp; not a copy or a relu, which the hardware prefetcher keeps fed).
      if (!reduction.getBody()->getOps<LoopLikeOpInterface>().empty())
        continue;
      SmallVector<vector::TransferReadOp> reads(
          reduction.getBody()->getOps<vector::TransferReadOp>());
      bool isReduction = reduction.getNumRegionIterArgs() != 0;
      if (isReduction ? !llvm::all_of(reduction.getRegionIterArgs(),
                                      [](Value v) { return isa<VectorType>(v.getType()); })
                      : !isComputeHeavy(reduction, reads.size()))
        continue;
      llvm::SmallPtrSet<Value, 4> inThisLoop;
      for (vector::TransferReadOp read : reads) {
        if (!isContiguousRead(read))
          continue;
        std::optional<RowViews> views = rowViews(read.getBase(), row, rows);
        if (!views || !views->walkedBy(read, reduction.getInductionVar()) ||
            prefetched.contains(views->pick().getSource()))
          continue;
        inThisLoop.insert(views->pick().getSource());
        // The same columns of the next row (of this buffer, or of a row
        // written later): the views under the pick, again over that row,
        // then the prefetch, next to the read.
        auto prefetchAt = [&](memref::SubViewOp nextPick, bool isWrite) {
          builder.setInsertionPoint(read);
          Value base = views->viewsOver(nextPick, read.getBase(), builder);
          // Every 64-byte line the read spans (its first only when the read
          // may run past the row, masked).
          VectorType type = read.getVectorType();
          int64_t span = read.getInBoundsValues().back() ? type.getNumElements() : 1;
          kiln::prefetchLines(builder, read.getLoc(), base, read.getIndices(), {span},
                              type.getElementType(), isWrite);
        };
        builder.setInsertionPointAfter(views->pick());
        prefetchAt(pickNextRow(*views, row, builder), /*isWrite=*/false);
        // A pointwise loop writes its own row as it goes.
        if (writesPrefetched || !isReduction)
          continue;
        writesPrefetched = true;
        for (const RowViews &written : writtenRowsLike(rows, views->pick())) {
          builder.setInsertionPointAfter(views->pick());
          prefetchAt(pickNextRow(written, row, builder), /*isWrite=*/true);
        }
      }
      prefetched.insert(inThisLoop.begin(), inThisLoop.end());
    }
  }

  void runOnOperation() override {
    OpBuilder builder(&getContext());
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    for (scf::ForOp loop : loops)
      prefetchNextRow(loop, builder);
  }
};

} // namespace
