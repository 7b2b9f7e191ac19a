// The optimized pipeline (the default): kiln in, LLVM dialect out, with the
// outer tiles as an OpenMP parallel loop, vector FMAs, vector reductions and
// no libm call for the polynomial math; the stages are named.
//
// RUN: kiln-opt %s --kiln-pipeline | FileCheck %s
// RUN: kiln-opt %s --kiln-pipeline | FileCheck %s --check-prefix=LEFT
// RUN: kiln-opt %s --kiln-pipeline="opt-level=3" | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=LLVMIR
// RUN: kiln-opt %s --kiln-pipeline="target-cpu=skylake-avx512" | FileCheck %s --check-prefix=AVX512
// RUN: kiln-opt %s --kiln-pipeline="target-cpu=haswell" | FileCheck %s --check-prefix=NOAVX512
// RUN: kiln-opt %s --kiln-pipeline="target-cpu=haswell stop-after=linalg" | FileCheck %s --check-prefix=TARGET
// RUN: not kiln-opt %s --kiln-pipeline="target-cpu=pentium-9000" 2>&1 | FileCheck %s --check-prefix=BADCPU
// RUN: kiln-opt %s --pass-pipeline="builtin.module(kiln-to-linalg,canonicalize,cse,linalg-fuse-elementwise-ops,kiln-set-target{cpu=haswell threads=2 l2-kib=512},func.func(kiln-strategy),func.func(kiln-tile-and-fuse),func.func(kiln-interleave-rows),func.func(kiln-pad-in-tile),canonicalize,cse)" | FileCheck %s --check-prefix=FUSED

// Nothing is left above the LLVM dialect, anywhere in the module; n-D
// vector transfers unroll into 1-D ones, not a stack buffer per step.
// LEFT-NOT: {{^ *(%.* = )?"?}}kiln.
// LEFT-NOT: linalg.
// LEFT-NOT: tensor.
// LEFT-NOT: memref.
// LEFT-NOT: {{[ "]}}vector.
// LEFT-NOT: llvm.func @erff
// LEFT-NOT: llvm.alloca
// LEFT-NOT: llvm.intr.stacksave
// LEFT: llvm.func @_mlir_ciface_softmax_gelu(
// LEFT-NOT: {{^ *(%.* = )?"?}}kiln.
// LEFT-NOT: linalg.
// LEFT-NOT: memref.
// LEFT-NOT: llvm.alloca
// Each loop nest is a kernel function the entry calls, named after it
// (kiln-outline-kernels); the convolution's is the last of conv_relu's.
// CHECK-LABEL: llvm.func @conv_relu(
// CHECK: llvm.call @conv_relu_kernel0(
// CHECK: llvm.func @_mlir_ciface_conv_relu(
// CHECK-LABEL: llvm.func @softmax_gelu(
// CHECK: llvm.call @softmax_gelu_kernel0(
// CHECK: llvm.func @_mlir_ciface_softmax_gelu(
// CHECK: llvm.func @conv_relu_kernel0(
// CHECK: llvm.func @conv_relu_kernel3(
// CHECK: omp.parallel
// CHECK: omp.wsloop
// CHECK: llvm.intr.fmuladd({{.*}}) : (vector<{{[0-9]+}}xf32>, vector<{{[0-9]+}}xf32>, vector<{{[0-9]+}}xf32>)
// relu's max propagates NaN without ordering signed zeros (kiln-relax-min-max).
// CHECK: llvm.intr.maximum({{.*}}) {fastmathFlags = #llvm.fastmath<nsz>}
// A convolution's loops read from cache: no prefetch.
// CHECK-NOT: llvm.intr.prefetch
// CHECK: llvm.func @softmax_gelu_kernel0(
// CHECK: omp.parallel
// A row's first pass prefetches the next row, and the next output row for
// writing (kiln-prefetch-next-row).
// CHECK: "llvm.intr.prefetch"({{.*}}rw = 0
// CHECK: "llvm.intr.prefetch"({{.*}}rw = 1
// CHECK: llvm.intr.vector.reduce.fmax
// CHECK: llvm.intr.vector.reduce.fadd

// The target is described once, first, on the module (kiln-set-target): a
// named CPU's vectors are LLVM's knowledge of it, not the host's.
// TARGET: module attributes {kiln.target = {cpu = "haswell", features = "", l1_bytes = {{[0-9]+}} : i64, l2_bytes = {{[0-9]+}} : i64, threads = {{[0-9]+}} : i64, vector_bits = 256 : i64, vector_registers = 16 : i64}}
// BADCPU: kiln-set-target: unknown CPU 'pentium-9000'

// Softmax's exp scales by 2^k with vscalefps where the target has AVX-512F
// (kiln-approximate-math reads the target), with integer exponent bits
// elsewhere.
// AVX512: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"
// NOAVX512-NOT: x86
// NOAVX512: llvm.shl
// NOAVX512-NOT: x86

// LLVMIR-DAG: define void @_mlir_ciface_conv_relu(
// LLVMIR-DAG: call void {{.*}}@__kmpc_fork_call(
// LLVMIR-DAG: call nsz <{{[0-9]+}} x float> @llvm.maximum.
// Softmax's row reductions, a vector per step, stay loops: LLVM must not
// unroll them (see kiln-vectorize).
// LLVMIR-DAG: br label %{{.*}}, !llvm.loop ![[LOOP:[0-9]+]]
// LLVMIR-DAG: ![[LOOP]] = distinct !{![[LOOP]], ![[NOUNROLL:[0-9]+]]}
// LLVMIR-DAG: ![[NOUNROLL]] = !{!"llvm.loop.unroll.disable"}

// One forall computes each function: conv + bias + relu, and softmax's
// statistics + gelu of the result (within a tile, row by row).
// FUSED-LABEL: func.func @conv_relu
// FUSED: scf.forall
// FUSED:   linalg.conv_2d_nchw_fchw
// FUSED:   linalg.generic
// FUSED:   scf.forall.in_parallel
// FUSED-NOT: linalg.
// FUSED: return
// FUSED-LABEL: func.func @softmax_gelu
// FUSED: scf.forall
// FUSED:   scf.for
// FUSED-COUNT-4: linalg.generic {{.*}}tensor<1x768xf32>
// FUSED:   scf.forall.in_parallel
// FUSED-NOT: linalg.
// FUSED: return

func.func @conv_relu(%x: tensor<1x16x32x32xf32>, %w: tensor<16x16x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x32x32xf32> {
  %c = kiln.conv2d %x, %w, %b padding [1, 1] : (tensor<1x16x32x32xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>) -> tensor<1x16x32x32xf32>
  %r = kiln.relu %c : tensor<1x16x32x32xf32>
  return %r : tensor<1x16x32x32xf32>
}

func.func @softmax_gelu(%x: tensor<256x768xf32>) -> tensor<256x768xf32> {
  %0 = kiln.softmax %x dim 1 : tensor<256x768xf32>
  %1 = kiln.gelu %0 : tensor<256x768xf32>
  return %1 : tensor<256x768xf32>
}
