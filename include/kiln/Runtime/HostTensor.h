//===- HostTensor.h - a dense, C-ordered host array -----------------------===//
#ifndef KILN_RUNTIME_HOSTTENSOR_H
#define KILN_RUNTIME_HOSTTENSOR_H

#include <cstdint>
#include <string>
#include <vector>

namespace kiln::runtime {

/// The element types kernels exchange with the host.
enum class DType { f32, f64, i32, i64 };

size_t byteSize(DType dtype);
/// numpy's name: "float32", "int64", ...
const char *dtypeName(DType dtype);

/// A dense row-major array owned by the host.
struct HostTensor {
  DType dtype = DType::f32;
  std::vector<int64_t> shape;
  std::vector<uint64_t> storage; // 8-byte aligned bytes

  HostTensor() = default;
  HostTensor(DType dtype, std::vector<int64_t> shape);

  int64_t numElements() const;
  size_t numBytes() const { return size_t(numElements()) * byteSize(dtype); }
  void *data() { return storage.data(); }
  const void *data() const { return storage.data(); }
  /// Element i as a double (any dtype).
  double at(int64_t i) const;
};

/// "[20, 16, 50, 100]"
std::string shapeString(const std::vector<int64_t> &shape);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_HOSTTENSOR_H
