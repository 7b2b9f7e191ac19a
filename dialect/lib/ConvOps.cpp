//===- ConvOps.cpp - conv2d, conv_transpose2d, linear, matmul, mm, bmm ----===//

#include "Inference.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::detail;

// Checks shared by conv2d and conv_transpose2d: ranks, dtypes, windows.
static LogicalResult checkConvOperands(const Rules &r, Value input, Value weight,
                                       Value bias, ArrayRef<int64_t> stride,
                                       ArrayRef<int64_t> dilation, int64_t groups) {
  if (failed(r.rankIn(input, "input", {3, 4})) ||
      failed(r.rankIn(weight, "weight", {4})) ||
      failed(r.sameElementType(weight, "weight", input)) ||
      (bias && failed(r.sameElementType(bias, "bias", input))) ||
      failed(r.window(stride, "stride", 1)) ||
      failed(r.window(dilation, "dilation", 1)))
    return failure();
  if (groups < 1)
    return r.fail("groups must be positive, got ", groups);
  return success();
}

// [N,] C, H, W -> [N,] channels, h, w.
static SmallVector<int64_t> convResultShape(ArrayRef<int64_t> in, int64_t channels,
                                            int64_t h, int64_t w) {
  SmallVector<int64_t> out;
  if (in.size() == 4)
    out.push_back(in[0]);
  out.append({channels, h, w});
  return out;
}

LogicalResult Conv2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), weight = a.getWeight(), bias = a.getBias();
  ArrayRef<int64_t> stride = a.getStride(), dilation = a.getDilation(),
                    padding = a.getPadding();
  int64_t groups = a.getGroups();
  if (failed(checkConvOperands(r, input, weight, bias, stride, dilation, groups)) ||
      failed(r.window(padding, "padding", 0)))
    return failure();

  ArrayRef<int64_t> in = shapeOf(input), w = shapeOf(weight);
  int64_t channels = in[in.size() - 3];
  if (w[0] % groups)
    return r.fail("weight has ", w[0], " output channels, not divisible by groups=",
                  groups);
  if (w[1] * groups != channels)
    return r.fail("input has ", channels, " channels but weight expects ",
                  w[1] * groups, " (groups=", groups, ")");
  if (bias && failed(r.vector(bias, "bias", w[0], "one per output channel")))
    return failure();

  // (before, after) padding per spatial dim.
  SmallVector<std::pair<int64_t, int64_t>, 2> pads;
  if (std::optional<PaddingPreset> preset = a.getPaddingPreset()) {
    if (padding != ArrayRef<int64_t>{0, 0})
      return r.fail("padding is given both as ", shape::str(padding), " and as '",
                    stringifyPaddingPreset(*preset), "'");
    if (*preset == PaddingPreset::same && stride != ArrayRef<int64_t>{1, 1})
      return r.fail("padding 'same' needs stride 1, got stride ", shape::str(stride));
    for (int i = 0; i < 2; ++i)
      pads.push_back(*preset == PaddingPreset::same
                         ? shape::samePadding(w[2 + i], dilation[i])
                         : std::make_pair(int64_t(0), int64_t(0)));
  } else {
    pads = {{padding[0], padding[0]}, {padding[1], padding[1]}};
  }

  PaddingMode mode = a.getPaddingMode();
  int64_t size[2], padded[2], span[2], out[2];
  for (int i = 0; i < 2; ++i) {
    size[i] = in[in.size() - 2 + i];
    auto [before, after] = pads[i];
    // F.pad's limits for the non-zero modes.
    if (mode == PaddingMode::reflect && std::max(before, after) >= size[i])
      return r.fail("padding_mode 'reflect' needs padding below the input size, "
                    "got padding ", std::max(before, after), " for size ", size[i]);
    if (mode == PaddingMode::circular && std::max(before, after) > size[i])
      return r.fail("padding_mode 'circular' needs padding at most the input size, "
                    "got padding ", std::max(before, after), " for size ", size[i]);
    padded[i] = size[i] + before + after;
    span[i] = dilation[i] * (w[2 + i] - 1) + 1;
    out[i] = shape::windowCount(size[i], w[2 + i], stride[i], before, after,
                                dilation[i]);
  }
  if (padded[0] < span[0] || padded[1] < span[1])
    return r.fail("padded input is ", padded[0], "x", padded[1],
                  " but the dilated kernel is ", span[0], "x", span[1]);
  types.push_back(tensorLike(input, convResultShape(in, w[0], out[0], out[1])));
  return success();
}

