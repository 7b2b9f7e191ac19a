// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.max_pool2d: the printed form is the input form.

// CHECK-LABEL: func.func @max_pool2d_0(
// CHECK-NEXT: kiln.max_pool2d %{{[a-z0-9_]+}} kernel_size [3, 3] stride [2, 2] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x15xf32>
func.func @max_pool2d_0(%x: tensor<20x16x50x32xf32>) {
  %0 = kiln.max_pool2d %x kernel_size [3, 3] stride [2, 2] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x15xf32>
  return
}

// CHECK-LABEL: func.func @max_pool2d_1(
// CHECK-NEXT: kiln.max_pool2d %{{[a-z0-9_]+}} kernel_size [3, 2] stride [2, 1] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x31xf32>
func.func @max_pool2d_1(%x: tensor<20x16x50x32xf32>) {
  %0 = kiln.max_pool2d %x kernel_size [3, 2] stride [2, 1] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x31xf32>
  return
}

// CHECK-LABEL: func.func @max_pool2d_2(
// CHECK-NEXT: kiln.max_pool2d %{{[a-z0-9_]+}} kernel_size [2, 3] : (tensor<2x3x9x10xf32>) -> tensor<2x3x4x3xf32>
func.func @max_pool2d_2(%x: tensor<2x3x9x10xf32>) {
  %0 = kiln.max_pool2d %x kernel_size [2, 3] : (tensor<2x3x9x10xf32>) -> tensor<2x3x4x3xf32>
  return
}

// CHECK-LABEL: func.func @max_pool2d_3(
// CHECK-NEXT: kiln.max_pool2d %{{[a-z0-9_]+}} kernel_size [3, 3] stride [2, 2] padding [1, 1] dilation [2, 2] ceil_mode true : (tensor<2x3x10x11xf32>) -> tensor<2x3x5x5xf32>
func.func @max_pool2d_3(%x: tensor<2x3x10x11xf32>) {
  %0 = kiln.max_pool2d %x kernel_size [3, 3] stride [2, 2] padding [1, 1] dilation [2, 2] ceil_mode true : (tensor<2x3x10x11xf32>) -> tensor<2x3x5x5xf32>
  return
}

// CHECK-LABEL: func.func @max_pool2d_4(
// CHECK-NEXT: kiln.max_pool2d %{{[a-z0-9_]+}} kernel_size [2, 2] return_indices true : (tensor<16x12x12xf32>) -> (tensor<16x6x6xf32>, tensor<16x6x6xi64>)
func.func @max_pool2d_4(%x: tensor<16x12x12xf32>) {
  %0:2 = kiln.max_pool2d %x kernel_size [2, 2] return_indices true : (tensor<16x12x12xf32>) -> (tensor<16x6x6xf32>, tensor<16x6x6xi64>)
  return
}
