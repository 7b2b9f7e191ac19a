// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.leaky_relu: the printed form is the input form.

// CHECK-LABEL: func.func @leaky_relu_0(
// CHECK-NEXT: kiln.leaky_relu %{{[a-z0-9_]+}} : tensor<2x3x4xf32>
func.func @leaky_relu_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.leaky_relu %x : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @leaky_relu_1(
// CHECK-NEXT: kiln.leaky_relu %{{[a-z0-9_]+}} : tensor<7xf64>
func.func @leaky_relu_1(%x: tensor<7xf64>) {
  %0 = kiln.leaky_relu %x : tensor<7xf64>
  return
}

// CHECK-LABEL: func.func @leaky_relu_2(
// CHECK-NEXT: kiln.leaky_relu %{{[a-z0-9_]+}} : tensor<f16>
func.func @leaky_relu_2(%x: tensor<f16>) {
  %0 = kiln.leaky_relu %x : tensor<f16>
  return
}

// CHECK-LABEL: func.func @leaky_relu_3(
// CHECK-NEXT: kiln.leaky_relu %{{[a-z0-9_]+}} negative_slope 2.000000e-01 : tensor<2x3x4xf32>
func.func @leaky_relu_3(%x: tensor<2x3x4xf32>) {
  %0 = kiln.leaky_relu %x negative_slope 2.000000e-01 : tensor<2x3x4xf32>
  return
}
