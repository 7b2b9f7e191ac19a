// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.permute: the printed form is the input form.

// CHECK-LABEL: func.func @permute_0(
// CHECK-NEXT: kiln.permute %{{[a-z0-9_]+}}, [2, 0, 1] : (tensor<2x3x5xf32>) -> tensor<5x2x3xf32>
func.func @permute_0(%x: tensor<2x3x5xf32>) {
  %0 = kiln.permute %x, [2, 0, 1] : (tensor<2x3x5xf32>) -> tensor<5x2x3xf32>
  return
}

// CHECK-LABEL: func.func @permute_1(
// CHECK-NEXT: kiln.permute %{{[a-z0-9_]+}}, [-1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
func.func @permute_1(%x: tensor<2x3xf32>) {
  %0 = kiln.permute %x, [-1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}
