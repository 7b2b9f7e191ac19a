// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.expand: the printed form is the input form.

// CHECK-LABEL: func.func @expand_0(
// CHECK-NEXT: kiln.expand %{{[a-z0-9_]+}}, [3, 4] : (tensor<3x1xf32>) -> tensor<3x4xf32>
func.func @expand_0(%x: tensor<3x1xf32>) {
  %0 = kiln.expand %x, [3, 4] : (tensor<3x1xf32>) -> tensor<3x4xf32>
  return
}

// CHECK-LABEL: func.func @expand_1(
// CHECK-NEXT: kiln.expand %{{[a-z0-9_]+}}, [-1, 4] : (tensor<3x1xf32>) -> tensor<3x4xf32>
func.func @expand_1(%x: tensor<3x1xf32>) {
  %0 = kiln.expand %x, [-1, 4] : (tensor<3x1xf32>) -> tensor<3x4xf32>
  return
}

// CHECK-LABEL: func.func @expand_2(
// CHECK-NEXT: kiln.expand %{{[a-z0-9_]+}}, [2, 3, 4] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
func.func @expand_2(%x: tensor<3x1xf32>) {
  %0 = kiln.expand %x, [2, 3, 4] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return
}
