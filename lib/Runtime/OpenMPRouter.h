//===- OpenMPRouter.h - kernels' parallel loops on the process's pool -----===//
//
// The functions optimized kernels call for their OpenMP parallel loops, in
// place of libomp's __kmpc_* entry points (routeOpenMPCalls renames the
// calls). Compiled into the JIT's runtime and, hidden, into every AOT
// library; plain C and libc only, as AOT libraries are linked by `cc`.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_RUNTIME_OPENMPROUTER_H
#define KILN_LIB_RUNTIME_OPENMPROUTER_H

#include <cstdint>

extern "C" {
/// A parallel region's body as LLVM's OpenMPIRBuilder outlines it: the
/// thread's id, a bound id, then the region's captured values as one
/// aggregate (a body without captures ignores it).
typedef void (*kiln_omp_microtask)(int32_t *, int32_t *, void *);

/// __kmpc_fork_call: runs `task` on every thread of the pool; `argc` is 0
/// or 1 (OpenMPIRBuilder passes its captures as one aggregate).
void kiln_omp_fork_call(void *loc, int32_t argc, kiln_omp_microtask task, ...);
/// __kmpc_global_thread_num: the thread's number in the current region.
int32_t kiln_omp_global_thread_num(void *loc);
/// __kmpc_for_static_init_8u for schedule(static) (34) without a chunk:
/// narrows [*lower, *upper] (inclusive, step `incr`) to the calling thread's
/// share, as equal as the trip count allows.
void kiln_omp_for_static_init_8u(void *loc, int32_t gtid, int32_t schedule, int32_t *last,
                                 uint64_t *lower, uint64_t *upper, int64_t *stride,
                                 int64_t incr, int64_t chunk);
/// __kmpc_for_static_fini: nothing to do.
void kiln_omp_for_static_fini(void *loc, int32_t gtid);
/// __kmpc_barrier: every thread of the region waits for the others.
void kiln_omp_barrier(void *loc, int32_t gtid);

/// Picks the pool now and starts it (reads its settings and the machine),
/// so that the first kernel does not pay for it. Returns the pool's name:
/// "libgomp", "libomp" or "serial" (neither runtime could be found).
const char *kiln_omp_start(void);
}

#endif // KILN_LIB_RUNTIME_OPENMPROUTER_H
