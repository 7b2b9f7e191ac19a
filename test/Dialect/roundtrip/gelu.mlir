// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.gelu: the printed form is the input form.

// CHECK-LABEL: func.func @gelu_0(
// CHECK-NEXT: kiln.gelu %{{[a-z0-9_]+}} : tensor<2x3x4xf32>
func.func @gelu_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.gelu %x : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @gelu_1(
// CHECK-NEXT: kiln.gelu %{{[a-z0-9_]+}} : tensor<7xf64>
func.func @gelu_1(%x: tensor<7xf64>) {
  %0 = kiln.gelu %x : tensor<7xf64>
  return
}

// CHECK-LABEL: func.func @gelu_2(
// CHECK-NEXT: kiln.gelu %{{[a-z0-9_]+}} : tensor<f16>
func.func @gelu_2(%x: tensor<f16>) {
  %0 = kiln.gelu %x : tensor<f16>
  return
}

// CHECK-LABEL: func.func @gelu_3(
// CHECK-NEXT: kiln.gelu %{{[a-z0-9_]+}} approximate <tanh> : tensor<2x3x4xf32>
func.func @gelu_3(%x: tensor<2x3x4xf32>) {
  %0 = kiln.gelu %x approximate <tanh> : tensor<2x3x4xf32>
  return
}
