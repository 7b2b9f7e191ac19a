//===- OpenMP.h - the OpenMP runtime that optimized kernels call ----------===//
//
// Optimized kernels run their outer tiles as OpenMP parallel loops on one
// thread pool per process: GNU libgomp's when the process has loaded it
// (PyTorch's), otherwise Debian's LLVM libomp, which Kiln loads. Their calls
// go through Kiln's router (lib/Runtime/OpenMPRouter.cpp), which picks the
// pool. KILN_NUM_THREADS, when set, is the thread count (libomp gets it as
// OMP_NUM_THREADS, which it reads when it starts); the default is every core.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_OPENMP_H
#define KILN_RUNTIME_OPENMP_H

#include "llvm/Support/Error.h"
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class Module;
}

namespace kiln::runtime {

/// The path of libomp.so found at configure time.
std::string openMPLibrary();

/// Loads libomp into the process (once, privately: RTLD_LOCAL) for the
/// router to run JIT-compiled kernels on, after setting the environment it
/// reads when it starts:
/// KILN_NUM_THREADS as OMP_NUM_THREADS and, unless the user binds threads
/// (KMP_AFFINITY, OMP_PROC_BIND, OMP_PLACES), KMP_AFFINITY=disabled: Kiln
/// does not pin threads, and libomp's topology discovery would cost every
/// process's first kernel milliseconds.
llvm::Error loadOpenMP();

/// loadOpenMP(), then has the pool kernels will run on start (read its
/// settings and the machine) now rather than in the first kernel a process
/// runs.
llvm::Error startOpenMP();

/// Points the OpenMP runtime calls of an optimized kernel (LLVM's
/// OpenMPIRBuilder calls libomp's __kmpc_* entry points) at Kiln's router,
/// which runs them on the process's one pool. Fails, naming the call, on any
/// the router does not provide, or a form of one it does not take (more
/// than one capture, a schedule other than static, a step other than 1).
llvm::Error routeOpenMPCalls(llvm::Module &module);

/// The router's functions by name, for the JIT to resolve routed calls.
std::vector<std::pair<const char *, void *>> openMPRouterSymbols();

/// The pool the JIT's kernels run on now: "libgomp", "libomp", or "serial"
/// when the process has neither.
std::string openMPPool();

} // namespace kiln::runtime

#endif // KILN_RUNTIME_OPENMP_H
