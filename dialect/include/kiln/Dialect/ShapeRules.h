//===- ShapeRules.h - PyTorch's shape arithmetic --------------------------===//
//
// The integer rules PyTorch uses to size results (broadcasting, convolution
// and pooling windows, slicing). Op inference (dialect/lib/*Ops.cpp) and the
// lowering both use them, so the two can never disagree.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_DIALECT_SHAPERULES_H
#define KILN_DIALECT_SHAPERULES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace kiln::shape {

/// "[20, 16, 50, 100]", for messages.
std::string str(llvm::ArrayRef<int64_t> shape);

/// Maps a torch dim in [-rank, rank) to [0, rank); nullopt when out of range.
/// Like torch, a 0-d tensor accepts dims 0 and -1.
std::optional<int64_t> normalizeDim(int64_t dim, int64_t rank);

/// NumPy/PyTorch broadcasting; nullopt when a pair of sizes is incompatible.
std::optional<llvm::SmallVector<int64_t>> broadcast(llvm::ArrayRef<int64_t> a,
                                                    llvm::ArrayRef<int64_t> b);

/// Number of window positions of a convolution or pooling along one dim:
/// floor((in + padBefore + padAfter - dilation*(kernel-1) - 1) / stride) + 1,
/// with torch's ceil_mode rule (a last window must start inside the input or
/// the left padding). May be <= 0 when the window does not fit.
int64_t windowCount(int64_t in, int64_t kernel, int64_t stride,
                    int64_t padBefore, int64_t padAfter, int64_t dilation,
                    bool ceilMode = false);

/// conv_transpose2d output size along one dim, before output_padding:
/// (in-1)*stride - 2*pad + dilation*(kernel-1) + 1.
int64_t transposedSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad,
                       int64_t dilation);

/// padding='same' for one dim: (before, after) with the odd unit after, as
/// torch does for even kernels.
std::pair<int64_t, int64_t> samePadding(int64_t kernel, int64_t dilation);

/// Adaptive pooling window [start, end) of output index `i`:
/// start = floor(i*in/out), end = ceil((i+1)*in/out).
std::pair<int64_t, int64_t> adaptiveWindow(int64_t i, int64_t in, int64_t out);

/// Python slicing of a dim of `size`: the clamped start and the length.
struct SliceRange {
  int64_t start;
  int64_t length;
};
SliceRange pythonSlice(int64_t size, int64_t start, int64_t end, int64_t step);

/// The product of the sizes.
int64_t numElements(llvm::ArrayRef<int64_t> shape);

} // namespace kiln::shape

#endif // KILN_DIALECT_SHAPERULES_H
