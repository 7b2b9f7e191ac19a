//===- PoolOps.cpp - max/avg pooling, adaptive pooling --------------------===//

#include "Inference.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::detail;

// The pooled shape of a [N,] C, H, W input; checks torch's pool2d rules.
static FailureOr<SmallVector<int64_t>>
pooledShape(const Rules &r, Value input, ArrayRef<int64_t> kernel,
            ArrayRef<int64_t> stride, ArrayRef<int64_t> padding,
            ArrayRef<int64_t> dilation, bool ceilMode) {
  if (failed(r.rankIn(input, "input", {3, 4})) ||
      failed(r.window(kernel, "kernel_size", 1)) ||
      (!stride.empty() && failed(r.window(stride, "stride", 1))) ||
      failed(r.window(padding, "padding", 0)) ||
      failed(r.window(dilation, "dilation", 1)))
    return failure();
  if (stride.empty()) // torch's stride=None
    stride = kernel;
  ArrayRef<int64_t> in = shapeOf(input);
  SmallVector<int64_t> out(in.drop_back(2));
  for (int i = 0; i < 2; ++i) {
    if (padding[i] > kernel[i] / 2)
      return r.fail("padding ", shape::str(padding),
                    " must be at most half of kernel_size ", shape::str(kernel));
    int64_t size = in[in.size() - 2 + i];
    int64_t n = shape::windowCount(size, kernel[i], stride[i], padding[i], padding[i],
                                   dilation[i], ceilMode);
    if (n < 1)
      return r.fail("input of shape ", shape::str(in),
                    " is too small: the output would be empty along ", i ? "W" : "H");
    out.push_back(n);
  }
  return out;
}

LogicalResult MaxPool2dOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  auto out = pooledShape(r, a.getInput(), a.getKernelSize(), a.getStride(),
                         a.getPadding(), a.getDilation(), a.getCeilMode());
  if (failed(out))
    return failure();
  types.push_back(tensorLike(a.getInput(), *out));
  if (a.getReturnIndices())
    types.push_back(indexTensor(ctx, *out));
  return success();
}

LogicalResult AvgPool2dOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  auto out = pooledShape(r, a.getInput(), a.getKernelSize(), a.getStride(),
                         a.getPadding(), {1, 1}, a.getCeilMode());
  if (failed(out))
    return failure();
  if (std::optional<uint64_t> divisor = a.getDivisorOverride();
      divisor && int64_t(*divisor) == 0)
    return r.fail("divisor_override must not be zero");
  types.push_back(tensorLike(a.getInput(), *out));
  return success();
}

// Adaptive pooling to output_size (H, W), -1 standing for torch's None;
// with `returnIndices`, also the int64 argmax indices.
static LogicalResult inferAdaptive(MLIRContext *ctx, const Rules &r, Value input,
                                   ArrayRef<int64_t> outputSize, bool returnIndices,
                                   SmallVectorImpl<Type> &types) {
  if (failed(r.rankIn(input, "input", {3, 4})))
    return failure();
  if (outputSize.size() != 2)
    return r.fail("output_size must have 2 values (H, W), got ",
                  shape::str(outputSize));
  ArrayRef<int64_t> in = shapeOf(input);
  SmallVector<int64_t> out(in.drop_back(2));
  for (int i = 0; i < 2; ++i) {
    int64_t size = in[in.size() - 2 + i], want = outputSize[i];
    if (size < 1)
      return r.fail("input of shape ", shape::str(in), " has an empty spatial dim");
    if (want < 1 && want != -1)
      return r.fail("output_size ", shape::str(outputSize),
                    " must be positive or -1 (None)");
    out.push_back(want == -1 ? size : want);
  }
  types.push_back(tensorLike(input, out));
  if (returnIndices)
    types.push_back(indexTensor(ctx, out));
  return success();
}

LogicalResult AdaptiveAvgPool2dOp::inferReturnTypes(MLIRContext *ctx,
                                                    std::optional<Location> loc,
                                                    Adaptor a,
                                                    SmallVectorImpl<Type> &types) {
  return inferAdaptive(ctx, Rules(loc, getOperationName()), a.getInput(),
                       a.getOutputSize(), /*returnIndices=*/false, types);
}

LogicalResult AdaptiveMaxPool2dOp::inferReturnTypes(MLIRContext *ctx,
                                                    std::optional<Location> loc,
                                                    Adaptor a,
                                                    SmallVectorImpl<Type> &types) {
  return inferAdaptive(ctx, Rules(loc, getOperationName()), a.getInput(),
                       a.getOutputSize(), a.getReturnIndices(), types);
}
