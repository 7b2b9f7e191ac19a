// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.elu: the printed form is the input form.

// CHECK-LABEL: func.func @elu_0(
// CHECK-NEXT: kiln.elu %{{[a-z0-9_]+}} : tensor<2x3x4xf32>
func.func @elu_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.elu %x : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @elu_1(
// CHECK-NEXT: kiln.elu %{{[a-z0-9_]+}} : tensor<7xf64>
func.func @elu_1(%x: tensor<7xf64>) {
  %0 = kiln.elu %x : tensor<7xf64>
  return
}

// CHECK-LABEL: func.func @elu_2(
// CHECK-NEXT: kiln.elu %{{[a-z0-9_]+}} : tensor<f16>
func.func @elu_2(%x: tensor<f16>) {
  %0 = kiln.elu %x : tensor<f16>
  return
}

// CHECK-LABEL: func.func @elu_3(
// CHECK-NEXT: kiln.elu %{{[a-z0-9_]+}} alpha 5.000000e-01 : tensor<2x3x4xf32>
func.func @elu_3(%x: tensor<2x3x4xf32>) {
  %0 = kiln.elu %x alpha 5.000000e-01 : tensor<2x3x4xf32>
  return
}
