//===- PadConvWidth.cpp - kiln-pad-conv-width -----------------------------===//
//
// Output rows of whole vectors for 2-D convolutions (see KilnPadConvWidth
// in Passes.td): the input gets zero columns on the right, the convolution
// computes the wider rows, and a slice keeps the real ones.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "StaticConv.h"

#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPADCONVWIDTH
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// The wide rows `acc` is the leading columns of, when it is such a slice
// (the result of an earlier convolution padded the same way: the phases of
// a strided one accumulate into each other), else null. Their other
// columns may hold anything: an output column accumulates into its own
// column only, and the extra ones are sliced off in the end.
Value widened(Value acc, int64_t padded) {
  auto slice = acc.getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice || !slice.hasUnitStride() || !slice.hasZeroOffset())
    return nullptr;
  RankedTensorType source = slice.getSourceType(), kept = slice.getResultType();
  if (source.getRank() != kept.getRank() || source.getShape().back() != padded ||
      source.getShape().drop_back() != kept.getShape().drop_back())
    return nullptr;
  return slice.getSource();
}

template <typename ConvOp> struct PadConvWidth : OpRewritePattern<ConvOp> {
  PadConvWidth(MLIRContext *ctx, int64_t lanes) : OpRewritePattern<ConvOp>(ctx), lanes(lanes) {}

  LogicalResult matchAndRewrite(ConvOp conv, PatternRewriter &rewriter) const override {
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    if (!operands)
      return rewriter.notifyMatchFailure(conv, "not on static tensors");
    Value input = operands->input, weight = operands->weight, acc = operands->acc;
    RankedTensorType inType = operands->inType, wType = operands->wType,
                     outType = operands->outType;
    int64_t rank = outType.getRank(), width = outType.getShape().back();
    int64_t padded = kiln::paddedRowWidth(width, lanes);
    if (padded == width)
      return rewriter.notifyMatchFailure(conv, "rows already whole vectors, or too short");
    int64_t stride = kiln::alongWidth(conv.getStrides());
    int64_t dilation = kiln::alongWidth(conv.getDilations());
    int64_t needed = (padded - 1) * stride + (wType.getShape().back() - 1) * dilation + 1;

    Location loc = conv.getLoc();
    int64_t inWidth = inType.getShape().back();
    Value x = needed > inWidth ? kiln::padColumns(rewriter, loc, input, needed - inWidth) : input;
    Value wide = widened(acc, padded);
    if (!wide)
      wide = kiln::padColumns(rewriter, loc, acc, padded - width);
    Value result = ConvOp::create(rewriter, loc, TypeRange{wide.getType()}, ValueRange{x, weight},
                                  ValueRange{wide}, conv.getStrides(), conv.getDilations())
                       .getResult(0);
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0)), sizes, strides(
        rank, rewriter.getIndexAttr(1));
    for (int64_t d : outType.getShape())
      sizes.push_back(rewriter.getIndexAttr(d));
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(conv, outType, result, offsets, sizes,
                                                        strides);
    return success();
  }

  int64_t lanes;
};

struct KilnPadConvWidthPass : kiln::impl::KilnPadConvWidthBase<KilnPadConvWidthPass> {
  using KilnPadConvWidthBase::KilnPadConvWidthBase;

  void runOnOperation() override {
    int bits = kiln::TargetInfo::of(getOperation()).vectorBits;
    RewritePatternSet patterns(&getContext());
    // In f32 lanes, the larger count: f64 rows that long are whole vectors
    // too.
    patterns.add<PadConvWidth<linalg::Conv2DNchwFchwOp>, PadConvWidth<linalg::Conv2DNgchwGfchwOp>>(
        &getContext(), std::max(1, bits / 32));
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
