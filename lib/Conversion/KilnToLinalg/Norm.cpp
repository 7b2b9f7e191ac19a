//===- Norm.cpp - batch/instance/layer/group/RMS/switch/deep norm, DyT ----===//
//
// Every norm is statistics (two-pass reductions) and one elementwise
// normalization generic reading them; running-stat updates are small
// elementwise generics of their own.
//
//===----------------------------------------------------------------------===//

#include "Patterns.h"

using namespace mlir;

namespace kiln::lowering {

namespace {

/// 1 / sqrt(var + eps), elementwise over the statistics' own shape: once
/// per channel (or row), not once per element.
Value reciprocalStd(OpBuilder &b, Location loc, Value var, double eps) {
  return elementwise(b, loc, tensorType(var), {{var}},
                     [&](OpBuilder &nb, Location l, ValueRange a) {
                       Value e = constant(nb, l, a[0].getType(), eps);
                       Value std = math::SqrtOp::create(nb, l, arith::AddFOp::create(nb, l, a[0], e));
                       return arith::DivFOp::create(nb, l, constant(nb, l, a[0].getType(), 1.0),
                                                    std);
                     });
}

/// (x - mean) / sqrt(var + eps) [· weight] [+ bias], with mean and var read
/// through `stats` dims and weight and bias through theirs; with statistics
/// wider than x, (x - mean) / std in their type, rounded once.
Value normalize(OpBuilder &b, Location loc, Value x, Operand mean, Operand var,
                double eps, std::optional<Operand> weight, std::optional<Operand> bias) {
  SmallVector<Operand> inputs = {{x}, mean, {reciprocalStd(b, loc, var.value, eps), var.dims}};
  if (weight)
    inputs.push_back(*weight);
  if (bias)
    inputs.push_back(*bias);
  bool hasWeight = bool(weight), hasBias = bool(bias);
  return elementwise(b, loc, tensorType(x), inputs,
                     [&](OpBuilder &nb, Location l, ValueRange a) {
                       // Statistics wider than x: x widened, the
                       // normalized value rounded once.
                       Type own = a[0].getType(), wide = a[1].getType();
                       Value v = own == wide ? a[0] : arith::ExtFOp::create(nb, l, wide, a[0]);
                       Value y = mul(nb, l, sub(nb, l, v, a[1]), a[2]);
                       if (own != wide)
                         y = arith::TruncFOp::create(nb, l, own, y);
                       size_t i = 3;
                       if (hasWeight)
                         y = mul(nb, l, y, a[i++]);
                       if (hasBias)
                         y = arith::AddFOp::create(nb, l, y, a[i]);
                       return y;
                     });
}

std::optional<Operand> along(Value v, SmallVector<int64_t> dims) {
  if (!v)
    return std::nullopt;
  return Operand{v, std::move(dims)};
}

/// (1 - momentum)·running + momentum·batch.
Value momentumUpdate(OpBuilder &b, Location loc, Value running, Value batch,
                     double momentum) {
  return elementwise(b, loc, tensorType(running), {{running}, {batch}},
                     [&](OpBuilder &nb, Location l, ValueRange a) {
                       Value keep = constant(nb, l, a[0].getType(), 1.0 - momentum);
                       Value take = constant(nb, l, a[0].getType(), momentum);
                       return arith::AddFOp::create(nb, l, mul(nb, l, keep, a[0]),
                                                    mul(nb, l, take, a[1]));
                     });
}

/// (x - running_mean) / sqrt(running_var + eps) · weight + bias, per channel
/// (dim 1): batch_norm in eval, instance_norm without input statistics. As
/// torch computes it: x · scale + shift, scale = weight / sqrt(var + eps)
/// and shift = bias - mean · scale per channel, one multiply-add an element.
template <typename Adaptor>
Value normalizeWithRunningStats(OpBuilder &b, Location loc, Adaptor a, double eps) {
  Value scale = reciprocalStd(b, loc, a.getRunningVar(), eps);
  RankedTensorType channels = tensorType(scale);
  if (Value weight = a.getWeight())
    scale = elementwise(b, loc, channels, {{scale}, {weight}},
                        [](OpBuilder &nb, Location l, ValueRange v) { return mul(nb, l, v[0], v[1]); });
  SmallVector<Operand> shiftInputs = {{a.getRunningMean()}, {scale}};
  Value bias = a.getBias();
  if (bias)
    shiftInputs.push_back({bias});
  Value shift = elementwise(b, loc, channels, shiftInputs,
                            [&](OpBuilder &nb, Location l, ValueRange v) -> Value {
                              Value moved = mul(nb, l, v[0], v[1]);
                              return bias ? sub(nb, l, v[2], moved)
                                          : arith::NegFOp::create(nb, l, moved).getResult();
                            });
  return elementwise(b, loc, tensorType(a.getInput()),
                     {{a.getInput()}, {scale, {1}}, {shift, {1}}},
                     [](OpBuilder &nb, Location l, ValueRange v) {
                       return arith::AddFOp::create(nb, l, mul(nb, l, v[0], v[1]), v[2]);
                     });
}

SmallVector<int64_t> allBut(int64_t rank, int64_t keep) {
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < rank; ++d)
    if (d != keep)
      dims.push_back(d);
  return dims;
}

// batch_norm: per-channel (dim 1) statistics of the batch in training, the
// running ones in eval. Training with running stats also returns them
// updated, with the unbiased batch variance, as torch does.
struct BatchNormLowering : OpConversionPattern<BatchNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(BatchNormOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = a.getInput();
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    double eps = op.getEps().convertToDouble();
    SmallVector<Value> results;
    if (!op.getTraining()) {
      results.push_back(normalizeWithRunningStats(rewriter, loc, a, eps));
    } else if (ShapedType::getNumElements(shape) == 0) {
      // torch returns a batch of no elements as it is, the running
      // statistics untouched.
      results.push_back(x);
      if (a.getRunningMean())
        results.append({a.getRunningMean(), a.getRunningVar()});
    } else {
      SmallVector<int64_t> dims = allBut(shape.size(), 1);
      Moments m = moments(rewriter, loc, x, dims);
      results.push_back(normalize(rewriter, loc, x, {m.mean, {1}}, {m.var, {1}}, eps,
                                  along(a.getWeight(), {1}), along(a.getBias(), {1})));
      if (a.getRunningMean()) {
        double n = countAlong(shape, dims), momentum = op.getMomentum().convertToDouble();
        Value unbiased = scaled(rewriter, loc, m.var, n / (n - 1));
        results.push_back(momentumUpdate(rewriter, loc, a.getRunningMean(), m.mean, momentum));
        results.push_back(momentumUpdate(rewriter, loc, a.getRunningVar(), unbiased, momentum));
      }
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

// instance_norm: statistics per (sample, channel) over the spatial dims. The
// running stats, when updated, take the batch average of the per-sample
// statistics (torch runs batch_norm on a (1, N·C, ...) view and averages).
struct InstanceNormLowering : OpConversionPattern<InstanceNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(InstanceNormOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = a.getInput();
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    double eps = op.getEps().convertToDouble();
    SmallVector<Value> results;
    if (!op.getUseInputStats()) {
      results.push_back(normalizeWithRunningStats(rewriter, loc, a, eps));
    } else {
      SmallVector<int64_t> spatial = llvm::to_vector(llvm::seq<int64_t>(2, shape.size()));
      Moments m = moments(rewriter, loc, x, spatial);
      results.push_back(normalize(rewriter, loc, x, {m.mean, {0, 1}}, {m.var, {0, 1}}, eps,
                                  along(a.getWeight(), {1}), along(a.getBias(), {1})));
      if (a.getRunningMean()) {
        double n = countAlong(shape, spatial), momentum = op.getMomentum().convertToDouble();
        double batch = shape[0];
        Value meanOfMeans = divided(rewriter, loc, sum(rewriter, loc, m.mean, {0}), batch);
        Value meanOfVars =
            scaled(rewriter, loc, sum(rewriter, loc, m.var, {0}), n / (n - 1) / batch);
        results.push_back(
            momentumUpdate(rewriter, loc, a.getRunningMean(), meanOfMeans, momentum));
        results.push_back(
            momentumUpdate(rewriter, loc, a.getRunningVar(), meanOfVars, momentum));
      }
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

// layer_norm over the trailing dims of `input`; weight and bias have their
// shape, so trailing alignment reads them right. A float32 input's
// statistics are float64 and each normalized value is rounded once: the
// mean's float32 rounding, times 1/std, was most of the result's error (4.4
// ulp where torch's cascade leaves 1.1). Its rows are short and read from
// cache: the wider statistics cost no measurable time.
Value layerNorm(OpBuilder &b, Location loc, Value x, size_t normalizedRank, double eps,
                Value weight, Value bias) {
  int64_t rank = tensorType(x).getRank();
  SmallVector<int64_t> dims = llvm::to_vector(llvm::seq<int64_t>(rank - normalizedRank, rank));
  SmallVector<int64_t> kept = keptDims(rank, dims);
  Type element = tensorType(x).getElementType();
  Moments m = moments(b, loc, x, dims, 0, element.isF32() ? b.getF64Type() : element);
  auto trailing = [](Value v) -> std::optional<Operand> {
    return v ? std::optional<Operand>(Operand{v}) : std::nullopt;
  };
  return normalize(b, loc, x, {m.mean, kept}, {m.var, kept}, eps, trailing(weight),
                   trailing(bias));
}

struct LayerNormLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(LayerNormOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, layerNorm(rewriter, op.getLoc(), a.getInput(),
                                     op.getNormalizedShape().size(),
                                     op.getEps().convertToDouble(), a.getWeight(),
                                     a.getBias()));
    return success();
  }
};

// deep_norm = layer_norm(alpha·x + sublayer_out).
struct DeepNormLowering : OpConversionPattern<DeepNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DeepNormOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    double alpha = op.getAlpha().convertToDouble();
    Value residual = elementwise(rewriter, loc, op.getType(),
                                 {{a.getInput()}, {a.getSublayerOut()}},
                                 [&](OpBuilder &b, Location l, ValueRange v) {
                                   Value s = constant(b, l, v[0].getType(), alpha);
                                   return arith::AddFOp::create(b, l, mul(b, l, s, v[0]), v[1]);
                                 });
    rewriter.replaceOp(op, layerNorm(rewriter, loc, residual, op.getNormalizedShape().size(),
                                     op.getEps().convertToDouble(), a.getWeight(),
                                     a.getBias()));
    return success();
  }
};

// group_norm: statistics over each group of C/G channels and the spatial
// dims (x viewed as N×G×rest), then the per-channel affine.
struct GroupNormLowering : OpConversionPattern<GroupNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GroupNormOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = a.getInput();
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    int64_t n = shape[0], groups = op.getNumGroups();
    // Channels per group times the spatial size (not numel / (n·groups):
    // a batch may have no samples).
    int64_t rest = shape[1] / groups * countAlong(shape, llvm::to_vector(
                                                            llvm::seq<int64_t>(2, shape.size())));
    Value grouped = reshapeTo(rewriter, loc, x, {n, groups, rest});
    Moments m = moments(rewriter, loc, grouped, {2});
    Value y = normalize(rewriter, loc, grouped, {m.mean, {0, 1}}, {m.var, {0, 1}},
                        op.getEps().convertToDouble(), std::nullopt, std::nullopt);
    y = reshapeTo(rewriter, loc, y, shape);
    Value weight = a.getWeight(), bias = a.getBias();
    if (weight || bias) {
      SmallVector<Operand> inputs = {{y}};
      if (weight)
        inputs.push_back({weight, {1}});
      if (bias)
        inputs.push_back({bias, {1}});
      y = elementwise(rewriter, loc, op.getType(), inputs,
                      [&](OpBuilder &b, Location l, ValueRange v) {
                        Value r = weight ? mul(b, l, v[0], v[1]) : v[0];
                        return bias ? Value(arith::AddFOp::create(b, l, r, v.back())) : r;
                      });
    }
    rewriter.replaceOp(op, y);
    return success();
  }
};

