// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.mean: the printed form is the input form.

// CHECK-LABEL: func.func @mean_0(
// CHECK-NEXT: kiln.mean %{{[a-z0-9_]+}} dim [1] : (tensor<4x4xf32>) -> tensor<4xf32>
func.func @mean_0(%x: tensor<4x4xf32>) {
  %0 = kiln.mean %x dim [1] : (tensor<4x4xf32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @mean_1(
// CHECK-NEXT: kiln.mean %{{[a-z0-9_]+}} dim [2, 1] : (tensor<4x5x6xf32>) -> tensor<4xf32>
func.func @mean_1(%x: tensor<4x5x6xf32>) {
  %0 = kiln.mean %x dim [2, 1] : (tensor<4x5x6xf32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @mean_2(
// CHECK-NEXT: kiln.mean %{{[a-z0-9_]+}} dim [-1] keepdim true : (tensor<4x5x6xf32>) -> tensor<4x5x1xf32>
func.func @mean_2(%x: tensor<4x5x6xf32>) {
  %0 = kiln.mean %x dim [-1] keepdim true : (tensor<4x5x6xf32>) -> tensor<4x5x1xf32>
  return
}

// CHECK-LABEL: func.func @mean_3(
// CHECK-NEXT: kiln.mean %{{[a-z0-9_]+}} : (tensor<4x5x6xf32>) -> tensor<f32>
func.func @mean_3(%x: tensor<4x5x6xf32>) {
  %0 = kiln.mean %x : (tensor<4x5x6xf32>) -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @mean_4(
// CHECK-NEXT: kiln.mean %{{[a-z0-9_]+}} keepdim true : (tensor<4x5x6xf32>) -> tensor<1x1x1xf32>
func.func @mean_4(%x: tensor<4x5x6xf32>) {
  %0 = kiln.mean %x keepdim true : (tensor<4x5x6xf32>) -> tensor<1x1x1xf32>
  return
}
