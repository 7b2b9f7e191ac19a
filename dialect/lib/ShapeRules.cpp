//===- ShapeRules.cpp - PyTorch's shape arithmetic ------------------------===//

#include "kiln/Dialect/ShapeRules.h"

#include "llvm/Support/raw_ostream.h"

namespace kiln::shape {

std::string str(llvm::ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(shape, os);
  os << ']';
  return s;
}

std::optional<int64_t> normalizeDim(int64_t dim, int64_t rank) {
  int64_t extent = rank == 0 ? 1 : rank;
  if (dim < -extent || dim >= extent)
    return std::nullopt;
  return dim < 0 ? dim + extent : dim;
}

std::optional<llvm::SmallVector<int64_t>> broadcast(llvm::ArrayRef<int64_t> a,
                                                    llvm::ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  llvm::SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Align from the trailing dim; missing leading dims act as 1.
    int64_t x = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t y = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (x != y && x != 1 && y != 1)
      return std::nullopt;
    out[i] = x == 1 ? y : x;
  }
  return out;
}

// Division rounding toward -inf, as torch's div_rtn.
static int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t windowCount(int64_t in, int64_t kernel, int64_t stride,
                    int64_t padBefore, int64_t padAfter, int64_t dilation,
                    bool ceilMode) {
  int64_t span = in + padBefore + padAfter - dilation * (kernel - 1) - 1;
  int64_t count = floorDiv(span + (ceilMode ? stride - 1 : 0), stride) + 1;
  // torch (pooling_output_shape): the last window must start inside the
  // input or the left padding.
  if (ceilMode && (count - 1) * stride >= in + padBefore)
    --count;
  return count;
}

int64_t transposedSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad,
                       int64_t dilation) {
  return (in - 1) * stride - 2 * pad + dilation * (kernel - 1) + 1;
}

std::pair<int64_t, int64_t> samePadding(int64_t kernel, int64_t dilation) {
  int64_t total = dilation * (kernel - 1);
  return {total / 2, total - total / 2};
}

std::pair<int64_t, int64_t> adaptiveWindow(int64_t i, int64_t in, int64_t out) {
  int64_t start = (i * in) / out;
  int64_t end = ((i + 1) * in + out - 1) / out;
  return {start, end};
}

SliceRange pythonSlice(int64_t size, int64_t start, int64_t end, int64_t step) {
  auto clamp = [size](int64_t v) {
    if (v < 0)
      v = v < -size ? 0 : v + size;
    return std::min(v, size);
  };
  int64_t s = clamp(start), e = clamp(end);
  int64_t length = e > s ? (e - s + step - 1) / step : 0;
  return {s, length};
}

int64_t numElements(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

} // namespace kiln::shape