// rms_norm: x · 1/sqrt(mean(x²) + eps) · weight; no eps means the element
// type's machine epsilon.
struct RmsNormLowering : OpConversionPattern<RmsNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(RmsNormOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = a.getInput();
    int64_t rank = tensorType(x).getRank();
    size_t normalized = op.getNormalizedShape().size();
    SmallVector<int64_t> dims = llvm::to_vector(llvm::seq<int64_t>(rank - normalized, rank));
    auto et = llvm::cast<FloatType>(elementType(x));
    // Machine epsilon: 2^(1 - precision bits), e.g. 2^-23 for f32.
    double eps = op.getEps() ? op.getEps()->convertToDouble()
                             : std::ldexp(1.0, 1 - int(APFloat::semanticsPrecision(
                                                       et.getFloatSemantics())));
    Value zero = constant(rewriter, loc, et, 0.0);
    Value squares = reduce(rewriter, loc, {{x}}, dims, zero,
                           [](OpBuilder &b, Location l, ValueRange v) {
                             return arith::AddFOp::create(b, l, mul(b, l, v[0], v[0]), v[1]);
                           });
    Value meanSquare =
        divided(rewriter, loc, squares, countAlong(tensorType(x).getShape(), dims));
    SmallVector<Operand> inputs = {{x},
                                   {reciprocalStd(rewriter, loc, meanSquare, eps), keptDims(rank, dims)}};
    if (a.getWeight())
      inputs.push_back({a.getWeight()});
    Value y = elementwise(rewriter, loc, op.getType(), inputs,
                          [&](OpBuilder &b, Location l, ValueRange v) {
                            Value r = mul(b, l, v[0], v[1]);
                            return v.size() == 3 ? mul(b, l, r, v[2]) : r;
                          });
    rewriter.replaceOp(op, y);
    return success();
  }
};

