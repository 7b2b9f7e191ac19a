// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.sum: the printed form is the input form.

// CHECK-LABEL: func.func @sum_0(
// CHECK-NEXT: kiln.sum %{{[a-z0-9_]+}} dim [1] : (tensor<4x4xf32>) -> tensor<4xf32>
func.func @sum_0(%x: tensor<4x4xf32>) {
  %0 = kiln.sum %x dim [1] : (tensor<4x4xf32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @sum_1(
// CHECK-NEXT: kiln.sum %{{[a-z0-9_]+}} dim [2, 1] : (tensor<4x5x6xf32>) -> tensor<4xf32>
func.func @sum_1(%x: tensor<4x5x6xf32>) {
  %0 = kiln.sum %x dim [2, 1] : (tensor<4x5x6xf32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @sum_2(
// CHECK-NEXT: kiln.sum %{{[a-z0-9_]+}} dim [-1] keepdim true : (tensor<4x5x6xf32>) -> tensor<4x5x1xf32>
func.func @sum_2(%x: tensor<4x5x6xf32>) {
  %0 = kiln.sum %x dim [-1] keepdim true : (tensor<4x5x6xf32>) -> tensor<4x5x1xf32>
  return
}

// CHECK-LABEL: func.func @sum_3(
// CHECK-NEXT: kiln.sum %{{[a-z0-9_]+}} : (tensor<4x5x6xf32>) -> tensor<f32>
func.func @sum_3(%x: tensor<4x5x6xf32>) {
  %0 = kiln.sum %x : (tensor<4x5x6xf32>) -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @sum_4(
// CHECK-NEXT: kiln.sum %{{[a-z0-9_]+}} keepdim true : (tensor<4x5x6xf32>) -> tensor<1x1x1xf32>
func.func @sum_4(%x: tensor<4x5x6xf32>) {
  %0 = kiln.sum %x keepdim true : (tensor<4x5x6xf32>) -> tensor<1x1x1xf32>
  return
}
