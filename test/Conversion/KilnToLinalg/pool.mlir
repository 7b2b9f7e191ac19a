// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// max_pool2d: pad with -inf (ceil_mode adds to the high side), then the named
// pooling op with torch's stride and dilation.
// CHECK-LABEL: func.func @max_pool
// CHECK: %[[NEGINF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 1] high[0, 0, 2, 1]
// CHECK: tensor.yield %[[NEGINF]]
// CHECK: linalg.pooling_nchw_max {dilations = dense<2> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
func.func @max_pool(%x: tensor<2x3x10x11xf32>) -> tensor<2x3x5x5xf32> {
  %0 = kiln.max_pool2d %x kernel_size [3, 3] stride [2, 2] padding [1, 1] dilation [2, 2] ceil_mode true
      : (tensor<2x3x10x11xf32>) -> tensor<2x3x5x5xf32>
  return %0 : tensor<2x3x5x5xf32>
}

// -----

// With indices, a generic reduces each window to (value, flat H×W index).
// CHECK-LABEL: func.func @max_pool_indices
// CHECK: %{{.*}}:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME: outs(%{{.*}}, %{{.*}} : tensor<1x16x6x6xf32>, tensor<1x16x6x6xi64>)
// CHECK-DAG: linalg.index 4
// CHECK-DAG: arith.cmpf uno
func.func @max_pool_indices(%x: tensor<16x12x12xf32>) -> (tensor<16x6x6xf32>, tensor<16x6x6xi64>) {
  %0:2 = kiln.max_pool2d %x kernel_size [2, 2] return_indices true
      : (tensor<16x12x12xf32>) -> (tensor<16x6x6xf32>, tensor<16x6x6xi64>)
  return %0#0, %0#1 : tensor<16x6x6xf32>, tensor<16x6x6xi64>
}

// -----

// Indices that nothing reads (torch's max_pool2d as make_fx captures it:
// max_pool2d_with_indices) are not computed: the named pooling op alone.
// CHECK-LABEL: func.func @max_pool_indices_unread
// CHECK-NOT: linalg.generic
// CHECK-NOT: i64
// CHECK: linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @max_pool_indices_unread(%x: tensor<16x12x12xf32>) -> tensor<16x6x6xf32> {
  %0:2 = kiln.max_pool2d %x kernel_size [2, 2] return_indices true
      : (tensor<16x12x12xf32>) -> (tensor<16x6x6xf32>, tensor<16x6x6xi64>)
  return %0#0 : tensor<16x6x6xf32>
}

// -----

// avg_pool2d: sum pooling, then a division by torch's per-position divisor
// (count_include_pad false: the corners count 4 elements, edges 6, inside 9).
// CHECK-LABEL: func.func @avg_pool
// CHECK: linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK: arith.constant dense<{{\[\[}}4.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00, 6.000000e+00], [4.000000e+00, 6.000000e+00, 4.000000e+00]]> : tensor<3x3xf32>
// CHECK: arith.divf
func.func @avg_pool(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %0 = kiln.avg_pool2d %x kernel_size [3, 3] stride [1, 1] padding [1, 1] count_include_pad false
      : (tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Adaptive pooling: constant window masks (rows: outputs, columns: inputs).
// CHECK-LABEL: func.func @adaptive
// CHECK-DAG: arith.constant dense<{{\[\[}}1.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, 1.000000e+00]]> : tensor<2x3xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
func.func @adaptive(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>) {
  %0 = kiln.adaptive_avg_pool2d %x output_size [2, 2] : (tensor<1x2x3x3xf32>) -> tensor<1x2x2x2xf32>
  %1:2 = kiln.adaptive_max_pool2d %x output_size [2, 2] return_indices true
      : (tensor<1x2x3x3xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
  return %0, %1#0, %1#1 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>
}
