// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.conv_transpose2d: the printed form is the input form.

// CHECK-LABEL: func.func @conv_transpose2d_0(
// CHECK-NEXT: kiln.conv_transpose2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} stride [2, 2] : (tensor<20x16x50x100xf32>, tensor<16x33x3x3xf32>, tensor<33xf32>) -> tensor<20x33x101x201xf32>
func.func @conv_transpose2d_0(%x: tensor<20x16x50x100xf32>, %w: tensor<16x33x3x3xf32>, %b: tensor<33xf32>) {
  %0 = kiln.conv_transpose2d %x, %w, %b stride [2, 2] : (tensor<20x16x50x100xf32>, tensor<16x33x3x3xf32>, tensor<33xf32>) -> tensor<20x33x101x201xf32>
  return
}

// CHECK-LABEL: func.func @conv_transpose2d_1(
// CHECK-NEXT: kiln.conv_transpose2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} stride [2, 1] padding [4, 2] : (tensor<20x16x50x100xf32>, tensor<16x33x3x5xf32>, tensor<33xf32>) -> tensor<20x33x93x100xf32>
func.func @conv_transpose2d_1(%x: tensor<20x16x50x100xf32>, %w: tensor<16x33x3x5xf32>, %b: tensor<33xf32>) {
  %0 = kiln.conv_transpose2d %x, %w, %b stride [2, 1] padding [4, 2] : (tensor<20x16x50x100xf32>, tensor<16x33x3x5xf32>, tensor<33xf32>) -> tensor<20x33x93x100xf32>
  return
}

// CHECK-LABEL: func.func @conv_transpose2d_2(
// CHECK-NEXT: kiln.conv_transpose2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} stride [2, 2] padding [1, 1] output_size [1, 16, 12, 12] : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32>
func.func @conv_transpose2d_2(%x: tensor<1x16x6x6xf32>, %w: tensor<16x16x3x3xf32>) {
  %0 = kiln.conv_transpose2d %x, %w stride [2, 2] padding [1, 1] output_size [1, 16, 12, 12] : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32>
  return
}

// CHECK-LABEL: func.func @conv_transpose2d_3(
// CHECK-NEXT: kiln.conv_transpose2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} stride [2, 3] output_padding [1, 2] : (tensor<2x4x5x6xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x12x20xf32>
func.func @conv_transpose2d_3(%x: tensor<2x4x5x6xf32>, %w: tensor<4x3x3x3xf32>) {
  %0 = kiln.conv_transpose2d %x, %w stride [2, 3] output_padding [1, 2] : (tensor<2x4x5x6xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x12x20xf32>
  return
}

// CHECK-LABEL: func.func @conv_transpose2d_4(
// CHECK-NEXT: kiln.conv_transpose2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} padding [1, 1] groups 3 dilation [2, 2] : (tensor<2x6x5x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<2x6x7x7xf32>
func.func @conv_transpose2d_4(%x: tensor<2x6x5x5xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) {
  %0 = kiln.conv_transpose2d %x, %w, %b padding [1, 1] groups 3 dilation [2, 2] : (tensor<2x6x5x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<2x6x7x7xf32>
  return
}

// CHECK-LABEL: func.func @conv_transpose2d_5(
// CHECK-NEXT: kiln.conv_transpose2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} stride [2, 2] padding [1, 1] output_size [11, 12] : (tensor<16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<16x11x12xf32>
func.func @conv_transpose2d_5(%x: tensor<16x6x6xf32>, %w: tensor<16x16x3x3xf32>) {
  %0 = kiln.conv_transpose2d %x, %w stride [2, 2] padding [1, 1] output_size [11, 12] : (tensor<16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<16x11x12xf32>
  return
}
