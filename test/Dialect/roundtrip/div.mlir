// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.div: the printed form is the input form.

// CHECK-LABEL: func.func @div_0(
// CHECK-NEXT: kiln.div %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
func.func @div_0(%a: tensor<4x1xf32>, %b: tensor<3xf32>) {
  %0 = kiln.div %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return
}

// CHECK-LABEL: func.func @div_1(
// CHECK-NEXT: kiln.div %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
func.func @div_1(%a: tensor<2x3xf32>, %b: tensor<f32>) {
  %0 = kiln.div %a, %b : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  return
}

// CHECK-LABEL: func.func @div_2(
// CHECK-NEXT: kiln.div %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<5x1x3xf32>, tensor<4x1xf32>) -> tensor<5x4x3xf32>
func.func @div_2(%a: tensor<5x1x3xf32>, %b: tensor<4x1xf32>) {
  %0 = kiln.div %a, %b : (tensor<5x1x3xf32>, tensor<4x1xf32>) -> tensor<5x4x3xf32>
  return
}

// CHECK-LABEL: func.func @div_3(
// CHECK-NEXT: kiln.div %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
func.func @div_3(%a: tensor<2x3xf64>, %b: tensor<2x3xf64>) {
  %0 = kiln.div %a, %b : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  return
}

// CHECK-LABEL: func.func @div_4(
// CHECK-NEXT: kiln.div %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} rounding_mode <floor> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
// CHECK-NEXT: kiln.div %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} rounding_mode <trunc> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @div_4(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  %0 = kiln.div %a, %b rounding_mode <floor> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = kiln.div %a, %b rounding_mode <trunc> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}
