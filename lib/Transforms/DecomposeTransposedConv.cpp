//===- DecomposeTransposedConv.cpp - kiln-decompose-transposed-conv -------===//
//
// A transposed convolution, as kiln-to-linalg lowers it (its input spread
// out by the stride into zeros, convolved at stride 1), as one dense
// convolution per output row phase (see KilnDecomposeTransposedConv in
// Passes.td). With row stride s, dilation d and the input spread from row
// lo, output row o = r + s·t reads spread row o + k·d, which holds input
// row (r + k·d - lo) / s + t when s divides r + k·d - lo, and zeros
// otherwise: phase r's taps are those k, every s/g-th (g = gcd(s, d)),
// reading input rows at dilation d/g from a base row. The products with
// zero rows (all but 1/s of them) are not computed; the columns stay
// spread, so that each phase's output rows are written whole.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "StaticConv.h"
#include "StridedGather.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include <numeric>

namespace kiln {
#define GEN_PASS_DEF_KILNDECOMPOSETRANSPOSEDCONV
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// The output positions r, r + s, ... along one dim (count of them) and
// what they read: taps first, first + step, ... (taps of them), at input
// positions base + t + m·dilation for output t and tap m.
struct Phase {
  int64_t r, count, first, step, taps, base, dilation;
};

// Phases along one dim of `outputs` positions, for a `kernel`-tap window
// at `dilation` over an input spread by `stride` from offset `lo`; phases
// without taps (their outputs keep the accumulator) are left out.
SmallVector<Phase> phasesOf(int64_t outputs, int64_t kernel, int64_t stride, int64_t dilation,
                            int64_t lo) {
  int64_t g = std::gcd(stride, dilation), step = stride / g;
  SmallVector<Phase> phases;
  for (int64_t r = 0; r < std::min(stride, outputs); ++r) {
    int64_t first = 0;
    while (first < kernel && ((r + first * dilation - lo) % stride + stride) % stride != 0)
      ++first;
    if (first >= kernel)
      continue;
    int64_t taps = (kernel - first + step - 1) / step;
    int64_t base = r + first * dilation - lo; // a multiple of stride
    base = base >= 0 ? base / stride : -((-base) / stride);
    phases.push_back(
        {r, (outputs - r + stride - 1) / stride, first, step, taps, base, dilation / g});
  }
  return phases;
}

// The input rows (or columns) a phase reads: from base, this many.
int64_t extent(const Phase &p) { return p.count + (p.taps - 1) * p.dilation; }

// The phase's taps of the weight w[f, c, kh, kw], dense.
Value gatherTaps(OpBuilder &b, Location loc, Value w, const Phase &row, const Phase &col) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(w.getType()).getShape();
  return kiln::stridedGather(b, loc, w, {shape[0], shape[1], row.taps, col.taps},
                             {1, 1, row.step, col.step}, {0, 0, row.first, col.first});
}

