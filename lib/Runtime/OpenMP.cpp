//===- OpenMP.cpp - load libomp for JIT-compiled kernels ------------------===//

#include "kiln/Runtime/OpenMP.h"

#include "OpenMPEnvironment.h"
#include "kiln/Runtime/Error.h"

#include "llvm/Support/DynamicLibrary.h"
#include <mutex>

namespace kiln::runtime {

std::string openMPLibrary() { return KILN_LIBOMP; }

llvm::Error loadOpenMP() {
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    kiln_set_openmp_environment(); // libomp reads it when it starts
    std::string why;
    if (llvm::sys::DynamicLibrary::LoadLibraryPermanently(KILN_LIBOMP, &why))
      failure = "cannot load the OpenMP runtime " + openMPLibrary() + ": " + why;
  });
  if (!failure.empty())
    return error(failure);
  return llvm::Error::success();
}

llvm::Error startOpenMP() {
  if (llvm::Error e = loadOpenMP())
    return e;
  if (void *start = llvm::sys::DynamicLibrary::SearchForAddressOfSymbol("omp_get_max_threads"))
    reinterpret_cast<int (*)()>(start)();
  return llvm::Error::success();
}

} // namespace kiln::runtime
