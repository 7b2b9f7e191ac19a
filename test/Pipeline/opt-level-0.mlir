// The reference pipeline: kiln in, LLVM dialect out (no linalg, tensor,
// memref or kiln left); results are caller-owned out-params; each function
// has a C interface; LLVM IR comes out through mlir-translate.
//
// RUN: kiln-opt %s --kiln-pipeline="opt-level=0" | FileCheck %s
// RUN: kiln-opt %s --kiln-pipeline="opt-level=0" | FileCheck %s --check-prefix=LEFT
// RUN: kiln-opt %s --kiln-pipeline="opt-level=0" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: not kiln-opt %s --kiln-pipeline="opt-level=2" 2>&1 | FileCheck %s --check-prefix=LEVEL

// Nothing is left above the LLVM dialect, anywhere in the module.
// LEFT-NOT: {{^ *(%.* = )?"?}}kiln.
// LEFT-NOT: linalg.
// LEFT-NOT: tensor.
// LEFT-NOT: memref.
// LEFT: llvm.func @_mlir_ciface_softmax_gelu(
// LEFT-NOT: {{^ *(%.* = )?"?}}kiln.
// LEFT-NOT: linalg.
// LEFT-NOT: tensor.
// LEFT-NOT: memref.

// erf has no LLVM intrinsic: it calls libm.
// CHECK: llvm.func @erff(f32) -> f32
// CHECK: llvm.func @softmax_gelu(
// CHECK: llvm.func @_mlir_ciface_softmax_gelu(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)

// LLVMIR-DAG: define void @_mlir_ciface_softmax_gelu(ptr %0, ptr %1)
// LLVMIR-DAG: declare float @erff(float)

// LEVEL: opt-level=2 does not exist; use 0 (reference) or 3 (optimized)

func.func @softmax_gelu(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = kiln.softmax %x dim 1 : tensor<4x8xf32>
  %1 = kiln.gelu %0 : tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
