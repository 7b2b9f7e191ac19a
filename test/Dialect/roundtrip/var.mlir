// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.var: the printed form is the input form.

// CHECK-LABEL: func.func @var_0(
// CHECK-NEXT: kiln.var %{{[a-z0-9_]+}} dim [1] keepdim true : (tensor<4x4xf32>) -> tensor<4x1xf32>
func.func @var_0(%x: tensor<4x4xf32>) {
  %0 = kiln.var %x dim [1] keepdim true : (tensor<4x4xf32>) -> tensor<4x1xf32>
  return
}

// CHECK-LABEL: func.func @var_1(
// CHECK-NEXT: kiln.var %{{[a-z0-9_]+}} correction 0 : (tensor<4x4xf32>) -> tensor<f32>
func.func @var_1(%x: tensor<4x4xf32>) {
  %0 = kiln.var %x correction 0 : (tensor<4x4xf32>) -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @var_2(
// CHECK-NEXT: kiln.var %{{[a-z0-9_]+}} dim [0, 2] correction 2 : (tensor<4x5x6xf32>) -> tensor<5xf32>
func.func @var_2(%x: tensor<4x5x6xf32>) {
  %0 = kiln.var %x dim [0, 2] correction 2 : (tensor<4x5x6xf32>) -> tensor<5xf32>
  return
}
