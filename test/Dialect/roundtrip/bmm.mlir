// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.bmm: the printed form is the input form.

// CHECK-LABEL: func.func @bmm_0(
// CHECK-NEXT: kiln.bmm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<10x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
func.func @bmm_0(%a: tensor<10x3x4xf32>, %b: tensor<10x4x5xf32>) {
  %0 = kiln.bmm %a, %b : (tensor<10x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return
}
