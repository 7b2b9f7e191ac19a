// RUN: kiln-opt %s -canonicalize -split-input-file | FileCheck %s

// The folders of the kiln dialect.

// CHECK-LABEL: func.func @reshape_of_reshape(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>
// CHECK-NEXT: %[[R:.*]] = kiln.reshape %[[X]], [4, -1] : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_of_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = kiln.reshape %x, [6, 4] : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = kiln.reshape %0, [4, -1] : (tensor<6x4xf32>) -> tensor<4x6xf32>
  return %1 : tensor<4x6xf32>
}

// CHECK-LABEL: func.func @reshape_round_trip(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>
// CHECK-NEXT: return %[[X]]
func.func @reshape_round_trip(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.reshape %x, [24] : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %1 = kiln.reshape %0, [2, 3, 4] : (tensor<24xf32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @transpose_of_transpose(
// CHECK-SAME: %[[X:.*]]: tensor<2x3x4xf32>
// CHECK-NEXT: return %[[X]]
func.func @transpose_of_transpose(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.transpose %x, 0, 2 : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %1 = kiln.transpose %0, -1, 0 : (tensor<4x3x2xf32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// Different pairs of dims do not cancel.
// CHECK-LABEL: func.func @transposes_of_different_dims(
// CHECK: kiln.transpose
// CHECK: kiln.transpose
func.func @transposes_of_different_dims(%x: tensor<2x2x2xf32>) -> tensor<2x2x2xf32> {
  %0 = kiln.transpose %x, 0, 1 : (tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  %1 = kiln.transpose %0, 1, 2 : (tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  return %1 : tensor<2x2x2xf32>
}

// CHECK-LABEL: func.func @identities(
// CHECK-SAME: %[[X:.*]]: tensor<2x3xf32>
// CHECK-NEXT: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
func.func @identities(%x: tensor<2x3xf32>)
    -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = kiln.transpose %x, 1, -1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = kiln.permute %x, [0, -1] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = kiln.squeeze %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = kiln.flatten %x start_dim 1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = kiln.expand %x, [-1, 3] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// Dropout is the identity in inference and with p = 0, not in training.
// CHECK-LABEL: func.func @dropout(
// CHECK-SAME: %[[X:.*]]: tensor<4x5xf32>
// CHECK-NEXT: %[[D:.*]] = kiln.dropout %[[X]] seed 7 : tensor<4x5xf32>
// CHECK-NEXT: return %[[X]], %[[X]], %[[D]]
func.func @dropout(%x: tensor<4x5xf32>) -> (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>) {
  %0 = kiln.dropout %x training false : tensor<4x5xf32>
  %1 = kiln.dropout %x p 0.0 : tensor<4x5xf32>
  %2 = kiln.dropout %x seed 7 : tensor<4x5xf32>
  return %0, %1, %2 : tensor<4x5xf32>, tensor<4x5xf32>, tensor<4x5xf32>
}
