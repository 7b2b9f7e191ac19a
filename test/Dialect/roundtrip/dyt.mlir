// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.dyt: the printed form is the input form.

// CHECK-LABEL: func.func @dyt_0(
// CHECK-NEXT: kiln.dyt %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<4x6x32xf32>, tensor<1xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
func.func @dyt_0(%x: tensor<4x6x32xf32>, %a: tensor<1xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<4x6x32xf32>, tensor<1xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}

// CHECK-LABEL: func.func @dyt_1(
// CHECK-NEXT: kiln.dyt %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<32xf32>, tensor<f32>, tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
func.func @dyt_1(%x: tensor<32xf32>, %a: tensor<f32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<32xf32>, tensor<f32>, tensor<32xf32>, tensor<32xf32>) -> tensor<32xf32>
  return
}
