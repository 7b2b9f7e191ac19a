// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.clamp: the printed form is the input form.

// CHECK-LABEL: func.func @clamp_0(
// CHECK-NEXT: kiln.clamp %{{[a-z0-9_]+}} min -1.000000e+00 max 1.000000e+00 : tensor<2x3x4xf32>
func.func @clamp_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.clamp %x min -1.000000e+00 max 1.000000e+00 : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @clamp_1(
// CHECK-NEXT: kiln.clamp %{{[a-z0-9_]+}} min 0.000000e+00 : tensor<2x3x4xf32>
func.func @clamp_1(%x: tensor<2x3x4xf32>) {
  %0 = kiln.clamp %x min 0.000000e+00 : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @clamp_2(
// CHECK-NEXT: kiln.clamp %{{[a-z0-9_]+}} max 6.000000e+00 : tensor<5xf64>
func.func @clamp_2(%x: tensor<5xf64>) {
  %0 = kiln.clamp %x max 6.000000e+00 : tensor<5xf64>
  return
}
