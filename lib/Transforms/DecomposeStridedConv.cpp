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

    Location loc = conv.getLoc();
    // Each phase keeps the height stride, and reads all rows.
    Attribute heightStride = rewriter.getI64TensorAttr({strides[0], 1});
    for (const Phase &phase : phasesOf(taps, strides[1], dilations[1])) {
      // The phase's input: the columns its taps read, dense.
      int64_t cols = outType.getShape().back() + (phase.count - 1) * phase.dilation;
      if (phase.offset + (cols - 1) * strides[1] >= width)
        return rewriter.notifyMatchFailure(conv, "phase reads past the input");
      Value x = gatherColumns(rewriter, loc, input, cols, strides[1], phase.offset);
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
