//===- PrefetchNextSlice.cpp - kiln-prefetch-next-slice -------------------===//
//
// A loop over a reduction's slices prefetches, into L2, what its register
// tiles will read of a large buffer at the next slice (see
// KilnPrefetchNextSlice in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/KilnDialect.h"
#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Target.h"

#include "PickedViews.h"

#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPREFETCHNEXTSLICE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// The most times a row may be read in one slice for its prefetch to pay:
/// only its first read waits on memory, the prefetch costs an issue slot at
/// each. Tiles of 7 rows of outputs (3x3 512 -> 512 on 7 x 7) ran 1.15-1.3x
/// faster with them, tiles of 14 rows (256 -> 256 on 14 x 14) no faster.
constexpr int64_t kMaxRereads = 8;

/// L2 prefetches: the next slice is a whole slice's work away, long enough
/// for L1 to evict what would be brought there.
constexpr uint32_t kL2Locality = 2;

// Whether `read` reads a row of its 1-D buffer, whole vectors of it or one
// broadcast across the vector's leading dims (a map (d0) -> (0, d0), which
// AffineMap::isMinorIdentityWithBroadcasting refuses: more results than dims).
bool readsRow(vector::TransferReadOp read) {
  auto type = dyn_cast<MemRefType>(read.getBase().getType());
  AffineMap map = read.getPermutationMap();
  if (!type || type.getRank() != 1 || read.getMask() || map.getNumDims() != 1)
    return false;
  ArrayRef<AffineExpr> results = map.getResults();
  return results.back() == getAffineDimExpr(0, read.getContext()) &&
         llvm::all_of(results.drop_back(), [](AffineExpr e) { return isa<AffineConstantExpr>(e); });
}

// Whether the buffer under `views` is larger than `bytes`.
bool largerThan(const kiln::PickedViews &views, int64_t bytes) {
  auto type = memref::skipViewLikeOps(cast<MemrefValue>(views.pick().getSource())).getType();
  return type.hasStaticShape() && type.getElementType().isIntOrFloat() &&
         type.getNumElements() * type.getElementTypeBitWidth() / 8 > bytes;
}

// How many times `read` reads the same row within one slice of `slices`:
// the trips of the loops between them whose index its view and indices do
// not depend on (a row of a convolution's weights is read once per row of
// outputs of its tile); nothing when such a loop's trips are not constant.
std::optional<int64_t> rereads(vector::TransferReadOp read, const kiln::PickedViews &views,
                               scf::ForOp slices) {
  SmallVector<Value> work(read.getIndices());
  for (memref::SubViewOp view : views.chain)
    llvm::append_range(work, view->getOperands());
  llvm::SmallPtrSet<Value, 16> reached;
  while (!work.empty()) {
    Value value = work.pop_back_val();
    if (!reached.insert(value).second)
      continue;
    if (Operation *def = value.getDefiningOp(); def && slices->isProperAncestor(def))
      llvm::append_range(work, def->getOperands());
  }
  int64_t times = 1;
  for (auto loop = read->getParentOfType<scf::ForOp>(); loop && loop != slices;
       loop = loop->getParentOfType<scf::ForOp>()) {
    if (reached.contains(loop.getInductionVar()))
      continue;
    std::optional<APInt> trips = loop.getStaticTripCount();
    if (!trips)
      return std::nullopt;
    times *= trips->getSExtValue();
  }
  return times;
}

// After `read`, prefetches each 64-byte line it reads at the next slice.
void prefetchNextSlice(vector::TransferReadOp read, const kiln::PickedViews &views,
                       scf::ForOp slices, kiln::Steps steps, OpBuilder &builder) {
  builder.setInsertionPointAfter(read);
  Value base = views.atNextStep(read.getBase(), slices, steps, builder);
  kiln::prefetchLines(builder, read.getLoc(), base, read.getIndices(),
                      read.getVectorType().getShape().take_back(),
                      read.getVectorType().getElementType(), /*isWrite=*/false, kL2Locality);
}

struct KilnPrefetchNextSlicePass
    : kiln::impl::KilnPrefetchNextSliceBase<KilnPrefetchNextSlicePass> {
  void runOnOperation() override {
    int64_t halfL2 = kiln::TargetInfo::of(getOperation()).l2Bytes / 2;
    OpBuilder builder(&getContext());
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) {
      if (loop->hasAttr(kiln::kReductionSlicesAttrName))
        loops.push_back(loop);
    });
    for (scf::ForOp slices : loops) {
      std::optional<kiln::Steps> steps = kiln::constantSteps(slices);
      if (!steps)
        continue;
      SmallVector<vector::TransferReadOp> reads;
      slices.getBody()->walk([&](vector::TransferReadOp read) {
        if (readsRow(read))
          reads.push_back(read);
      });
      for (vector::TransferReadOp read : reads) {
        // A slice picked across rows (not further along the row the read
        // reads, which the hardware prefetcher follows) of a large buffer.
        std::optional<kiln::PickedViews> views =
            kiln::pickedViews(read.getBase(), slices.getInductionVar(), slices);
        if (views && views->extent() == steps->step &&
            views->dim + 1 < views->pick().getSourceType().getRank() &&
            largerThan(*views, halfL2) &&
            rereads(read, *views, slices).value_or(kMaxRereads + 1) <= kMaxRereads)
          prefetchNextSlice(read, *views, slices, *steps, builder);
      }
    }
  }
};

} // namespace
