// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.avg_pool2d: the printed form is the input form.

// CHECK-LABEL: func.func @avg_pool2d_0(
// CHECK-NEXT: kiln.avg_pool2d %{{[a-z0-9_]+}} kernel_size [3, 3] stride [2, 2] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x15xf32>
func.func @avg_pool2d_0(%x: tensor<20x16x50x32xf32>) {
  %0 = kiln.avg_pool2d %x kernel_size [3, 3] stride [2, 2] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x15xf32>
  return
}

// CHECK-LABEL: func.func @avg_pool2d_1(
// CHECK-NEXT: kiln.avg_pool2d %{{[a-z0-9_]+}} kernel_size [3, 2] stride [2, 1] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x31xf32>
func.func @avg_pool2d_1(%x: tensor<20x16x50x32xf32>) {
  %0 = kiln.avg_pool2d %x kernel_size [3, 2] stride [2, 1] : (tensor<20x16x50x32xf32>) -> tensor<20x16x24x31xf32>
  return
}

// CHECK-LABEL: func.func @avg_pool2d_2(
// CHECK-NEXT: kiln.avg_pool2d %{{[a-z0-9_]+}} kernel_size [3, 3] stride [2, 2] padding [1, 1] ceil_mode true count_include_pad false divisor_override 5 : (tensor<2x3x10x11xf32>) -> tensor<2x3x6x6xf32>
func.func @avg_pool2d_2(%x: tensor<2x3x10x11xf32>) {
  %0 = kiln.avg_pool2d %x kernel_size [3, 3] stride [2, 2] padding [1, 1] ceil_mode true count_include_pad false divisor_override 5 : (tensor<2x3x10x11xf32>) -> tensor<2x3x6x6xf32>
  return
}
