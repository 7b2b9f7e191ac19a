//===- PointwiseConvToMatmul.cpp - kiln-pointwise-conv-to-matmul ----------===//
//
// A 1x1 convolution as the GEMM it is, a strided one over its pixels
// gathered by a strided tensor.extract_slice, channels-last where an
// image's pixels are few (see KilnPointwiseConvToMatmul in Passes.td).
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

// Ops a layout passes through unchanged: pointwise generics, pads and
// reshapes.
bool keepsLayout(Operation *op) {
  if (auto generic = dyn_cast<linalg::GenericOp>(op))
    return generic.getNumReductionLoops() == 0;
  return isa<tensor::PadOp, tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op);
}

// Whether `conv` reads the result of a depthwise convolution or feeds one,
// through ops that keep the layout (a batch norm, an activation, a pad):
// in an inverted residual block, where the depthwise convolution is
// channels-last too and the transposes between them cancel. Beside other
// convolutions (regnet's grouped ones), which stay NCHW, the transposes
// stay and cost more than the channels-last GEMM saves (regnet_x_400mf at
// batch 8 4-8 % slower).
bool besideDepthwise(linalg::Conv2DNchwFchwOp conv) {
  constexpr int kMaxSteps = 8;
  // Up through the operands of the image's shape (not a broadcast scale's).
  SmallVector<Value> values = {conv.getInputs()[0]};
  for (int step = 0; step < kMaxSteps && !values.empty(); ++step) {
    SmallVector<Value> next;
    for (Value value : values) {
      Operation *producer = value.getDefiningOp();
      if (producer && kiln::isDepthwiseConv(producer))
        return true;
      if (!producer || !keepsLayout(producer))
        continue;
      auto shape = cast<ShapedType>(value.getType()).getShape();
      for (Value operand : producer->getOperands())
        if (auto type = dyn_cast<ShapedType>(operand.getType());
            type && (type.getShape() == shape || !isa<linalg::GenericOp>(producer)))
          next.push_back(operand);
    }
    values = std::move(next);
  }
  SmallVector<Operation *> users(conv->getUsers().begin(), conv->getUsers().end());
  for (int step = 0; step < kMaxSteps && !users.empty(); ++step) {
    SmallVector<Operation *> next;
    for (Operation *user : users) {
      if (kiln::isDepthwiseConv(user))
        return true;
      if (keepsLayout(user))
        llvm::append_range(next, user->getUsers());
    }
    users = std::move(next);
  }
  return false;
}

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
    if (kiln::channelsLastImages(n, pixels, lanes) && f % (2 * lanes) == 0 &&
        isa<FloatType>(et) && besideDepthwise(conv)) {
      rewriter.replaceOp(conv, channelsLast(rewriter, loc, input, *operands));
      return success();
    }
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

  // The GEMM over all samples' pixels, channels-last: out[n·p, f] +=
  // x[n·p, c] · w[c, f], on the input transposed to [n, p, c] and the
  // result transposed back (generics, which kiln-fuse-elementwise folds
  // into the ops around: a batch norm's epilogue writes the transposed
  // result, and a second 1x1 convolution right after reads it as it is).
  // Where an image's pixels are not whole vectors (196, 49) but the output
  // channels are, this puts whole vectors of channels in the register tiles
  // instead of padded rows of pixels, and one GEMM of n·p rows instead of n
  // GEMMs of p columns.
  static Value channelsLast(PatternRewriter &rewriter, Location loc, Value input,
                            const kiln::StaticConv &operands) {
    RankedTensorType outType = operands.outType;
    int64_t n = outType.getDimSize(0), f = outType.getDimSize(1);
    int64_t rows = n * outType.getDimSize(2) * outType.getDimSize(3);
    int64_t c = operands.wType.getDimSize(1);
    MLIRContext *ctx = rewriter.getContext();
    // Transposed as 4-D tensors, which fuse with the 4-D ops around them;
    // the GEMM reads and writes them collapsed.
    SmallVector<ReassociationIndices> rowsOf = {{0, 1, 2}, {3}};
    auto asRows = [&](Value nchw) {
      Value nhwc = kiln::transposed(rewriter, loc, nchw, kiln::kToNhwc);
      return tensor::CollapseShapeOp::create(rewriter, loc, nhwc, rowsOf).getResult();
    };
    Value x = asRows(input);
    // The weight as [c, f], rows of output channels (B as the GEMM reads it
    // best, unpacked): a transpose that kiln-prepare-constants does once for
    // a model's weight.
    Type wEt = operands.wType.getElementType();
    Value w = tensor::CollapseShapeOp::create(rewriter, loc, RankedTensorType::get({f, c}, wEt),
                                              operands.weight,
                                              SmallVector<ReassociationIndices>{{0}, {1, 2, 3}});
    Value wEmpty = tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{c, f}, wEt);
    w = linalg::TransposeOp::create(rewriter, loc, w, wEmpty, ArrayRef<int64_t>{1, 0})
            .getResult()[0];
    Value acc = kiln::refilled(rewriter, loc, operands.acc, {rows, f});
    if (!acc)
      acc = asRows(operands.acc);
    AffineExpr dm, dn, dk;
    bindDims(ctx, dm, dn, dk);
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {dm, dk}, ctx),
                                   AffineMap::get(3, 0, {dk, dn}, ctx),
                                   AffineMap::get(3, 0, {dm, dn}, ctx)};
    SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value product = kiln::multiplyAccumulate(rewriter, loc, x, w, acc, maps, iterators);
    Value nhwc = tensor::ExpandShapeOp::create(
        rewriter, loc, kiln::permuted(outType, kiln::kToNhwc), product, rowsOf);
    return kiln::transposed(rewriter, loc, nhwc, kiln::kToNchw);
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
