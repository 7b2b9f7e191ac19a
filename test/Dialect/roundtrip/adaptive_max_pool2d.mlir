// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.adaptive_max_pool2d: the printed form is the input form.

// CHECK-LABEL: func.func @adaptive_max_pool2d_0(
// CHECK-NEXT: kiln.adaptive_max_pool2d %{{[a-z0-9_]+}} output_size [5, 7] : (tensor<1x64x8x9xf32>) -> tensor<1x64x5x7xf32>
func.func @adaptive_max_pool2d_0(%x: tensor<1x64x8x9xf32>) {
  %0 = kiln.adaptive_max_pool2d %x output_size [5, 7] : (tensor<1x64x8x9xf32>) -> tensor<1x64x5x7xf32>
  return
}

// CHECK-LABEL: func.func @adaptive_max_pool2d_1(
// CHECK-NEXT: kiln.adaptive_max_pool2d %{{[a-z0-9_]+}} output_size [4, -1] return_indices true : (tensor<3x10x9xf32>) -> (tensor<3x4x9xf32>, tensor<3x4x9xi64>)
func.func @adaptive_max_pool2d_1(%x: tensor<3x10x9xf32>) {
  %0:2 = kiln.adaptive_max_pool2d %x output_size [4, -1] return_indices true : (tensor<3x10x9xf32>) -> (tensor<3x4x9xf32>, tensor<3x4x9xi64>)
  return
}
