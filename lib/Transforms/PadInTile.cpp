//===- PadInTile.cpp - kiln-pad-in-tile -----------------------------------===//
//
// A tile's slice of a constant pad as the pad of its input's slice (see
// KilnPadInTile in Passes.td): the static case of upstream's
// tensor::bubbleUpPadSlice.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/TileAndFuse.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPADINTILE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

// A tile's slice of a pad is the pad of the input's matching slice: each
// tile pads its own part (in cache) instead of all of it being padded up
// front and read back from memory (max_pool2d's -inf border, over a tile of
// channels). Upstream's pad tiling (tensor::bubbleUpPadSlice) takes any
// slice, with scf.if and dynamic sizes that the affine lowering cannot take;
// this is the static case: offsets along padded dims are constants. Only
// when the tiles together pad about the input once (a convolution's tiles
// over output channels all read the whole padded input: it stays whole).
tensor::ExtractSliceOp kiln::padInTile(RewriterBase &rewriter, tensor::ExtractSliceOp slice,
                                       int64_t tiles) {
  auto pad = slice.getSource().getDefiningOp<tensor::PadOp>();
  if (!pad || !pad.getConstantPaddingValue())
    return {};
  RankedTensorType part = slice.getResultType(), whole = pad.getResultType();
  RankedTensorType input = pad.getSourceType();
  if (!part.hasStaticShape() || !whole.hasStaticShape() || !input.hasStaticShape() ||
      part.getRank() != whole.getRank() || !slice.hasUnitStride() ||
      part.getNumElements() * tiles > whole.getNumElements())
    return {};
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  if (llvm::any_of(low, ShapedType::isDynamic) || llvm::any_of(high, ShapedType::isDynamic))
    return {};
  SmallVector<OpFoldResult> offsets = slice.getMixedOffsets(), sizes;
  SmallVector<int64_t> newLow, newHigh;
  for (int64_t d = 0; d < part.getRank(); ++d) {
    int64_t size = part.getDimSize(d);
    if (low[d] == 0 && high[d] == 0) {
      sizes.push_back(rewriter.getIndexAttr(size));
      newLow.push_back(0);
      newHigh.push_back(0);
      continue;
    }
    std::optional<int64_t> offset = getConstantIntValue(offsets[d]);
    if (!offset)
      return {};
    int64_t first = std::max<int64_t>(0, *offset - low[d]);
    int64_t last = std::min<int64_t>(input.getDimSize(d), *offset + size - low[d]);
    if (last <= first)
      return {};
    offsets[d] = rewriter.getIndexAttr(first);
    sizes.push_back(rewriter.getIndexAttr(last - first));
    newLow.push_back(std::max<int64_t>(0, low[d] - *offset));
    newHigh.push_back(size - newLow.back() - (last - first));
  }
  rewriter.setInsertionPoint(slice);
  auto inputPart = tensor::ExtractSliceOp::create(rewriter, slice.getLoc(), pad.getSource(),
                                                  offsets, sizes, slice.getMixedStrides());
  rewriter.replaceOp(slice, tensor::PadOp::create(
                                rewriter, slice.getLoc(), part, inputPart,
                                getAsIndexOpFoldResult(rewriter.getContext(), newLow),
                                getAsIndexOpFoldResult(rewriter.getContext(), newHigh),
                                pad.getConstantPaddingValue(), pad.getNofold()));
  return inputPart;
}

namespace {

// The number of iterations of `loop`, or nothing when its bounds are not
// constants.
std::optional<int64_t> tileCount(scf::ForallOp loop) {
  int64_t tiles = 1;
  for (auto [lower, upper, step] :
       llvm::zip(loop.getMixedLowerBound(), loop.getMixedUpperBound(), loop.getMixedStep())) {
    std::optional<int64_t> l = getConstantIntValue(lower), u = getConstantIntValue(upper),
                           s = getConstantIntValue(step);
    if (!l || !u || !s || *s <= 0)
      return std::nullopt;
    tiles *= (*u - *l + *s - 1) / *s;
  }
  return tiles;
}

struct KilnPadInTilePass : kiln::impl::KilnPadInTileBase<KilnPadInTilePass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    for (Operation &op : getOperation().getBody().front()) {
      auto loop = dyn_cast<scf::ForallOp>(op);
      std::optional<int64_t> tiles = loop ? tileCount(loop) : std::nullopt;
      if (!tiles)
        continue;
      SmallVector<tensor::ExtractSliceOp> slices;
      loop->walk([&](tensor::ExtractSliceOp slice) { slices.push_back(slice); });
      for (tensor::ExtractSliceOp slice : slices)
        (void)kiln::padInTile(rewriter, slice, *tiles);
    }
    // The pads whose every reader now pads its own part.
    getOperation().walk([&](tensor::PadOp pad) {
      if (pad->use_empty())
        rewriter.eraseOp(pad);
    });
  }
};

} // namespace
