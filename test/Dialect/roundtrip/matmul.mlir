// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.matmul: the printed form is the input form.

// CHECK-LABEL: func.func @matmul_0(
// CHECK-NEXT: kiln.matmul %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<10x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
func.func @matmul_0(%a: tensor<10x3x4xf32>, %b: tensor<10x4x5xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<10x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return
}

// CHECK-LABEL: func.func @matmul_1(
// CHECK-NEXT: kiln.matmul %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
func.func @matmul_1(%a: tensor<3xf32>, %b: tensor<3xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @matmul_2(
// CHECK-NEXT: kiln.matmul %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
func.func @matmul_2(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}

// CHECK-LABEL: func.func @matmul_3(
// CHECK-NEXT: kiln.matmul %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
func.func @matmul_3(%a: tensor<3xf32>, %b: tensor<3x4xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @matmul_4(
// CHECK-NEXT: kiln.matmul %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<10x1x3x4xf32>, tensor<5x4x2xf32>) -> tensor<10x5x3x2xf32>
func.func @matmul_4(%a: tensor<10x1x3x4xf32>, %b: tensor<5x4x2xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<10x1x3x4xf32>, tensor<5x4x2xf32>) -> tensor<10x5x3x2xf32>
  return
}

// CHECK-LABEL: func.func @matmul_5(
// CHECK-NEXT: kiln.matmul %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<4xf32>, tensor<7x4x5xf32>) -> tensor<7x5xf32>
func.func @matmul_5(%a: tensor<4xf32>, %b: tensor<7x4x5xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<4xf32>, tensor<7x4x5xf32>) -> tensor<7x5xf32>
  return
}
