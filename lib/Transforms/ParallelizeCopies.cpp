//===- ParallelizeCopies.cpp - kiln-parallelize-copies --------------------===//
//
// Whole-buffer copies and fills left by bufferization, tiled into
// scf.forall by upstream scf::tileUsingSCF with the strategy's sizes, a
// pad's fill and copy fused tile by tile (see KilnParallelizeCopies in
// Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPARALLELIZECOPIES
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// A whole-buffer op tiled into a loop, and its outer tile sizes.
struct TiledOp {
  bool isCopy;
  Value source; // what it reads, if one buffer (a copy's input)
  Value target; // the buffer it writes
  SmallVector<int64_t> tiles;
  scf::ForallOp loop;
};

// The buffer `view` is a view of, through subviews.
Value baseBuffer(Value view) {
  while (auto subview = view.getDefiningOp<memref::SubViewOp>())
    view = subview.getSource();
  return view;
}

// Whether `copy`'s loop may run inside `fill`'s, tile by tile: a pad's
// fill of a buffer and the copy into its interior, both tiled alike along
// dims the interior spans whole (samples and channels, say), with only
// views between the loops. Each tile then writes its border and interior
// while they are in cache, instead of the fill sweeping the whole buffer
// out to memory and the copy bringing it back.
bool fusesTileByTile(TiledOp fill, TiledOp copy) {
  // The pad's border value: a fill, or bufferization's linalg.map of the
  // pad's body; reading no buffer either way.
  Value buffer = fill.target;
  auto interior = copy.target.getDefiningOp<memref::SubViewOp>();
  if (fill.isCopy || fill.source || !copy.isCopy || !interior ||
      interior.getSource() != buffer || baseBuffer(copy.source) == buffer ||
      fill.tiles != copy.tiles || !interior.hasUnitStride() ||
      fill.loop->getBlock() != copy.loop->getBlock() || !fill.loop->isBeforeInBlock(copy.loop))
    return false;
  auto whole = cast<MemRefType>(buffer.getType());
  for (auto [d, tile] : llvm::enumerate(fill.tiles)) {
    if (tile == 0)
      continue;
    if (!isZeroInteger(interior.getMixedOffsets()[d]) ||
        getConstantIntValue(interior.getMixedSizes()[d]) != whole.getDimSize(d))
      return false;
  }
  for (Operation *op = fill.loop->getNextNode(); op != copy.loop.getOperation();
       op = op->getNextNode())
    if (!isMemoryEffectFree(op))
      return false;
  return true;
}

struct KilnParallelizeCopiesPass
    : kiln::impl::KilnParallelizeCopiesBase<KilnParallelizeCopiesPass> {
  using KilnParallelizeCopiesBase::KilnParallelizeCopiesBase;

  // An op on buffers, all loops parallel, static.
  static bool isStaticParallel(linalg::LinalgOp op) {
    return op.hasPureBufferSemantics() && op.getNumParallelLoops() == op.getNumLoops() &&
           op.getNumLoops() != 0 && !llvm::any_of(op.getStaticLoopRanges(), ShapedType::isDynamic);
  }

  // An op on whole buffers, outside every loop, worth spreading over threads.
  bool isCandidate(linalg::LinalgOp op) {
    if (op->getParentOp() != getOperation().getOperation() || !isStaticParallel(op))
      return false;
    int64_t iterations = 1;
    for (int64_t r : op.getStaticLoopRanges())
      iterations *= r;
    return iterations >= minElements;
  }

  // A copy or fill a thread's tile made for itself (a pad of its part of the
  // input): already in a parallel loop, it only needs vectorizing.
  static bool isInTile(linalg::LinalgOp op) {
    return isa<linalg::CopyOp, linalg::FillOp, linalg::MapOp>(op) &&
           op->getParentOfType<scf::ForallOp>() && !kiln::tilingOf(op) &&
           isStaticParallel(op);
  }

  static void setRegisterTiles(linalg::LinalgOp op, ArrayRef<int64_t> registers) {
    if (registers.size() == op.getNumLoops())
      kiln::setTiling(op, kiln::TilingAttr::get(op.getContext(), {}, {},
                                                kiln::fitTiles(registers, op.getStaticLoopRanges()),
                                                {}, std::nullopt));
  }

  void runOnOperation() override {
    kiln::TargetInfo target = kiln::TargetInfo::of(getOperation());
    SmallVector<linalg::LinalgOp> candidates;
    for (Operation &op : getOperation().getBody().front())
      if (auto linalgOp = dyn_cast<linalg::LinalgOp>(&op); linalgOp && isCandidate(linalgOp))
        candidates.push_back(linalgOp);
    getOperation().walk([&](linalg::LinalgOp op) {
      if (!isInTile(op))
        return;
      if (std::optional<kiln::TileStrategy> strategy = kiln::chooseStrategy(op, target))
        setRegisterTiles(op, strategy->registers);
    });

    IRRewriter rewriter(&getContext());
    SmallVector<TiledOp> tiledOps;
    for (linalg::LinalgOp op : candidates) {
      std::optional<kiln::TileStrategy> strategy = kiln::chooseStrategy(op, target);
      if (!strategy || llvm::all_of(strategy->outer, [](int64_t t) { return t == 0; }))
        continue;
      scf::SCFTilingOptions options;
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
      options.setTileSizes(getAsIndexOpFoldResult(&getContext(), strategy->outer));
      rewriter.setInsertionPoint(op);
      FailureOr<scf::SCFTilingResult> tiled =
          scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
      if (failed(tiled) || tiled->tiledOps.size() != 1)
        continue;
      SmallVector<Value> buffers;
      for (OpOperand *input : op.getDpsInputOperands())
        if (isa<MemRefType>(input->get().getType()))
          buffers.push_back(input->get());
      if (buffers.size() <= 1)
        tiledOps.push_back({isa<linalg::CopyOp>(op), buffers.empty() ? Value() : buffers.front(),
                            op.getDpsInitOperand(0)->get(), strategy->outer,
                            cast<scf::ForallOp>(tiled->loops.front())});
      rewriter.eraseOp(op);
      setRegisterTiles(cast<linalg::LinalgOp>(tiled->tiledOps.front()), strategy->registers);
    }
    // Upstream's sibling fusion: the fill's tile first, then the copy's.
    for (size_t i = 0; i + 1 < tiledOps.size(); ++i)
      if (fusesTileByTile(tiledOps[i], tiledOps[i + 1]))
        tiledOps[i + 1].loop =
            fuseIndependentSiblingForallLoops(tiledOps[i].loop, tiledOps[i + 1].loop, rewriter);
  }
};

} // namespace
