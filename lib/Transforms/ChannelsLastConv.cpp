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

// [n, f, oh, ow] read as [n, oh, ow, f], and back.
constexpr int64_t kToNhwc[] = {0, 2, 3, 1};
constexpr int64_t kToNchw[] = {0, 3, 1, 2};

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
  if (auto fill = acc.getDefiningOp<linalg::FillOp>()) {
    RankedTensorType type = permuted(cast<RankedTensorType>(acc.getType()), kToNhwc);
    Value empty = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
    return linalg::FillOp::create(b, loc, fill.getInputs(), empty).getResult(0);
  }
  if (Value nhwc = beforeTransposeBack(acc))
    return nhwc;
  return transposed(b, loc, acc, kToNhwc);
}

struct ChannelsLastConv : OpRewritePattern<linalg::Conv2DNchwFchwOp> {
  ChannelsLastConv(MLIRContext *ctx, kiln::TargetInfo target)
      : OpRewritePattern(ctx), target(target) {}

  LogicalResult matchAndRewrite(linalg::Conv2DNchwFchwOp conv,
                                PatternRewriter &rewriter) const override {
    std::optional<kiln::StaticConv> operands = kiln::staticConv(conv);
    if (!operands)
      return rewriter.notifyMatchFailure(conv, "not on static tensors");
    auto strides = llvm::to_vector(conv.getStrides().getValues<int64_t>());
    if (strides[1] != 1)
      return rewriter.notifyMatchFailure(conv, "width-strided");
    Type element = operands->outType.getElementType();
    if (!isa<FloatType>(element))
      return rewriter.notifyMatchFailure(conv, "not floating point");
    int64_t lanes = target.vectorBits / element.getIntOrFloatBitWidth();
    int64_t channels = operands->outType.getDimSize(1), width = operands->outType.getDimSize(3);
    if (!kiln::channelsLastTile(channels, width, lanes, target))
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
        [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          // The named op's body (multiply, accumulate, with any casts).
          IRMapping mapping;
          mapping.map(conv.getBlock()->getArguments(), args);
          for (Operation &op : conv.getBlock()->getOperations())
            b.clone(op, mapping);
        });
    rewriter.replaceOp(conv, transposed(rewriter, loc, generic.getResult(0), kToNchw));
    return success();
  }

  kiln::TargetInfo target;
};

struct KilnChannelsLastConvPass
    : kiln::impl::KilnChannelsLastConvBase<KilnChannelsLastConvPass> {
  using KilnChannelsLastConvBase::KilnChannelsLastConvBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ChannelsLastConv>(&getContext(), kiln::TargetInfo::of(getOperation()));
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
