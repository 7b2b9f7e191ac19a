//===- LayoutOps.cpp - reshape, transpose, permute, ..., split, slice -----===//

#include "Inference.h"

using namespace mlir;
using namespace kiln;
using namespace kiln::detail;

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  ArrayRef<int64_t> in = shapeOf(a.getInput()), wanted = a.getShape();
  SmallVector<int64_t> out(wanted);
  int64_t known = 1;
  std::optional<size_t> inferred;
  for (auto [i, size] : llvm::enumerate(wanted)) {
    if (size == -1) {
      if (inferred)
        return r.fail("shape ", shape::str(wanted), " has more than one -1");
      inferred = i;
    } else if (size < 0) {
      return r.fail("shape ", shape::str(wanted), " has a negative size");
    } else {
      known *= size;
    }
  }
  int64_t total = shape::numElements(in);
  if (inferred) {
    if (known == 0)
      return r.fail("shape ", shape::str(wanted),
                    " is ambiguous: the -1 could be any size");
    out[*inferred] = total / known;
    known *= out[*inferred];
  }
  if (known != total)
    return r.fail("shape ", shape::str(wanted), " is invalid for input of shape ",
                  shape::str(in), " (", total, " elements)");
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}

// reshape(reshape(x)) = reshape(x); a reshape to the same shape is x.
OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getResult();
  }
  return {};
}

//===----------------------------------------------------------------------===//
// transpose, permute
//===----------------------------------------------------------------------===//

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  int64_t rank = rankOf(a.getInput());
  auto d0 = r.dim(a.getDim0(), rank, "dim0"), d1 = r.dim(a.getDim1(), rank, "dim1");
  if (failed(d0) || failed(d1))
    return failure();
  SmallVector<int64_t> out(shapeOf(a.getInput()));
  if (rank)
    std::swap(out[*d0], out[*d1]);
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}

// The (normalized) pair of dims a transpose swaps.
static std::pair<int64_t, int64_t> swappedDims(TransposeOp op) {
  int64_t rank = rankOf(op.getInput());
  int64_t d0 = *shape::normalizeDim(op.getDim0(), rank);
  int64_t d1 = *shape::normalizeDim(op.getDim1(), rank);
  return {std::min(d0, d1), std::max(d0, d1)};
}

// transpose(x, a, a) = x; transpose(transpose(x, a, b), a, b) = x.
OpFoldResult TransposeOp::fold(FoldAdaptor) {
  auto [d0, d1] = swappedDims(*this);
  if (d0 == d1)
    return getInput();
  if (auto inner = getInput().getDefiningOp<TransposeOp>())
    if (swappedDims(inner) == std::make_pair(d0, d1))
      return inner.getInput();
  return {};
}

LogicalResult PermuteOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  ArrayRef<int64_t> in = shapeOf(a.getInput()), dims = a.getDims();
  if (dims.size() != in.size())
    return r.fail("dims ", shape::str(dims), " must list each of the ", in.size(),
                  " dims of the input once");
  auto perm = r.dims(dims, in.size(), "dim");
  if (failed(perm))
    return failure();
  SmallVector<int64_t> out;
  for (int64_t d : *perm)
    out.push_back(in[d]);
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}

OpFoldResult PermuteOp::fold(FoldAdaptor) {
  int64_t rank = rankOf(getInput());
  for (auto [i, d] : llvm::enumerate(getDims()))
    if (*shape::normalizeDim(d, rank) != int64_t(i))
      return {};
  return getInput();
}

//===----------------------------------------------------------------------===//
// squeeze, unsqueeze, flatten, expand
//===----------------------------------------------------------------------===//

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  ArrayRef<int64_t> in = shapeOf(a.getInput());
  SmallVector<int64_t> candidates;
  if (std::optional<ArrayRef<int64_t>> dims = a.getDim()) {
    auto normalized = r.dims(*dims, in.size());
    if (failed(normalized))
      return failure();
    candidates = *normalized;
  } else {
    candidates = llvm::to_vector(llvm::seq<int64_t>(0, in.size()));
  }
  SmallVector<int64_t> out;
  for (auto [i, size] : llvm::enumerate(in))
    if (size != 1 || !llvm::is_contained(candidates, int64_t(i)))
      out.push_back(size);
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}

