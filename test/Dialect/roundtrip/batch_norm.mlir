// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.batch_norm: the printed form is the input form.

// CHECK-LABEL: func.func @batch_norm_0(
// CHECK-NEXT: kiln.batch_norm %{{[a-z0-9_]+}} running_mean %{{[a-z0-9_]+}} running_var %{{[a-z0-9_]+}} weight %{{[a-z0-9_]+}} bias %{{[a-z0-9_]+}} : (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x35x45xf32>
func.func @batch_norm_0(%x: tensor<20x100x35x45xf32>, %m: tensor<100xf32>, %v: tensor<100xf32>, %w: tensor<100xf32>, %b: tensor<100xf32>) {
  %0 = kiln.batch_norm %x running_mean %m running_var %v weight %w bias %b : (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x35x45xf32>
  return
}

// CHECK-LABEL: func.func @batch_norm_1(
// CHECK-NEXT: kiln.batch_norm %{{[a-z0-9_]+}} running_mean %{{[a-z0-9_]+}} running_var %{{[a-z0-9_]+}} training true momentum 2.000000e-01 eps 1.000000e-03 : (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>) -> (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>)
func.func @batch_norm_1(%x: tensor<20x100x35x45xf32>, %m: tensor<100xf32>, %v: tensor<100xf32>) {
  %0:3 = kiln.batch_norm %x running_mean %m running_var %v training true momentum 2.000000e-01 eps 1.000000e-03 : (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>) -> (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>)
  return
}

// CHECK-LABEL: func.func @batch_norm_2(
// CHECK-NEXT: kiln.batch_norm %{{[a-z0-9_]+}} training true : (tensor<4x3x5xf32>) -> tensor<4x3x5xf32>
func.func @batch_norm_2(%x: tensor<4x3x5xf32>) {
  %0 = kiln.batch_norm %x training true : (tensor<4x3x5xf32>) -> tensor<4x3x5xf32>
  return
}

// CHECK-LABEL: func.func @batch_norm_3(
// CHECK-NEXT: kiln.batch_norm %{{[a-z0-9_]+}} running_mean %{{[a-z0-9_]+}} running_var %{{[a-z0-9_]+}} bias %{{[a-z0-9_]+}} : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
func.func @batch_norm_3(%x: tensor<4x3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %b: tensor<3xf32>) {
  %0 = kiln.batch_norm %x running_mean %m running_var %v bias %b : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return
}

// torch takes any momentum, and a training batch of no elements.
// CHECK-LABEL: func.func @batch_norm_4(
// CHECK-NEXT: kiln.batch_norm %{{[a-z0-9_]+}} running_mean %{{[a-z0-9_]+}} running_var %{{[a-z0-9_]+}} training true momentum -1.200000e+00 : (tensor<0x3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<0x3xf32>, tensor<3xf32>, tensor<3xf32>)
func.func @batch_norm_4(%x: tensor<0x3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  %0:3 = kiln.batch_norm %x running_mean %m running_var %v training true momentum -1.200000e+00 : (tensor<0x3xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<0x3xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}
