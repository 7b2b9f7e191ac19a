// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.slice: the printed form is the input form.

// CHECK-LABEL: func.func @slice_0(
// CHECK-NEXT: kiln.slice %{{[a-z0-9_]+}} dims [0] starts [2] ends [7] steps [1] : (tensor<10xf32>) -> tensor<5xf32>
func.func @slice_0(%x: tensor<10xf32>) {
  %0 = kiln.slice %x dims [0] starts [2] ends [7] steps [1] : (tensor<10xf32>) -> tensor<5xf32>
  return
}

// CHECK-LABEL: func.func @slice_1(
// CHECK-NEXT: kiln.slice %{{[a-z0-9_]+}} dims [0] starts [1] ends [9] steps [2] : (tensor<10xf32>) -> tensor<4xf32>
func.func @slice_1(%x: tensor<10xf32>) {
  %0 = kiln.slice %x dims [0] starts [1] ends [9] steps [2] : (tensor<10xf32>) -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @slice_2(
// CHECK-NEXT: kiln.slice %{{[a-z0-9_]+}} dims [0, 1] starts [-3, -5] ends [9223372036854775807, -1] steps [1, 2] : (tensor<10x6xf32>) -> tensor<3x2xf32>
func.func @slice_2(%x: tensor<10x6xf32>) {
  %0 = kiln.slice %x dims [0, 1] starts [-3, -5] ends [9223372036854775807, -1] steps [1, 2] : (tensor<10x6xf32>) -> tensor<3x2xf32>
  return
}

// CHECK-LABEL: func.func @slice_3(
// CHECK-NEXT: kiln.slice %{{[a-z0-9_]+}} dims [-1] starts [5] ends [100] steps [3] : (tensor<2x10xf32>) -> tensor<2x2xf32>
func.func @slice_3(%x: tensor<2x10xf32>) {
  %0 = kiln.slice %x dims [-1] starts [5] ends [100] steps [3] : (tensor<2x10xf32>) -> tensor<2x2xf32>
  return
}

// CHECK-LABEL: func.func @slice_4(
// CHECK-NEXT: kiln.slice %{{[a-z0-9_]+}} dims [0] starts [7] ends [2] steps [1] : (tensor<10xf32>) -> tensor<0xf32>
func.func @slice_4(%x: tensor<10xf32>) {
  %0 = kiln.slice %x dims [0] starts [7] ends [2] steps [1] : (tensor<10xf32>) -> tensor<0xf32>
  return
}
