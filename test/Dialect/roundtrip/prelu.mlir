// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.prelu: the printed form is the input form.

// CHECK-LABEL: func.func @prelu_0(
// CHECK-NEXT: kiln.prelu %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x5x4xf32>, tensor<1xf32>) -> tensor<2x5x4xf32>
func.func @prelu_0(%x: tensor<2x5x4xf32>, %w: tensor<1xf32>) {
  %0 = kiln.prelu %x, %w : (tensor<2x5x4xf32>, tensor<1xf32>) -> tensor<2x5x4xf32>
  return
}

// CHECK-LABEL: func.func @prelu_1(
// CHECK-NEXT: kiln.prelu %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x5x4xf32>, tensor<5xf32>) -> tensor<2x5x4xf32>
func.func @prelu_1(%x: tensor<2x5x4xf32>, %w: tensor<5xf32>) {
  %0 = kiln.prelu %x, %w : (tensor<2x5x4xf32>, tensor<5xf32>) -> tensor<2x5x4xf32>
  return
}

// CHECK-LABEL: func.func @prelu_2(
// CHECK-NEXT: kiln.prelu %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<7xf32>, tensor<f32>) -> tensor<7xf32>
func.func @prelu_2(%x: tensor<7xf32>, %w: tensor<f32>) {
  %0 = kiln.prelu %x, %w : (tensor<7xf32>, tensor<f32>) -> tensor<7xf32>
  return
}
