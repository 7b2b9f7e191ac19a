// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.embedding: the printed form is the input form.

// CHECK-LABEL: func.func @embedding_0(
// CHECK-NEXT: kiln.embedding %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x4xi64>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
func.func @embedding_0(%i: tensor<2x4xi64>, %w: tensor<10x3xf32>) {
  %0 = kiln.embedding %i, %w : (tensor<2x4xi64>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
  return
}

// CHECK-LABEL: func.func @embedding_1(
// CHECK-NEXT: kiln.embedding %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} padding_idx 0 : (tensor<1x4xi64>, tensor<10x3xf32>) -> tensor<1x4x3xf32>
func.func @embedding_1(%i: tensor<1x4xi64>, %w: tensor<10x3xf32>) {
  %0 = kiln.embedding %i, %w padding_idx 0 : (tensor<1x4xi64>, tensor<10x3xf32>) -> tensor<1x4x3xf32>
  return
}

// CHECK-LABEL: func.func @embedding_2(
// CHECK-NEXT: kiln.embedding %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} padding_idx -1 : (tensor<1xi32>, tensor<2x3xf32>) -> tensor<1x3xf32>
func.func @embedding_2(%i: tensor<1xi32>, %w: tensor<2x3xf32>) {
  %0 = kiln.embedding %i, %w padding_idx -1 : (tensor<1xi32>, tensor<2x3xf32>) -> tensor<1x3xf32>
  return
}

// CHECK-LABEL: func.func @embedding_3(
// CHECK-NEXT: kiln.embedding %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<i64>, tensor<2x3xf32>) -> tensor<3xf32>
func.func @embedding_3(%i: tensor<i64>, %w: tensor<2x3xf32>) {
  %0 = kiln.embedding %i, %w : (tensor<i64>, tensor<2x3xf32>) -> tensor<3xf32>
  return
}
