// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// conv2d: zero padding by tensor.pad, linalg.conv_2d_nchw_fchw with torch's
// stride and dilation, the bias added along dim 1.
// CHECK-LABEL: func.func @conv2d_seed
// CHECK: tensor.pad %{{.*}} low[0, 0, 4, 2] high[0, 0, 4, 2]
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
// CHECK-SAME: ins(%{{.*}}, %{{.*}} : tensor<20x16x58x104xf32>, tensor<33x16x3x5xf32>) outs(%{{.*}} : tensor<20x33x26x100xf32>)
// CHECK: linalg.generic
// CHECK: arith.addf
func.func @conv2d_seed(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x5xf32>, %b: tensor<33xf32>) -> tensor<20x33x26x100xf32> {
  %0 = kiln.conv2d %x, %w, %b stride [2, 1] padding [4, 2] dilation [3, 1]
      : (tensor<20x16x50x100xf32>, tensor<33x16x3x5xf32>, tensor<33xf32>) -> tensor<20x33x26x100xf32>
  return %0 : tensor<20x33x26x100xf32>
}

// -----

// Groups: input, weight and output viewed per group, the grouped named op.
// CHECK-LABEL: func.func @conv2d_groups
// CHECK: tensor.expand_shape {{.*}} into tensor<2x4x4x9x9xf32>
// CHECK: tensor.expand_shape {{.*}} into tensor<4x8x4x3x3xf32>
// CHECK: linalg.conv_2d_ngchw_gfchw
// CHECK: tensor.collapse_shape {{.*}} into tensor<2x32x7x7xf32>
func.func @conv2d_groups(%x: tensor<2x16x9x9xf32>, %w: tensor<32x4x3x3xf32>) -> tensor<2x32x7x7xf32> {
  %0 = kiln.conv2d %x, %w groups 4 : (tensor<2x16x9x9xf32>, tensor<32x4x3x3xf32>) -> tensor<2x32x7x7xf32>
  return %0 : tensor<2x32x7x7xf32>
}

// -----

// Reflect padding maps each padded index back into the input.
// CHECK-LABEL: func.func @conv2d_reflect
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x2x7x8xf32>)
// CHECK: arith.cmpi slt
// CHECK: tensor.extract
// CHECK: linalg.conv_2d_nchw_fchw
func.func @conv2d_reflect(%x: tensor<1x2x5x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x5x6xf32> {
  %0 = kiln.conv2d %x, %w padding [1, 2] padding_mode <reflect>
      : (tensor<1x2x5x4xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x5x6xf32>
  return %0 : tensor<1x3x5x6xf32>
}

// -----

// conv_transpose2d: the kernel flipped and regrouped, the input spread by the
// stride into a zero canvas padded by d·(k-1) - p (+ output_padding), then a
// stride-1 convolution.
// CHECK-DAG: #[[FLIP:.*]] = affine_map<(d0, d1, d2, d3) -> ((d0 floordiv 16) * 16 + d1, d0 mod 16, -d2 + 2, -d3 + 2)>
// CHECK-LABEL: func.func @conv_transpose2d
// CHECK: linalg.generic {indexing_maps = [#[[FLIP]], #{{.*}}]
// CHECK: %[[CANVAS:.*]] = linalg.fill {{.*}} -> tensor<1x16x14x14xf32>
// CHECK: tensor.insert_slice %{{.*}} into %[[CANVAS]][0, 0, 1, 1] [1, 16, 6, 6] [1, 1, 2, 2]
// CHECK: linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
func.func @conv_transpose2d(%x: tensor<1x16x6x6xf32>, %w: tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32> {
  %0 = kiln.conv_transpose2d %x, %w stride [2, 2] padding [1, 1] output_size [1, 16, 12, 12]
      : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32>
  return %0 : tensor<1x16x12x12xf32>
}
