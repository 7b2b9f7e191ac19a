// kiln-prefetch-next-row: a row loop's first vector reduction (or heavy
// pointwise loop) over a row prefetches the same columns of the next row
// (a reduction also, for writing, of the next row of a buffer the row loop
// writes rows of); later loops over the same buffer, broadcast reads,
// light loops and loops that are not row loops get none.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-prefetch-next-row))' | FileCheck %s

// CHECK-LABEL: func.func @two_passes
// CHECK-SAME: (%[[X:.*]]: memref<8x256xf32>
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:   memref.subview %[[X]][%[[R]], 0] [1, 256] [1, 1]
// CHECK:   %[[ONE:.*]] = arith.constant 1 : index
// CHECK:   %[[LAST:.*]] = arith.constant 7 : index
// CHECK:   %[[AFTER:.*]] = arith.addi %[[R]], %[[ONE]] : index
// CHECK:   %[[NEXT:.*]] = arith.minui %[[AFTER]], %[[LAST]] : index
// CHECK:   %[[NEXTROW:.*]] = memref.subview %[[X]][%[[NEXT]], 0] [1, 256] [1, 1]
// CHECK:   scf.for %[[C:.*]] = {{.*}} iter_args
// CHECK:     %[[CHUNK:.*]] = memref.subview %[[NEXTROW]][0, %[[C]]] [1, 16] [1, 1]
// CHECK:     memref.prefetch %[[CHUNK]][%{{.*}}, %{{.*}}], read, locality<3>, data
// CHECK:     vector.transfer_read
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @two_passes(%x: memref<8x256xf32>, %s: memref<8x1xf32>, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %pad = arith.constant 0.0 : f32
  scf.for %r = %c0 to %c8 step %c1 {
    %row = memref.subview %x[%r, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<1x256xf32, strided<[256, 1], offset: ?>>
    %shift = memref.subview %s[%r, 0] [1, 1] [1, 1] : memref<8x1xf32> to memref<1x1xf32, strided<[1, 1], offset: ?>>
    // The first pass: a contiguous read of the row (prefetched) and a
    // broadcast scalar (not).
    %sum = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %zero) -> vector<16xf32> {
      %chunk = memref.subview %row[0, %c] [1, 16] [1, 1] : memref<1x256xf32, strided<[256, 1], offset: ?>> to memref<1x16xf32, strided<[256, 1], offset: ?>>
      %v = vector.transfer_read %chunk[%c0, %c0], %pad {in_bounds = [true]} : memref<1x16xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %b = vector.transfer_read %shift[%c0, %c0], %pad {in_bounds = [true], permutation_map = affine_map<(d0, d1) -> (0)>} : memref<1x1xf32, strided<[1, 1], offset: ?>>, vector<16xf32>
      %d = arith.subf %v, %b : vector<16xf32>
      %n = arith.addf %acc, %d : vector<16xf32>
      scf.yield %n : vector<16xf32>
    }
    // The second pass reads the row from the cache: no prefetch.
    %sq = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %sum) -> vector<16xf32> {
      %chunk = memref.subview %row[0, %c] [1, 16] [1, 1] : memref<1x256xf32, strided<[256, 1], offset: ?>> to memref<1x16xf32, strided<[256, 1], offset: ?>>
      %v = vector.transfer_read %chunk[%c0, %c0], %pad {in_bounds = [true]} : memref<1x16xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %n = vector.fma %v, %v, %acc : vector<16xf32>
      scf.yield %n : vector<16xf32>
    }
    %t = vector.reduction <add>, %sq : vector<16xf32> into f32
    memref.store %t, %out[%r] : memref<8xf32>
  }
  return
}

