//===- OpenMPRouter.cpp - kernels' parallel loops on the process's pool ---===//
//
// Optimized kernels run their outer tiles as OpenMP parallel loops: upstream
// convert-scf-to-openmp, then LLVM's OpenMPIRBuilder, which calls libomp's
// __kmpc_* entry points. In a process that also runs PyTorch, whose
// operators run on GNU libgomp, that makes two thread pools, and each spins
// on the cores for a while after its own parallel region (libgomp's
// GOMP_SPINCOUNT, libomp's KMP_BLOCKTIME): the other's next region finds its
// cores taken, and a torch op then a Kiln op run up to several times slower
// than each alone. Kiln's kernels therefore call the functions here instead
// (routeOpenMPCalls renames the calls), which run every region on one pool:
// GNU libgomp's when the process has loaded it, libomp's otherwise. Both
// runtimes export GNU's ABI (GOMP_parallel, GOMP_barrier, omp_get_thread_num,
// omp_get_num_threads), so one path serves both; a process that loads
// libgomp after Kiln's first kernel moves to it at the next region.
//
//===----------------------------------------------------------------------===//

#include "OpenMPRouter.h"

#include <atomic>
#include <cstdarg>
#include <cstddef>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <sched.h>
#include <sys/sysinfo.h>

namespace {

/// One OpenMP runtime, through GNU's ABI.
struct Pool {
  const char *name;
  void (*parallel)(void (*)(void *), void *, unsigned threads, unsigned flags);
  int (*threadNum)();
  int (*numThreads)();
  void (*barrier)();
  int (*maxThreads)();
  /// The team size asked of the runtime (0: the runtime's own default).
  unsigned threads;
};

void runInline(void (*fn)(void *), void *data, unsigned, unsigned) { fn(data); }
int zero() { return 0; }
int one() { return 1; }
void nothing() {}

/// Neither runtime in the process: each region runs on its caller alone.
const Pool kSerial = {"serial", runInline, zero, one, nothing, one, 1};

Pool gnu, llvm; // written once under probeLock, before being published
pthread_mutex_t probeLock = PTHREAD_MUTEX_INITIALIZER;
std::atomic<const Pool *> chosen{nullptr};
/// The number of libraries the process had loaded when it was last probed.
std::atomic<unsigned long long> probedAt{~0ull};
/// The pool of the region the thread is running, if any.
thread_local const Pool *regionPool = nullptr;

template <typename F> bool lookup(void *library, const char *name, F &fn) {
  fn = reinterpret_cast<F>(dlsym(library, name));
  return fn != nullptr;
}

/// The runtime `library` (a dlopen handle, kept if it serves) as a pool
/// called `name`.
bool resolve(void *library, const char *name, Pool &pool) {
  if (!library)
    return false;
  pool.name = name;
  if (lookup(library, "GOMP_parallel", pool.parallel) &&
      lookup(library, "omp_get_thread_num", pool.threadNum) &&
      lookup(library, "omp_get_num_threads", pool.numThreads) &&
      lookup(library, "GOMP_barrier", pool.barrier) &&
      lookup(library, "omp_get_max_threads", pool.maxThreads))
    return true;
  dlclose(library);
  return false;
}

/// The paths of the libraries the process has loaded as libgomp*.so*
/// (Debian's libgomp.so.1, or a copy a wheel vendors as libgomp-<hash>.so.1).
struct GnuCandidates {
  char paths[4][PATH_MAX];
  int count = 0;
};

int findGnu(dl_phdr_info *info, size_t, void *found) {
  auto *candidates = static_cast<GnuCandidates *>(found);
  const char *slash = std::strrchr(info->dlpi_name, '/');
  const char *base = slash ? slash + 1 : info->dlpi_name;
  if (std::strncmp(base, "libgomp", 7) == 0 && std::strstr(base, ".so") &&
      candidates->count < 4 &&
      std::strlen(info->dlpi_name) < PATH_MAX)
    std::strcpy(candidates->paths[candidates->count++], info->dlpi_name);
  return 0;
}

/// GNU libgomp, if the process has loaded it. Only a runtime already in
/// the process (loading one is not ours to do), found by its path: a
/// dlopen by name would search the file system, and Debian's LLVM library
/// directory has libomp under GNU's name (libgomp.so.1), told apart by
/// libomp's own ABI.
void *loadedGnu() {
  GnuCandidates candidates;
  dl_iterate_phdr(findGnu, &candidates);
  for (int i = 0; i < candidates.count; ++i) {
    void *library = dlopen(candidates.paths[i], RTLD_LAZY | RTLD_NOLOAD);
    if (library && !dlsym(library, "__kmpc_fork_call"))
      return library;
    if (library)
      dlclose(library);
  }
  return nullptr;
}

/// Kiln's thread count on libgomp: KILN_NUM_THREADS (which Kiln hands
/// libomp as OMP_NUM_THREADS), the user's OMP_NUM_THREADS, or every core
/// the process may run on. libgomp is asked for it explicitly: it read its
/// own settings when PyTorch loaded it, and PyTorch may have changed them.
const char *const kThreadSettings[] = {"KILN_NUM_THREADS", "OMP_NUM_THREADS"};

unsigned kilnThreads() {
  for (const char *name : kThreadSettings)
    if (const char *value = std::getenv(name))
      if (int n = std::atoi(value); n > 0)
        return unsigned(n);
  cpu_set_t cores;
  if (sched_getaffinity(0, sizeof(cores), &cores) == 0 && CPU_COUNT(&cores) > 0)
    return unsigned(CPU_COUNT(&cores));
  return unsigned(get_nprocs());
}

/// KILN_THREAD_POOL=own keeps Kiln on libomp even beside libgomp: a
/// process whose other parallel work runs on pools that yield while they
/// wait (OpenBLAS's) fares better with Kiln's libomp than beside libgomp's
/// workers, which spin without yielding.
bool shareGnuPool() {
  const char *setting = std::getenv("KILN_THREAD_POOL");
  return !setting || std::strcmp(setting, "own") != 0;
}

int countLoads(dl_phdr_info *info, size_t size, void *loads) {
  if (size >= offsetof(dl_phdr_info, dlpi_adds) + sizeof(info->dlpi_adds))
    *static_cast<unsigned long long *>(loads) = info->dlpi_adds;
  return 1; // the count is the same in every entry: stop at the first
}

/// How many libraries the process has loaded so far: a few tens of
/// nanoseconds, where probing for a library that is not there searches the
/// file system (tens of microseconds).
unsigned long long librariesLoaded() {
  unsigned long long loads = 0;
  dl_iterate_phdr(countLoads, &loads);
  return loads;
}

/// The pool for the next region: libgomp's once the process has it (for
/// good: a pool in use is not dropped), else libomp's, probed again only
/// after the process has loaded another library.
const Pool *pool() {
  const Pool *current = chosen.load(std::memory_order_acquire);
  if (current == &gnu)
    return current;
  unsigned long long loads = librariesLoaded();
  if (current && loads == probedAt.load(std::memory_order_relaxed))
    return current;
  pthread_mutex_lock(&probeLock);
  current = chosen.load(std::memory_order_relaxed);
  if (current != &gnu && loads != probedAt.load(std::memory_order_relaxed)) {
    if (shareGnuPool() && resolve(loadedGnu(), "libgomp", gnu)) {
      gnu.threads = kilnThreads();
      current = &gnu;
    } else if (!current || current == &kSerial) {
      // libomp was started with Kiln's settings (OMP_NUM_THREADS): its
      // default team is Kiln's.
      void *libomp = dlopen("libomp.so.5", RTLD_LAZY | RTLD_NOLOAD);
      current = resolve(libomp, "libomp", llvm) ? &llvm : &kSerial;
    }
    chosen.store(current, std::memory_order_release);
    probedAt.store(loads, std::memory_order_relaxed);
  }
  pthread_mutex_unlock(&probeLock);
  return current;
}

struct Region {
  kiln_omp_microtask task;
  void *captures;
  const Pool *pool;
};

void runRegion(void *data) {
  auto *region = static_cast<Region *>(data);
  const Pool *outer = regionPool;
  regionPool = region->pool;
  int32_t id = region->pool->threadNum(), bound = id;
  region->task(&id, &bound, region->captures);
  regionPool = outer;
}

/// The pool of the calling thread's region; outside one, the thread alone.
const Pool &inRegion() { return regionPool ? *regionPool : kSerial; }

} // namespace

