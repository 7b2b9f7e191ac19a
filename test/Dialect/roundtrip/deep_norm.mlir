// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.deep_norm: the printed form is the input form.

// CHECK-LABEL: func.func @deep_norm_0(
// CHECK-NEXT: kiln.deep_norm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} weight %{{[a-z0-9_]+}} bias %{{[a-z0-9_]+}} alpha 2.000000e+00 normalized_shape [32] : (tensor<4x6x32xf32>, tensor<4x6x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
func.func @deep_norm_0(%x: tensor<4x6x32xf32>, %y: tensor<4x6x32xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  %0 = kiln.deep_norm %x, %y weight %w bias %b alpha 2.000000e+00 normalized_shape [32] : (tensor<4x6x32xf32>, tensor<4x6x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}

// CHECK-LABEL: func.func @deep_norm_1(
// CHECK-NEXT: kiln.deep_norm %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} alpha 8.100000e-01 normalized_shape [6, 32] eps 9.9999999999999995E-7 : (tensor<4x6x32xf32>, tensor<4x6x32xf32>) -> tensor<4x6x32xf32>
func.func @deep_norm_1(%x: tensor<4x6x32xf32>, %y: tensor<4x6x32xf32>) {
  %0 = kiln.deep_norm %x, %y alpha 8.100000e-01 normalized_shape [6, 32] eps 9.9999999999999995E-7 : (tensor<4x6x32xf32>, tensor<4x6x32xf32>) -> tensor<4x6x32xf32>
  return
}
