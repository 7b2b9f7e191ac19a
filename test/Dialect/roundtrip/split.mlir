// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.split: the printed form is the input form.

// CHECK-LABEL: func.func @split_0(
// CHECK-NEXT: kiln.split %{{[a-z0-9_]+}} split_size 2 : (tensor<5x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>)
func.func @split_0(%x: tensor<5x2xf32>) {
  %0:3 = kiln.split %x split_size 2 : (tensor<5x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>)
  return
}

// CHECK-LABEL: func.func @split_1(
// CHECK-NEXT: kiln.split %{{[a-z0-9_]+}} sections [1, 4] : (tensor<5x2xf32>) -> (tensor<1x2xf32>, tensor<4x2xf32>)
func.func @split_1(%x: tensor<5x2xf32>) {
  %0:2 = kiln.split %x sections [1, 4] : (tensor<5x2xf32>) -> (tensor<1x2xf32>, tensor<4x2xf32>)
  return
}

// CHECK-LABEL: func.func @split_2(
// CHECK-NEXT: kiln.split %{{[a-z0-9_]+}} split_size 3 dim 1 : (tensor<4x7xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x1xf32>)
func.func @split_2(%x: tensor<4x7xf32>) {
  %0:3 = kiln.split %x split_size 3 dim 1 : (tensor<4x7xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x1xf32>)
  return
}

// CHECK-LABEL: func.func @split_3(
// CHECK-NEXT: kiln.split %{{[a-z0-9_]+}} split_size 8 dim -1 : (tensor<4x7xf32>) -> tensor<4x7xf32>
func.func @split_3(%x: tensor<4x7xf32>) {
  %0 = kiln.split %x split_size 8 dim -1 : (tensor<4x7xf32>) -> tensor<4x7xf32>
  return
}
