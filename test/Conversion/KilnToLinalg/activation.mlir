// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// softmax is max-subtracted: max-reduce (maxnumf: any maximum will do, and a
// NaN still spreads through the sum), exp(x - max), sum-reduce, one
// reciprocal per row, multiply.
// CHECK-LABEL: func.func @softmax
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[M0:.*]] = linalg.fill ins(%[[NEGINF]] : f32) outs(%{{.*}} : tensor<2x4xf32>)
// CHECK: %[[M:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]{{.*}} outs(%[[M0]] : tensor<2x4xf32>)
// CHECK: arith.maxnumf
// CHECK: %[[E:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[M]] : tensor<2x3x4xf32>, tensor<2x4xf32>)
// CHECK: arith.subf
// CHECK-NEXT: math.exp
// CHECK: %[[S:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]{{.*}} ins(%[[E]] : tensor<2x3x4xf32>)
// CHECK: arith.addf
// CHECK: %[[R:[0-9]+]] = linalg.generic {{.*}} ins(%[[S]] : tensor<2x4xf32>)
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}} ins(%[[E]], %[[R]] : tensor<2x3x4xf32>, tensor<2x4xf32>)
// CHECK: arith.mulf
func.func @softmax(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.softmax %x dim 1 : tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// Exact gelu uses erf; the tanh form a cubic inside tanh.
// CHECK-LABEL: func.func @gelu
// CHECK: math.erf
// CHECK: math.tanh
func.func @gelu(%x: tensor<8xf32>) -> tensor<8xf32> {
  %0 = kiln.gelu %x : tensor<8xf32>
  %1 = kiln.gelu %0 approximate <tanh> : tensor<8xf32>
  return %1 : tensor<8xf32>
}

// -----

// prelu's per-channel weight runs along dim 1.
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @prelu
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[W]], #{{.*}}]
// CHECK: arith.cmpf ogt
// CHECK: arith.select
func.func @prelu(%x: tensor<2x5x4xf32>, %w: tensor<5xf32>) -> tensor<2x5x4xf32> {
  %0 = kiln.prelu %x, %w : (tensor<2x5x4xf32>, tensor<5xf32>) -> tensor<2x5x4xf32>
  return %0 : tensor<2x5x4xf32>
}

// -----

// log_softmax = x - max - log(Σ exp(x - max)).
// CHECK-LABEL: func.func @log_softmax
// CHECK: arith.maxnumf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: arith.subf
// CHECK: math.log
// CHECK: arith.subf
func.func @log_softmax(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  %0 = kiln.log_softmax %x dim -1 : tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}
