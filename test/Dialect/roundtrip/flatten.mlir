// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.flatten: the printed form is the input form.

// CHECK-LABEL: func.func @flatten_0(
// CHECK-NEXT: kiln.flatten %{{[a-z0-9_]+}} : (tensor<2x2x2xf32>) -> tensor<8xf32>
func.func @flatten_0(%x: tensor<2x2x2xf32>) {
  %0 = kiln.flatten %x : (tensor<2x2x2xf32>) -> tensor<8xf32>
  return
}

// CHECK-LABEL: func.func @flatten_1(
// CHECK-NEXT: kiln.flatten %{{[a-z0-9_]+}} start_dim 1 : (tensor<2x2x2xf32>) -> tensor<2x4xf32>
func.func @flatten_1(%x: tensor<2x2x2xf32>) {
  %0 = kiln.flatten %x start_dim 1 : (tensor<2x2x2xf32>) -> tensor<2x4xf32>
  return
}

// CHECK-LABEL: func.func @flatten_2(
// CHECK-NEXT: kiln.flatten %{{[a-z0-9_]+}} start_dim 1 end_dim 2 : (tensor<2x3x4x5xf32>) -> tensor<2x12x5xf32>
func.func @flatten_2(%x: tensor<2x3x4x5xf32>) {
  %0 = kiln.flatten %x start_dim 1 end_dim 2 : (tensor<2x3x4x5xf32>) -> tensor<2x12x5xf32>
  return
}

// CHECK-LABEL: func.func @flatten_3(
// CHECK-NEXT: kiln.flatten %{{[a-z0-9_]+}} : (tensor<f32>) -> tensor<1xf32>
func.func @flatten_3(%x: tensor<f32>) {
  %0 = kiln.flatten %x : (tensor<f32>) -> tensor<1xf32>
  return
}
