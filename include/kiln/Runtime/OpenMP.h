//===- OpenMP.h - the OpenMP runtime that optimized kernels call ----------===//
//
// Optimized kernels run their outer tiles as OpenMP parallel loops, calling
// Debian's LLVM libomp. KILN_NUM_THREADS, when set, becomes the thread count
// (through OMP_NUM_THREADS, which libomp reads when it starts); the default
// is every core.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_OPENMP_H
#define KILN_RUNTIME_OPENMP_H

#include "llvm/Support/Error.h"
#include <string>

namespace kiln::runtime {

/// The path of libomp.so found at configure time.
std::string openMPLibrary();

/// Loads libomp into the process (once) so JIT-compiled kernels can call
/// it, after setting the environment it reads when it starts:
/// KILN_NUM_THREADS as OMP_NUM_THREADS and, unless the user binds threads
/// (KMP_AFFINITY, OMP_PROC_BIND, OMP_PLACES), KMP_AFFINITY=disabled: Kiln
/// does not pin threads, and libomp's topology discovery would cost every
/// process's first kernel milliseconds.
llvm::Error loadOpenMP();

/// loadOpenMP(), then has libomp start (read its settings and the machine)
/// now rather than in the first kernel a process runs.
llvm::Error startOpenMP();

} // namespace kiln::runtime

#endif // KILN_RUNTIME_OPENMP_H