OpFoldResult SqueezeOp::fold(FoldAdaptor) {
  return getInput().getType() == getType() ? getInput() : OpFoldResult();
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  ArrayRef<int64_t> in = shapeOf(a.getInput());
  // The new dim can go at any of rank + 1 places.
  int64_t rank = in.size() + 1;
  int64_t dim = a.getDim();
  if (dim < -rank || dim >= rank)
    return r.fail("dim ", dim, " is out of range for inserting into a ", in.size(),
                  "-d input (expected [", -rank, ", ", rank - 1, "])");
  SmallVector<int64_t> out(in);
  out.insert(out.begin() + (dim < 0 ? dim + rank : dim), 1);
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  ArrayRef<int64_t> in = shapeOf(a.getInput());
  auto start = r.dim(a.getStartDim(), in.size(), "start_dim");
  auto end = r.dim(a.getEndDim(), in.size(), "end_dim");
  if (failed(start) || failed(end))
    return failure();
  if (*start > *end)
    return r.fail("start_dim ", *start, " comes after end_dim ", *end);
  if (in.empty()) { // torch flattens a 0-d tensor into 1 element
    types.push_back(tensorLike(a.getInput(), {1}));
    return success();
  }
  SmallVector<int64_t> out(in.take_front(*start));
  out.push_back(shape::numElements(in.slice(*start, *end - *start + 1)));
  out.append(in.begin() + *end + 1, in.end());
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}

OpFoldResult FlattenOp::fold(FoldAdaptor) {
  return getInput().getType() == getType() ? getInput() : OpFoldResult();
}

LogicalResult ExpandOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  ArrayRef<int64_t> in = shapeOf(a.getInput()), sizes = a.getSizes();
  if (sizes.size() < in.size())
    return r.fail("sizes ", shape::str(sizes), " has fewer dims than the input ",
                  shape::str(in));
  size_t lead = sizes.size() - in.size();
  SmallVector<int64_t> out;
  for (auto [i, size] : llvm::enumerate(sizes)) {
    if (i < lead) {
      if (size < 0)
        return r.fail("size ", size, " is not allowed for the new leading dim ", i);
      out.push_back(size);
      continue;
    }
    int64_t have = in[i - lead], want = size == -1 ? have : size;
    if (want < 0 || (have != 1 && have != want))
      return r.fail("cannot expand ", shape::str(in), " to ", shape::str(sizes),
                    ": dim ", i, " has size ", have, ", which is not 1");
    out.push_back(want);
  }
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}

OpFoldResult ExpandOp::fold(FoldAdaptor) {
  return getInput().getType() == getType() ? getInput() : OpFoldResult();
}

//===----------------------------------------------------------------------===//
// cat, stack, split, slice
//===----------------------------------------------------------------------===//

// Checks the tensors of cat/stack agree on rank, dtype and every dim but
// `except` (none for stack).
static LogicalResult checkJoinable(const Rules &r, mlir::ValueRange tensors,
                                   std::optional<int64_t> except) {
  if (tensors.empty())
    return r.fail("needs at least one tensor");
  Value first = tensors.front();
  for (auto [i, t] : llvm::enumerate(tensors)) {
    if (failed(r.sameElementType(t, "tensor #" + std::to_string(i), first)))
      return failure();
    ArrayRef<int64_t> s = shapeOf(t), f = shapeOf(first);
    bool match = s.size() == f.size();
    for (size_t d = 0; match && d < s.size(); ++d)
      match = s[d] == f[d] || (except && int64_t(d) == *except);
    if (!match)
      return r.fail("tensor #", i, " has shape ", shape::str(s), " but tensor #0 has ",
                    shape::str(f), except ? " (they may differ only in dim " : "",
                    except ? std::to_string(*except) + ")" : "");
  }
  return success();
}

