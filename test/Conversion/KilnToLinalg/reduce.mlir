// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// mean = sum / N (one rounding; sum · (1/N) would round twice); keepdim
// re-inserts the unit dim with expand_shape.
// CHECK-LABEL: func.func @mean_keepdim
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.constant 4.000000e+00 : f32
// CHECK-NEXT: arith.divf
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
func.func @mean_keepdim(%x: tensor<4x4xf32>) -> tensor<4x1xf32> {
  %0 = kiln.mean %x dim [1] keepdim true : (tensor<4x4xf32>) -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// var is two-pass: the mean shifted by each row's first element (K + Σ(x-K)/N,
// exact for constant rows), then Σ(x - mean)² divided by N - correction. A
// float32 variance accumulates in float64 (as torch's CPU kernel does) and is
// rounded once.
// CHECK-LABEL: func.func @var
// CHECK: %[[FIRST:.*]] = tensor.extract_slice %{{.*}}[0, 0] [4, 1] [1, 1]
// CHECK: tensor.collapse_shape %[[FIRST]] {{\[\[}}0, 1]] : tensor<4x1xf32> into tensor<4xf32>
// CHECK: outs(%{{.*}} : tensor<4xf64>)
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK-NEXT: arith.extf %{{.*}} : f32 to f64
// CHECK-NEXT: arith.subf %{{.*}} : f64
// CHECK-NEXT: arith.addf
// CHECK: arith.constant 4.000000e+00 : f64
// CHECK-NEXT: arith.divf
// CHECK-NEXT: arith.extf
// CHECK-NEXT: arith.addf
// CHECK: arith.extf
// CHECK-NEXT: arith.subf
// CHECK-NEXT: arith.mulf
// CHECK-NEXT: arith.addf %{{.*}} : f64
// CHECK: arith.constant 3.000000e+00 : f64
// CHECK-NEXT: arith.divf
// CHECK: outs(%{{.*}} : tensor<4xf32>)
// CHECK: arith.truncf %{{.*}} : f64 to f32
func.func @var(%x: tensor<4x4xf32>) -> tensor<4xf32> {
  %0 = kiln.var %x dim [1] : (tensor<4x4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// max along a dim: the NaN-propagating maximum, then the first index whose
// element is it (or is NaN when it is), as a minsi over (match ? j : 5) —
// two reductions with standard combiners, so both vectorize.
// CHECK-LABEL: func.func @max_dim
// CHECK: %[[V:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.maximumf
// CHECK: %[[NONE:.*]] = arith.constant 5 : i64
// CHECK: %[[I:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[V]] : tensor<4x5xf32>, tensor<4xf32>) outs(%{{.*}} : tensor<4xi64>)
// CHECK: ^bb0(%[[X:.*]]: f32, %[[M:.*]]: f32, %[[OUT:.*]]: i64):
// CHECK: %[[EQ:.*]] = arith.cmpf oeq, %[[X]], %[[M]]
// CHECK: %[[XNAN:.*]] = arith.cmpf uno, %[[X]], %[[X]]
// CHECK: %[[MNAN:.*]] = arith.cmpf uno, %[[M]], %[[M]]
// CHECK: %[[MATCH:.*]] = arith.select %[[MNAN]], %[[XNAN]], %[[EQ]]
// CHECK: %[[J:.*]] = linalg.index 1 : index
// CHECK: %[[J64:.*]] = arith.index_cast %[[J]] : index to i64
// CHECK: %[[C:.*]] = arith.select %[[MATCH]], %[[J64]], %[[NONE]]
// CHECK: arith.minsi %[[C]], %[[OUT]]
// CHECK: return %[[V]], %[[I]]
func.func @max_dim(%x: tensor<4x5xf32>) -> (tensor<4xf32>, tensor<4xi64>) {
  %0:2 = kiln.max %x dim 1 : (tensor<4x5xf32>) -> (tensor<4xf32>, tensor<4xi64>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xi64>
}

// -----

// sum over every dim (no dim given) reduces to a 0-d tensor; min of the whole
// tensor starts from +inf and propagates NaN through minimumf.
// CHECK-LABEL: func.func @sum_min_all
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]{{.*}} outs(%{{.*}} : tensor<f32>)
// CHECK: arith.addf
// CHECK: arith.constant 0x7F800000 : f32
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK: arith.minimumf
func.func @sum_min_all(%x: tensor<4x5xf32>) -> (tensor<f32>, tensor<f32>) {
  %0 = kiln.sum %x : (tensor<4x5xf32>) -> tensor<f32>
  %1 = kiln.min %x : (tensor<4x5xf32>) -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}
