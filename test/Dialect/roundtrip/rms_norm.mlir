// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.rms_norm: the printed form is the input form.

// CHECK-LABEL: func.func @rms_norm_0(
// CHECK-NEXT: kiln.rms_norm %{{[a-z0-9_]+}} weight %{{[a-z0-9_]+}} normalized_shape [16] : (tensor<4x7x16xf32>, tensor<16xf32>) -> tensor<4x7x16xf32>
func.func @rms_norm_0(%x: tensor<4x7x16xf32>, %w: tensor<16xf32>) {
  %0 = kiln.rms_norm %x weight %w normalized_shape [16] : (tensor<4x7x16xf32>, tensor<16xf32>) -> tensor<4x7x16xf32>
  return
}

// CHECK-LABEL: func.func @rms_norm_1(
// CHECK-NEXT: kiln.rms_norm %{{[a-z0-9_]+}} normalized_shape [7, 16] eps 9.9999999999999995E-7 : (tensor<4x7x16xf32>) -> tensor<4x7x16xf32>
func.func @rms_norm_1(%x: tensor<4x7x16xf32>) {
  %0 = kiln.rms_norm %x normalized_shape [7, 16] eps 9.9999999999999995E-7 : (tensor<4x7x16xf32>) -> tensor<4x7x16xf32>
  return
}
