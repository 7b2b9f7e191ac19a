// kiln-decompose-strided-conv: a stride-2 3x3 convolution as four stride-1
// ones, one per phase (even/odd rows x even/odd columns) of the input,
// with kernels of the taps each phase reads (2x2, 2x1, 1x2, 1x1),
// accumulating into one result.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-decompose-strided-conv))' | FileCheck %s

// CHECK-DAG: #[[EVEN_EVEN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2, d3 * 2)>
// CHECK-DAG: #[[EVEN_ODD:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2, d3 * 2 + 1)>
// CHECK-DAG: #[[ODD_EVEN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2 + 1, d3 * 2)>
// CHECK-DAG: #[[ODD_ODD:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2 + 1, d3 * 2 + 1)>
// CHECK-DAG: #[[ROWS_FROM_3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2 + 3, d3)>
// CHECK-LABEL: func.func @stride2
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x9x9xf32>, %[[W:.*]]: tensor<4x8x3x3xf32>, %[[ACC:.*]]: tensor<1x4x4x4xf32>)
// CHECK: %[[X0:.*]] = linalg.generic {indexing_maps = [#[[EVEN_EVEN]], {{.*}}]{{.*}} ins(%[[X]] : {{.*}}) outs(%{{.*}} : tensor<1x8x5x5xf32>)
// CHECK: %[[W0:.*]] = linalg.generic {indexing_maps = [#[[EVEN_EVEN]], {{.*}}]{{.*}} ins(%[[W]] : {{.*}}) outs(%{{.*}} : tensor<4x8x2x2xf32>)
// CHECK: %[[C0:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X0]], %[[W0]] : {{.*}}) outs(%[[ACC]] : tensor<1x4x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[EVEN_ODD]], {{.*}} outs(%{{.*}} : tensor<1x8x5x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[EVEN_ODD]], {{.*}} outs(%{{.*}} : tensor<4x8x2x1xf32>)
// CHECK: %[[C1:.*]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%[[C0]] : tensor<1x4x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ODD_EVEN]], {{.*}} outs(%{{.*}} : tensor<1x8x4x5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ODD_EVEN]], {{.*}} outs(%{{.*}} : tensor<4x8x1x2xf32>)
// CHECK: %[[C2:.*]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%[[C1]] : tensor<1x4x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ODD_ODD]], {{.*}} outs(%{{.*}} : tensor<1x8x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ODD_ODD]], {{.*}} outs(%{{.*}} : tensor<4x8x1x1xf32>)
// CHECK: %[[C3:.*]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%[[C2]] : tensor<1x4x4x4xf32>)
// CHECK: return %[[C3]]
func.func @stride2(%x: tensor<1x8x9x9xf32>, %w: tensor<4x8x3x3xf32>, %acc: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x9x9xf32>, tensor<4x8x3x3xf32>) outs(%acc : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// Stride 2 with dilation 3 along H (the seed's conv2d): taps 0 and 2 read
// even rows (offsets 0 and 6), tap 1 odd ones (offset 3): a 2-tap
// convolution with dilation 3 and a 1-tap one (whose dilation is moot);
// W (stride 1) stays whole.
// CHECK-LABEL: func.func @dilated
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x8x10xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3x2x2x3xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK: linalg.generic {indexing_maps = [#[[ROWS_FROM_3]], {{.*}} outs(%{{.*}} : tensor<1x2x5x10xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3x2x1x3xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} {{.*}} tensor<3x2x1x3xf32>
// CHECK-NOT: linalg.conv
func.func @dilated(%x: tensor<1x2x16x10xf32>, %w: tensor<3x2x3x3xf32>, %acc: tensor<1x3x5x8xf32>) -> tensor<1x3x5x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x16x10xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x3x5x8xf32>) -> tensor<1x3x5x8xf32>
  return %0 : tensor<1x3x5x8xf32>
}
