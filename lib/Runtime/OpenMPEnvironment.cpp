//===- OpenMPEnvironment.cpp - Kiln's settings for libomp -----------------===//
//
// The one definition of the environment Kiln gives libomp, which reads it
// once, when it starts: compiled into the JIT's runtime (loadOpenMP calls it
// before loading libomp) and into every AOT library (called when the
// library is loaded, before its first kernel starts libomp).
//
//===----------------------------------------------------------------------===//

#include "OpenMPEnvironment.h"

#include <cstdlib>

extern "C" void kiln_set_openmp_environment() {
  // KILN_NUM_THREADS, when set, is the thread count.
  if (const char *threads = std::getenv("KILN_NUM_THREADS"))
    setenv("OMP_NUM_THREADS", threads, /*overwrite=*/1);
  // Kiln does not pin threads, and libomp's topology discovery would cost
  // every process's first kernel milliseconds; a user's binding stands.
  if (!std::getenv("KMP_AFFINITY") && !std::getenv("OMP_PROC_BIND") &&
      !std::getenv("OMP_PLACES"))
    setenv("KMP_AFFINITY", "disabled", /*overwrite=*/0);
}
