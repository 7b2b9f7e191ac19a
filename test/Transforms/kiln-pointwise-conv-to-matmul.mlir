// kiln-pointwise-conv-to-matmul: a 1x1 convolution is the GEMM
// out[n, f, p] += w[f, c] x[n, c, p] over the pixels p it reads, on reshaped
// views (of a strided slice, at a stride), its pixels padded to whole
// vectors.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-pointwise-conv-to-matmul))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512},func.func(kiln-pointwise-conv-to-matmul))' | FileCheck %s --check-prefix=AVX512

// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3) -> (d1, d3)>
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// The maps of @channels_last, below.
// AVX512-DAG: #[[NHWC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)>
// AVX512-DAG: #[[NCHW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>
// AVX512-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// AVX512-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// AVX512-DAG: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @pointwise
// CHECK: %[[XF:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0], [1], [2, 3]] : tensor<2x256x56x56xf32> into tensor<2x256x3136xf32>
// CHECK: %[[WF:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2, 3]] : tensor<64x256x1x1xf32> into tensor<64x256xf32>
// CHECK: %[[OF:.*]] = tensor.collapse_shape %{{.*}} : tensor<2x64x56x56xf32> into tensor<2x64x3136xf32>
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[W]], #[[X]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[WF]], %[[XF]] : {{.*}}) outs(%[[OF]] : {{.*}})
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: tensor.expand_shape %[[G]] {{\[\[}}0], [1], [2, 3]] output_shape [2, 64, 56, 56]
// CHECK-NOT: linalg.conv
func.func @pointwise(%x: tensor<2x256x56x56xf32>, %w: tensor<64x256x1x1xf32>, %acc: tensor<2x64x56x56xf32>) -> tensor<2x64x56x56xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<2x256x56x56xf32>, tensor<64x256x1x1xf32>) outs(%acc : tensor<2x64x56x56xf32>) -> tensor<2x64x56x56xf32>
  return %0 : tensor<2x64x56x56xf32>
}

// A 1x1 kernel at stride 2 reads every other pixel of every other row:
// those pixels, a strided slice of the input, are the GEMM's columns.
// CHECK-LABEL: func.func @strided
// CHECK: %[[PIXELS:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 8, 4, 4] [1, 1, 2, 2] : tensor<1x8x8x8xf32> to tensor<1x8x4x4xf32>
// CHECK: %[[XF:.*]] = tensor.collapse_shape %[[PIXELS]] {{\[\[}}0], [1], [2, 3]] : tensor<1x8x4x4xf32> into tensor<1x8x16xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[XF]] : tensor<4x8xf32>, tensor<1x8x16xf32>)
// CHECK-NOT: linalg.conv
func.func @strided(%x: tensor<1x8x8x8xf32>, %w: tensor<4x8x1x1xf32>, %acc: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x8x8xf32>, tensor<4x8x1x1xf32>) outs(%acc : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// Pixels not in whole vectors (a 7 x 7 image's 49) are padded to them (64
// with 16 lanes, 56 with 8) with zero columns, and the GEMM's result sliced
// back to the real ones.
// CHECK-LABEL: func.func @odd_pixels
// CHECK: tensor.pad %{{.*}} low[0, 0, 0] high[0, 0, 7]
// CHECK: tensor<1x32x49xf32> to tensor<1x32x56xf32>
// CHECK: tensor.pad %{{.*}} low[0, 0, 0] high[0, 0, 7]
// CHECK: tensor<1x16x49xf32> to tensor<1x16x56xf32>
// CHECK: %[[G:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x16x56xf32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[G]][0, 0, 0] [1, 16, 49] [1, 1, 1]
// CHECK: tensor.expand_shape %[[S]] {{\[\[}}0], [1], [2, 3]] output_shape [1, 16, 7, 7]
// AVX512-LABEL: func.func @odd_pixels
// AVX512: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x16x64xf32>)
func.func @odd_pixels(%x: tensor<1x32x7x7xf32>, %w: tensor<16x32x1x1xf32>, %acc: tensor<1x16x7x7xf32>) -> tensor<1x16x7x7xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x32x7x7xf32>, tensor<16x32x1x1xf32>) outs(%acc : tensor<1x16x7x7xf32>) -> tensor<1x16x7x7xf32>
  return %0 : tensor<1x16x7x7xf32>
}

