//===- Compare.cpp - results against golden outputs -----------------------===//

#include "kiln/Runtime/Compare.h"

#include <cmath>

namespace kiln::runtime {

Comparison compare(const HostTensor &actual, const HostTensor &expected, double rtol,
                   double atol) {
  Comparison c;
  double worstExcess = -1;
  for (int64_t i = 0, n = expected.numElements(); i < n; ++i) {
    double a = actual.at(i), e = expected.at(i);
    bool ok;
    double excess;
    if (std::isnan(a) || std::isnan(e) || std::isinf(a) || std::isinf(e)) {
      ok = (std::isnan(a) && std::isnan(e)) || a == e;
      excess = ok ? 0 : INFINITY;
    } else {
      double err = std::fabs(a - e);
      c.maxAbsError = std::max(c.maxAbsError, err);
      if (e != 0)
        c.maxRelError = std::max(c.maxRelError, err / std::fabs(e));
      excess = err - (atol + rtol * std::fabs(e));
      ok = excess <= 0;
    }
    if (!ok) {
      ++c.mismatches;
      c.pass = false;
      if (excess > worstExcess) {
        worstExcess = excess;
        c.worstIndex = i;
      }
    }
  }
  return c;
}

std::string indexString(const std::vector<int64_t> &shape, int64_t flat) {
  std::vector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    index[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  std::string s = "(";
  for (size_t d = 0; d < index.size(); ++d)
    s += (d ? ", " : "") + std::to_string(index[d]);
  return s + ")";
}

} // namespace kiln::runtime
