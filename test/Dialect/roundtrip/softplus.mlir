// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.softplus: the printed form is the input form.

// CHECK-LABEL: func.func @softplus_0(
// CHECK-NEXT: kiln.softplus %{{[a-z0-9_]+}} : tensor<2x3x4xf32>
func.func @softplus_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.softplus %x : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @softplus_1(
// CHECK-NEXT: kiln.softplus %{{[a-z0-9_]+}} : tensor<7xf64>
func.func @softplus_1(%x: tensor<7xf64>) {
  %0 = kiln.softplus %x : tensor<7xf64>
  return
}

// CHECK-LABEL: func.func @softplus_2(
// CHECK-NEXT: kiln.softplus %{{[a-z0-9_]+}} : tensor<f16>
func.func @softplus_2(%x: tensor<f16>) {
  %0 = kiln.softplus %x : tensor<f16>
  return
}

// CHECK-LABEL: func.func @softplus_3(
// CHECK-NEXT: kiln.softplus %{{[a-z0-9_]+}} beta 2.000000e+00 threshold 1.000000e+01 : tensor<2x3x4xf32>
func.func @softplus_3(%x: tensor<2x3x4xf32>) {
  %0 = kiln.softplus %x beta 2.000000e+00 threshold 1.000000e+01 : tensor<2x3x4xf32>
  return
}
