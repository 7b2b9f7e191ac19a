// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.neg: the printed form is the input form.

// CHECK-LABEL: func.func @neg_0(
// CHECK-NEXT: kiln.neg %{{[a-z0-9_]+}} : tensor<2x3x4xf32>
func.func @neg_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.neg %x : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @neg_1(
// CHECK-NEXT: kiln.neg %{{[a-z0-9_]+}} : tensor<7xf64>
func.func @neg_1(%x: tensor<7xf64>) {
  %0 = kiln.neg %x : tensor<7xf64>
  return
}

// CHECK-LABEL: func.func @neg_2(
// CHECK-NEXT: kiln.neg %{{[a-z0-9_]+}} : tensor<f16>
func.func @neg_2(%x: tensor<f16>) {
  %0 = kiln.neg %x : tensor<f16>
  return
}