// Switchable Normalization (Luo et al. 2018), with the paper's population
// statistics: μ_in, σ²_in over each (n, c)'s spatial dims; LN and BN
// statistics derived from them (σ² = E[x²] - μ²); mixed with
// softmax(mean_weight) and softmax(var_weight) in (IN, LN, BN) order. In
// eval, BN's statistics are the running ones; in training the running
// stats also come back updated with the batch's.
struct SwitchNormLowering : OpConversionPattern<SwitchNormOp> {
  using OpConversionPattern::OpConversionPattern;

  // softmax over the 3 logits of `w`, as 3 scalars.
  static SmallVector<Value> softmax3(OpBuilder &b, Location loc, Value w) {
    SmallVector<Value> e;
    Value idx[3];
    for (int i = 0; i < 3; ++i)
      idx[i] = arith::ConstantIndexOp::create(b, loc, i);
    Value logits[3];
    for (int i = 0; i < 3; ++i)
      logits[i] = tensor::ExtractOp::create(b, loc, w, ValueRange{idx[i]});
    Value m = arith::MaximumFOp::create(b, loc, logits[0],
                                        arith::MaximumFOp::create(b, loc, logits[1], logits[2]));
    for (int i = 0; i < 3; ++i)
      e.push_back(math::ExpOp::create(b, loc, sub(b, loc, logits[i], m)));
    Value total = arith::AddFOp::create(b, loc, e[0], arith::AddFOp::create(b, loc, e[1], e[2]));
    for (Value &v : e)
      v = arith::DivFOp::create(b, loc, v, total);
    return e;
  }

