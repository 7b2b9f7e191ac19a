// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.group_norm: the printed form is the input form.

// CHECK-LABEL: func.func @group_norm_0(
// CHECK-NEXT: kiln.group_norm %{{[a-z0-9_]+}} weight %{{[a-z0-9_]+}} bias %{{[a-z0-9_]+}} num_groups 3 : (tensor<20x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<20x6x10x10xf32>
func.func @group_norm_0(%x: tensor<20x6x10x10xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) {
  %0 = kiln.group_norm %x weight %w bias %b num_groups 3 : (tensor<20x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<20x6x10x10xf32>
  return
}

// CHECK-LABEL: func.func @group_norm_1(
// CHECK-NEXT: kiln.group_norm %{{[a-z0-9_]+}} num_groups 6 eps 1.000000e-03 : (tensor<20x6x10x10xf32>) -> tensor<20x6x10x10xf32>
func.func @group_norm_1(%x: tensor<20x6x10x10xf32>) {
  %0 = kiln.group_norm %x num_groups 6 eps 1.000000e-03 : (tensor<20x6x10x10xf32>) -> tensor<20x6x10x10xf32>
  return
}

// CHECK-LABEL: func.func @group_norm_2(
// CHECK-NEXT: kiln.group_norm %{{[a-z0-9_]+}} num_groups 1 : (tensor<4x6xf32>) -> tensor<4x6xf32>
func.func @group_norm_2(%x: tensor<4x6xf32>) {
  %0 = kiln.group_norm %x num_groups 1 : (tensor<4x6xf32>) -> tensor<4x6xf32>
  return
}
