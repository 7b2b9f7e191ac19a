// kiln-prefetch-next-tile: a register tile loop prefetches, for writing,
// the next step's accumulators before its reduction loop runs.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-prefetch-next-tile,canonicalize))' | FileCheck %s

// Steps of 4 rows down a 16 x 32 block of C; each reads its 4 x 32
// accumulators, carries them through the reduction over k and writes them
// back. The next step's rows (the last step's own: min(m + 4, 12)) are
// prefetched, two 64-byte lines per row of 32 floats, right after the read.
// CHECK-LABEL: func.func @gemm_steps
// CHECK:       scf.for %[[M:.*]] = %c0 to %c16 step %c4
// CHECK:         %[[ACC:.*]] = vector.transfer_read
// CHECK-NEXT:    %[[AFTER:.*]] = arith.addi %[[M]], %c4
// CHECK-NEXT:    %[[NEXT:.*]] = arith.minui %[[AFTER]], %c12
// CHECK-NEXT:    %[[VIEW:.*]] = memref.subview %{{.*}}[%[[NEXT]], 0] [4, 32] [1, 1]
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c0, %c0], write, locality<3>, data
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c0, %c16], write, locality<3>, data
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c1, %c0], write, locality<3>, data
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c1, %c16], write, locality<3>, data
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c2, %c0], write, locality<3>, data
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c2, %c16], write, locality<3>, data
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c3, %c0], write, locality<3>, data
// CHECK-NEXT:    memref.prefetch %[[VIEW]][%c3, %c16], write, locality<3>, data
// CHECK-NEXT:    scf.for {{.*}} iter_args(%{{.*}} = %[[ACC]])
// CHECK-NOT:     memref.prefetch
// CHECK:       return
func.func @gemm_steps(%b: memref<8x32xf32>, %c: memref<16x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %m = %c0 to %c16 step %c4 {
    %view = memref.subview %c[%m, 0] [4, 32] [1, 1] : memref<16x32xf32> to memref<4x32xf32, strided<[32, 1], offset: ?>>
    %acc = vector.transfer_read %view[%c0, %c0], %pad {in_bounds = [true, true]} : memref<4x32xf32, strided<[32, 1], offset: ?>>, vector<4x32xf32>
    %sum = scf.for %k = %c0 to %c8 step %c1 iter_args(%v = %acc) -> (vector<4x32xf32>) {
      %row = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true]} : memref<8x32xf32>, vector<32xf32>
      %rows = vector.broadcast %row : vector<32xf32> to vector<4x32xf32>
      %next = arith.addf %v, %rows : vector<4x32xf32>
      scf.yield %next : vector<4x32xf32>
    }
    vector.transfer_write %sum, %view[%c0, %c0] {in_bounds = [true, true]} : vector<4x32xf32>, memref<4x32xf32, strided<[32, 1], offset: ?>>
  }
  return
}

// A pointwise step (its read feeds no loop) and a read of a block other
// than the step's (4 rows picked at each step of 8) get no prefetch.
// CHECK-LABEL: func.func @not_accumulators
// CHECK-NOT:   memref.prefetch
// CHECK:       return
func.func @not_accumulators(%b: memref<8x32xf32>, %c: memref<16x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  scf.for %m = %c0 to %c16 step %c4 {
    %view = memref.subview %c[%m, 0] [4, 32] [1, 1] : memref<16x32xf32> to memref<4x32xf32, strided<[32, 1], offset: ?>>
    %v = vector.transfer_read %view[%c0, %c0], %pad {in_bounds = [true, true]} : memref<4x32xf32, strided<[32, 1], offset: ?>>, vector<4x32xf32>
    %twice = arith.addf %v, %v : vector<4x32xf32>
    vector.transfer_write %twice, %view[%c0, %c0] {in_bounds = [true, true]} : vector<4x32xf32>, memref<4x32xf32, strided<[32, 1], offset: ?>>
  }
  scf.for %m = %c0 to %c16 step %c8 {
    %view = memref.subview %c[%m, 0] [4, 32] [1, 1] : memref<16x32xf32> to memref<4x32xf32, strided<[32, 1], offset: ?>>
    %acc = vector.transfer_read %view[%c0, %c0], %pad {in_bounds = [true, true]} : memref<4x32xf32, strided<[32, 1], offset: ?>>, vector<4x32xf32>
    %sum = scf.for %k = %c0 to %c8 step %c1 iter_args(%v = %acc) -> (vector<4x32xf32>) {
      %row = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true]} : memref<8x32xf32>, vector<32xf32>
      %rows = vector.broadcast %row : vector<32xf32> to vector<4x32xf32>
      %next = arith.addf %v, %rows : vector<4x32xf32>
      scf.yield %next : vector<4x32xf32>
    }
    vector.transfer_write %sum, %view[%c0, %c0] {in_bounds = [true, true]} : vector<4x32xf32>, memref<4x32xf32, strided<[32, 1], offset: ?>>
  }
  return
}
