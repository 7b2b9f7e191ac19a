//===- PrefetchNextRow.cpp - kiln-prefetch-next-row -----------------------===//
//
// A row loop's first vector reduction over a row also prefetches the same
// columns of the next row (see KilnPrefetchNextRow in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"

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

// The views `read` reads through, from the one that picks a row at `row`
// (the buffer's dim `dim`) of a buffer defined outside `loop`, down.
struct RowViews {
  SmallVector<memref::SubViewOp> chain;
  int64_t dim;

  // Whether `read` walks along the row as `column` steps: `column` is its
  // innermost index, or that of a view under the pick.
  bool walkedBy(vector::TransferReadOp read, Value column) const {
    return (!read.getIndices().empty() && read.getIndices().back() == column) ||
           llvm::any_of(chain, [&](memref::SubViewOp view) {
             return view.getMixedOffsets().back() == OpFoldResult(column);
           });
  }
};

std::optional<RowViews> rowViews(vector::TransferReadOp read, Value row, scf::ForOp loop) {
  SmallVector<memref::SubViewOp> chain;
  for (auto view = read.getBase().getDefiningOp<memref::SubViewOp>(); view;
       view = view.getSource().getDefiningOp<memref::SubViewOp>()) {
    chain.insert(chain.begin(), view);
    SmallVector<OpFoldResult> offsets = view.getMixedOffsets();
    auto at = llvm::find(offsets, OpFoldResult(row));
    if (at == offsets.end())
      continue;
    int64_t dim = at - offsets.begin();
    if (view.getStaticSizes()[dim] != 1 || view.getSourceType().isDynamicDim(dim) ||
        !loop.isDefinedOutsideOfLoop(view.getSource()))
      return std::nullopt;
    return RowViews{chain, dim};
  }
  return std::nullopt;
}

struct KilnPrefetchNextRowPass : kiln::impl::KilnPrefetchNextRowBase<KilnPrefetchNextRowPass> {
  // Prefetches, in `rows`' first reduction loop reading a buffer, the next
  // row's line of each contiguous read (the last row prefetches itself).
  static void prefetchNextRow(scf::ForOp rows, OpBuilder &builder) {
    // A row loop writes its rows out; one that carries values is itself a
    // reduction (a convolution's taps), its data already in cache.
    std::optional<APInt> step = rows.getConstantStep();
    if (!step || *step != 1 || rows.getNumRegionIterArgs() != 0)
      return;
    Value row = rows.getInductionVar();
    llvm::SmallPtrSet<Value, 4> prefetched;
    for (auto reduction : rows.getBody()->getOps<scf::ForOp>()) {
      // An innermost loop carrying vectors along a row: a row reduction.
      if (reduction.getNumRegionIterArgs() == 0 ||
          !llvm::all_of(reduction.getRegionIterArgs(),
                        [](Value v) { return isa<VectorType>(v.getType()); }) ||
          !reduction.getBody()->getOps<LoopLikeOpInterface>().empty())
        continue;
      SmallVector<vector::TransferReadOp> reads(
          reduction.getBody()->getOps<vector::TransferReadOp>());
      llvm::SmallPtrSet<Value, 4> inThisLoop;
      for (vector::TransferReadOp read : reads) {
        if (!isContiguousRead(read))
          continue;
        std::optional<RowViews> views = rowViews(read, row, rows);
        if (!views || !views->walkedBy(read, reduction.getInductionVar()) ||
            prefetched.contains(views->chain.front().getSource()))
          continue;
        memref::SubViewOp pick = views->chain.front();
        inThisLoop.insert(pick.getSource());
        Location loc = read.getLoc();
        // next = min(row + 1, rows of the buffer - 1), next to the pick.
        builder.setInsertionPointAfter(pick);
        Value one = arith::ConstantIndexOp::create(builder, loc, 1);
        Value last = arith::ConstantIndexOp::create(
            builder, loc, pick.getSourceType().getDimSize(views->dim) - 1);
        Value next = arith::MinUIOp::create(
            builder, loc, arith::AddIOp::create(builder, loc, row, one), last);
        SmallVector<OpFoldResult> offsets = pick.getMixedOffsets();
        offsets[views->dim] = next;
        IRMapping nextRow;
        nextRow.map(pick.getResult(),
                    memref::SubViewOp::create(builder, loc, pick.getType(), pick.getSource(),
                                              offsets, pick.getMixedSizes(),
                                              pick.getMixedStrides())
                        .getResult());
        // The views under the pick, again over the next row, then the
        // prefetch, next to the read.
        builder.setInsertionPoint(read);
        for (memref::SubViewOp view : ArrayRef(views->chain).drop_front())
          builder.clone(*view, nextRow);
        memref::PrefetchOp::create(builder, loc, nextRow.lookup(read.getBase()), read.getIndices(),
                                   /*isWrite=*/false, /*localityHint=*/3,
                                   /*isDataCache=*/true);
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