  LogicalResult matchAndRewrite(SwitchNormOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    Value x = a.getInput();
    ArrayRef<int64_t> shape = tensorType(x).getShape();
    int64_t n = shape[0], c = shape[1];
    Value xs = reshapeTo(b, loc, x, {n, c, tensorType(x).getNumElements() / (n * c)});
    Moments in = moments(b, loc, xs, {2}); // [N, C]
    // E[x²] per (n, c) = σ² + μ².
    auto meanSquare = [&](Value mean, Value var) {
      return elementwise(b, loc, tensorType(mean), {{mean}, {var}},
                         [](OpBuilder &nb, Location l, ValueRange v) {
                           return arith::AddFOp::create(nb, l, v[1], mul(nb, l, v[0], v[0]));
                         });
    };
    Value squareIn = meanSquare(in.mean, in.var);
    // Statistics over the dim of `over` (1: LN over channels, 0: BN over the
    // batch) from the per-(n, c) ones: μ = mean(μ_in), σ² = mean(E[x²]) - μ².
    auto pooled = [&](int64_t over) -> Moments {
      int64_t count = over == 1 ? c : n;
      Value mu = divided(b, loc, sum(b, loc, in.mean, {over}), double(count));
      Value sq = divided(b, loc, sum(b, loc, squareIn, {over}), double(count));
      Value var = elementwise(b, loc, tensorType(mu), {{sq}, {mu}},
                              [](OpBuilder &nb, Location l, ValueRange v) {
                                return sub(nb, l, v[0], mul(nb, l, v[1], v[1]));
                              });
      return {mu, var};
    };
    Moments ln = pooled(1); // [N]
    Moments bn = op.getTraining() ? pooled(0) : Moments{a.getRunningMean(), a.getRunningVar()};

    SmallVector<Value> wm = softmax3(b, loc, a.getMeanWeight());
    SmallVector<Value> wv = softmax3(b, loc, a.getVarWeight());
    auto mix = [&](Value inStat, Value lnStat, Value bnStat, ArrayRef<Value> w) {
      return elementwise(b, loc, tensorType(inStat), {{inStat}, {lnStat, {0}}, {bnStat, {1}}},
                         [&](OpBuilder &nb, Location l, ValueRange v) {
                           Value r = mul(nb, l, w[0], v[0]);
                           r = arith::AddFOp::create(nb, l, r, mul(nb, l, w[1], v[1]));
                           return arith::AddFOp::create(nb, l, r, mul(nb, l, w[2], v[2]));
                         });
    };
    Value mean = mix(in.mean, ln.mean, bn.mean, wm); // [N, C]
    Value var = mix(in.var, ln.var, bn.var, wv);
    SmallVector<Value> results = {
        normalize(b, loc, x, {mean, {0, 1}}, {var, {0, 1}}, op.getEps().convertToDouble(),
                  Operand{a.getWeight(), {1}}, Operand{a.getBias(), {1}})};
    if (op.getTraining()) {
      double momentum = op.getMomentum().convertToDouble();
      results.push_back(momentumUpdate(b, loc, a.getRunningMean(), bn.mean, momentum));
      results.push_back(momentumUpdate(b, loc, a.getRunningVar(), bn.var, momentum));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

// dyt: weight·tanh(alpha·x) + bias, alpha a one-element tensor of any rank.
struct DytLowering : OpConversionPattern<DytOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(DytOp op, OpAdaptor a,
                                ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value alpha = reshapeTo(rewriter, loc, a.getAlpha(), {});
    Value y = elementwise(rewriter, loc, op.getType(),
                          {{a.getInput()}, {alpha}, {a.getWeight()}, {a.getBias()}},
                          [](OpBuilder &b, Location l, ValueRange v) {
                            Value t = math::TanhOp::create(b, l, mul(b, l, v[1], v[0]));
                            return arith::AddFOp::create(b, l, mul(b, l, v[2], t), v[3]);
                          });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void populateNormPatterns(RewritePatternSet &patterns) {
  patterns.add<BatchNormLowering, InstanceNormLowering, LayerNormLowering,
               DeepNormLowering, GroupNormLowering, RmsNormLowering, SwitchNormLowering,
               DytLowering>(patterns.getContext());
}

} // namespace kiln::lowering
