// kiln-decompose-strided-conv: a stride-2 3x3 convolution as two of width
// stride 1, one per column phase (even/odd columns) of the input, with
// kernels of the taps each phase reads (3x2, 3x1), accumulating into one
// result; the height stride stays.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-decompose-strided-conv))' | FileCheck %s

// CHECK-DAG: #[[EVEN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3 * 2)>
// CHECK-DAG: #[[ODD:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3 * 2 + 1)>
// CHECK-DAG: #[[EVEN5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4 * 2)>
// CHECK-DAG: #[[FROM_3:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3 * 2 + 3)>
// CHECK-LABEL: func.func @stride2
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x9x9xf32>, %[[W:.*]]: tensor<4x8x3x3xf32>, %[[ACC:.*]]: tensor<1x4x4x4xf32>)
// CHECK: %[[X0:.*]] = linalg.generic {indexing_maps = [#[[EVEN]], {{.*}}]{{.*}} ins(%[[X]] : {{.*}}) outs(%{{.*}} : tensor<1x8x9x5xf32>)
// CHECK: %[[W0:.*]] = linalg.generic {indexing_maps = [#[[EVEN]], {{.*}}]{{.*}} ins(%[[W]] : {{.*}}) outs(%{{.*}} : tensor<4x8x3x2xf32>)
// CHECK: %[[C0:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>} ins(%[[X0]], %[[W0]] : {{.*}}) outs(%[[ACC]] : tensor<1x4x4x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ODD]], {{.*}} outs(%{{.*}} : tensor<1x8x9x4xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[ODD]], {{.*}} outs(%{{.*}} : tensor<4x8x3x1xf32>)
// CHECK: %[[C1:.*]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%[[C0]] : tensor<1x4x4x4xf32>)
// CHECK-NOT: linalg.conv
// CHECK: return %[[C1]]
func.func @stride2(%x: tensor<1x8x9x9xf32>, %w: tensor<4x8x3x3xf32>, %acc: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x9x9xf32>, tensor<4x8x3x3xf32>) outs(%acc : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// Stride 2 with dilation 3 along W: taps 0 and 2 read even columns
// (offsets 0 and 6), tap 1 odd ones (offset 3): a 2-tap convolution with
// dilation 3 and a 1-tap one (whose dilation is moot). H keeps its
// stride 3 and dilation 2.
// CHECK-LABEL: func.func @dilated
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x16x8xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3x2x3x2xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[2, 3]> : tensor<2xi64>, strides = dense<[3, 1]> : tensor<2xi64>}
// CHECK: linalg.generic {indexing_maps = [#[[FROM_3]], {{.*}} outs(%{{.*}} : tensor<1x2x16x5xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<3x2x3x1xf32>)
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[2, 3]> : tensor<2xi64>, strides = dense<[3, 1]> : tensor<2xi64>} {{.*}} tensor<3x2x3x1xf32>
// CHECK-NOT: linalg.conv
func.func @dilated(%x: tensor<1x2x16x16xf32>, %w: tensor<3x2x3x3xf32>, %acc: tensor<1x3x4x5xf32>) -> tensor<1x3x4x5xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<[2, 3]> : tensor<2xi64>, strides = dense<[3, 2]> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x16x16xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x3x4x5xf32>) -> tensor<1x3x4x5xf32>
  return %0 : tensor<1x3x4x5xf32>
}

// A stride along the height alone (the seed's conv2d) is left to the
// convolution.
// CHECK-LABEL: func.func @height_only
// CHECK-NEXT: linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
// CHECK-NOT: linalg.generic
func.func @height_only(%x: tensor<1x2x16x10xf32>, %w: tensor<3x2x3x3xf32>, %acc: tensor<1x3x5x8xf32>) -> tensor<1x3x5x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x16x10xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x3x5x8xf32>) -> tensor<1x3x5x8xf32>
  return %0 : tensor<1x3x5x8xf32>
}

// A grouped convolution's phases take all groups (its width is innermost
// as well): here a depthwise one's, of stride 2.
// CHECK-LABEL: func.func @depthwise_stride2
// CHECK: %[[X0:.*]] = linalg.generic {indexing_maps = [#[[EVEN5]], {{.*}} outs(%{{.*}} : tensor<1x8x1x9x5xf32>)
// CHECK: %[[W0:.*]] = linalg.generic {indexing_maps = [#[[EVEN5]], {{.*}} outs(%{{.*}} : tensor<8x1x1x3x2xf32>)
// CHECK: %[[C0:.*]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>} ins(%[[X0]], %[[W0]] : {{.*}})
// CHECK: %[[C1:.*]] = linalg.conv_2d_ngchw_gfchw {{.*}} outs(%[[C0]] : tensor<1x8x1x4x4xf32>)
// CHECK-NOT: linalg.conv
// CHECK: return %[[C1]]
func.func @depthwise_stride2(%x: tensor<1x8x1x9x9xf32>, %w: tensor<8x1x1x3x3xf32>, %acc: tensor<1x8x1x4x4xf32>) -> tensor<1x8x1x4x4xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x1x9x9xf32>, tensor<8x1x1x3x3xf32>) outs(%acc : tensor<1x8x1x4x4xf32>) -> tensor<1x8x1x4x4xf32>
  return %0 : tensor<1x8x1x4x4xf32>
}

