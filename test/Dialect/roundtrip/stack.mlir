// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.stack: the printed form is the input form.

// CHECK-LABEL: func.func @stack_0(
// CHECK-NEXT: kiln.stack %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} dim 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
func.func @stack_0(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  %0 = kiln.stack %a, %b dim 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return
}

// CHECK-LABEL: func.func @stack_1(
// CHECK-NEXT: kiln.stack %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} dim -1 : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3x3xf32>
func.func @stack_1(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x3xf32>) {
  %0 = kiln.stack %a, %b, %c dim -1 : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3x3xf32>
  return
}

// CHECK-LABEL: func.func @stack_2(
// CHECK-NEXT: kiln.stack %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
func.func @stack_2(%a: tensor<f32>, %b: tensor<f32>) {
  %0 = kiln.stack %a, %b : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return
}