extern "C" {

void kiln_omp_fork_call(void *, int32_t argc, kiln_omp_microtask task, ...) {
  Region region{task, nullptr, pool()};
  if (argc > 0) {
    va_list args;
    va_start(args, task);
    region.captures = va_arg(args, void *);
    va_end(args);
  }
  region.pool->parallel(runRegion, &region, region.pool->threads, 0);
}

int32_t kiln_omp_global_thread_num(void *) { return inRegion().threadNum(); }

void kiln_omp_for_static_init_8u(void *, int32_t, int32_t, int32_t *last, uint64_t *lower,
                                 uint64_t *upper, int64_t *stride, int64_t incr, int64_t) {
  if (last)
    *last = 0;
  *stride = incr;
  if (*upper < *lower)
    return; // no iterations: every thread's range stays empty
  const Pool &team = inRegion();
  uint64_t threads = uint64_t(team.numThreads()), thread = uint64_t(team.threadNum());
  uint64_t step = uint64_t(incr > 0 ? incr : 1);
  // 0 when the range holds all 2^64 values: OpenMPIRBuilder's upper bound
  // of a loop of no iterations (0 - 1).
  uint64_t trips = (*upper - *lower) / step + 1;
  uint64_t share = trips / threads, extra = trips % threads;
  uint64_t count = share + (thread < extra ? 1 : 0);
  if (count == 0) {
    *lower = *upper + step; // empty: upper - lower + 1 == 0
    return;
  }
  *lower += step * (thread * share + (thread < extra ? thread : extra));
  *upper = *lower + step * (count - 1);
  *stride = int64_t(step * trips);
  if (last)
    *last = thread == (trips < threads ? trips : threads) - 1;
}

void kiln_omp_for_static_fini(void *, int32_t) {}

void kiln_omp_barrier(void *, int32_t) { inRegion().barrier(); }

const char *kiln_omp_start(void) {
  const Pool *current = pool();
  current->maxThreads();
  return current->name;
}

} // extern "C"
