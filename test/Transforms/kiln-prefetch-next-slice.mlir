// kiln-prefetch-next-slice: a loop over a reduction's slices (marked
// kiln.reduction_slices by kiln-tile-caches) prefetches into L2 the rows
// its register tiles read of a large buffer at the next slice.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-prefetch-next-slice,canonicalize))' | FileCheck %s

// Slices of 16 input channels of a 576 KiB weight [c, kh, kw, f] (larger
// than half of the default target's 512 KiB L2), each row of 32 output
// channels read once per row of outputs (7 times a slice): after the read,
// the same row at the next slice (the last slice its own: min(c + 16, 112)),
// one prefetch per 64-byte line.
// CHECK-LABEL: func.func @slices
// CHECK:       scf.for %[[C:.*]] = %c0 to %c128 step %c16
// CHECK:         scf.for %[[I:.*]] = %c0 to %c16 step %c1
// CHECK:           vector.transfer_read
// CHECK-NEXT:      %[[AFTER:.*]] = arith.addi %[[C]], %c16
// CHECK-NEXT:      %[[NEXT:.*]] = arith.minui %[[AFTER]], %c112
// CHECK-NEXT:      %[[SLICE:.*]] = memref.subview %{{.*}}[%[[NEXT]], 0, 0, 0] [16, 3, 3, 128]
// CHECK-NEXT:      %[[ROW:.*]] = memref.subview %[[SLICE]][%[[I]], 0, 0, 0] [1, 1, 1, 32]
// CHECK-NEXT:      memref.prefetch %[[ROW]][%c0], read, locality<2>, data
// CHECK-NEXT:      memref.prefetch %[[ROW]][%c16], read, locality<2>, data
// CHECK-NOT:     memref.prefetch
// CHECK:       } {kiln.reduction_slices}
func.func @slices(%weight: memref<128x3x3x128xf32>, %out: memref<7x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : index
  %c16 = arith.constant 16 : index
  %c128 = arith.constant 128 : index
  %pad = arith.constant 0.0 : f32
  scf.for %c = %c0 to %c128 step %c16 {
    %w = memref.subview %weight[%c, 0, 0, 0] [16, 3, 3, 128] [1, 1, 1, 1] : memref<128x3x3x128xf32> to memref<16x3x3x128xf32, strided<[1152, 384, 128, 1], offset: ?>>
    scf.for %row = %c0 to %c7 step %c1 {
      %init = vector.transfer_read %out[%row, %c0], %pad {in_bounds = [true]} : memref<7x32xf32>, vector<32xf32>
      %acc = scf.for %i = %c0 to %c16 step %c1 iter_args(%a = %init) -> (vector<32xf32>) {
        %r = memref.subview %w[%i, 0, 0, 0] [1, 1, 1, 32] [1, 1, 1, 1] : memref<16x3x3x128xf32, strided<[1152, 384, 128, 1], offset: ?>> to memref<32xf32, strided<[1], offset: ?>>
        %v = vector.transfer_read %r[%c0], %pad {in_bounds = [true]} : memref<32xf32, strided<[1], offset: ?>>, vector<32xf32>
        %s = arith.addf %a, %v : vector<32xf32>
        scf.yield %s : vector<32xf32>
      }
      vector.transfer_write %acc, %out[%row, %c0] {in_bounds = [true]} : vector<32xf32>, memref<7x32xf32>
    }
  } {kiln.reduction_slices}
  return
}

