// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.conv2d: the printed form is the input form.

// CHECK-LABEL: func.func @conv2d_0(
// CHECK-NEXT: kiln.conv2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} stride [2, 1] padding [4, 2] dilation [3, 1] : (tensor<20x16x50x100xf32>, tensor<33x16x3x5xf32>, tensor<33xf32>) -> tensor<20x33x26x100xf32>
func.func @conv2d_0(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x5xf32>, %b: tensor<33xf32>) {
  %0 = kiln.conv2d %x, %w, %b stride [2, 1] padding [4, 2] dilation [3, 1] : (tensor<20x16x50x100xf32>, tensor<33x16x3x5xf32>, tensor<33xf32>) -> tensor<20x33x26x100xf32>
  return
}

// CHECK-LABEL: func.func @conv2d_1(
// CHECK-NEXT: kiln.conv2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
func.func @conv2d_1(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  %0 = kiln.conv2d %x, %w : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}

// CHECK-LABEL: func.func @conv2d_2(
// CHECK-NEXT: kiln.conv2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} padding same padding_mode <reflect> : (tensor<20x16x50x100xf32>, tensor<8x16x4x3xf32>) -> tensor<20x8x50x100xf32>
func.func @conv2d_2(%x: tensor<20x16x50x100xf32>, %w: tensor<8x16x4x3xf32>) {
  %0 = kiln.conv2d %x, %w padding same padding_mode <reflect> : (tensor<20x16x50x100xf32>, tensor<8x16x4x3xf32>) -> tensor<20x8x50x100xf32>
  return
}

// CHECK-LABEL: func.func @conv2d_3(
// CHECK-NEXT: kiln.conv2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} padding valid : (tensor<20x16x50x100xf32>, tensor<8x16x4x3xf32>) -> tensor<20x8x47x98xf32>
func.func @conv2d_3(%x: tensor<20x16x50x100xf32>, %w: tensor<8x16x4x3xf32>) {
  %0 = kiln.conv2d %x, %w padding valid : (tensor<20x16x50x100xf32>, tensor<8x16x4x3xf32>) -> tensor<20x8x47x98xf32>
  return
}

// CHECK-LABEL: func.func @conv2d_4(
// CHECK-NEXT: kiln.conv2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} padding [1, 2] groups 4 padding_mode <circular> : (tensor<2x16x9x9xf32>, tensor<32x4x3x3xf32>) -> tensor<2x32x9x11xf32>
func.func @conv2d_4(%x: tensor<2x16x9x9xf32>, %w: tensor<32x4x3x3xf32>) {
  %0 = kiln.conv2d %x, %w padding [1, 2] groups 4 padding_mode <circular> : (tensor<2x16x9x9xf32>, tensor<32x4x3x3xf32>) -> tensor<2x32x9x11xf32>
  return
}

// CHECK-LABEL: func.func @conv2d_5(
// CHECK-NEXT: kiln.conv2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} padding [1, 1] padding_mode <replicate> : (tensor<16x10x12xf32>, tensor<8x16x3x3xf32>) -> tensor<8x10x12xf32>
func.func @conv2d_5(%x: tensor<16x10x12xf32>, %w: tensor<8x16x3x3xf32>) {
  %0 = kiln.conv2d %x, %w padding [1, 1] padding_mode <replicate> : (tensor<16x10x12xf32>, tensor<8x16x3x3xf32>) -> tensor<8x10x12xf32>
  return
}

// CHECK-LABEL: func.func @conv2d_6(
// CHECK-NEXT: kiln.conv2d %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x4x5x5xf64>, tensor<6x4x3x3xf64>) -> tensor<2x6x3x3xf64>
func.func @conv2d_6(%x: tensor<2x4x5x5xf64>, %w: tensor<6x4x3x3xf64>) {
  %0 = kiln.conv2d %x, %w : (tensor<2x4x5x5xf64>, tensor<6x4x3x3xf64>) -> tensor<2x6x3x3xf64>
  return
}
