// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.unsqueeze: the printed form is the input form.

// CHECK-LABEL: func.func @unsqueeze_0(
// CHECK-NEXT: kiln.unsqueeze %{{[a-z0-9_]+}}, 0 : (tensor<3x4xf32>) -> tensor<1x3x4xf32>
func.func @unsqueeze_0(%x: tensor<3x4xf32>) {
  %0 = kiln.unsqueeze %x, 0 : (tensor<3x4xf32>) -> tensor<1x3x4xf32>
  return
}

// CHECK-LABEL: func.func @unsqueeze_1(
// CHECK-NEXT: kiln.unsqueeze %{{[a-z0-9_]+}}, -1 : (tensor<3x4xf32>) -> tensor<3x4x1xf32>
func.func @unsqueeze_1(%x: tensor<3x4xf32>) {
  %0 = kiln.unsqueeze %x, -1 : (tensor<3x4xf32>) -> tensor<3x4x1xf32>
  return
}

// CHECK-LABEL: func.func @unsqueeze_2(
// CHECK-NEXT: kiln.unsqueeze %{{[a-z0-9_]+}}, 0 : (tensor<f32>) -> tensor<1xf32>
func.func @unsqueeze_2(%x: tensor<f32>) {
  %0 = kiln.unsqueeze %x, 0 : (tensor<f32>) -> tensor<1xf32>
  return
}
