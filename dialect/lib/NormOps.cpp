//===- NormOps.cpp - batch/instance/layer/group/RMS/switch/deep norm, DyT -===//

#include "Inference.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::detail;

// A norm input laid out (N, C, ...) with at least `minRank` dims.
static LogicalResult checkChannelsFirst(const Rules &r, Value input, int64_t minRank) {
  if (rankOf(input) < minRank)
    return r.fail("input must be at least ", minRank, "-d (N, C, ...), got shape ",
                  shape::str(shapeOf(input)));
  return success();
}

// Per-channel operands (running stats, affine weight and bias) of a norm
// whose channel dim is 1: each, if present, is [C] with the input's dtype.
static LogicalResult checkChannelVectors(const Rules &r, Value input,
                                         ArrayRef<std::pair<Value, StringRef>> vectors) {
  int64_t channels = shapeOf(input)[1];
  for (auto [v, name] : vectors)
    if (v && (failed(r.vector(v, name, channels, "one per channel")) ||
              failed(r.sameElementType(v, name, input))))
      return failure();
  return success();
}

// batch_norm and instance_norm: the result, plus the updated running mean
// and variance when batch statistics are used and running stats are given.
template <typename Adaptor>
static LogicalResult inferRunningStatsNorm(const Rules &r, Adaptor a,
                                           bool useBatchStats, StringRef flag,
                                           int64_t minRank,
                                           SmallVectorImpl<Type> &types) {
  Value input = a.getInput(), mean = a.getRunningMean(), var = a.getRunningVar();
  if (failed(checkChannelsFirst(r, input, minRank)) ||
      failed(checkChannelVectors(r, input, {{mean, "running_mean"},
                                            {var, "running_var"},
                                            {a.getWeight(), "weight"},
                                            {a.getBias(), "bias"}})))
    return failure();
  if (bool(mean) != bool(var))
    return r.fail("running_mean and running_var must be given together");
  if (!useBatchStats && !mean)
    return r.fail("running_mean and running_var are required when ", flag,
                  " is false");
  if (a.getEps().convertToDouble() < 0)
    return r.fail("eps must not be negative");

  types.push_back(tensorType(input));
  if (useBatchStats && mean)
    types.append({tensorType(mean), tensorType(var)});
  return success();
}

LogicalResult BatchNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  if (failed(inferRunningStatsNorm(r, a, a.getTraining(), "training", 2, types)))
    return failure();
  ArrayRef<int64_t> in = shapeOf(a.getInput());
  // torch's rule: exactly one value per channel is refused, none is not.
  if (a.getTraining() && in[1] != 0 && shape::numElements(in) / in[1] == 1)
    return r.fail("training needs more than 1 value per channel, got input shape ",
                  shape::str(in));
  return success();
}

LogicalResult InstanceNormOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc,
                                               Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  if (failed(inferRunningStatsNorm(r, a, a.getUseInputStats(), "use_input_stats", 3,
                                   types)))
    return failure();
  ArrayRef<int64_t> in = shapeOf(a.getInput());
  if (a.getUseInputStats() && shape::numElements(in.drop_front(2)) == 1)
    return r.fail("needs more than 1 spatial element per channel, got input shape ",
                  shape::str(in));
  return success();
}

// layer_norm-like ops normalize over the trailing `normalized` dims; their
// elementwise weight and bias have exactly that shape.
static LogicalResult checkNormalizedShape(const Rules &r, Value input,
                                          ArrayRef<int64_t> normalized,
                                          ArrayRef<std::pair<Value, StringRef>> affine) {
  ArrayRef<int64_t> in = shapeOf(input);
  if (normalized.empty())
    return r.fail("normalized_shape must not be empty");
  if (normalized.size() > in.size() ||
      in.take_back(normalized.size()) != normalized)
    return r.fail("input of shape ", shape::str(in), " does not end with normalized_shape ",
                  shape::str(normalized));
  for (auto [v, name] : affine) {
    if (!v)
      continue;
    if (shapeOf(v) != normalized)
      return r.fail(name, " has shape ", shape::str(shapeOf(v)),
                    " but must be normalized_shape ", shape::str(normalized));
    if (failed(r.sameElementType(v, name, input)))
      return failure();
  }
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  if (failed(checkNormalizedShape(r, a.getInput(), a.getNormalizedShape(),
                                  {{a.getWeight(), "weight"}, {a.getBias(), "bias"}})))
    return failure();
  types.push_back(tensorType(a.getInput()));
  return success();
}

