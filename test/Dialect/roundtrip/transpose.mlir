// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.transpose: the printed form is the input form.

// CHECK-LABEL: func.func @transpose_0(
// CHECK-NEXT: kiln.transpose %{{[a-z0-9_]+}}, 0, 1 : (tensor<2x3xf32>) -> tensor<3x2xf32>
func.func @transpose_0(%x: tensor<2x3xf32>) {
  %0 = kiln.transpose %x, 0, 1 : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

// CHECK-LABEL: func.func @transpose_1(
// CHECK-NEXT: kiln.transpose %{{[a-z0-9_]+}}, 1, -1 : (tensor<1x2x3x4xf32>) -> tensor<1x4x3x2xf32>
func.func @transpose_1(%x: tensor<1x2x3x4xf32>) {
  %0 = kiln.transpose %x, 1, -1 : (tensor<1x2x3x4xf32>) -> tensor<1x4x3x2xf32>
  return
}

// CHECK-LABEL: func.func @transpose_2(
// CHECK-NEXT: kiln.transpose %{{[a-z0-9_]+}}, 0, -1 : (tensor<f32>) -> tensor<f32>
func.func @transpose_2(%x: tensor<f32>) {
  %0 = kiln.transpose %x, 0, -1 : (tensor<f32>) -> tensor<f32>
  return
}
