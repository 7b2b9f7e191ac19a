//===- ChannelsLastConv.cpp - kiln-channels-last-conv ---------------------===//
//
// NCHW convolutions of width stride 1 computed with the output channels as
// the vectors (see KilnChannelsLastConv in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"
#include "kiln/Transforms/Strategy.h"

#include "StaticConv.h"

#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace kiln {
#define GEN_PASS_DEF_KILNCHANNELSLASTCONV
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// A cache line, and the row stride from which rows of a weight's taps map
// to an eighth of L1's sets or fewer (its 4 KiB critical stride on x86:
// 48 KiB of 12 ways, 32 KiB of 8).
constexpr int64_t kCacheLineBytes = 64;
constexpr int64_t kCriticalRowBytes = 512;

using kiln::kToNchw;
using kiln::kToNhwc;
using kiln::permuted;
using kiln::transposed;
using kiln::transposeReads;

// The NHWC result of a channels-last convolution that `value` is the
// transpose back of (as `transposed` makes it, nothing else), or null.
Value beforeTransposeBack(Value value) {
  auto back = value.getDefiningOp<linalg::GenericOp>();
  if (!back || back.getNumDpsInputs() != 1 || back.getNumDpsInits() != 1)
    return nullptr;
  Value nhwc = back.getInputs()[0];
  auto conv = nhwc.getDefiningOp<linalg::LinalgOp>();
  auto yield = cast<linalg::YieldOp>(back.getBlock()->getTerminator());
  SmallVector<AffineMap> maps = back.getIndexingMapsArray();
  bool copies = &back.getBlock()->front() == yield.getOperation() &&
                yield.getValues() == ValueRange(back.getBlock()->getArgument(0));
  return conv && kiln::isChannelsLastConv(conv) && copies &&
                 maps[0] == transposeReads(back.getContext(), kToNchw) && maps[1].isIdentity()
             ? nhwc
             : nullptr;
}

// The NHWC form of accumulator `acc`: a fill's value filled anew, the
// result of an earlier channels-last convolution (the previous phase of a
// strided one) taken before its transpose back, else `acc` transposed.
Value accumulatorNhwc(OpBuilder &b, Location loc, Value acc) {
  if (Value fill = kiln::refilled(
          b, loc, acc, permuted(cast<RankedTensorType>(acc.getType()), kToNhwc).getShape()))
    return fill;
  if (Value nhwc = beforeTransposeBack(acc))
    return nhwc;
  return transposed(b, loc, acc, kToNhwc);
}

// The lanes of a vector of `conv`'s result elements, where `operands` are
// static, of floating point, and the convolution of width stride 1 (what
// both channels-last forms need); else a match failure.
template <typename ConvOp>
FailureOr<int64_t> channelsLastLanes(ConvOp conv, const std::optional<kiln::StaticConv> &operands,
                                     const kiln::TargetInfo &target, PatternRewriter &rewriter) {
  if (!operands)
    return rewriter.notifyMatchFailure(conv, "not on static tensors");
  if (kiln::alongWidth(conv.getStrides()) != 1)
    return rewriter.notifyMatchFailure(conv, "width-strided");
  Type element = operands->outType.getElementType();
  if (!isa<FloatType>(element))
    return rewriter.notifyMatchFailure(conv, "not floating point");
  return target.vectorBits / element.getIntOrFloatBitWidth();
}

// A generic's body that is the named convolution's (multiply, accumulate,
// with any casts).
auto bodyOf(linalg::LinalgOp conv) {
  Block *body = conv.getBlock();
  return [body](OpBuilder &b, Location, ValueRange args) {
    IRMapping mapping;
    mapping.map(body->getArguments(), args);
    for (Operation &op : body->getOperations())
      b.clone(op, mapping);
  };
}