LogicalResult RmsNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  if (failed(checkNormalizedShape(r, a.getInput(), a.getNormalizedShape(),
                                  {{a.getWeight(), "weight"}})))
    return failure();
  if (a.getEps() && a.getEps()->convertToDouble() < 0)
    return r.fail("eps must not be negative");
  types.push_back(tensorType(a.getInput()));
  return success();
}

LogicalResult DeepNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                           Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), sub = a.getSublayerOut();
  if (tensorType(sub) != tensorType(input))
    return r.fail("sublayer_out has type ", sub.getType(), " but input has ",
                  input.getType());
  if (failed(checkNormalizedShape(r, input, a.getNormalizedShape(),
                                  {{a.getWeight(), "weight"}, {a.getBias(), "bias"}})))
    return failure();
  types.push_back(tensorType(input));
  return success();
}

LogicalResult GroupNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput();
  if (failed(checkChannelsFirst(r, input, 2)))
    return failure();
  int64_t groups = a.getNumGroups(), channels = shapeOf(input)[1];
  if (groups < 1)
    return r.fail("num_groups must be positive, got ", groups);
  if (channels % groups)
    return r.fail("input has ", channels, " channels, not divisible by num_groups=",
                  groups);
  if (failed(checkChannelVectors(r, input, {{a.getWeight(), "weight"},
                                            {a.getBias(), "bias"}})))
    return failure();
  types.push_back(tensorType(input));
  return success();
}

LogicalResult SwitchNormOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                             Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput();
  if (failed(checkChannelsFirst(r, input, 3)) ||
      failed(checkChannelVectors(r, input, {{a.getRunningMean(), "running_mean"},
                                            {a.getRunningVar(), "running_var"},
                                            {a.getWeight(), "weight"},
                                            {a.getBias(), "bias"}})))
    return failure();
  for (auto [v, name] : {std::make_pair(a.getMeanWeight(), "mean_weight"),
                         std::make_pair(a.getVarWeight(), "var_weight")})
    if (failed(r.vector(v, name, 3, "IN, LN and BN logits")) ||
        failed(r.sameElementType(v, name, input)))
      return failure();
  ArrayRef<int64_t> in = shapeOf(input);
  if (shape::numElements(in.drop_front(2)) <= 1)
    return r.fail("needs more than 1 spatial element per channel, got input shape ",
                  shape::str(in));
  types.push_back(tensorType(input));
  if (a.getTraining())
    types.append({tensorType(a.getRunningMean()), tensorType(a.getRunningVar())});
  return success();
}

LogicalResult DytOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), alpha = a.getAlpha();
  if (rankOf(input) < 1)
    return r.fail("input must be at least 1-d");
  if (shape::numElements(shapeOf(alpha)) != 1)
    return r.fail("alpha must hold one element (the learnable scalar), got shape ",
                  shape::str(shapeOf(alpha)));
  if (failed(r.sameElementType(alpha, "alpha", input)))
    return failure();
  int64_t features = shapeOf(input).back();
  for (auto [v, name] : {std::make_pair(a.getWeight(), "weight"),
                         std::make_pair(a.getBias(), "bias")})
    if (failed(r.vector(v, name, features, "size of the last dim")) ||
        failed(r.sameElementType(v, name, input)))
      return failure();
  types.push_back(tensorType(input));
  return success();
}
