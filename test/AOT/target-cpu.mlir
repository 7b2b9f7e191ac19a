// The lowering follows kiln-compile's target CPU, not the host: softmax's
// exp scales by 2^k with vscalefps for an AVX-512 CPU, and a library for
// x86-64-v2 has no AVX-512 (or AVX) instruction at all, nor one for
// skylake-avx512 with -avx512f. The tiles are the
// target's too (kiln-set-target): a GEMM for haswell keeps its register
// tile in its 16 ymm registers, no accumulator spilled to the stack (tiles
// sized for the host's 32 zmm registers spilled 33 of them).
//
// RUN: kiln-compile %s -o %t.avx512.so --target-cpu=skylake-avx512
// RUN: llvm-objdump -d %t.avx512.so | FileCheck %s --check-prefix=AVX512
// RUN: kiln-compile %s -o %t.v2.so --target-cpu=x86-64-v2
// RUN: llvm-objdump -d %t.v2.so | FileCheck %s --check-prefix=V2
// RUN: kiln-compile %s -o %t.narrowed.so --target-cpu=skylake-avx512 --target-features=-avx512f
// RUN: llvm-objdump -d %t.narrowed.so | FileCheck %s --check-prefix=NARROWED
// RUN: kiln-compile %s -o %t.haswell.so --target-cpu=haswell
// RUN: llvm-objdump -d %t.haswell.so | FileCheck %s --check-prefix=HASWELL

// HASWELL-LABEL: <matmul_kernel{{[0-9]+}}..omp_par>:
// HASWELL-NOT: {{vfmadd[0-9a-z]*ps.*\(%rsp\)|vmovups[[:space:]]+%ymm([2-9]|1[0-5]), -?0x[0-9a-f]+\(%rsp\)|zmm}}
// HASWELL: vfmadd{{[0-9a-z]*}}ps{{.*}}%ymm
// HASWELL-NOT: {{vfmadd[0-9a-z]*ps.*\(%rsp\)|vmovups[[:space:]]+%ymm([2-9]|1[0-5]), -?0x[0-9a-f]+\(%rsp\)|zmm}}
// HASWELL: <kiln_matmul>:

// AVX512: vscalefps
// Features on top of the CPU's: an AVX-512 CPU without AVX-512F.
// NARROWED-NOT: {{zmm|vscalef}}
// NARROWED: <kiln_version>:
// NARROWED-NOT: {{zmm|vscalef}}
// V2-NOT: {{[xyz]mm(1[6-9]|2[0-9]|3[01])|ymm|zmm|vscalef}}
// V2: <kiln_softmax>:
// V2-NOT: {{[xyz]mm(1[6-9]|2[0-9]|3[01])|ymm|zmm|vscalef}}
func.func @softmax(%x: tensor<64x768xf32>) -> tensor<64x768xf32> {
  %0 = kiln.softmax %x dim 1 : tensor<64x768xf32>
  return %0 : tensor<64x768xf32>
}

func.func @matmul(%a: tensor<256x256xf32>, %b: tensor<256x256xf32>) -> tensor<256x256xf32> {
  %0 = kiln.matmul %a, %b : (tensor<256x256xf32>, tensor<256x256xf32>) -> tensor<256x256xf32>
  return %0 : tensor<256x256xf32>
}
