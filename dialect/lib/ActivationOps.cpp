//===- ActivationOps.cpp - prelu, softmax, log_softmax --------------------===//
//
// The other activations are plain elementwise ops whose type comes from
// SameOperandsAndResultType.
//
//===----------------------------------------------------------------------===//

#include "Inference.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::detail;

LogicalResult PreluOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput(), weight = a.getWeight();
  if (failed(r.rankIn(weight, "weight", {0, 1})) ||
      failed(r.sameElementType(weight, "weight", input)))
    return failure();
  ArrayRef<int64_t> in = shapeOf(input);
  int64_t channels = in.size() >= 2 ? in[1] : 1;
  int64_t n = shape::numElements(shapeOf(weight));
  if (n != 1 && n != channels)
    return r.fail("weight has ", n, " elements but must have 1 or ", channels,
                  " (the channels, dim 1 of the input)");
  types.push_back(tensorType(input));
  return success();
}

static LogicalResult verifySoftmaxDim(Operation *op, Value input, int64_t dim) {
  Rules r(op->getLoc(), op->getName().getStringRef());
  return r.dim(dim, rankOf(input));
}

LogicalResult SoftmaxOp::verify() {
  return verifySoftmaxDim(*this, getInput(), getDim());
}

LogicalResult LogSoftmaxOp::verify() {
  return verifySoftmaxDim(*this, getInput(), getDim());
}
