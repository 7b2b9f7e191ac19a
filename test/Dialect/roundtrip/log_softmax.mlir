// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.log_softmax: the printed form is the input form.

// CHECK-LABEL: func.func @log_softmax_0(
// CHECK-NEXT: kiln.log_softmax %{{[a-z0-9_]+}} dim 0 : tensor<2x3x4xf32>
func.func @log_softmax_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.log_softmax %x dim 0 : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @log_softmax_1(
// CHECK-NEXT: kiln.log_softmax %{{[a-z0-9_]+}} dim -1 : tensor<5xf32>
func.func @log_softmax_1(%x: tensor<5xf32>) {
  %0 = kiln.log_softmax %x dim -1 : tensor<5xf32>
  return
}