LogicalResult ConvTranspose2dOp::inferReturnTypes(MLIRContext *,
                                                  std::optional<Location> loc,
                                                  Adaptor a,
                                                  SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), weight = a.getWeight(), bias = a.getBias();
  ArrayRef<int64_t> stride = a.getStride(), dilation = a.getDilation(),
                    padding = a.getPadding(), outputPadding = a.getOutputPadding();
  int64_t groups = a.getGroups();
  if (failed(checkConvOperands(r, input, weight, bias, stride, dilation, groups)) ||
      failed(r.window(padding, "padding", 0)) ||
      failed(r.window(outputPadding, "output_padding", 0)))
    return failure();

  ArrayRef<int64_t> in = shapeOf(input), w = shapeOf(weight);
  int64_t channels = in[in.size() - 3];
  if (w[0] != channels)
    return r.fail("input has ", channels, " channels but weight expects ", w[0]);
  if (channels % groups)
    return r.fail("input has ", channels, " channels, not divisible by groups=",
                  groups);
  int64_t outChannels = w[1] * groups;
  if (bias && failed(r.vector(bias, "bias", outChannels, "one per output channel")))
    return failure();

  std::optional<ArrayRef<int64_t>> outputSize = a.getOutputSize();
  if (outputSize) {
    if (outputSize->size() != 2 && outputSize->size() != 4)
      return r.fail("output_size must hold (H, W) or (N, C, H, W), got ",
                    shape::str(*outputSize));
    if (outputPadding != ArrayRef<int64_t>{0, 0})
      return r.fail("output_padding and output_size are exclusive");
  }
  int64_t out[2];
  for (int i = 0; i < 2; ++i) {
    int64_t base = shape::transposedSize(in[in.size() - 2 + i], w[2 + i], stride[i],
                                         padding[i], dilation[i]);
    if (outputSize) {
      // nn.ConvTranspose2d picks output_padding in [0, stride) to hit it.
      int64_t want = (*outputSize)[outputSize->size() - 2 + i];
      if (want < base || want > base + stride[i] - 1)
        return r.fail("output_size ", shape::str(*outputSize), " is unreachable: ",
                      i ? "W" : "H", " can be ", base, " to ", base + stride[i] - 1);
      out[i] = want;
    } else {
      if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i])
        return r.fail("output_padding ", shape::str(outputPadding),
                      " must be smaller than either stride or dilation");
      out[i] = base + outputPadding[i];
    }
    if (out[i] <= 0)
      return r.fail("output size ", out[i], " along ", i ? "W" : "H",
                    " is not positive");
  }
  types.push_back(tensorLike(input, convResultShape(in, outChannels, out[0], out[1])));
  return success();
}

LogicalResult LinearOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), weight = a.getWeight(), bias = a.getBias();
  if (rankOf(input) < 1)
    return r.fail("input must be at least 1-D");
  if (failed(r.rankIn(weight, "weight", {1, 2})) ||
      failed(r.sameElementType(weight, "weight", input)) ||
      (bias && failed(r.sameElementType(bias, "bias", input))))
    return failure();
  ArrayRef<int64_t> in = shapeOf(input), w = shapeOf(weight);
  if (w.back() != in.back())
    return r.fail("input has ", in.back(), " features but weight expects ",
                  w.back(), " (weight shape ", shape::str(w), ")");
  SmallVector<int64_t> out(in.drop_back());
  if (w.size() == 2)
    out.push_back(w[0]);
  if (bias) {
    auto b = shape::broadcast(out, shapeOf(bias));
    if (!b || ArrayRef<int64_t>(*b) != ArrayRef<int64_t>(out))
      return r.fail("bias of shape ", shape::str(shapeOf(bias)),
                    " does not broadcast to the output shape ", shape::str(out));
  }
  types.push_back(tensorLike(input, out));
  return success();
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), other = a.getOther();
  if (failed(r.sameElementType(other, "other", input)))
    return failure();
  ArrayRef<int64_t> x = shapeOf(input), y = shapeOf(other);
  if (x.empty() || y.empty())
    return r.fail("both operands must be at least 1-D, got ", shape::str(x),
                  " and ", shape::str(y));
  // A 1-D input is a row vector, a 1-D other a column vector; both extra
  // dims are dropped from the result.
  SmallVector<int64_t> lhs(x), rhs(y);
  if (x.size() == 1)
    lhs.insert(lhs.begin(), 1);
  if (y.size() == 1)
    rhs.push_back(1);
  int64_t k = lhs.back(), k2 = rhs[rhs.size() - 2];
  if (k != k2)
    return r.fail("input ", shape::str(x), " and other ", shape::str(y),
                  " have mismatched contraction sizes ", k, " and ", k2);
  auto batch = shape::broadcast(ArrayRef<int64_t>(lhs).drop_back(2),
                                ArrayRef<int64_t>(rhs).drop_back(2));
  if (!batch)
    return r.fail("batch dims of input ", shape::str(x), " and other ",
                  shape::str(y), " do not broadcast");
  SmallVector<int64_t> out(*batch);
  if (x.size() > 1)
    out.push_back(lhs[lhs.size() - 2]);
  if (y.size() > 1)
    out.push_back(rhs.back());
  types.push_back(tensorLike(input, out));
  return success();
}

LogicalResult MmOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                     Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), mat2 = a.getMat2();
  if (failed(r.rankIn(input, "input", {2})) || failed(r.rankIn(mat2, "mat2", {2})) ||
      failed(r.sameElementType(mat2, "mat2", input)))
    return failure();
  ArrayRef<int64_t> x = shapeOf(input), y = shapeOf(mat2);
  if (x[1] != y[0])
    return r.fail("input ", shape::str(x), " and mat2 ", shape::str(y),
                  " cannot be multiplied (", x[1], " != ", y[0], ")");
  types.push_back(tensorLike(input, {x[0], y[1]}));
  return success();
}

LogicalResult BmmOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), mat2 = a.getMat2();
  if (failed(r.rankIn(input, "input", {3})) || failed(r.rankIn(mat2, "mat2", {3})) ||
      failed(r.sameElementType(mat2, "mat2", input)))
    return failure();
  ArrayRef<int64_t> x = shapeOf(input), y = shapeOf(mat2);
  if (x[0] != y[0])
    return r.fail("input has batch size ", x[0], " but mat2 has ", y[0]);
  if (x[2] != y[1])
    return r.fail("input ", shape::str(x), " and mat2 ", shape::str(y),
                  " cannot be multiplied (", x[2], " != ", y[1], ")");
  types.push_back(tensorLike(input, {x[0], x[1], y[2]}));
  return success();
}
