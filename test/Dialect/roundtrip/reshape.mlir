// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.reshape: the printed form is the input form.

// CHECK-LABEL: func.func @reshape_0(
// CHECK-NEXT: kiln.reshape %{{[a-z0-9_]+}}, [2, 2] : (tensor<4xf32>) -> tensor<2x2xf32>
func.func @reshape_0(%x: tensor<4xf32>) {
  %0 = kiln.reshape %x, [2, 2] : (tensor<4xf32>) -> tensor<2x2xf32>
  return
}

// CHECK-LABEL: func.func @reshape_1(
// CHECK-NEXT: kiln.reshape %{{[a-z0-9_]+}}, [-1] : (tensor<2x2xf32>) -> tensor<4xf32>
func.func @reshape_1(%x: tensor<2x2xf32>) {
  %0 = kiln.reshape %x, [-1] : (tensor<2x2xf32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @reshape_2(
// CHECK-NEXT: kiln.reshape %{{[a-z0-9_]+}}, [-1, 8] : (tensor<4x4xf32>) -> tensor<2x8xf32>
func.func @reshape_2(%x: tensor<4x4xf32>) {
  %0 = kiln.reshape %x, [-1, 8] : (tensor<4x4xf32>) -> tensor<2x8xf32>
  return
}

// CHECK-LABEL: func.func @reshape_3(
// CHECK-NEXT: kiln.reshape %{{[a-z0-9_]+}}, [] : (tensor<1x1xf32>) -> tensor<f32>
func.func @reshape_3(%x: tensor<1x1xf32>) {
  %0 = kiln.reshape %x, [] : (tensor<1x1xf32>) -> tensor<f32>
  return
}