// On several images whose pixels are not whole vectors (8 x 49, with 8 or
// 16 lanes), whose output channels are whole register steps, beside a
// depthwise convolution (which kiln-channels-last-conv computes
// channels-last too), the GEMM is channels-last over all samples' pixels:
// the input transposed to NHWC and collapsed to rows, the weight transposed
// to [c, f], the accumulator's fill made anew, the result transposed back.
// CHECK-LABEL: func.func @channels_last
// CHECK-NOT: tensor.pad {{.*}} : tensor<8x160
// CHECK: linalg.transpose ins(%{{.*}} : tensor<960x160xf32>)
// CHECK: outs(%{{.*}} : tensor<392x960xf32>)
// CHECK: linalg.conv_2d_ngchw_gfchw
// AVX512-LABEL: func.func @channels_last
// AVX512: %[[XT:.*]] = linalg.generic {indexing_maps = [#[[NHWC]], {{.*}}]{{.*}} ins(%{{.*}} : tensor<8x160x7x7xf32>) outs(%{{.*}} : tensor<8x7x7x160xf32>)
// AVX512: %[[ROWS:.*]] = tensor.collapse_shape %[[XT]] {{\[\[}}0, 1, 2], [3]] : tensor<8x7x7x160xf32> into tensor<392x160xf32>
// AVX512: %[[WT:.*]] = linalg.transpose ins(%{{.*}} : tensor<960x160xf32>) outs(%{{.*}} : tensor<160x960xf32>) permutation = [1, 0]
// AVX512: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<392x960xf32>)
// AVX512: %[[G:.*]] = linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[C]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[ROWS]], %[[WT]] : {{.*}}) outs(%[[ACC]] : tensor<392x960xf32>)
// AVX512: %[[OUT:.*]] = tensor.expand_shape %[[G]] {{\[\[}}0, 1, 2], [3]] output_shape [8, 7, 7, 960]
// AVX512: %[[BACK:.*]] = linalg.generic {indexing_maps = [#[[NCHW]], {{.*}}]{{.*}} ins(%[[OUT]] : tensor<8x7x7x960xf32>) outs(%{{.*}} : tensor<8x960x7x7xf32>)
// AVX512: tensor.pad %[[BACK]] low[0, 0, 1, 1] high[0, 0, 1, 1]
func.func @channels_last(%x: tensor<8x160x7x7xf32>, %w: tensor<960x160x1x1xf32>, %dw: tensor<960x1x1x3x3xf32>, %acc2: tensor<8x960x1x7x7xf32>) -> tensor<8x960x1x7x7xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<8x960x7x7xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<8x960x7x7xf32>) -> tensor<8x960x7x7xf32>
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<8x160x7x7xf32>, tensor<960x160x1x1xf32>) outs(%acc : tensor<8x960x7x7xf32>) -> tensor<8x960x7x7xf32>
  %1 = tensor.pad %0 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<8x960x7x7xf32> to tensor<8x960x9x9xf32>
  %2 = tensor.expand_shape %1 [[0], [1], [2, 3], [4]] output_shape [8, 960, 1, 9, 9] : tensor<8x960x9x9xf32> into tensor<8x960x1x9x9xf32>
  %3 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%2, %dw : tensor<8x960x1x9x9xf32>, tensor<960x1x1x3x3xf32>) outs(%acc2 : tensor<8x960x1x7x7xf32>) -> tensor<8x960x1x7x7xf32>
  return %3 : tensor<8x960x1x7x7xf32>
}

// The same convolution with no depthwise convolution beside it keeps NCHW
// (its pixels padded to whole vectors with 16 lanes): transposes to and
// from the convolutions around it would cost more than the GEMM saves.
// AVX512-LABEL: func.func @no_depthwise_beside
// AVX512: tensor.pad %{{.*}} low[0, 0, 0] high[0, 0, 15]
// AVX512: linalg.generic {{.*}} ins(%{{.*}} : tensor<960x160xf32>, tensor<8x160x64xf32>)
// AVX512-NOT: linalg.transpose
func.func @no_depthwise_beside(%x: tensor<8x160x7x7xf32>, %w: tensor<960x160x1x1xf32>, %acc: tensor<8x960x7x7xf32>) -> tensor<8x960x7x7xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<8x160x7x7xf32>, tensor<960x160x1x1xf32>) outs(%acc : tensor<8x960x7x7xf32>) -> tensor<8x960x7x7xf32>
  return %0 : tensor<8x960x7x7xf32>
}
