//===- Conv.cpp - conv2d, conv_transpose2d --------------------------------===//

#include "Patterns.h"

using namespace mlir;

namespace kiln::lowering {

namespace {

/// x (N, C, H, W) padded by pads[i] = (before, after) along H and W, with
/// values taken by nn.Conv2d's padding_mode: zeros, or the input index
/// reflected, clamped (replicate) or wrapped (circular).
Value padInput(OpBuilder &b, Location loc, Value x,
               ArrayRef<std::pair<int64_t, int64_t>> pads, PaddingMode mode) {
  if (mode == PaddingMode::zeros)
    return padded(b, loc, x, {0, 0, pads[0].first, pads[1].first},
                  {0, 0, pads[0].second, pads[1].second}, 0.0);
  RankedTensorType type = tensorType(x);
  ArrayRef<int64_t> in = type.getShape();
  SmallVector<int64_t> shape(in);
  for (int i = 0; i < 2; ++i)
    shape[2 + i] += pads[i].first + pads[i].second;
  Value init = tensor::EmptyOp::create(b, loc, shape, type.getElementType());
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{}, ValueRange{init},
      {b.getMultiDimIdentityMap(4)}, iterators, [&](OpBuilder &nb, Location l, ValueRange) {
        auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(nb, l, v); };
        SmallVector<Value> idx = {linalg::IndexOp::create(nb, l, 0),
                                  linalg::IndexOp::create(nb, l, 1)};
        for (int i = 0; i < 2; ++i) {
          int64_t size = in[2 + i];
          // Signed position in the input: out index - before.
          Value p = arith::SubIOp::create(nb, l, linalg::IndexOp::create(nb, l, 2 + i),
                                          c(pads[i].first));
          Value below = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, p, c(0));
          Value above = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge, p, c(size));
          Value lowIdx, highIdx;
          switch (mode) {
          case PaddingMode::reflect: // -p, 2(size-1) - p
            lowIdx = arith::SubIOp::create(nb, l, c(0), p);
            highIdx = arith::SubIOp::create(nb, l, c(2 * (size - 1)), p);
            break;
          case PaddingMode::replicate:
            lowIdx = c(0);
            highIdx = c(size - 1);
            break;
          default: // circular: p + size, p - size (padding <= size)
            lowIdx = arith::AddIOp::create(nb, l, p, c(size));
            highIdx = arith::SubIOp::create(nb, l, p, c(size));
            break;
          }
          p = arith::SelectOp::create(nb, l, below, lowIdx, p);
          idx.push_back(arith::SelectOp::create(nb, l, above, highIdx, p));
        }
        linalg::YieldOp::create(nb, l, ValueRange{tensor::ExtractOp::create(nb, l, x, idx)});
      });
  return generic.getResult(0);
}

/// conv of an already padded N×C×H×W input with O×(C/groups)×kH×kW weight:
/// linalg.conv_2d_nchw_fchw, or its grouped form on (N, G, C/G, H, W).
Value convolve(OpBuilder &b, Location loc, Value input, Value weight,
               ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation, int64_t groups,
               ArrayRef<int64_t> outShape) {
  Type et = elementType(input);
  Attribute strides = b.getI64TensorAttr(stride), dilations = b.getI64TensorAttr(dilation);
  if (groups == 1) {
    Value acc = zeros(b, loc, outShape, et);
    return linalg::Conv2DNchwFchwOp::create(b, loc, TypeRange{acc.getType()},
                                            ValueRange{input, weight}, ValueRange{acc},
                                            strides, dilations)
        .getResult(0);
  }
  ArrayRef<int64_t> in = tensorType(input).getShape(), w = tensorType(weight).getShape();
  int64_t g = groups;
  Value gi = reshapeTo(b, loc, input, {in[0], g, in[1] / g, in[2], in[3]});
  Value gw = reshapeTo(b, loc, weight, {g, w[0] / g, w[1], w[2], w[3]});
  Value acc = zeros(b, loc, {outShape[0], g, outShape[1] / g, outShape[2], outShape[3]}, et);
  Value out = linalg::Conv2DNgchwGfchwOp::create(b, loc, TypeRange{acc.getType()},
                                                 ValueRange{gi, gw}, ValueRange{acc},
                                                 strides, dilations)
                  .getResult(0);
  return reshapeTo(b, loc, out, outShape);
}

Value addBias(OpBuilder &b, Location loc, Value y, Value bias) {
  if (!bias)
    return y;
  return elementwise(b, loc, tensorType(y), {{y}, {bias, {1}}},
                     [](OpBuilder &nb, Location l, ValueRange v) {
                       return arith::AddFOp::create(nb, l, v[0], v[1]);
                     });
}