// The same loop without the mark, a weight of 147 KiB (in cache from one
// call to the next), rows read 14 times a slice (only the first waits on
// memory), and slices picked along the rows themselves (which the hardware
// prefetcher follows): no prefetch.
// CHECK-LABEL: func.func @not_worth_it
// CHECK-NOT:   memref.prefetch
// CHECK:       return
func.func @not_worth_it(%weight: memref<128x3x3x128xf32>, %small: memref<64x3x3x64xf32>,
                        %wide: memref<16x9216xf32>, %out: memref<14x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c7 = arith.constant 7 : index
  %c14 = arith.constant 14 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %c9216 = arith.constant 9216 : index
  %pad = arith.constant 0.0 : f32
  // Unmarked.
  scf.for %c = %c0 to %c128 step %c16 {
    %w = memref.subview %weight[%c, 0, 0, 0] [16, 3, 3, 128] [1, 1, 1, 1] : memref<128x3x3x128xf32> to memref<16x3x3x128xf32, strided<[1152, 384, 128, 1], offset: ?>>
    scf.for %row = %c0 to %c7 step %c1 {
      %r = memref.subview %w[%row, 0, 0, 0] [1, 1, 1, 32] [1, 1, 1, 1] : memref<16x3x3x128xf32, strided<[1152, 384, 128, 1], offset: ?>> to memref<32xf32, strided<[1], offset: ?>>
      %v = vector.transfer_read %r[%c0], %pad {in_bounds = [true]} : memref<32xf32, strided<[1], offset: ?>>, vector<32xf32>
      vector.transfer_write %v, %out[%row, %c0] {in_bounds = [true]} : vector<32xf32>, memref<14x32xf32>
    }
  }
  // A small weight.
  scf.for %c = %c0 to %c64 step %c16 {
    %w = memref.subview %small[%c, 0, 0, 0] [16, 3, 3, 64] [1, 1, 1, 1] : memref<64x3x3x64xf32> to memref<16x3x3x64xf32, strided<[576, 192, 64, 1], offset: ?>>
    scf.for %row = %c0 to %c7 step %c1 {
      %r = memref.subview %w[%c1, 0, 0, 0] [1, 1, 1, 32] [1, 1, 1, 1] : memref<16x3x3x64xf32, strided<[576, 192, 64, 1], offset: ?>> to memref<32xf32, strided<[1], offset: ?>>
      %v = vector.transfer_read %r[%c0], %pad {in_bounds = [true]} : memref<32xf32, strided<[1], offset: ?>>, vector<32xf32>
      vector.transfer_write %v, %out[%row, %c0] {in_bounds = [true]} : vector<32xf32>, memref<14x32xf32>
    }
  } {kiln.reduction_slices}
  // Each row read once per row of 14 rows of outputs.
  scf.for %c = %c0 to %c128 step %c16 {
    %w = memref.subview %weight[%c, 0, 0, 0] [16, 3, 3, 128] [1, 1, 1, 1] : memref<128x3x3x128xf32> to memref<16x3x3x128xf32, strided<[1152, 384, 128, 1], offset: ?>>
    scf.for %row = %c0 to %c14 step %c1 {
      %r = memref.subview %w[%c1, 0, 0, 0] [1, 1, 1, 32] [1, 1, 1, 1] : memref<16x3x3x128xf32, strided<[1152, 384, 128, 1], offset: ?>> to memref<32xf32, strided<[1], offset: ?>>
      %v = vector.transfer_read %r[%c0], %pad {in_bounds = [true]} : memref<32xf32, strided<[1], offset: ?>>, vector<32xf32>
      vector.transfer_write %v, %out[%row, %c0] {in_bounds = [true]} : vector<32xf32>, memref<14x32xf32>
    }
  } {kiln.reduction_slices}
  // Slices along the rows: the next slice continues the row.
  scf.for %c = %c0 to %c9216 step %c32 {
    %w = memref.subview %wide[0, %c] [16, 32] [1, 1] : memref<16x9216xf32> to memref<16x32xf32, strided<[9216, 1], offset: ?>>
    scf.for %row = %c0 to %c7 step %c1 {
      %r = memref.subview %w[%row, 0] [1, 32] [1, 1] : memref<16x32xf32, strided<[9216, 1], offset: ?>> to memref<32xf32, strided<[1], offset: ?>>
      %v = vector.transfer_read %r[%c0], %pad {in_bounds = [true]} : memref<32xf32, strided<[1], offset: ?>>, vector<32xf32>
      vector.transfer_write %v, %out[%row, %c0] {in_bounds = [true]} : vector<32xf32>, memref<14x32xf32>
    }
  } {kiln.reduction_slices}
  return
}
