//===- fuzz_npy.cpp - libFuzzer target: the .npy reader -------------------===//
//
// Any bytes must give a HostTensor or an error, never a crash, a hang or an
// out-of-bounds read (built with -fsanitize=fuzzer,address,undefined).
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Npy.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto t = kiln::runtime::parseNpy(
      llvm::StringRef(reinterpret_cast<const char *>(data), size), "fuzz.npy");
  if (!t) {
    llvm::consumeError(t.takeError());
    return 0;
  }
  // Touch every element: the data must really be there.
  double sum = 0;
  for (int64_t i = 0, n = t->numElements(); i < n; ++i)
    sum += t->at(i);
  return sum == 12345.678 ? 0 : 0;
}
