// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.max: the printed form is the input form.

// CHECK-LABEL: func.func @max_0(
// CHECK-NEXT: kiln.max %{{[a-z0-9_]+}} dim 1 : (tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xi64>)
func.func @max_0(%x: tensor<4x4xf32>) {
  %0:2 = kiln.max %x dim 1 : (tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xi64>)
  return
}

// CHECK-LABEL: func.func @max_1(
// CHECK-NEXT: kiln.max %{{[a-z0-9_]+}} : (tensor<4x4xf32>) -> tensor<f32>
func.func @max_1(%x: tensor<4x4xf32>) {
  %0 = kiln.max %x : (tensor<4x4xf32>) -> tensor<f32>
  return
}

// CHECK-LABEL: func.func @max_2(
// CHECK-NEXT: kiln.max %{{[a-z0-9_]+}} dim -1 keepdim true : (tensor<4x5x6xf32>) -> (tensor<4x5x1xf32>, tensor<4x5x1xi64>)
func.func @max_2(%x: tensor<4x5x6xf32>) {
  %0:2 = kiln.max %x dim -1 keepdim true : (tensor<4x5x6xf32>) -> (tensor<4x5x1xf32>, tensor<4x5x1xi64>)
  return
}