struct ChannelsLastConv : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  ChannelsLastConv(MLIRContext *ctx, kiln::TargetInfo target)
      : OpRewritePattern(ctx), target(target) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp conv,
                                PatternRewriter &rewriter) const override {
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    FailureOr<int64_t> lanes = channelsLastLanes(conv, operands, target, rewriter);
    if (failed(lanes))
      return failure();
    auto strides = llvm::to_vector(conv.getStrides().getValues<int64_t>());
    int64_t channels = operands->outType.getDimSize(1), width = operands->outType.getDimSize(3);
    int64_t window = operands->wType.getDimSize(3);
    if (!kiln::channelsLastTile(channels, width, window, *lanes, target))
      return rewriter.notifyMatchFailure(conv, "too few accumulators channels-last");

    Location loc = conv.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    // Weight [f, c, kh, kw] as [c, kh, kw, f]: a tap's output channels
    // contiguous, and the taps of an input channel one after the other as
    // the register tile reads them. It is the 2-D transpose of
    // [f, c·kh·kw], whose squares kiln-vectorize transposes by shuffles, one
    // pass over the weight (which for deep layers is most of the traffic).
    // Rows of a multiple of 512 bytes are a cache line longer (zero filters
    // transposed in, then sliced off) where the weight is a constant, laid
    // out once: a tile of fewer output channels than the row reads each
    // tap's part of it a row apart, and at such a stride an input channel's
    // taps fall into a few of L1's sets, evicting one another before the
    // next row of outputs reuses them (a 3x3 512->512 convolution on 7 x 7
    // ran 1.35x slower, from L2).
    RankedTensorType wType = operands->wType;
    int64_t taps = wType.getDimSize(1) * wType.getDimSize(2) * wType.getDimSize(3);
    int64_t filters = wType.getDimSize(0);
    Type wElement = wType.getElementType();
    int64_t bytes = wElement.getIntOrFloatBitWidth() / 8;
    bool critical = filters * bytes % kCriticalRowBytes == 0;
    int64_t pad =
        critical && kiln::isComputedFromConstants(operands->weight) ? kCacheLineBytes / bytes : 0;
    Value rows = tensor::CollapseShapeOp::create(rewriter, loc, operands->weight,
                                                 ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
    if (pad)
      rows = kiln::padZeros(rewriter, loc, rows, {0, 0}, {pad, 0});
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{taps, filters + pad}, wElement);
    Value columns = linalg::TransposeOp::create(rewriter, loc, rows, empty, ArrayRef<int64_t>{1, 0})
                        .getResult()[0];
    if (pad) // a view of the padded rows, kept as one by kiln-prepare-constants
      columns = tensor::ExtractSliceOp::create(rewriter, loc, columns,
                                               getAsIndexOpFoldResult(ctx, {0, 0}),
                                               getAsIndexOpFoldResult(ctx, {taps, filters}),
                                               getAsIndexOpFoldResult(ctx, {1, 1}));
    Value weight = tensor::ExpandShapeOp::create(
        rewriter, loc,
        RankedTensorType::get({wType.getDimSize(1), wType.getDimSize(2), wType.getDimSize(3),
                               wType.getDimSize(0)},
                              wElement),
        columns, ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
    Value acc = accumulatorNhwc(rewriter, loc, operands->acc);

    auto dilations = llvm::to_vector(conv.getDilations().getValues<int64_t>());
    AffineExpr n, oh, ow, f, kh, kw, c;
    bindDims(ctx, n, oh, ow, f, kh, kw, c);
    SmallVector<AffineMap> maps = {
        AffineMap::get(7, 0, {n, c, oh * strides[0] + kh * dilations[0], ow + kw * dilations[1]},
                       ctx),
        AffineMap::get(7, 0, {c, kh, kw, f}, ctx), AffineMap::get(7, 0, {n, oh, ow, f}, ctx)};
    using utils::IteratorType;
    SmallVector<IteratorType> iterators(4, IteratorType::parallel);
    iterators.append(3, IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, acc.getType(), ValueRange{operands->input, weight}, acc, maps, iterators,
        bodyOf(conv));
    rewriter.replaceOp(conv, transposed(rewriter, loc, generic.getResult(0), kToNchw));
    return success();
  }

  kiln::TargetInfo target;
};

// The NHWC form of a depthwise convolution's input [n, g, 1, h, w]. A zero
// pad of it (kiln-to-linalg pads, then adds the unit dim) is done after
// the transpose, so that the transpose folds into the op computing the
// unpadded source (a batch norm's epilogue writes it channels-last).
Value depthwiseInputNhwc(OpBuilder &b, Location loc, Value input) {
  SmallVector<ReassociationIndices> unitGroup = {{0}, {1}, {2, 3}, {4}};
  Value nchw;
  if (auto expand = input.getDefiningOp<tensor::ExpandShapeOp>();
      expand && expand.getReassociationIndices() == unitGroup)
    nchw = expand.getSrc();
  else
    nchw = tensor::CollapseShapeOp::create(b, loc, input, unitGroup);
  auto pad = nchw.getDefiningOp<tensor::PadOp>();
  if (!pad || !matchPattern(pad.getConstantPaddingValue(), m_AnyZeroFloat()) ||
      !pad.getLow().empty() || !pad.getHigh().empty())
    return transposed(b, loc, nchw, kToNhwc);
  SmallVector<int64_t> low(pad.getStaticLow()), high(pad.getStaticHigh());
  applyPermutationToVector(low, kToNhwc);
  applyPermutationToVector(high, kToNhwc);
  return kiln::padZeros(b, loc, transposed(b, loc, pad.getSource(), kToNhwc), low, high);
}

