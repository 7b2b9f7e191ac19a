// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.cat: the printed form is the input form.

// CHECK-LABEL: func.func @cat_0(
// CHECK-NEXT: kiln.cat %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
func.func @cat_0(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x3xf32>) {
  %0 = kiln.cat %a, %b, %c : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
  return
}

// CHECK-LABEL: func.func @cat_1(
// CHECK-NEXT: kiln.cat %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} dim 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
func.func @cat_1(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>) {
  %0 = kiln.cat %a, %b dim 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  return
}

// CHECK-LABEL: func.func @cat_2(
// CHECK-NEXT: kiln.cat %{{[a-z0-9_]+}} dim -1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
func.func @cat_2(%a: tensor<2x3xf32>) {
  %0 = kiln.cat %a dim -1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}
