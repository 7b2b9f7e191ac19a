//===- Allocator.h - how the process allocates kernels' large buffers -----===//
//
// Kernels allocate their temporaries (a padded input, an intermediate too
// large to fuse) with malloc on every call. glibc serves blocks above its
// mmap threshold (at most 32 MiB by its own rule) with fresh mmaps, so
// every call page-faults each temporary in again — on a virtual machine
// that can cost more than the arithmetic (a transposed convolution spent
// most of its time in page faults).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_ALLOCATOR_H
#define KILN_RUNTIME_ALLOCATOR_H

namespace kiln::runtime {

/// Keeps blocks up to 256 MiB on malloc's heap and up to 256 MiB of freed
/// heap mapped (glibc's M_MMAP_THRESHOLD and M_TRIM_THRESHOLD), once per
/// process, so repeated calls reuse their pages. Left alone when the user
/// tunes malloc (MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_ or
/// GLIBC_TUNABLES set) or KILN_MALLOC_TUNING=0. The JIT and Python call it;
/// AOT libraries leave their host's allocator alone.
void tuneAllocator();

} // namespace kiln::runtime

#endif // KILN_RUNTIME_ALLOCATOR_H
