//===- Allocator.cpp - malloc thresholds for kernels' temporaries ---------===//

#include "kiln/Runtime/Allocator.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kiln::runtime {

void tuneAllocator() {
#if defined(__GLIBC__)
  static std::once_flag once;
  std::call_once(once, [] {
    const char *optOut = std::getenv("KILN_MALLOC_TUNING");
    if ((optOut && std::strcmp(optOut, "0") == 0) || std::getenv("MALLOC_MMAP_THRESHOLD_") ||
        std::getenv("MALLOC_TRIM_THRESHOLD_") || std::getenv("GLIBC_TUNABLES"))
      return;
    constexpr int kBytes = 256 << 20;
    mallopt(M_MMAP_THRESHOLD, kBytes);
    mallopt(M_TRIM_THRESHOLD, kBytes);
  });
#endif
}

} // namespace kiln::runtime
