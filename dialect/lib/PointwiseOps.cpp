//===- PointwiseOps.cpp - broadcasting binary ops, clamp ------------------===//

#include "Inference.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::detail;

// torch broadcasting of input and other.
static LogicalResult inferBroadcast(std::optional<Location> loc, StringRef opName,
                                    Value input, Value other,
                                    SmallVectorImpl<Type> &types) {
  Rules r(loc, opName);
  if (failed(r.sameElementType(other, "other", input)))
    return failure();
  auto out = shape::broadcast(shapeOf(input), shapeOf(other));
  if (!out)
    return r.fail("input of shape ", shape::str(shapeOf(input)), " and other of shape ",
                  shape::str(shapeOf(other)), " do not broadcast");
  types.push_back(tensorLike(input, *out));
  return success();
}

#define KILN_BROADCASTING_OP(OP)                                                   \
  LogicalResult OP::inferReturnTypes(MLIRContext *, std::optional<Location> loc,   \
                                     Adaptor a, SmallVectorImpl<Type> &types) {    \
    return inferBroadcast(loc, getOperationName(), a.getInput(), a.getOther(),     \
                          types);                                                  \
  }
KILN_BROADCASTING_OP(AddOp)
KILN_BROADCASTING_OP(SubOp)
KILN_BROADCASTING_OP(MulOp)
KILN_BROADCASTING_OP(DivOp)
KILN_BROADCASTING_OP(PowOp)
KILN_BROADCASTING_OP(MaximumOp)
KILN_BROADCASTING_OP(MinimumOp)
#undef KILN_BROADCASTING_OP

LogicalResult ClampOp::verify() {
  if (!getMin() && !getMax())
    return emitOpError("needs at least one of min and max");
  return success();
}
