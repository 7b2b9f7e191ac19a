// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.mm: the printed form is the input form.

// CHECK-LABEL: func.func @mm_0(
// CHECK-NEXT: kiln.mm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
func.func @mm_0(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  %0 = kiln.mm %a, %b : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return
}
