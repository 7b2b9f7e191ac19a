// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.layer_norm: the printed form is the input form.

// CHECK-LABEL: func.func @layer_norm_0(
// CHECK-NEXT: kiln.layer_norm %{{[a-z0-9_]+}} weight %{{[a-z0-9_]+}} bias %{{[a-z0-9_]+}} normalized_shape [10] : (tensor<20x5x10xf32>, tensor<10xf32>, tensor<10xf32>) -> tensor<20x5x10xf32>
func.func @layer_norm_0(%x: tensor<20x5x10xf32>, %w: tensor<10xf32>, %b: tensor<10xf32>) {
  %0 = kiln.layer_norm %x weight %w bias %b normalized_shape [10] : (tensor<20x5x10xf32>, tensor<10xf32>, tensor<10xf32>) -> tensor<20x5x10xf32>
  return
}

// CHECK-LABEL: func.func @layer_norm_1(
// CHECK-NEXT: kiln.layer_norm %{{[a-z0-9_]+}} normalized_shape [5, 10] eps 9.9999999999999995E-7 : (tensor<20x5x10xf32>) -> tensor<20x5x10xf32>
func.func @layer_norm_1(%x: tensor<20x5x10xf32>) {
  %0 = kiln.layer_norm %x normalized_shape [5, 10] eps 9.9999999999999995E-7 : (tensor<20x5x10xf32>) -> tensor<20x5x10xf32>
  return
}

// CHECK-LABEL: func.func @layer_norm_2(
// CHECK-NEXT: kiln.layer_norm %{{[a-z0-9_]+}} weight %{{[a-z0-9_]+}} normalized_shape [20, 5, 10] : (tensor<20x5x10xf32>, tensor<20x5x10xf32>) -> tensor<20x5x10xf32>
func.func @layer_norm_2(%x: tensor<20x5x10xf32>, %w: tensor<20x5x10xf32>) {
  %0 = kiln.layer_norm %x weight %w normalized_shape [20, 5, 10] : (tensor<20x5x10xf32>, tensor<20x5x10xf32>) -> tensor<20x5x10xf32>
  return
}

// CHECK-LABEL: func.func @layer_norm_3(
// CHECK-NEXT: kiln.layer_norm %{{[a-z0-9_]+}} bias %{{[a-z0-9_]+}} normalized_shape [10] : (tensor<20x5x10xf32>, tensor<10xf32>) -> tensor<20x5x10xf32>
func.func @layer_norm_3(%x: tensor<20x5x10xf32>, %b: tensor<10xf32>) {
  %0 = kiln.layer_norm %x bias %b normalized_shape [10] : (tensor<20x5x10xf32>, tensor<10xf32>) -> tensor<20x5x10xf32>
  return
}
