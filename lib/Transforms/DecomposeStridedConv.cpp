//===- DecomposeStridedConv.cpp - kiln-decompose-strided-conv -------------===//
//
// A strided 2-D convolution as a sum of stride-1 ones over the input's
// phases (see KilnDecomposeStridedConv in Passes.td). Per dimension with
// stride s and dilation d, kernel taps k whose offset k·d has the same
// residue r = k·d mod s read input rows r, r + s, r + 2s, ...: one phase.
// Its taps are k0, k0 + s/g, k0 + 2s/g, ... (g = gcd(s, d)), which, on the
// phase's rows, a stride-1 convolution with dilation d/g reads.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "StaticConv.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include <numeric>

namespace kiln {
#define GEN_PASS_DEF_KILNDECOMPOSESTRIDEDCONV
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// One phase of one dimension: taps first, first + step, ... (count of
// them), reading input rows offset, offset + stride, ...
struct Phase {
  int64_t first, step, count, offset, dilation;
};

SmallVector<Phase> phasesOf(int64_t kernel, int64_t stride, int64_t dilation) {
  int64_t g = std::gcd(stride, dilation), step = stride / g;
  SmallVector<Phase> phases;
  for (int64_t first = 0; first < std::min(kernel, step); ++first) {
    int64_t count = (kernel - first + step - 1) / step;
    // Tap first sits at row first·d = offset + s·m; offset < s.
    int64_t offset = first * dilation;
    phases.push_back({first, step, count, offset, dilation / g});
  }
  return phases;
}

// result[n, c, i, j] = source[n, c, i·sh + oh, j·sw + ow]: a strided
// gather as a generic, so it is tiled (and fused into the convolution's
// tiles) like any producer, and its result is dense.
Value gather(OpBuilder &b, Location loc, Value source, ArrayRef<int64_t> shape,
             int64_t sh, int64_t oh, int64_t sw, int64_t ow) {
  auto type = cast<RankedTensorType>(source.getType());
  MLIRContext *ctx = b.getContext();
  AffineExpr d0, d1, d2, d3;
  bindDims(ctx, d0, d1, d2, d3);
  AffineMap in = AffineMap::get(4, 0, {d0, d1, d2 * sh + oh, d3 * sw + ow}, ctx);
  AffineMap out = AffineMap::getMultiDimIdentityMap(4, ctx);
  Value init = tensor::EmptyOp::create(b, loc, shape, type.getElementType());
  SmallVector<utils::IteratorType> parallel(4, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{source}, ValueRange{init},
             ArrayRef<AffineMap>{in, out}, parallel,
             [](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, args[0]);
             })
      .getResult(0);
}

struct DecomposeStridedConv : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp conv,
                                PatternRewriter &rewriter) const override {
    SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
    SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
    if (strides[0] == 1 && strides[1] == 1)
      return rewriter.notifyMatchFailure(conv, "already stride 1");
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    if (!operands)
      return rewriter.notifyMatchFailure(conv, "not on static tensors");
    Value input = operands->input, weight = operands->weight, acc = operands->acc;
    RankedTensorType outType = operands->outType;
    ArrayRef<int64_t> in = operands->inType.getShape(), w = operands->wType.getShape(),
                      out = outType.getShape();

    Location loc = conv.getLoc();
    Attribute unit = rewriter.getI64TensorAttr({1, 1});
    for (const Phase &ph : phasesOf(w[2], strides[0], dilations[0])) {
      for (const Phase &pw : phasesOf(w[3], strides[1], dilations[1])) {
        // The phase's input: the rows and columns its taps read, dense.
        int64_t rows = out[2] + (ph.count - 1) * ph.dilation;
        int64_t cols = out[3] + (pw.count - 1) * pw.dilation;
        if (ph.offset + (rows - 1) * strides[0] >= in[2] ||
            pw.offset + (cols - 1) * strides[1] >= in[3])
          return rewriter.notifyMatchFailure(conv, "phase reads past the input");
        Value x = gather(rewriter, loc, input, {in[0], in[1], rows, cols}, strides[0], ph.offset,
                         strides[1], pw.offset);
        Value k = gather(rewriter, loc, weight, {w[0], w[1], ph.count, pw.count}, ph.step,
                         ph.first, pw.step, pw.first);
        acc = linalg::Conv2DNchwFchwOp::create(
                  rewriter, loc, TypeRange{outType}, ValueRange{x, k}, ValueRange{acc}, unit,
                  rewriter.getI64TensorAttr({ph.dilation, pw.dilation}))
                  .getResult(0);
      }
    }
    rewriter.replaceOp(conv, acc);
    return success();
  }
};

struct KilnDecomposeStridedConvPass
    : kiln::impl::KilnDecomposeStridedConvBase<KilnDecomposeStridedConvPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposeStridedConv>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
