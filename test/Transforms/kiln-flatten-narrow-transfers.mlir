// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell},func.func(kiln-flatten-narrow-transfers))' | FileCheck %s

// A read of a 7 x 7 window of contiguous rows, each narrower than a
// 256-bit register, from a buffer: one read of 49 (upstream's transfer
// flattening), not 7 partial loads.
// CHECK-LABEL: func.func @window
// CHECK:       %[[FLAT:.*]] = memref.collapse_shape {{.*}} {{\[\[}}0], [1, 2]] {{.*}} into memref<4x49xf32
// CHECK:       %[[READ:.*]] = vector.transfer_read %[[FLAT]]{{.*}} : memref<4x49xf32{{.*}}>, vector<49xf32>
// CHECK:       vector.shape_cast %[[READ]] : vector<49xf32> to vector<7x7xf32>
func.func @window(%x: memref<4x7x7xf32>, %i: index) -> vector<7x7xf32> {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %r = vector.transfer_read %x[%i, %c0, %c0], %pad {in_bounds = [true, true]} : memref<4x7x7xf32>, vector<7x7xf32>
  return %r : vector<7x7xf32>
}

// Rows a register wide, one row, and tensors stay as they are.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT:   collapse_shape
// CHECK-NOT:   shape_cast
// CHECK:       return
func.func @left_alone(%x: memref<4x8x8xf32>, %t: tensor<7x7xf32>) -> (vector<8x8xf32>, vector<7xf32>, vector<7x7xf32>) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %wide = vector.transfer_read %x[%c0, %c0, %c0], %pad {in_bounds = [true, true]} : memref<4x8x8xf32>, vector<8x8xf32>
  %row = vector.transfer_read %x[%c0, %c0, %c0], %pad {in_bounds = [true]} : memref<4x8x8xf32>, vector<7xf32>
  %tensor = vector.transfer_read %t[%c0, %c0], %pad {in_bounds = [true, true]} : tensor<7x7xf32>, vector<7x7xf32>
  return %wide, %row, %tensor : vector<8x8xf32>, vector<7xf32>, vector<7x7xf32>
}