struct DecomposeTransposedConv : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp conv,
                                PatternRewriter &rewriter) const override {
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    if (!operands)
      return rewriter.notifyMatchFailure(conv, "not on static tensors");
    SmallVector<int64_t> convStrides(conv.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
    if (convStrides[0] != 1 || convStrides[1] != 1)
      return rewriter.notifyMatchFailure(conv, "strided");
    // The input: x inserted at stride s from offset lo into zeros.
    auto spread = operands->input.getDefiningOp<tensor::InsertSliceOp>();
    auto zeros = spread ? spread.getDest().getDefiningOp<linalg::FillOp>() : nullptr;
    if (!zeros || !matchPattern(zeros.getInputs()[0], m_AnyZeroFloat()) ||
        spread.getSourceType().getRank() != 4 || !spread.getSourceType().hasStaticShape())
      return rewriter.notifyMatchFailure(conv, "input not spread into zeros");
    ArrayRef<int64_t> offsets = spread.getStaticOffsets(), strides = spread.getStaticStrides();
    if (ShapedType::isDynamicShape(offsets) || ShapedType::isDynamicShape(strides) ||
        offsets[0] != 0 || offsets[1] != 0 || strides[0] != 1 || strides[1] != 1 || strides[2] == 1)
      return rewriter.notifyMatchFailure(conv, "not spread by a row stride");
    Value x = spread.getSource();
    RankedTensorType xType = spread.getSourceType(), outType = operands->outType;
    ArrayRef<int64_t> kernel = operands->wType.getShape();
    SmallVector<Phase> rows =
        phasesOf(outType.getDimSize(2), kernel[2], strides[2], dilations[0], offsets[2]);
    // Columns stay spread (each row phase reads them as the convolution
    // did): the output's phases are then rows, each written contiguously.
    Phase cols = {0, outType.getDimSize(3), 0, 1, kernel[3], 0, dilations[1]};
    // The input rows every phase reads, x's spread along columns with one
    // zero border of rows around it.
    int64_t padLo = 0, padHi = 0;
    for (const Phase &row : rows) {
      padLo = std::max(padLo, -row.base);
      padHi = std::max(padHi, row.base + extent(row) - xType.getDimSize(2));
    }
    Location loc = conv.getLoc();
    Type element = xType.getElementType();
    auto index = [&](int64_t v) -> OpFoldResult { return rewriter.getIndexAttr(v); };
    // Zero columns enough for the output rows kiln-pad-conv-width pads to
    // whole vectors (of up to 16 lanes): it would otherwise copy each
    // phase's input to widen it.
    int64_t outWidth = outType.getDimSize(3), width = operands->inType.getDimSize(3);
    if (int64_t padded = kiln::paddedRowWidth(outWidth, 16); padded != outWidth)
      width = std::max(width, padded + (kernel[3] - 1) * dilations[1]);
    Value canvas =
        tensor::EmptyOp::create(rewriter, loc,
                                ArrayRef<int64_t>{xType.getDimSize(0), xType.getDimSize(1),
                                                  xType.getDimSize(2) + padLo + padHi, width},
                                element);
    canvas = linalg::FillOp::create(rewriter, loc, zeros.getInputs(), canvas).getResult(0);
    SmallVector<OpFoldResult> sizes = spread.getMixedSizes();
    canvas = tensor::InsertSliceOp::create(
        rewriter, loc, x, canvas, {index(0), index(0), index(padLo), index(offsets[3])}, sizes,
        {index(1), index(1), index(1), index(strides[3])});
    Value result = operands->acc;
    auto zeroAcc = result.getDefiningOp<linalg::FillOp>();
    if (zeroAcc && !matchPattern(zeroAcc.getInputs()[0], m_AnyZeroFloat()))
      zeroAcc = nullptr;
    // Phases that write every output row need no zeros under them.
    int64_t written = 0;
    for (const Phase &row : rows)
      written += row.count;
    if (zeroAcc && written == outType.getDimSize(2))
      result = zeroAcc.getOutputs()[0];
    for (const Phase &row : rows) {
      Value input = tensor::ExtractSliceOp::create(
          rewriter, loc, canvas,
          ArrayRef<OpFoldResult>{index(0), index(0), index(row.base + padLo), index(0)},
          ArrayRef<OpFoldResult>{index(xType.getDimSize(0)), index(xType.getDimSize(1)),
                                 index(extent(row)), index(width)},
          ArrayRef<OpFoldResult>(SmallVector<OpFoldResult>(4, index(1))));
      Value weight = gatherTaps(rewriter, loc, operands->weight, row, cols);
      SmallVector<OpFoldResult> at = {index(0), index(0), index(row.r), index(0)},
                                size = {index(outType.getDimSize(0)), index(outType.getDimSize(1)),
                                        index(row.count), index(cols.count)},
                                step = {index(1), index(1), index(strides[2]), index(1)};
      // A zero accumulator (as lowered) starts each phase from zeros of
      // its own: a fill the phase's tiles take, not a strided read.
      Value acc;
      if (zeroAcc) {
        Value empty = tensor::EmptyOp::create(
            rewriter, loc,
            ArrayRef<int64_t>{outType.getDimSize(0), outType.getDimSize(1), row.count, cols.count},
            element);
        acc = linalg::FillOp::create(rewriter, loc, zeroAcc.getInputs(), empty).getResult(0);
      } else {
        acc = tensor::ExtractSliceOp::create(rewriter, loc, result, at, size, step);
      }
      Value phase = linalg::Conv2DNchwFchwOp::create(
                        rewriter, loc, TypeRange{acc.getType()}, ValueRange{input, weight},
                        ValueRange{acc}, rewriter.getI64TensorAttr({1, 1}),
                        rewriter.getI64TensorAttr({row.dilation, cols.dilation}))
                        .getResult(0);
      result = tensor::InsertSliceOp::create(rewriter, loc, phase, result, at, size, step);
    }
    rewriter.replaceOp(conv, result);
    return success();
  }
};

struct KilnDecomposeTransposedConvPass
    : kiln::impl::KilnDecomposeTransposedConvBase<KilnDecomposeTransposedConvPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeTransposedConv>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