LogicalResult CatOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  mlir::ValueRange tensors = a.getTensors();
  if (tensors.empty())
    return r.fail("needs at least one tensor");
  for (auto [i, t] : llvm::enumerate(tensors))
    if (rankOf(t) == 0)
      return r.fail("tensor #", i, " is 0-d and cannot be concatenated");
  auto dim = r.dim(a.getDim(), rankOf(tensors.front()));
  if (failed(dim) || failed(checkJoinable(r, tensors, *dim)))
    return failure();
  SmallVector<int64_t> out(shapeOf(tensors.front()));
  out[*dim] = 0;
  for (Value t : tensors)
    out[*dim] += shapeOf(t)[*dim];
  types.push_back(tensorLike(tensors.front(), out));
  return success();
}

LogicalResult StackOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  mlir::ValueRange tensors = a.getTensors();
  if (failed(checkJoinable(r, tensors, std::nullopt)))
    return failure();
  SmallVector<int64_t> out(shapeOf(tensors.front()));
  int64_t rank = out.size() + 1, dim = a.getDim();
  if (dim < -rank || dim >= rank)
    return r.fail("dim ", dim, " is out of range for stacking ", rank - 1,
                  "-d tensors (expected [", -rank, ", ", rank - 1, "])");
  out.insert(out.begin() + (dim < 0 ? dim + rank : dim), tensors.size());
  types.push_back(tensorLike(tensors.front(), out));
  return success();
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  Value input = a.getInput();
  ArrayRef<int64_t> in = shapeOf(input);
  if (in.empty())
    return r.fail("input must be at least 1-d");
  auto dim = r.dim(a.getDim(), in.size());
  if (failed(dim))
    return failure();
  std::optional<uint64_t> splitSize = a.getSplitSize();
  std::optional<ArrayRef<int64_t>> sections = a.getSections();
  if (bool(splitSize) == bool(sections))
    return r.fail("needs exactly one of split_size and sections");
  int64_t size = in[*dim];
  SmallVector<int64_t> chunks;
  if (splitSize) {
    int64_t step = *splitSize;
    if (step <= 0 && !(step == 0 && size == 0))
      return r.fail("split_size must be positive, got ", step);
    chunks.push_back(std::min(step, size)); // torch: one chunk even if empty
    for (int64_t at = step; at < size; at += step)
      chunks.push_back(std::min(step, size - at));
  } else {
    int64_t total = 0;
    for (int64_t s : *sections) {
      if (s < 0)
        return r.fail("sections ", shape::str(*sections), " has a negative size");
      total += s;
    }
    if (total != size)
      return r.fail("sections ", shape::str(*sections), " sum to ", total,
                    " but dim ", *dim, " has size ", size);
    chunks.assign(sections->begin(), sections->end());
  }
  for (int64_t c : chunks) {
    SmallVector<int64_t> out(in);
    out[*dim] = c;
    types.push_back(tensorLike(input, out));
  }
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &types) {
  Rules r(loc, getOperationName());
  ArrayRef<int64_t> in = shapeOf(a.getInput());
  ArrayRef<int64_t> starts = a.getStarts(), ends = a.getEnds(), steps = a.getSteps();
  size_t n = a.getDims().size();
  if (starts.size() != n || ends.size() != n || steps.size() != n)
    return r.fail("dims, starts, ends and steps must have the same length");
  if (in.empty())
    return r.fail("input must be at least 1-d");
  auto dims = r.dims(a.getDims(), in.size());
  if (failed(dims))
    return failure();
  SmallVector<int64_t> out(in);
  for (size_t i = 0; i < n; ++i) {
    if (steps[i] <= 0)
      return r.fail("steps must be positive, got ", shape::str(steps));
    int64_t d = (*dims)[i];
    out[d] = shape::pythonSlice(in[d], starts[i], ends[i], steps[i]).length;
  }
  types.push_back(tensorLike(a.getInput(), out));
  return success();
}
