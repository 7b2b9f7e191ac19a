// kiln-outline-kernels: a kernel of an entry run once per model
// (kiln.run_once, a prepare entry) is `cold` for LLVM, unless an entry run
// at every call shares it.
//
// RUN: kiln-opt %s --kiln-outline-kernels | FileCheck %s

// CHECK-LABEL: func.func @model_prepare(
// CHECK: call @model_prepare_kernel0(
// CHECK: call @model_prepare_kernel1(
// CHECK-LABEL: func.func @model(
// CHECK: call @model_prepare_kernel1(
// The scaling by 2 runs once; the one by 3 at every call of the model too.
// CHECK: func.func private @model_prepare_kernel0(
// CHECK-SAME: attributes {passthrough = ["noinline", "cold"]} {
// CHECK: arith.constant 2.0
// CHECK: func.func private @model_prepare_kernel1(
// CHECK-SAME: attributes {passthrough = ["noinline"]} {
// CHECK: arith.constant 3.0
// CHECK-NOT: func.func private
func.func @model_prepare(%w: memref<64xf32>, %p: memref<64xf32>, %q: memref<64xf32>)
    attributes {kiln.run_once} {
  %two = arith.constant 2.0 : f32
  %three = arith.constant 3.0 : f32
  scf.forall (%i) in (64) {
    %a = memref.load %w[%i] : memref<64xf32>
    %b = arith.mulf %a, %two : f32
    memref.store %b, %p[%i] : memref<64xf32>
  }
  scf.forall (%i) in (64) {
    %a = memref.load %w[%i] : memref<64xf32>
    %b = arith.mulf %a, %three : f32
    memref.store %b, %q[%i] : memref<64xf32>
  }
  return
}

func.func @model(%x: memref<64xf32>, %y: memref<64xf32>) {
  %three = arith.constant 3.0 : f32
  scf.forall (%i) in (64) {
    %a = memref.load %x[%i] : memref<64xf32>
    %b = arith.mulf %a, %three : f32
    memref.store %b, %y[%i] : memref<64xf32>
  }
  return
}