struct Conv2dLowering : OpConversionPattern<Conv2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(Conv2dOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> w = tensorType(a.getWeight()).getShape();
    SmallVector<std::pair<int64_t, int64_t>, 2> pads;
    for (int i = 0; i < 2; ++i) {
      if (std::optional<PaddingPreset> preset = op.getPaddingPreset())
        pads.push_back(*preset == PaddingPreset::same
                           ? shape::samePadding(w[2 + i], op.getDilation()[i])
                           : std::make_pair(int64_t(0), int64_t(0)));
      else
        pads.push_back({op.getPadding()[i], op.getPadding()[i]});
    }
    SmallVector<int64_t> outShape = batchedShape(op.getType());
    SmallVector<Value> result = asBatched(
        rewriter, loc, a.getInput(), op->getResultTypes(), [&](Value x) -> SmallVector<Value> {
          Value input = padInput(rewriter, loc, x, pads, op.getPaddingMode());
          Value y = convolve(rewriter, loc, input, a.getWeight(), op.getStride(),
                             op.getDilation(), op.getGroups(), outShape);
          return {addBias(rewriter, loc, y, a.getBias())};
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

// conv_transpose2d as a convolution: the input spread out by `stride`
// (zeros between), padded by dilation·(k-1) - padding on each side (plus
// output_padding after; a negative pad crops), convolved at stride 1 with
// the kernel flipped spatially and its in/out channels swapped per group.
struct ConvTranspose2dLowering : OpConversionPattern<ConvTranspose2dOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConvTranspose2dOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value weight = a.getWeight();
    ArrayRef<int64_t> w = tensorType(weight).getShape();
    int64_t groups = op.getGroups();
    ArrayRef<int64_t> stride = op.getStride(), dilation = op.getDilation(),
                      padding = op.getPadding();
    SmallVector<int64_t> outShape = batchedShape(op.getType());
    Type et = op.getType().getElementType();

    // W'[g·O/g + o, c, i, j] = w[g·C/g + c, o, kH-1-i, kW-1-j].
    int64_t cPerGroup = w[0] / groups, oPerGroup = w[1];
    SmallVector<int64_t> flippedShape = {oPerGroup * groups, cPerGroup, w[2], w[3]};
    AffineExpr oo = getAffineDimExpr(0, ctx), c = getAffineDimExpr(1, ctx),
               i = getAffineDimExpr(2, ctx), j = getAffineDimExpr(3, ctx);
    AffineMap read = AffineMap::get(
        4, 0, {oo.floorDiv(oPerGroup) * cPerGroup + c, oo % oPerGroup, w[2] - 1 - i, w[3] - 1 - j},
        ctx);
    Value flipped = tensor::EmptyOp::create(rewriter, loc, flippedShape, et);
    flipped = linalg::GenericOp::create(
                  rewriter, loc, TypeRange{flipped.getType()}, ValueRange{weight},
                  ValueRange{flipped}, {read, rewriter.getMultiDimIdentityMap(4)},
                  SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
                  [](OpBuilder &nb, Location l, ValueRange v) {
                    linalg::YieldOp::create(nb, l, ValueRange{v[0]});
                  })
                  .getResult(0);

    SmallVector<Value> result = asBatched(
        rewriter, loc, a.getInput(), op->getResultTypes(), [&](Value x) -> SmallVector<Value> {
          ArrayRef<int64_t> in = tensorType(x).getShape();
          int64_t lo[2], hi[2], spread[2];
          for (int d = 0; d < 2; ++d) {
            int64_t base = shape::transposedSize(in[2 + d], w[2 + d], stride[d], padding[d],
                                                 dilation[d]);
            int64_t extra = outShape[2 + d] - base; // output_padding, given or from output_size
            lo[d] = dilation[d] * (w[2 + d] - 1) - padding[d];
            hi[d] = lo[d] + extra;
            spread[d] = (in[2 + d] - 1) * stride[d] + 1;
          }
          // Zeros of the padded, spread size (negative pads cropped below).
          SmallVector<int64_t> fullShape = {in[0], in[1],
                                            spread[0] + std::max<int64_t>(lo[0], 0) + std::max<int64_t>(hi[0], 0),
                                            spread[1] + std::max<int64_t>(lo[1], 0) + std::max<int64_t>(hi[1], 0)};
          Value canvas = zeros(rewriter, loc, fullShape, et);
          SmallVector<OpFoldResult> offsets = {rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
                                               rewriter.getIndexAttr(std::max<int64_t>(lo[0], 0)),
                                               rewriter.getIndexAttr(std::max<int64_t>(lo[1], 0))};
          SmallVector<OpFoldResult> sizes, strides = {rewriter.getIndexAttr(1),
                                                      rewriter.getIndexAttr(1),
                                                      rewriter.getIndexAttr(stride[0]),
                                                      rewriter.getIndexAttr(stride[1])};
          for (int64_t s : in)
            sizes.push_back(rewriter.getIndexAttr(s));
          canvas = tensor::InsertSliceOp::create(rewriter, loc, x, canvas, offsets, sizes, strides);
          if (lo[0] < 0 || lo[1] < 0 || hi[0] < 0 || hi[1] < 0) {
            SmallVector<int64_t> cropped = {in[0], in[1], spread[0] + lo[0] + hi[0],
                                            spread[1] + lo[1] + hi[1]};
            SmallVector<OpFoldResult> cropOffsets = {
                rewriter.getIndexAttr(0), rewriter.getIndexAttr(0),
                rewriter.getIndexAttr(std::max<int64_t>(-lo[0], 0)),
                rewriter.getIndexAttr(std::max<int64_t>(-lo[1], 0))};
            SmallVector<OpFoldResult> cropSizes, ones(4, rewriter.getIndexAttr(1));
            for (int64_t s : cropped)
              cropSizes.push_back(rewriter.getIndexAttr(s));
            canvas = tensor::ExtractSliceOp::create(
                rewriter, loc, RankedTensorType::get(cropped, et), canvas, cropOffsets, cropSizes,
                ones);
          }
          Value y = convolve(rewriter, loc, canvas, flipped, {1, 1}, dilation, groups, outShape);
          return {addBias(rewriter, loc, y, a.getBias())};
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void populateConvPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2dLowering, ConvTranspose2dLowering>(patterns.getContext());
}

} // namespace kiln::lowering
