//===- TileCaches.cpp - kiln-tile-caches ----------------------------------===//
//
// Cache tiles of each op's #kiln.tiling as scf.for loops (upstream
// scf::tileUsingSCF), a reduction's first slice split off (upstream
// TilingInterface::getTiledImplementation) and a GEMM's B packed into
// panels (a linalg.transpose of its expanded slice), leaving the register
// tiles to kiln-vectorize (see KilnTileCaches in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"
#include "kiln/Transforms/Tiling.h"

#include "kiln/Utils/MultiplyAccumulate.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNTILECACHES
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using kiln::fillOfInit;
using kiln::slicedReductions;
using kiln::tileWithLoops;

namespace {

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

// Tiles `op` to its cache tiles and packs a GEMM's B; leaves on the op
// that computes the result (the GEMM over packed panels, the op inside the
// cache loops) its register tiles and loop order, refitted to its shape,
// for kiln-vectorize, and on the packing its copy step. An op it cannot
// tile loses its tiling: it stays whole and lowers to loops.
void tileToCaches(linalg::LinalgOp op, int64_t vectorBits, RewriterBase &rewriter) {
  bool fuseFill = kiln::fusesInitFill(op);
  bool inSlices = kiln::slicedReductions(op).size() == 1;
  kiln::TilingAttr tiling = kiln::tilingOf(op);
  op->removeAttr(kiln::kTilingAttrName);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return;
  MLIRContext *ctx = op.getContext();
  SmallVector<int64_t> registers(tiling.getRegisters()), order(tiling.getOrder());
  // What is left for kiln-vectorize.
  auto leave = [&](linalg::LinalgOp tile, ArrayRef<int64_t> sizes, ArrayRef<int64_t> loops) {
    kiln::setTiling(tile, kiln::TilingAttr::get(
                              ctx, {}, {}, kiln::fitTiles(sizes, tile.getStaticLoopRanges()),
                              loops, std::nullopt));
  };
  // A GEMM's blocks of rows come after its slice of B is packed: they all
  // read the one packed slice.
  std::optional<kiln::GemmB> packB = tiling.getPackB();
  SmallVector<int64_t> blocks = tiling.getCache().empty()
                                    ? SmallVector<int64_t>(ranges.size(), 0)
                                    : kiln::fitTiles(tiling.getCache(), ranges);
  int64_t rowBlock = packB ? std::exchange(blocks[0], 0) : 0;
  Operation *parent = op->getParentOp();
  FailureOr<Operation *> block = tileWithLoops(op, blocks, {}, rewriter);
  if (failed(block))
    return;
  op = cast<linalg::LinalgOp>(*block);
  if (!packB) {
    // The loop over a reduction's slices, for kiln-prefetch-next-slice (a
    // GEMM's slices read the panels they pack: they are left alone).
    auto slices = dyn_cast<scf::ForOp>(op->getParentOp());
    if (inSlices && slices && slices->getParentOp() == parent &&
        llvm::count_if(blocks, [](int64_t b) { return b != 0; }) == 1)
      slices->setAttr(kiln::kReductionSlicesAttrName, UnitAttr::get(ctx));
    return leave(op, registers, order);
  }
  ranges = op.getStaticLoopRanges();
  int64_t nr = kiln::fitTiles(registers, ranges)[1];
  if (auto packed = packPanels(op, *packB, nr, rewriter)) {
    auto [pack, product] = *packed;
    // The packing copy: a panel row (nr floats of a row of B) per step, or
    // from B[n, k], a square of a vector's lanes transposed.
    int64_t lanes = std::max<int64_t>(1, vectorBits / 32);
    SmallVector<int64_t> step =
        *packB == kiln::GemmB::kn
            ? SmallVector<int64_t>{1, 1, nr}
            : kiln::fitTiles({1, lanes, lanes}, pack.getInit().getType().getShape());
    leave(pack, step, {});
    op = product;
    registers = {registers[0], 1, nr, 1}; // m, n / nr, n % nr, k
    order = packedOrder(order);
  }
  SmallVector<int64_t> rows(op.getNumLoops(), 0);
  rows[0] = rowBlock;
  // Each block of rows fills its own part of C (for its register tiles to
  // take the fill, in kiln-vectorize).
  if (linalg::FillOp fill = fillOfInit(op); fill && fuseFill && rowBlock) {
    auto tiled = kiln::tileFusingFill(op, fill, rows, {}, rewriter);
    if (failed(tiled))
      return;
    op = tiled->first;
  } else {
    FailureOr<Operation *> tiled = tileWithLoops(op, rows, {}, rewriter);
    if (failed(tiled))
      return;
    op = cast<linalg::LinalgOp>(*tiled);
  }
  leave(op, registers, order);
}

struct KilnTileCachesPass : kiln::impl::KilnTileCachesBase<KilnTileCachesPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    WalkResult walk = getOperation().walk([&](linalg::LinalgOp op) {
      kiln::TilingAttr tiling = kiln::tilingOf(op);
      if (!tiling || tiling.getRegisters().empty() ||
          (tiling.getCache().empty() && !tiling.getPackB()))
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
    int64_t vectorBits = kiln::TargetInfo::of(getOperation()).vectorBits;
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      // A reduction in slices that starts from a fill: its first slice as
      // an op of its own, which takes the fill into its register tiles.
      if (auto parts = splitFirstSlice(op, rewriter)) {
        tileToCaches(parts->first, vectorBits, rewriter);
        tileToCaches(parts->second, vectorBits, rewriter);
      } else {
        tileToCaches(op, vectorBits, rewriter);
      }
    }
  }
};

} // namespace
