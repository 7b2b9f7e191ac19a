// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.instance_norm: the printed form is the input form.

// CHECK-LABEL: func.func @instance_norm_0(
// CHECK-NEXT: kiln.instance_norm %{{[a-z0-9_]+}} : (tensor<20x100x35x45xf32>) -> tensor<20x100x35x45xf32>
func.func @instance_norm_0(%x: tensor<20x100x35x45xf32>) {
  %0 = kiln.instance_norm %x : (tensor<20x100x35x45xf32>) -> tensor<20x100x35x45xf32>
  return
}

// CHECK-LABEL: func.func @instance_norm_1(
// CHECK-NEXT: kiln.instance_norm %{{[a-z0-9_]+}} weight %{{[a-z0-9_]+}} bias %{{[a-z0-9_]+}} eps 1.000000e-03 : (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x35x45xf32>
func.func @instance_norm_1(%x: tensor<20x100x35x45xf32>, %w: tensor<100xf32>, %b: tensor<100xf32>) {
  %0 = kiln.instance_norm %x weight %w bias %b eps 1.000000e-03 : (tensor<20x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x35x45xf32>
  return
}

// CHECK-LABEL: func.func @instance_norm_2(
// CHECK-NEXT: kiln.instance_norm %{{[a-z0-9_]+}} running_mean %{{[a-z0-9_]+}} running_var %{{[a-z0-9_]+}} momentum 3.000000e-01 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
func.func @instance_norm_2(%x: tensor<2x3x4x4xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  %0:3 = kiln.instance_norm %x running_mean %m running_var %v momentum 3.000000e-01 : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>)
  return
}

// CHECK-LABEL: func.func @instance_norm_3(
// CHECK-NEXT: kiln.instance_norm %{{[a-z0-9_]+}} running_mean %{{[a-z0-9_]+}} running_var %{{[a-z0-9_]+}} use_input_stats false : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
func.func @instance_norm_3(%x: tensor<2x3x4x4xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  %0 = kiln.instance_norm %x running_mean %m running_var %v use_input_stats false : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return
}
