// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-splat-rows,canonicalize))' | FileCheck %s

// A read of a 1-D tensor broadcast along rows, map (d0) -> (d0, 0), within
// the tensor: one scalar per row, splat along it.
// CHECK-LABEL: func.func @weights
// CHECK-SAME:  (%[[W:.*]]: tensor<8xf32>)
// CHECK:       %[[W0:.*]] = tensor.extract %[[W]][%c2]
// CHECK:       %[[W1:.*]] = tensor.extract %[[W]][%c3]
// CHECK:       %[[W2:.*]] = tensor.extract %[[W]][%c4]
// CHECK:       %[[ROWS:.*]] = vector.from_elements %[[W0]], {{.*}}, %[[W2]] : vector<3x16xf32>
// CHECK-NOT:   vector.transfer_read
// CHECK:       return %[[ROWS]]
func.func @weights(%w: tensor<8xf32>) -> vector<3x16xf32> {
  %c2 = arith.constant 2 : index
  %pad = arith.constant 0.0 : f32
  %r = vector.transfer_read %w[%c2], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0) -> (d0, 0)>}
    : tensor<8xf32>, vector<3x16xf32>
  return %r : vector<3x16xf32>
}

// Rows that may run past the tensor (a scalar load has no padding), other
// broadcasts and buffers are left to upstream's lowering.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-3: vector.transfer_read
// CHECK-NOT:   tensor.extract
func.func @left_alone(%w: tensor<8xf32>, %i: index, %m: memref<8xf32>) -> (vector<3x16xf32>, vector<16x3xf32>, vector<3x16xf32>) {
  %c6 = arith.constant 6 : index
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %past = vector.transfer_read %w[%c6], %pad {in_bounds = [false, true], permutation_map = affine_map<(d0) -> (d0, 0)>}
    : tensor<8xf32>, vector<3x16xf32>
  %columns = vector.transfer_read %w[%c0], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0) -> (0, d0)>}
    : tensor<8xf32>, vector<16x3xf32>
  %buffer = vector.transfer_read %m[%c0], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0) -> (d0, 0)>}
    : memref<8xf32>, vector<3x16xf32>
  return %past, %columns, %buffer : vector<3x16xf32>, vector<16x3xf32>, vector<3x16xf32>
}
