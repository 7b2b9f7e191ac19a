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
// Copies into a concatenation's slices at different offsets are one kernel
// that takes views of any offset (and any stride along their unit dims); a
// view that a loop reads by loads keeps its type.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME: %[[CA:[^:]*]]: memref<1x4x8xf32>, %[[CB:[^:]*]]: memref<1x4x8xf32>, %[[CC:[^:]*]]: memref<1x8x8xf32>)
// CHECK: %[[LO:.*]] = memref.subview %[[CC]][0, 0, 0] [1, 4, 8] [1, 1, 1]
// CHECK: %[[LOA:.*]] = memref.cast %[[LO]] : memref<1x4x8xf32, strided<[64, 8, 1]>> to memref<1x4x8xf32, strided<[?, 8, 1], offset: ?>>
// CHECK: call @concat_kernel0(%[[CA]], %[[LOA]])
// CHECK: %[[HI:.*]] = memref.subview %[[CC]][0, 4, 0] [1, 4, 8] [1, 1, 1]
// CHECK: %[[HIA:.*]] = memref.cast %[[HI]] : memref<1x4x8xf32, strided<[64, 8, 1], offset: 32>> to memref<1x4x8xf32, strided<[?, 8, 1], offset: ?>>
// CHECK: call @concat_kernel0(%[[CB]], %[[HIA]])
// CHECK: call @concat_kernel2(%[[HI]]) : (memref<1x4x8xf32, strided<[64, 8, 1], offset: 32>>) -> f32
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
// CHECK: func.func private @concat_kernel0(%{{.*}}: memref<1x4x8xf32>, %{{.*}}: memref<1x4x8xf32, strided<[?, 8, 1], offset: ?>>)
// CHECK:   linalg.copy
// CHECK-NOT: func.func private @concat_kernel1
// CHECK: func.func private @concat_kernel2(%{{.*}}: memref<1x4x8xf32, strided<[64, 8, 1], offset: 32>>) -> f32
// A second run outlines nothing more: the entry's calls are not kernels.
// AGAIN-COUNT-6: func.func private
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

func.func @concat(%a: memref<1x4x8xf32>, %b: memref<1x4x8xf32>, %c: memref<1x8x8xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %lo = memref.subview %c[0, 0, 0] [1, 4, 8] [1, 1, 1]
      : memref<1x8x8xf32> to memref<1x4x8xf32, strided<[64, 8, 1]>>
  linalg.copy ins(%a : memref<1x4x8xf32>) outs(%lo : memref<1x4x8xf32, strided<[64, 8, 1]>>)
  %hi = memref.subview %c[0, 4, 0] [1, 4, 8] [1, 1, 1]
      : memref<1x8x8xf32> to memref<1x4x8xf32, strided<[64, 8, 1], offset: 32>>
  linalg.copy ins(%b : memref<1x4x8xf32>) outs(%hi : memref<1x4x8xf32, strided<[64, 8, 1], offset: 32>>)
  %v = scf.execute_region -> f32 {
    %x = memref.load %hi[%c0, %c0, %c0] : memref<1x4x8xf32, strided<[64, 8, 1], offset: 32>>
    scf.yield %x : f32
  }
  return %v : f32
}
