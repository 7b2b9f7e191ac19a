// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.relu6: the printed form is the input form.

// CHECK-LABEL: func.func @relu6_0(
// CHECK-NEXT: kiln.relu6 %{{[a-z0-9_]+}} : tensor<2x3x4xf32>
func.func @relu6_0(%x: tensor<2x3x4xf32>) {
  %0 = kiln.relu6 %x : tensor<2x3x4xf32>
  return
}

// CHECK-LABEL: func.func @relu6_1(
// CHECK-NEXT: kiln.relu6 %{{[a-z0-9_]+}} : tensor<7xf64>
func.func @relu6_1(%x: tensor<7xf64>) {
  %0 = kiln.relu6 %x : tensor<7xf64>
  return
}

// CHECK-LABEL: func.func @relu6_2(
// CHECK-NEXT: kiln.relu6 %{{[a-z0-9_]+}} : tensor<f16>
func.func @relu6_2(%x: tensor<f16>) {
  %0 = kiln.relu6 %x : tensor<f16>
  return
}
