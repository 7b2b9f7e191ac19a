// kiln-outline-kernels: each loop nest at an entry's top level becomes a
// call of a private kernel named after the entry, taking the buffers and
// values it uses (constants cloned in); equivalent kernels are one function.
//
// RUN: kiln-opt %s --kiln-outline-kernels | FileCheck %s
// RUN: kiln-opt %s --kiln-outline-kernels | kiln-opt --kiln-outline-kernels | FileCheck %s --check-prefix=AGAIN

// Two identical scalings (of %x into %t, of %t into %y) are one kernel; the
// copy of a different shape is another; the allocation, its view and its
// deallocation stay in the entry.
// CHECK-LABEL: func.func @model(
// CHECK-SAME: %[[X:.*]]: memref<64xf32>, %[[Y:.*]]: memref<64xf32>, %[[Z:.*]]: memref<32xf32>)
// CHECK: %[[T:.*]] = memref.alloc() : memref<64xf32>
// CHECK: call @model_kernel0(%[[X]], %[[T]]) : (memref<64xf32>, memref<64xf32>) -> ()
// CHECK: call @model_kernel0(%[[T]], %[[Y]]) : (memref<64xf32>, memref<64xf32>) -> ()
// CHECK: %[[V:.*]] = memref.subview %[[T]][0] [32] [1]
// CHECK: call @model_kernel2(%[[V]], %[[Z]])
// CHECK: memref.dealloc %[[T]]
// CHECK: return
// A loop with a result returns it; a different constant is a different
// kernel.
// CHECK-LABEL: func.func @sum(
// CHECK: %[[S:.*]] = call @sum_kernel0(%{{.*}}) : (memref<64xf32>) -> f32
// CHECK: call @sum_kernel1(
// CHECK: return %[[S]]
// The kernels, private and never inlined (each compiled once), with the
// constants inside.
// CHECK: func.func private @model_kernel0(%[[A:[^:]*]]: memref<64xf32>, %[[B:[^:]*]]: memref<64xf32>)
// CHECK-SAME: attributes {passthrough = ["noinline"]} {
// CHECK:   %[[TWO:.*]] = arith.constant 2.0
// CHECK:   scf.forall
// CHECK:     memref.load %[[A]]
// CHECK:     arith.mulf %{{.*}}, %[[TWO]]
// CHECK:     memref.store %{{.*}}, %[[B]]
// CHECK:   return
// CHECK-NOT: func.func private @model_kernel1
// CHECK: func.func private @model_kernel2(
// CHECK:   linalg.copy
// CHECK: func.func private @sum_kernel0(%{{.*}}: memref<64xf32>) -> f32 attributes
// CHECK:   %[[R:.*]] = scf.for
// CHECK:   return %[[R]] : f32
// CHECK: func.func private @sum_kernel1(
// CHECK:   arith.constant 3.0
// A second run outlines nothing more: the entry's calls are not kernels.
// AGAIN-COUNT-4: func.func private
// AGAIN-NOT: func.func private
func.func @model(%x: memref<64xf32>, %y: memref<64xf32>, %z: memref<32xf32>) {
  %two = arith.constant 2.0 : f32
  %t = memref.alloc() : memref<64xf32>
  scf.forall (%i) in (64) {
    %a = memref.load %x[%i] : memref<64xf32>
    %b = arith.mulf %a, %two : f32
    memref.store %b, %t[%i] : memref<64xf32>
  }
  scf.forall (%i) in (64) {
    %a = memref.load %t[%i] : memref<64xf32>
    %b = arith.mulf %a, %two : f32
    memref.store %b, %y[%i] : memref<64xf32>
  }
  %v = memref.subview %t[0] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1]>>
  linalg.copy ins(%v : memref<32xf32, strided<[1]>>) outs(%z : memref<32xf32>)
  memref.dealloc %t : memref<64xf32>
  return
}

func.func @sum(%x: memref<64xf32>, %y: memref<64xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %three = arith.constant 3.0 : f32
  %s = scf.for %i = %c0 to %c64 step %c1 iter_args(%acc = %zero) -> f32 {
    %a = memref.load %x[%i] : memref<64xf32>
    %b = arith.addf %acc, %a : f32
    scf.yield %b : f32
  }
  scf.forall (%i) in (64) {
    %a = memref.load %x[%i] : memref<64xf32>
    %b = arith.mulf %a, %three : f32
    memref.store %b, %y[%i] : memref<64xf32>
  }
  return %s : f32
}
