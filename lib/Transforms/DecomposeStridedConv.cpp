//===- DecomposeStridedConv.cpp - kiln-decompose-strided-conv -------------===//
//
// A 2-D convolution strided along the width (W) as a sum of ones of width
// stride 1, over the input's column phases (see
// KilnDecomposeStridedConv in Passes.td). With stride s and dilation d,
// kernel taps k whose offset k·d has the same residue r = k·d mod s read
// columns r, r + s, r + 2s, ...: one phase. Its taps are k0, k0 + s/g,
// k0 + 2s/g, ... (g = gcd(s, d)), which, on the phase's columns, a
// convolution with dilation d/g reads. A stride along the height stays.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "StaticConv.h"
#include "StridedGather.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include <numeric>

namespace kiln {
#define GEN_PASS_DEF_KILNDECOMPOSESTRIDEDCONV
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// One phase: taps first, first + step, ... (count of them), reading input
// columns offset, offset + stride, ...
struct Phase {
  int64_t first, step, count, offset, dilation;
};

SmallVector<Phase> phasesOf(int64_t kernel, int64_t stride, int64_t dilation) {
  int64_t g = std::gcd(stride, dilation), step = stride / g;
  SmallVector<Phase> phases;
  for (int64_t first = 0; first < std::min(kernel, step); ++first) {
    int64_t count = (kernel - first + step - 1) / step;
    // Tap first sits at column first·d = offset + s·m; offset < s.
    int64_t offset = first * dilation;
    phases.push_back({first, step, count, offset, dilation / g});
  }
  return phases;
}

// `source`'s columns (its last dim) offset, offset + stride, ...
// (`columns` of them), dense.
Value gatherColumns(OpBuilder &b, Location loc, Value source, int64_t columns, int64_t stride,
                    int64_t offset) {
  SmallVector<int64_t> shape(cast<RankedTensorType>(source.getType()).getShape());
  SmallVector<int64_t> strides(shape.size(), 1), offsets(shape.size(), 0);
  shape.back() = columns;
  strides.back() = stride;
  offsets.back() = offset;
  return kiln::stridedGather(b, loc, source, shape, strides, offsets);
}

// A convolution's input that is its source zero-padded along its rows and
// columns only (tensor.pad, or that seen through the expand_shape that
// splits a grouped convolution's channels): the source as the input's
// shape would have it unpadded, and the padding per dim.
struct ZeroPadded {
  Value source;
  SmallVector<int64_t> low, high;
};

std::optional<ZeroPadded> zeroPadded(OpBuilder &b, Location loc, Value input) {
  auto expand = input.getDefiningOp<tensor::ExpandShapeOp>();
  auto pad = (expand ? expand.getSrc() : input).getDefiningOp<tensor::PadOp>();
  if (!pad || !pad.getLow().empty() || !pad.getHigh().empty())
    return std::nullopt;
  Value padding = pad.getConstantPaddingValue();
  if (!padding || !(matchPattern(padding, m_AnyZeroFloat()) || matchPattern(padding, m_Zero())))
    return std::nullopt;
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  int64_t rank = low.size();
  for (int64_t d = 0; d + 2 < rank; ++d)
    if (low[d] != 0 || high[d] != 0)
      return std::nullopt;
  ZeroPadded padded{pad.getSource(), SmallVector<int64_t>(low), SmallVector<int64_t>(high)};
  if (!expand)
    return padded;
  // Each padded dim (rows, columns) must be the last of its group, the
  // others of unit size (a depthwise convolution's rows are expanded to
  // 1 x H).
  SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
  auto type = cast<RankedTensorType>(expand.getType());
  SmallVector<int64_t> shape(type.getShape());
  int64_t expandedRank = shape.size();
  padded.low.assign(expandedRank, 0);
  padded.high.assign(expandedRank, 0);
  for (int64_t d = rank - 2; d < rank; ++d) {
    ArrayRef<int64_t> group = groups[d];
    if (group.back() != expandedRank - (rank - d) ||
        llvm::any_of(group.drop_back(), [&](int64_t e) { return shape[e] != 1; }))
      return std::nullopt;
    padded.low[group.back()] = low[d];
    padded.high[group.back()] = high[d];
    shape[group.back()] -= low[d] + high[d];
  }
  padded.source = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), pad.getSource(), groups);
  return padded;
}

