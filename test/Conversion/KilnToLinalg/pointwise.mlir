// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// Broadcasting is in the indexing maps: size-1 dims read index 0, missing
// leading dims are not read at all; alpha scales `other`.
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2) -> (d0, 0, d2)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<4x3x5xf32>
// CHECK: linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<4x1x5xf32>, tensor<3x1xf32>) outs(%[[INIT]] : tensor<4x3x5xf32>)
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
// CHECK: %[[ALPHA:.*]] = arith.constant 2.500000e+00 : f32
// CHECK: %[[S:.*]] = arith.mulf %[[ALPHA]], %[[B]] : f32
// CHECK: %[[R:.*]] = arith.addf %[[A]], %[[S]] : f32
// CHECK: linalg.yield %[[R]]
// CHECK-NOT: kiln.
func.func @add_broadcast(%a: tensor<4x1x5xf32>, %b: tensor<3x1xf32>) -> tensor<4x3x5xf32> {
  %0 = kiln.add %a, %b alpha 2.5 : (tensor<4x1x5xf32>, tensor<3x1xf32>) -> tensor<4x3x5xf32>
  return %0 : tensor<4x3x5xf32>
}

// -----

// CHECK-LABEL: func.func @unary_and_clamp
// CHECK: math.rsqrt
// CHECK: arith.maximumf %{{.*}}, %{{.*}} : f32
// CHECK-NEXT: arith.constant 5.000000e-01
// CHECK-NEXT: arith.minimumf
func.func @unary_and_clamp(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = kiln.rsqrt %x : tensor<8xf32>
  %1 = kiln.clamp %0 min -0.5 max 0.5 : tensor<8xf32>
  return %1 : tensor<8xf32>
}

// -----

// div's rounding modes: trunc of the quotient; torch's floor division from
// fmod (remf), corrected by one where the remainder's sign is not the
// divisor's, and a zero divisor giving the quotient itself.
// CHECK-LABEL: func.func @div_rounding(
// CHECK: linalg.generic
// CHECK: %[[Q:.*]] = arith.divf
// CHECK: math.trunc %[[Q]]
// CHECK: linalg.generic
// CHECK: %[[Q2:.*]] = arith.divf %[[A:.*]], %[[B:.*]] : f32
// CHECK: arith.remf %[[A]], %[[B]]
// CHECK: math.floor
// CHECK: math.copysign
// CHECK: arith.select
func.func @div_rounding(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = kiln.div %a, %b rounding_mode <trunc> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = kiln.div %a, %b rounding_mode <floor> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