// Of a zero-padded input, each phase gathers the columns it reads of the
// unpadded source and pads them (the padded copy of the whole input is not
// made): stride 2 over 8 columns padded by 1 on each side, phase 0 (taps
// 0 and 2) reads padded columns 0, 2, ..., 8: a zero, then source columns
// 1, 3, 5, 7; phase 1 (tap 1) padded columns 1, 3, 5, 7: source columns 0,
// 2, 4, 6. The rows keep their padding.
// CHECK-LABEL: func.func @padded_input
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x8x8xf32>,
// CHECK: %[[ODD_COLUMNS:.*]] = linalg.generic {indexing_maps = [#[[ODD]], {{.*}} ins(%[[X]] : {{.*}}) outs(%{{.*}} : tensor<1x8x8x4xf32>)
// CHECK: %[[PHASE0:.*]] = tensor.pad %[[ODD_COLUMNS]] low[0, 0, 1, 1] high[0, 0, 1, 0]
// CHECK: tensor<1x8x8x4xf32> to tensor<1x8x10x5xf32>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} ins(%[[PHASE0]],
// CHECK: %[[EVEN_COLUMNS:.*]] = linalg.generic {indexing_maps = [#[[EVEN]], {{.*}} ins(%[[X]] : {{.*}}) outs(%{{.*}} : tensor<1x8x8x4xf32>)
// CHECK: %[[PHASE1:.*]] = tensor.pad %[[EVEN_COLUMNS]] low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: tensor<1x8x8x4xf32> to tensor<1x8x10x4xf32>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} ins(%[[PHASE1]],
// CHECK-NOT: linalg.conv
func.func @padded_input(%x: tensor<1x8x8x8xf32>, %w: tensor<4x8x3x3xf32>, %acc: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x8x8xf32> to tensor<1x8x10x10xf32>
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%p, %w : tensor<1x8x10x10xf32>, tensor<4x8x3x3xf32>) outs(%acc : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// A phase whose last column reads the right padding: 9 columns padded by 1
// on each side, stride 2, 5 outputs. Phase 0 reads padded columns 0, 2,
// ..., 10: a zero, source columns 1, 3, 5, 7, and a zero; phase 1 padded
// columns 1, 3, ..., 9: source columns 0, 2, ..., 8.
// CHECK-LABEL: func.func @right_padding
// CHECK: %[[INNER:.*]] = linalg.generic {indexing_maps = [#[[ODD]], {{.*}} outs(%{{.*}} : tensor<1x2x9x4xf32>)
// CHECK: %[[PHASE0:.*]] = tensor.pad %[[INNER]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: tensor<1x2x9x4xf32> to tensor<1x2x11x6xf32>
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} ins(%[[PHASE0]],
// CHECK: linalg.generic {indexing_maps = [#[[EVEN]], {{.*}} outs(%{{.*}} : tensor<1x2x9x5xf32>)
// CHECK: tensor.pad %{{.*}} low[0, 0, 1, 0] high[0, 0, 1, 0]
func.func @right_padding(%x: tensor<1x2x9x9xf32>, %w: tensor<4x2x3x3xf32>, %acc: tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x9x9xf32> to tensor<1x2x11x11xf32>
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%p, %w : tensor<1x2x11x11xf32>, tensor<4x2x3x3xf32>) outs(%acc : tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
  return %0 : tensor<1x4x5x5xf32>
}

// A depthwise convolution's padded input seen through the expand_shape
// that splits its channels into groups (rows expanded to 1 x H): the
// phases gather from the source expanded alike.
// CHECK-LABEL: func.func @depthwise_padded
// CHECK: %[[SOURCE:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1], [2, 3], [4]] output_shape [1, 8, 1, 8, 8]
// CHECK: %[[INNER:.*]] = linalg.generic {{.*}} ins(%[[SOURCE]] : {{.*}}) outs(%{{.*}} : tensor<1x8x1x8x4xf32>)
// CHECK: %[[PHASE0:.*]] = tensor.pad %[[INNER]] low[0, 0, 0, 1, 1] high[0, 0, 0, 1, 0]
// CHECK: linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[PHASE0]],
func.func @depthwise_padded(%x: tensor<1x8x8x8xf32>, %w: tensor<8x1x1x3x3xf32>, %acc: tensor<1x8x1x4x4xf32>) -> tensor<1x8x1x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x8x8xf32> to tensor<1x8x10x10xf32>
  %e = tensor.expand_shape %p [[0], [1], [2, 3], [4]] output_shape [1, 8, 1, 10, 10] : tensor<1x8x10x10xf32> into tensor<1x8x1x10x10xf32>
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%e, %w : tensor<1x8x1x10x10xf32>, tensor<8x1x1x3x3xf32>) outs(%acc : tensor<1x8x1x4x4xf32>) -> tensor<1x8x1x4x4xf32>
  return %0 : tensor<1x8x1x4x4xf32>
}