// A depthwise convolution on small images (14 x 14, 7 x 7) computed
// channels-last, the channels as the vectors (see KilnChannelsLastConv in
// Passes.td).
struct ChannelsLastDepthwise : OpRewritePattern<linalg::Conv2DNgchwGfchwOp> {
  ChannelsLastDepthwise(MLIRContext *ctx, kiln::TargetInfo target)
      : OpRewritePattern(ctx), target(target) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNgchwGfchwOp conv,
                                PatternRewriter &rewriter) const override {
    if (!kiln::isDepthwiseConv(conv))
      return rewriter.notifyMatchFailure(conv, "not depthwise");
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    FailureOr<int64_t> lanes = channelsLastLanes(conv, operands, target, rewriter);
    if (failed(lanes))
      return failure();
    if (operands->inType.getDimSize(2) != 1)
      return rewriter.notifyMatchFailure(conv, "a depthwise multiplier");
    auto strides = llvm::to_vector(conv.getStrides().getValues<int64_t>());
    RankedTensorType outType = operands->outType; // n g 1 oh ow
    int64_t n = outType.getDimSize(0), groups = outType.getDimSize(1);
    int64_t oh = outType.getDimSize(3), ow = outType.getDimSize(4);
    if (*lanes <= 1 || groups % *lanes != 0 || !kiln::channelsLastImages(n, oh * ow, *lanes))
      return rewriter.notifyMatchFailure(conv, "images of whole vectors, or too few channels or "
                                               "pixels");

    Location loc = conv.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value input = depthwiseInputNhwc(rewriter, loc, operands->input);
    // Weight [g, 1, 1, kh, kw] as [kh, kw, g]: a tap's channels contiguous
    // (once, for a model's weight: kiln-prepare-constants).
    RankedTensorType wType = operands->wType;
    int64_t kh = wType.getDimSize(3), kw = wType.getDimSize(4);
    Type wElement = wType.getElementType();
    Value rows = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get({groups, kh * kw}, wElement), operands->weight,
        ArrayRef<ReassociationIndices>{{0, 1, 2}, {3, 4}});
    Value empty = tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{kh * kw, groups},
                                          wElement);
    Value columns = linalg::TransposeOp::create(rewriter, loc, rows, empty, ArrayRef<int64_t>{1, 0})
                        .getResult()[0];
    Value weight = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get({kh, kw, groups}, wElement), columns,
        ArrayRef<ReassociationIndices>{{0, 1}, {2}});
    SmallVector<ReassociationIndices> withUnitDim = {{0}, {1, 2}, {3}, {4}};
    Value acc = kiln::refilled(rewriter, loc, operands->acc, {n, oh, ow, groups});
    if (!acc)
      acc = transposed(rewriter, loc,
                       tensor::CollapseShapeOp::create(rewriter, loc, operands->acc, withUnitDim),
                       kToNhwc);

    auto dilations = llvm::to_vector(conv.getDilations().getValues<int64_t>());
    AffineExpr dn, doh, dow, dc, dkh, dkw;
    bindDims(ctx, dn, doh, dow, dc, dkh, dkw);
    SmallVector<AffineMap> maps = {
        AffineMap::get(
            6, 0, {dn, doh * strides[0] + dkh * dilations[0], dow + dkw * dilations[1], dc}, ctx),
        AffineMap::get(6, 0, {dkh, dkw, dc}, ctx), AffineMap::get(6, 0, {dn, doh, dow, dc}, ctx)};
    using utils::IteratorType;
    SmallVector<IteratorType> iterators(4, IteratorType::parallel);
    iterators.append(2, IteratorType::reduction);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, acc.getType(), ValueRange{input, weight}, acc, maps, iterators,
        bodyOf(conv));
    Value nchw = transposed(rewriter, loc, generic.getResult(0), kToNchw);
    rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(conv, outType, nchw, withUnitDim);
    return success();
  }

  kiln::TargetInfo target;
};

struct KilnChannelsLastConvPass
    : kiln::impl::KilnChannelsLastConvBase<KilnChannelsLastConvPass> {
  using KilnChannelsLastConvBase::KilnChannelsLastConvBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ChannelsLastConv, ChannelsLastDepthwise>(&getContext(),
                                                          kiln::TargetInfo::of(getOperation()));
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