// A phase's input: its columns of `input`, offset, offset + stride, ...
// (`columns` of them). Of a zero-padded input, the columns of its source
// that the phase reads, padded: the padded input is not copied whole, and
// the pad is made per tile (kiln-pad-in-tile) like a stride-1
// convolution's.
Value phaseInput(OpBuilder &b, Location loc, Value input,
                 const std::optional<ZeroPadded> &padded, int64_t columns, int64_t stride,
                 int64_t offset) {
  if (!padded)
    return gatherColumns(b, loc, input, columns, stride, offset);
  // Phase column m reads source column offset - left + stride·m.
  int64_t left = padded->low.back();
  int64_t width = cast<RankedTensorType>(padded->source.getType()).getShape().back();
  int64_t first = offset >= left ? 0 : (left - offset + stride - 1) / stride;
  int64_t reach = width - 1 - (offset - left); // of the last column read
  int64_t end = reach < 0 ? 0 : std::min(columns, reach / stride + 1);
  if (end <= first)
    return gatherColumns(b, loc, input, columns, stride, offset);
  Value inside = gatherColumns(b, loc, padded->source, end - first, stride,
                               offset - left + stride * first);
  SmallVector<int64_t> low(padded->low), high(padded->high);
  low.back() = first;
  high.back() = columns - end;
  return kiln::padZeros(b, loc, inside, low, high);
}

// Over NCHW convolutions and grouped ones (whose phases take all groups).
template <typename ConvOp> struct DecomposeStridedConv : OpRewritePattern<ConvOp> {
  using OpRewritePattern<ConvOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(ConvOp conv, PatternRewriter &rewriter) const override {
    SmallVector<int64_t> strides(conv.getStrides().template getValues<int64_t>());
    SmallVector<int64_t> dilations(conv.getDilations().template getValues<int64_t>());
    // A stride along the height alone is left to the convolution: its
    // register tiles take one output row at a time, which reads one input
    // row wherever it lies.
    if (strides[1] == 1)
      return rewriter.notifyMatchFailure(conv, "width stride 1");
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    if (!operands)
      return rewriter.notifyMatchFailure(conv, "not on static tensors");
    Value input = operands->input, weight = operands->weight, acc = operands->acc;
    RankedTensorType outType = operands->outType;
    int64_t width = operands->inType.getShape().back();
    int64_t taps = operands->wType.getShape().back();

    // The columns each phase's taps read, dense.
    SmallVector<Phase> phases = phasesOf(taps, strides[1], dilations[1]);
    auto columnsOf = [&](const Phase &phase) {
      return outType.getShape().back() + (phase.count - 1) * phase.dilation;
    };
    if (llvm::any_of(phases, [&](const Phase &phase) {
          return phase.offset + (columnsOf(phase) - 1) * strides[1] >= width;
        }))
      return rewriter.notifyMatchFailure(conv, "a phase reads past the input");

    Location loc = conv.getLoc();
    std::optional<ZeroPadded> padded = zeroPadded(rewriter, loc, input);
    // Each phase keeps the height stride, and reads all rows.
    Attribute heightStride = rewriter.getI64TensorAttr({strides[0], 1});
    for (const Phase &phase : phases) {
      Value x =
          phaseInput(rewriter, loc, input, padded, columnsOf(phase), strides[1], phase.offset);
      Value k = gatherColumns(rewriter, loc, weight, phase.count, phase.step, phase.first);
      acc = ConvOp::create(
                rewriter, loc, TypeRange{outType}, ValueRange{x, k}, ValueRange{acc}, heightStride,
                rewriter.getI64TensorAttr({dilations[0], phase.dilation}))
                .getResult(0);
    }
    rewriter.replaceOp(conv, acc);
    return success();
  }
};

struct KilnDecomposeStridedConvPass
    : kiln::impl::KilnDecomposeStridedConvBase<KilnDecomposeStridedConvPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeStridedConv<linalg::Conv2DNchwFchwOp>,
                 DecomposeStridedConv<linalg::Conv2DNgchwGfchwOp>>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
