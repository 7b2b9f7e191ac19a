// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// embedding: a gather generic over the output; the id is read at the outer
// indices (uniform along a row, so rows vectorize as contiguous copies) and
// clamped into [0, rows).
// CHECK-LABEL: func.func @embedding
// CHECK-SAME: (%[[IDS:.*]]: tensor<2x4xi64>
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x4x3xf32>)
// CHECK: %[[I:.*]] = linalg.index 0
// CHECK: %[[J:.*]] = linalg.index 1
// CHECK: tensor.extract %[[IDS]][%[[I]], %[[J]]] : tensor<2x4xi64>
// CHECK: arith.index_cast
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract %{{.*}}[%{{.*}}, %{{.*}}] : tensor<10x3xf32>
func.func @embedding(%i: tensor<2x4xi64>, %w: tensor<10x3xf32>) -> tensor<2x4x3xf32> {
  %0 = kiln.embedding %i, %w padding_idx 0 : (tensor<2x4xi64>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

// Training dropout: the element's row-major index plus seed·φ64 goes through
// SplitMix64; its top 24 bits against p choose keep (scaled by 1/(1-p)) or 0.
// CHECK-LABEL: func.func @dropout
// CHECK: linalg.generic
// CHECK: arith.constant 7 : i64
// CHECK: arith.muli
// CHECK: arith.constant -4658895280553007687 : i64
// CHECK: arith.shrui
// CHECK: arith.uitofp
// CHECK: arith.cmpf oge
// CHECK: arith.constant 1.250000e+00 : f32
func.func @dropout(%x: tensor<4x7xf32>) -> tensor<4x7xf32> {
  %0 = kiln.dropout %x p 0.2 seed 3 : tensor<4x7xf32>
  return %0 : tensor<4x7xf32>
}

// -----

// Results without elements are tensor.empty, whatever the op.
// CHECK-LABEL: func.func @no_elements(
// CHECK-NOT: kiln.
// CHECK-NOT: tensor.insert_slice
// CHECK: %[[E:.*]] = tensor.empty() : tensor<0xf32>
// CHECK: %[[G:.*]] = tensor.empty() : tensor<0x2xf32>
// CHECK: return %[[E]], %[[G]]
func.func @no_elements(%a: tensor<0xf32>, %b: tensor<0xf32>, %x: tensor<0x2xf32>)
    -> (tensor<0xf32>, tensor<0x2xf32>) {
  %0 = kiln.cat %a, %b : (tensor<0xf32>, tensor<0xf32>) -> tensor<0xf32>
  %1 = kiln.group_norm %x num_groups 1 : (tensor<0x2xf32>) -> tensor<0x2xf32>
  return %0, %1 : tensor<0xf32>, tensor<0x2xf32>
}
