//===- ReduceOps.cpp - sum, mean, var, max, min, embedding, dropout -------===//

#include "Inference.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::detail;

// sum/mean/var: no dim (or an empty list) reduces every dim.
template <typename Adaptor>
static LogicalResult inferReduction(std::optional<Location> loc, StringRef opName,
                                    Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, opName);
  ArrayRef<int64_t> in = shapeOf(a.getInput());
  SmallVector<int64_t> dims;
  if (std::optional<ArrayRef<int64_t>> listed = a.getDim(); listed && !listed->empty()) {
    auto normalized = r.dims(*listed, in.size());
    if (failed(normalized))
      return failure();
    dims = *normalized;
  } else {
    dims = llvm::to_vector(llvm::seq<int64_t>(0, in.size()));
  }
  types.push_back(tensorLike(a.getInput(), reducedShape(in, dims, a.getKeepdim())));
  return success();
}

LogicalResult SumOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &types) {
  return inferReduction(loc, getOperationName(), a, types);
}

LogicalResult MeanOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &types) {
  return inferReduction(loc, getOperationName(), a, types);
}

LogicalResult VarOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &types) {
  if (int64_t(a.getCorrection()) < 0)
    return Rules(loc, getOperationName())
        .fail("correction must not be negative, got ", int64_t(a.getCorrection()));
  return inferReduction(loc, getOperationName(), a, types);
}

// max/min: the whole tensor gives a 0-d value; a dim gives values and indices.
template <typename Adaptor>
static LogicalResult inferArgReduction(MLIRContext *ctx, std::optional<Location> loc,
                                       StringRef opName, Adaptor a,
                                       SmallVectorImpl<Type> &types) {
  Rules r(loc, opName);
  Value input = a.getInput();
  ArrayRef<int64_t> in = shapeOf(input);
  std::optional<uint64_t> dim = a.getDim();
  if (!dim) {
    if (a.getKeepdim())
      return r.fail("keepdim needs a dim");
    if (shape::numElements(in) == 0)
      return r.fail("reducing an empty tensor needs a dim");
    types.push_back(tensorLike(input, {}));
    return success();
  }
  auto d = r.dim(int64_t(*dim), in.size());
  if (failed(d))
    return failure();
  if (!in.empty() && in[*d] == 0)
    return r.fail("dim ", *d, " has size 0, so it has no maximum or minimum");
  SmallVector<int64_t> out = reducedShape(in, {*d}, a.getKeepdim());
  types.push_back(tensorLike(input, out));
  types.push_back(indexTensor(ctx, out));
  return success();
}

LogicalResult MaxOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &types) {
  return inferArgReduction(ctx, loc, getOperationName(), a, types);
}

LogicalResult MinOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &types) {
  return inferArgReduction(ctx, loc, getOperationName(), a, types);
}

LogicalResult EmbeddingOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value weight = a.getWeight();
  if (failed(r.rankIn(weight, "weight", {2})))
    return failure();
  int64_t rows = shapeOf(weight)[0];
  if (std::optional<uint64_t> pad = a.getPaddingIdx()) {
    int64_t p = *pad;
    if (p < -rows || p >= rows)
      return r.fail("padding_idx ", p, " is outside the ", rows, " embeddings");
  }
  SmallVector<int64_t> out(shapeOf(a.getInput()));
  out.push_back(shapeOf(weight)[1]);
  types.push_back(tensorLike(weight, out));
  return success();
}

LogicalResult DropoutOp::verify() {
  double p = getP().convertToDouble();
  if (!(p >= 0 && p <= 1))
    return emitOpError("p must be between 0 and 1, got ") << p;
  return success();
}

// Dropout is the identity in inference and with p = 0.
OpFoldResult DropoutOp::fold(FoldAdaptor) {
  if (!getTraining() || getP().isZero())
    return getInput();
  return {};
}
