// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.squeeze: the printed form is the input form.

// CHECK-LABEL: func.func @squeeze_0(
// CHECK-NEXT: kiln.squeeze %{{[a-z0-9_]+}} : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
func.func @squeeze_0(%x: tensor<1x3x1x4xf32>) {
  %0 = kiln.squeeze %x : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
  return
}

// CHECK-LABEL: func.func @squeeze_1(
// CHECK-NEXT: kiln.squeeze %{{[a-z0-9_]+}} dim [1] : (tensor<1x3x1x4xf32>) -> tensor<1x3x1x4xf32>
func.func @squeeze_1(%x: tensor<1x3x1x4xf32>) {
  %0 = kiln.squeeze %x dim [1] : (tensor<1x3x1x4xf32>) -> tensor<1x3x1x4xf32>
  return
}

// CHECK-LABEL: func.func @squeeze_2(
// CHECK-NEXT: kiln.squeeze %{{[a-z0-9_]+}} dim [-2, 0] : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
func.func @squeeze_2(%x: tensor<1x3x1x4xf32>) {
  %0 = kiln.squeeze %x dim [-2, 0] : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
  return
}
