// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.dropout: the printed form is the input form.

// CHECK-LABEL: func.func @dropout_0(
// CHECK-NEXT: kiln.dropout %{{[a-z0-9_]+}} : tensor<20x16xf32>
func.func @dropout_0(%x: tensor<20x16xf32>) {
  %0 = kiln.dropout %x : tensor<20x16xf32>
  return
}

// CHECK-LABEL: func.func @dropout_1(
// CHECK-NEXT: kiln.dropout %{{[a-z0-9_]+}} p 2.000000e-01 seed 42 : tensor<20x16xf32>
func.func @dropout_1(%x: tensor<20x16xf32>) {
  %0 = kiln.dropout %x p 2.000000e-01 seed 42 : tensor<20x16xf32>
  return
}

// CHECK-LABEL: func.func @dropout_2(
// CHECK-NEXT: kiln.dropout %{{[a-z0-9_]+}} training false : tensor<20x16xf64>
func.func @dropout_2(%x: tensor<20x16xf64>) {
  %0 = kiln.dropout %x training false : tensor<20x16xf64>
  return
}
