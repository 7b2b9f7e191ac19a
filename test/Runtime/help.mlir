// kiln-run and kiln-compile's --help list their own options, not the
// hundreds of LLVM's linked into them (cl::HideUnrelatedOptions).
//
// RUN: kiln-run --help | FileCheck %s --check-prefix=JIT
// RUN: kiln-compile --help | FileCheck %s --check-prefix=COMPILE
// RUN: kiln-run --help | FileCheck %s --check-prefix=NOISE
// RUN: kiln-compile --help | FileCheck %s --check-prefix=NOISE

// JIT: kiln-run options:
// JIT-EMPTY:
// JIT-NEXT: --atol=<number>
// JIT:      --seed=<ulong>
// COMPILE: kiln-compile options:
// COMPILE-EMPTY:
// COMPILE-NEXT: --header=<string>
// COMPILE:      --target-cpu=<string>
// COMPILE:      --target-features=<string>
// NOISE-NOT: amdgpu
// NOISE-NOT: polly
