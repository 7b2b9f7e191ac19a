// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.softmax: the printed form is the input form.

// CHECK-LABEL: func.func @softmax_0(
// CHECK-NEXT: kiln.softmax %{{[a-z0-9_]+}} dim 1 : tensor<2x3x4xf32>
func.func @softmax_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.softmax %x dim 1 : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @softmax_1(
// CHECK-NEXT: kiln.softmax %{{[a-z0-9_]+}} dim -1 : tensor<5xf64>
func.func @softmax_1(%x: tensor<5xf64>) {
  %0 = kiln.softmax %x dim -1 : tensor<5xf64>
  return
}

// CHECK-LABEL: func.func @softmax_2(
// CHECK-NEXT: kiln.softmax %{{[a-z0-9_]+}} dim 0 : tensor<f32>
func.func @softmax_2(%x: tensor<f32>) {
  %0 = kiln.softmax %x dim 0 : tensor<f32>
  return
}