// A row loop that writes rows of another buffer (a norm's or a softmax's
// output) also prefetches, for writing, the same columns of that buffer's
// next row in its first pass: the later stores then hit lines already
// owned. Rows written back into the buffer read (in place) and rows picked
// with another shape (other columns) get no write prefetch.
// CHECK-LABEL: func.func @output_rows
// CHECK-SAME: (%[[X:[^:]*]]: memref<8x256xf32>, %[[Y:[^:]*]]: memref<8x256xf32>
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:   %[[ROW:.*]] = memref.subview %[[X]][%[[R]], 0] [1, 256] [1, 1]
// CHECK:   %[[NEXTOUT:.*]] = memref.subview %[[Y]][%{{.*}}, 0] [1, 256] [1, 1]
// CHECK:   %[[NEXTROW:.*]] = memref.subview %[[X]][%{{.*}}, 0] [1, 256] [1, 1]
// CHECK:   scf.for %[[C:.*]] = {{.*}} iter_args
// CHECK:     memref.prefetch %[[NEXTROW]][%{{.*}}, %[[C]]], read, locality<3>, data
// CHECK:     memref.prefetch %[[NEXTOUT]][%{{.*}}, %[[C]]], write, locality<3>, data
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @output_rows(%x: memref<8x256xf32>, %y: memref<8x256xf32>, %z: memref<8x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %pad = arith.constant 0.0 : f32
  scf.for %r = %c0 to %c8 step %c1 {
    %row = memref.subview %x[%r, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<1x256xf32, strided<[256, 1], offset: ?>>
    %sum = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %zero) -> vector<16xf32> {
      %v = vector.transfer_read %row[%c0, %c], %pad {in_bounds = [true]} : memref<1x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %n = arith.addf %acc, %v : vector<16xf32>
      scf.yield %n : vector<16xf32>
    }
    %out = memref.subview %y[%r, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<1x256xf32, strided<[256, 1], offset: ?>>
    %wide = memref.subview %z[%r, 0] [1, 256] [1, 1] : memref<8x512xf32> to memref<1x256xf32, strided<[512, 1], offset: ?>>
    scf.for %c = %c0 to %c256 step %c16 {
      %v = vector.transfer_read %row[%c0, %c], %pad {in_bounds = [true]} : memref<1x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %d = arith.subf %v, %sum : vector<16xf32>
      vector.transfer_write %d, %out[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x256xf32, strided<[256, 1], offset: ?>>
      vector.transfer_write %d, %row[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x256xf32, strided<[256, 1], offset: ?>>
      vector.transfer_write %d, %wide[%c0, %c] {in_bounds = [true]} : vector<16xf32>, memref<1x256xf32, strided<[512, 1], offset: ?>>
    }
  }
  return
}

// Rows two at a time: not a row loop.
// CHECK-LABEL: func.func @step_two
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @step_two(%x: memref<8x256xf32>, %out: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %pad = arith.constant 0.0 : f32
  scf.for %r = %c0 to %c8 step %c2 {
    %row = memref.subview %x[%r, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<1x256xf32, strided<[256, 1], offset: ?>>
    %sum = scf.for %c = %c0 to %c256 step %c16 iter_args(%acc = %zero) -> vector<16xf32> {
      %v = vector.transfer_read %row[%c0, %c], %pad {in_bounds = [true]} : memref<1x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      %n = arith.addf %acc, %v : vector<16xf32>
      scf.yield %n : vector<16xf32>
    }
    %t = vector.reduction <add>, %sum : vector<16xf32> into f32
    memref.store %t, %out[%r] : memref<8xf32>
  }
  return
}

// A loop that carries no vector and computes little per read (a copy) is
// left to the hardware prefetcher: no prefetch.
// CHECK-LABEL: func.func @copy_rows
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @copy_rows(%x: memref<8x256xf32>, %y: memref<8x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %pad = arith.constant 0.0 : f32
  scf.for %r = %c0 to %c8 step %c1 {
    %row = memref.subview %x[%r, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<1x256xf32, strided<[256, 1], offset: ?>>
    scf.for %c = %c0 to %c256 step %c16 {
      %v = vector.transfer_read %row[%c0, %c], %pad {in_bounds = [true]} : memref<1x256xf32, strided<[256, 1], offset: ?>>, vector<16xf32>
      vector.transfer_write %v, %y[%r, %c] {in_bounds = [true]} : vector<16xf32>, memref<8x256xf32>
    }
  }
  return
}

// A pointwise loop with enough arithmetic per vector read (here 8, an erf
// has 40) would wait on each row before computing: it prefetches the next
// row, one prefetch per 64-byte line of a read, and nothing for writing.
// CHECK-LABEL: func.func @heavy_pointwise_rows
// CHECK: scf.for
// CHECK:   %[[NEXT:.*]] = arith.minui
// CHECK:   %[[NEXTROW:.*]] = memref.subview %{{.*}}[%[[NEXT]], 0] [1, 256] [1, 1]
// CHECK:   scf.for %[[C:[^ ]*]] =
// CHECK:     memref.prefetch %[[NEXTROW]][%{{.*}}, %[[C]]], read
// CHECK:     %[[C16:.*]] = arith.addi %[[C]], %{{.*}}
// CHECK:     memref.prefetch %[[NEXTROW]][%{{.*}}, %[[C16]]], read
// CHECK:     %[[C32:.*]] = arith.addi %[[C]], %{{.*}}
// CHECK:     memref.prefetch %[[NEXTROW]][%{{.*}}, %[[C32]]], read
// CHECK:     %[[C48:.*]] = arith.addi %[[C]], %{{.*}}
// CHECK:     memref.prefetch %[[NEXTROW]][%{{.*}}, %[[C48]]], read
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @heavy_pointwise_rows(%x: memref<8x256xf32>, %y: memref<8x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %c256 = arith.constant 256 : index
  %pad = arith.constant 0.0 : f32
  %k = arith.constant dense<0.5> : vector<64xf32>
  scf.for %r = %c0 to %c8 step %c1 {
    %row = memref.subview %x[%r, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<1x256xf32, strided<[256, 1], offset: ?>>
    %out = memref.subview %y[%r, 0] [1, 256] [1, 1] : memref<8x256xf32> to memref<1x256xf32, strided<[256, 1], offset: ?>>
    scf.for %c = %c0 to %c256 step %c64 {
      %v = vector.transfer_read %row[%c0, %c], %pad {in_bounds = [true]} : memref<1x256xf32, strided<[256, 1], offset: ?>>, vector<64xf32>
      %a = math.fma %v, %k, %k : vector<64xf32>
      %b = math.fma %a, %v, %k : vector<64xf32>
      %d = math.fma %b, %v, %k : vector<64xf32>
      %e = math.fma %d, %v, %k : vector<64xf32>
      %f = arith.mulf %e, %v : vector<64xf32>
      %g = arith.addf %f, %k : vector<64xf32>
      %h = arith.divf %g, %a : vector<64xf32>
      %i = arith.mulf %h, %v : vector<64xf32>
      vector.transfer_write %i, %out[%c0, %c] {in_bounds = [true]} : vector<64xf32>, memref<1x256xf32, strided<[256, 1], offset: ?>>
    }
  }
  return
}

// A read that may run past the row (masked, not in bounds) prefetches its
// first line only.
// CHECK-LABEL: func.func @heavy_pointwise_masked_rows
// CHECK: scf.for
// CHECK:   scf.for
// CHECK:     memref.prefetch
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @heavy_pointwise_masked_rows(%x: memref<8x200xf32>, %y: memref<8x200xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %c200 = arith.constant 200 : index
  %pad = arith.constant 0.0 : f32
  %k = arith.constant dense<0.5> : vector<64xf32>
  scf.for %r = %c0 to %c8 step %c1 {
    %row = memref.subview %x[%r, 0] [1, 200] [1, 1] : memref<8x200xf32> to memref<1x200xf32, strided<[200, 1], offset: ?>>
    %out = memref.subview %y[%r, 0] [1, 200] [1, 1] : memref<8x200xf32> to memref<1x200xf32, strided<[200, 1], offset: ?>>
    scf.for %c = %c0 to %c200 step %c64 {
      %v = vector.transfer_read %row[%c0, %c], %pad : memref<1x200xf32, strided<[200, 1], offset: ?>>, vector<64xf32>
      %a = math.fma %v, %k, %k : vector<64xf32>
      %b = math.fma %a, %v, %k : vector<64xf32>
      %d = math.fma %b, %v, %k : vector<64xf32>
      %e = math.fma %d, %v, %k : vector<64xf32>
      %f = arith.mulf %e, %v : vector<64xf32>
      %g = arith.addf %f, %k : vector<64xf32>
      %h = arith.divf %g, %a : vector<64xf32>
      %i = arith.mulf %h, %v : vector<64xf32>
      vector.transfer_write %i, %out[%c0, %c] : vector<64xf32>, memref<1x200xf32, strided<[200, 1], offset: ?>>
    }
  }
  return
}

// Kernel rows of a convolution: the tap loop carries the accumulator, its
// rows are in cache; no prefetch.
// CHECK-LABEL: func.func @taps
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @taps(%w: memref<3x16xf32>, %init: vector<16xf32>) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c16 = arith.constant 16 : index
  %pad = arith.constant 0.0 : f32
  %r = scf.for %kh = %c0 to %c3 step %c1 iter_args(%acc = %init) -> vector<16xf32> {
    %row = memref.subview %w[%kh, 0] [1, 16] [1, 1] : memref<3x16xf32> to memref<1x16xf32, strided<[16, 1], offset: ?>>
    %s = scf.for %c = %c0 to %c16 step %c16 iter_args(%a = %acc) -> vector<16xf32> {
      %v = vector.transfer_read %row[%c0, %c], %pad {in_bounds = [true]} : memref<1x16xf32, strided<[16, 1], offset: ?>>, vector<16xf32>
      %n = arith.addf %a, %v : vector<16xf32>
      scf.yield %n : vector<16xf32>
    }
    scf.yield %s : vector<16xf32>
  }
  return %r : vector<16xf32>
}

// A loop over window rows (a pooling's taps, rows of the channel picked by
// the outer loop): it does not walk along a row; no prefetch.
// CHECK-LABEL: func.func @window_rows
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @window_rows(%x: memref<4x3x16xf32>, %out: memref<4x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %pad = arith.constant 0.0 : f32
  scf.for %ch = %c0 to %c4 step %c1 {
    %plane = memref.subview %x[%ch, 0, 0] [1, 3, 16] [1, 1, 1] : memref<4x3x16xf32> to memref<1x3x16xf32, strided<[48, 16, 1], offset: ?>>
    %s = scf.for %kh = %c0 to %c3 step %c1 iter_args(%a = %zero) -> vector<16xf32> {
      %v = vector.transfer_read %plane[%c0, %kh, %c0], %pad {in_bounds = [true]} : memref<1x3x16xf32, strided<[48, 16, 1], offset: ?>>, vector<16xf32>
      %n = arith.addf %a, %v : vector<16xf32>
      scf.yield %n : vector<16xf32>
    }
    vector.transfer_write %s, %out[%ch, %c0] {in_bounds = [true]} : vector<16xf32>, memref<4x16xf32>
  }
  return
}
