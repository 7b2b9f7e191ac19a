// kiln-pad-conv-width: output rows of 28 columns become 32 (whole 16-lane
// vectors): 4 zero columns on the input and the accumulator, a slice of
// the real 28 after. Rows of 32, or too short to pad cheaply, stay.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512},func.func(kiln-pad-conv-width))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell},func.func(kiln-pad-conv-width))' | FileCheck %s --check-prefix=AVX2

// CHECK-LABEL: func.func @odd
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x30x30xf32>, %[[W:.*]]: tensor<4x8x3x3xf32>, %[[ACC:.*]]: tensor<1x4x28x28xf32>)
// CHECK: %[[XP:.*]] = tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 0, 0, 4]
// CHECK: tensor<1x8x30x30xf32> to tensor<1x8x30x34xf32>
// CHECK: %[[AP:.*]] = tensor.pad %[[ACC]] low[0, 0, 0, 0] high[0, 0, 0, 4]
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[XP]], %[[W]] : {{.*}}) outs(%[[AP]] : tensor<1x4x28x32xf32>)
// CHECK: %[[S:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 4, 28, 28] [1, 1, 1, 1]
// CHECK: return %[[S]]
// With 8 lanes, 28 columns are 3.5 vectors: padding to 32 wastes 1/7.
// AVX2-LABEL: func.func @odd
// AVX2: tensor<1x4x28x32xf32>
func.func @odd(%x: tensor<1x8x30x30xf32>, %w: tensor<4x8x3x3xf32>, %acc: tensor<1x4x28x28xf32>) -> tensor<1x4x28x28xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x30x30xf32>, tensor<4x8x3x3xf32>) outs(%acc : tensor<1x4x28x28xf32>) -> tensor<1x4x28x28xf32>
  return %0 : tensor<1x4x28x28xf32>
}

// CHECK-LABEL: func.func @whole
// CHECK-NOT: tensor.pad
// CHECK: linalg.conv_2d_nchw_fchw {{.*}} outs(%{{.*}} : tensor<1x4x32x32xf32>)
func.func @whole(%x: tensor<1x8x34x34xf32>, %w: tensor<4x8x3x3xf32>, %acc: tensor<1x4x32x32xf32>) -> tensor<1x4x32x32xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x34x34xf32>, tensor<4x8x3x3xf32>) outs(%acc : tensor<1x4x32x32xf32>) -> tensor<1x4x32x32xf32>
  return %0 : tensor<1x4x32x32xf32>
}

// 5 columns would be a third of a vector: left alone.
// CHECK-LABEL: func.func @short
// CHECK-NOT: tensor.pad
func.func @short(%x: tensor<1x8x7x7xf32>, %w: tensor<4x8x3x3xf32>, %acc: tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x7x7xf32>, tensor<4x8x3x3xf32>) outs(%acc : tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
  return %0 : tensor<1x4x5x5xf32>
}

// A depthwise convolution (grouped, one channel per group) pads its rows
// the same way: its width is innermost in its input and result as well.
// CHECK-LABEL: func.func @depthwise
// CHECK: tensor.pad %{{.*}} low[0, 0, 0, 0, 0] high[0, 0, 0, 0, 4]
// CHECK: tensor<1x8x1x30x30xf32> to tensor<1x8x1x30x34xf32>
// CHECK: %[[C:.*]] = linalg.conv_2d_ngchw_gfchw {{.*}} outs(%{{.*}} : tensor<1x8x1x28x32xf32>)
// CHECK: tensor.extract_slice %[[C]][0, 0, 0, 0, 0] [1, 8, 1, 28, 28] [1, 1, 1, 1, 1]
func.func @depthwise(%x: tensor<1x8x1x30x30xf32>, %w: tensor<8x1x1x3x3xf32>, %acc: tensor<1x8x1x28x28xf32>) -> tensor<1x8x1x28x28xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x1x30x30xf32>, tensor<8x1x1x3x3xf32>) outs(%acc : tensor<1x8x1x28x28xf32>) -> tensor<1x8x1x28x28xf32>
  return %0 : tensor<1x8x1x28x28xf32>
}

// An accumulator that is the leading columns of wide rows already (the
// result of a convolution padded the same way: a strided convolution's
// phases accumulate into each other) is taken wide as it is, not sliced
// and padded again; its extra columns are sliced off in the end.
// CHECK-LABEL: func.func @wide_accumulator
// CHECK-SAME: %[[WIDE:[^:]*]]: tensor<1x4x28x32xf32>
// CHECK: %[[C:.*]] = linalg.conv_2d_nchw_fchw {{.*}} outs(%[[WIDE]] : tensor<1x4x28x32xf32>)
// CHECK: tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 4, 28, 28] [1, 1, 1, 1]
func.func @wide_accumulator(%x: tensor<1x8x30x30xf32>, %w: tensor<4x8x3x3xf32>, %wide: tensor<1x4x28x32xf32>) -> tensor<1x4x28x28xf32> {
  %acc = tensor.extract_slice %wide[0, 0, 0, 0] [1, 4, 28, 28] [1, 1, 1, 1] : tensor<1x4x28x32xf32> to tensor<1x4x28x28xf32>
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x8x30x30xf32>, tensor<4x8x3x3xf32>) outs(%acc : tensor<1x4x28x28xf32>) -> tensor<1x4x28x28xf32>
  return %0 : tensor<1x4x28x28xf32>
}
