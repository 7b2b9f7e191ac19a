// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.adaptive_avg_pool2d: the printed form is the input form.

// CHECK-LABEL: func.func @adaptive_avg_pool2d_0(
// CHECK-NEXT: kiln.adaptive_avg_pool2d %{{[a-z0-9_]+}} output_size [5, 7] : (tensor<1x64x8x9xf32>) -> tensor<1x64x5x7xf32>
func.func @adaptive_avg_pool2d_0(%x: tensor<1x64x8x9xf32>) {
  %0 = kiln.adaptive_avg_pool2d %x output_size [5, 7] : (tensor<1x64x8x9xf32>) -> tensor<1x64x5x7xf32>
  return
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d_1(
// CHECK-NEXT: kiln.adaptive_avg_pool2d %{{[a-z0-9_]+}} output_size [7, 7] : (tensor<1x64x10x9xf32>) -> tensor<1x64x7x7xf32>
func.func @adaptive_avg_pool2d_1(%x: tensor<1x64x10x9xf32>) {
  %0 = kiln.adaptive_avg_pool2d %x output_size [7, 7] : (tensor<1x64x10x9xf32>) -> tensor<1x64x7x7xf32>
  return
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d_2(
// CHECK-NEXT: kiln.adaptive_avg_pool2d %{{[a-z0-9_]+}} output_size [-1, 7] : (tensor<1x64x10x9xf32>) -> tensor<1x64x10x7xf32>
func.func @adaptive_avg_pool2d_2(%x: tensor<1x64x10x9xf32>) {
  %0 = kiln.adaptive_avg_pool2d %x output_size [-1, 7] : (tensor<1x64x10x9xf32>) -> tensor<1x64x10x7xf32>
  return
}

// CHECK-LABEL: func.func @adaptive_avg_pool2d_3(
// CHECK-NEXT: kiln.adaptive_avg_pool2d %{{[a-z0-9_]+}} output_size [1, 1] : (tensor<8x2048x7x7xf32>) -> tensor<8x2048x1x1xf32>
func.func @adaptive_avg_pool2d_3(%x: tensor<8x2048x7x7xf32>) {
  %0 = kiln.adaptive_avg_pool2d %x output_size [1, 1] : (tensor<8x2048x7x7xf32>) -> tensor<8x2048x1x1xf32>
  return
}
