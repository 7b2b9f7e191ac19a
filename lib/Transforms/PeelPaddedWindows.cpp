//===- PeelPaddedWindows.cpp - kiln-peel-padded-windows -------------------===//
//
// Poolings over an input padded with their combiner's identity split into
// the outputs whose windows lie inside the input and the border ones, each
// pooled from the unpadded input with its window clipped (see
// KilnPeelPaddedWindows in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPEELPADDEDWINDOWS
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// Output positions [begin, end) along one spatial dim whose windows read
// the same taps [firstTap, endTap) inside the input (the others fall in the
// padding).
struct Segment {
  int64_t begin, end, firstTap, endTap;
};

// The segments of `outputs` positions `stride` apart, windows of `taps`
// taps `dilation` apart, over `low` padding and `size` inputs: each border
// position alone (its taps clipped to the input), the interior (all taps
// inside) as one. Positions with no tap inside are left out.
SmallVector<Segment> segments(int64_t outputs, int64_t stride, int64_t dilation, int64_t taps,
                              int64_t low, int64_t size) {
  // Output o's tap k reads input o*stride + k*dilation - low.
  auto firstTap = [&](int64_t o) {
    return std::clamp<int64_t>(llvm::divideCeilSigned(low - o * stride, dilation), 0, taps);
  };
  auto endTap = [&](int64_t o) {
    return std::clamp<int64_t>(llvm::divideFloorSigned(size - 1 + low - o * stride, dilation) + 1,
                               0, taps);
  };
  SmallVector<Segment> result;
  for (int64_t o = 0; o < outputs; ++o) {
    Segment s{o, o + 1, firstTap(o), endTap(o)};
    if (s.firstTap >= s.endTap)
      continue;
    if (!result.empty() && s.firstTap == 0 && s.endTap == taps &&
        result.back().firstTap == 0 && result.back().endTap == taps && result.back().end == o)
      result.back().end = o + 1;
    else
      result.push_back(s);
  }
  return result;
}

// Whether `pad` pads with the identity of `op`'s combiner: -inf for a max,
// 0 for a sum. A window clipped to the input then pools the same values.
template <typename PoolOp>
bool padsWithIdentity(PoolOp op, tensor::PadOp pad) {
  Value value = pad.getConstantPaddingValue();
  FloatAttr constant;
  if (!value || !matchPattern(value, m_Constant(&constant)))
    return false;
  APFloat padding = constant.getValue();
  if (std::is_same_v<PoolOp, linalg::PoolingNchwMaxOp>)
    return padding.isInfinity() && padding.isNegative();
  return padding.isZero();
}

// Replaces `op` (n, c, oh, ow, kh, kw over an NCHW input padded by `pad`)
// with one pooling per region of its output, each over a slice of the
// unpadded input with its window clipped to the taps inside it, the results
// inserted into the init.
template <typename PoolOp>
LogicalResult peel(PoolOp op, RewriterBase &rewriter) {
  auto pad = op.getInputs()[0].template getDefiningOp<tensor::PadOp>();
  auto output = dyn_cast<RankedTensorType>(op.getOutputs()[0].getType());
  auto window = dyn_cast<RankedTensorType>(op.getInputs()[1].getType());
  if (!pad || !op.hasPureTensorSemantics() || !output || !output.hasStaticShape() ||
      !window || !window.hasStaticShape() || !pad.getSourceType().hasStaticShape() ||
      !padsWithIdentity(op, pad))
    return failure();
  ArrayRef<int64_t> low = pad.getStaticLow();
  if (llvm::any_of(low, ShapedType::isDynamic) || low[0] || low[1] ||
      llvm::any_of(pad.getStaticHigh().take_front(2), [](int64_t h) { return h != 0; }))
    return failure();
  RankedTensorType input = pad.getSourceType();
  SmallVector<int64_t> strides(op.getStrides().template getValues<int64_t>());
  SmallVector<int64_t> dilations(op.getDilations().template getValues<int64_t>());
  SmallVector<Segment> dims[2];
  for (int d = 0; d < 2; ++d)
    dims[d] = segments(output.getDimSize(2 + d), strides[d], dilations[d],
                       window.getDimSize(d), low[2 + d], input.getDimSize(2 + d));
  // A border of a few rows and columns (a 5 x 5 window's two on each side),
  // not a small output made of borders.
  if (dims[0].size() * dims[1].size() > 25)
    return failure();

  Location loc = op.getLoc();
  auto index = [&](int64_t i) -> OpFoldResult { return rewriter.getIndexAttr(i); };
  SmallVector<OpFoldResult> ones(4, index(1));
  rewriter.setInsertionPoint(op);
  Value result = op.getOutputs()[0];
  for (Segment row : dims[0])
    for (Segment column : dims[1]) {
      Segment region[2] = {row, column};
      // All of n and c; the region's rows and columns.
      SmallVector<OpFoldResult> inOffsets(2, index(0)), outOffsets(2, index(0));
      SmallVector<OpFoldResult> inSizes = {index(input.getDimSize(0)), index(input.getDimSize(1))};
      SmallVector<OpFoldResult> outSizes = inSizes;
      SmallVector<int64_t> taps;
      for (int d = 0; d < 2; ++d) {
        const Segment &s = region[d];
        int64_t count = s.end - s.begin;
        taps.push_back(s.endTap - s.firstTap);
        inOffsets.push_back(index(s.begin * strides[d] + s.firstTap * dilations[d] - low[2 + d]));
        inSizes.push_back(index((count - 1) * strides[d] + (taps[d] - 1) * dilations[d] + 1));
        outOffsets.push_back(index(s.begin));
        outSizes.push_back(index(count));
      }
      Value in = tensor::ExtractSliceOp::create(rewriter, loc, pad.getSource(), inOffsets,
                                                inSizes, ones);
      Value init = tensor::ExtractSliceOp::create(rewriter, loc, result, outOffsets, outSizes,
                                                  ones);
      Value clipped = tensor::EmptyOp::create(rewriter, loc, taps, window.getElementType());
      auto part = PoolOp::create(rewriter, loc, TypeRange{init.getType()}, ValueRange{in, clipped},
                                 ValueRange{init}, op.getStrides(), op.getDilations());
      for (NamedAttribute attr : op->getDiscardableAttrs())
        part->setAttr(attr.getName(), attr.getValue());
      // Each region starts from the results inserted so far, so that the
      // inserts bufferize in place.
      result = tensor::InsertSliceOp::create(rewriter, loc, part->getResult(0), result,
                                             outOffsets, outSizes, ones);
    }
  rewriter.replaceOp(op, result);
  return success();
}

struct KilnPeelPaddedWindowsPass
    : kiln::impl::KilnPeelPaddedWindowsBase<KilnPeelPaddedWindowsPass> {
  void runOnOperation() override {
    SmallVector<Operation *> pools;
    getOperation().walk([&](Operation *op) {
      if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op))
        pools.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (Operation *op : pools) {
      if (auto pool = dyn_cast<linalg::PoolingNchwMaxOp>(op))
        (void)peel(pool, rewriter);
      else
        (void)peel(cast<linalg::PoolingNchwSumOp>(op), rewriter);
    }
  }
};

} // namespace
