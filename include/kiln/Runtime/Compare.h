//===- Compare.h - results against golden outputs -------------------------===//
#ifndef KILN_RUNTIME_COMPARE_H
#define KILN_RUNTIME_COMPARE_H

#include "kiln/Runtime/HostTensor.h"

namespace kiln::runtime {

/// How far `actual` is from `expected`, torch.allclose-style: an element
/// passes when |a - e| <= atol + rtol·|e|, or both are NaN, or both are the
/// same infinity.
struct Comparison {
  bool pass = true;
  double maxAbsError = 0; // over finite pairs
  double maxRelError = 0; // |a - e| / |e| over finite pairs with e != 0
  int64_t worstIndex = -1; // flat index of the first element failing worst
  int64_t mismatches = 0;
};

/// The shapes and dtypes must agree (callers check that first).
Comparison compare(const HostTensor &actual, const HostTensor &expected, double rtol,
                   double atol);

/// "(2, 0, 5)" for a flat index in `shape`.
std::string indexString(const std::vector<int64_t> &shape, int64_t flat);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_COMPARE_H
