//===- PointwiseConvToMatmul.cpp - kiln-pointwise-conv-to-matmul ----------===//
//
// A 1x1 convolution as the GEMM it is, a strided one over its pixels
// gathered by a strided tensor.extract_slice (see KilnPointwiseConvToMatmul
// in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "kiln/Utils/MultiplyAccumulate.h"
#include "StaticConv.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPOINTWISECONVTOMATMUL
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

struct PointwiseConvToMatmul : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  PointwiseConvToMatmul(MLIRContext *ctx, int64_t lanes) : OpRewritePattern(ctx), lanes(lanes) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp conv,
                                PatternRewriter &rewriter) const override {
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    if (!operands)
      return rewriter.notifyMatchFailure(conv, "not on static tensors");
    Value input = operands->input, weight = operands->weight, acc = operands->acc;
    RankedTensorType inType = operands->inType, wType = operands->wType,
                     outType = operands->outType;
    SmallVector<int64_t> strides = llvm::to_vector(conv.getStrides().getValues<int64_t>());
    int64_t oh = outType.getDimSize(2), ow = outType.getDimSize(3);
    if (wType.getDimSize(2) != 1 || wType.getDimSize(3) != 1)
      return rewriter.notifyMatchFailure(conv, "not a 1x1 convolution");

    // out[n, f, p] += w[f, c] · x[n, c, p] over pixels p = h·W + w: the
    // weight as the left operand, so pixels are the GEMM's (contiguous)
    // columns. At a stride (or where the input has rows or columns the
    // convolution does not reach), the pixels read are a slice of the
    // input, which bufferization copies once (1 / (sh·sw) of it) to give
    // the GEMM contiguous columns.
    Location loc = conv.getLoc();
    int64_t n = inType.getDimSize(0), c = inType.getDimSize(1), f = wType.getDimSize(0);
    int64_t pixels = oh * ow;
    Type et = inType.getElementType();
    if (strides[0] != 1 || strides[1] != 1 || inType.getDimSize(2) != oh ||
        inType.getDimSize(3) != ow) {
      auto index = [&](ArrayRef<int64_t> values) {
        return getAsIndexOpFoldResult(rewriter.getContext(), values);
      };
      input = tensor::ExtractSliceOp::create(
          rewriter, loc, RankedTensorType::get({n, c, oh, ow}, et), input, index({0, 0, 0, 0}),
          index({n, c, oh, ow}), index({1, 1, strides[0], strides[1]}));
    }
    SmallVector<ReassociationIndices> pixelsOf = {{0}, {1}, {2, 3}};
    Value x = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({n, c, pixels}, et), input, pixelsOf);
    Value w = tensor::CollapseShapeOp::create(rewriter, loc,
                                              RankedTensorType::get({f, c}, wType.getElementType()),
                                              weight, SmallVector<ReassociationIndices>{
                                                          {0}, {1, 2, 3}});
    auto flatOut = RankedTensorType::get({n, f, pixels}, outType.getElementType());
    Value out = tensor::CollapseShapeOp::create(rewriter, loc, flatOut, acc, pixelsOf);
    // Pixels in whole vectors (196 of a 14 x 14 image as 208, 49 of a 7 x 7
    // one as 64): the GEMM's register tiles are then whole vectors of
    // them, not 8 x 28 ones that spilled (20 times slower) or 8 x 7 ones
    // (twice as slow as computing the 15 zero columns), when that adds at
    // most half the work.
    int64_t padded = kiln::paddedToVectors(pixels, lanes, 2);
    if (padded != pixels) {
      x = kiln::padColumns(rewriter, loc, x, padded - pixels);
      out = kiln::padColumns(rewriter, loc, out, padded - pixels);
    }

    MLIRContext *ctx = rewriter.getContext();
    AffineExpr dn, df, dp, dc; // loops: n, f, p, c
    bindDims(ctx, dn, df, dp, dc);
    SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {df, dc}, ctx),
                                   AffineMap::get(4, 0, {dn, dc, dp}, ctx),
                                   AffineMap::get(4, 0, {dn, df, dp}, ctx)};
    Value product =
        kiln::multiplyAccumulate(rewriter, loc, w, x, out, maps, kiln::gemmIterators());
    if (padded != pixels)
      product = tensor::ExtractSliceOp::create(
          rewriter, loc, flatOut, product,
          getAsIndexOpFoldResult(rewriter.getContext(), SmallVector<int64_t>{0, 0, 0}),
          getAsIndexOpFoldResult(rewriter.getContext(), SmallVector<int64_t>{n, f, pixels}),
          getAsIndexOpFoldResult(rewriter.getContext(), SmallVector<int64_t>{1, 1, 1}));
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(conv, outType, product, pixelsOf);
    return success();
  }

  int64_t lanes;
};

struct KilnPointwiseConvToMatmulPass
    : kiln::impl::KilnPointwiseConvToMatmulBase<KilnPointwiseConvToMatmulPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    int bits = kiln::TargetInfo::of(getOperation()).vectorBits;
    // In f32 lanes, as kiln-pad-conv-width counts them.
    patterns.add<PointwiseConvToMatmul>(&getContext(), std::max(1, bits / 32));
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
