// kiln-set-target: the module's kiln.target, from a CPU LLVM names (its
// vectors from LLVM, not from the host), with features on top, threads and
// L2 overridden; the host's by default. Passes read nothing else.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell threads=2 l2-kib=512})' | FileCheck %s --check-prefix=HASWELL
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512 threads=4 l2-kib=1024})' | FileCheck %s --check-prefix=SKX
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512 features=-avx512f})' | FileCheck %s --check-prefix=NARROWED
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target)' | FileCheck %s --check-prefix=HOST
// (A named CPU's caches are the defaults, 32 KiB and 512 KiB, unless it is
// the host's: then sysfs's.)
// RUN: not kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=pentium-9000})' 2>&1 | FileCheck %s --check-prefix=BAD

// HASWELL: module attributes {kiln.target = {cpu = "haswell", features = "", l1_bytes = {{[0-9]+}} : i64, l2_bytes = 524288 : i64, threads = 2 : i64, vector_bits = 256 : i64, vector_registers = 16 : i64}}
// SKX: module attributes {kiln.target = {cpu = "skylake-avx512", features = "", l1_bytes = {{[0-9]+}} : i64, l2_bytes = 1048576 : i64, threads = 4 : i64, vector_bits = 512 : i64, vector_registers = 32 : i64}}
// NARROWED: kiln.target = {cpu = "skylake-avx512", features = "-avx512f", {{.*}}vector_bits = 256 : i64, vector_registers = 16 : i64}
// HOST: kiln.target = {cpu = "{{[a-z0-9-]+}}", features = "{{.*}}", l1_bytes = {{[0-9]+}} : i64, l2_bytes = {{[0-9]+}} : i64, threads = {{[0-9]+}} : i64, vector_bits = {{128|256|512}} : i64
// BAD: error: kiln-set-target: unknown CPU 'pentium-9000'
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
