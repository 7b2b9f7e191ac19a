// RUN: kiln-opt %s | FileCheck %s
// RUN: kiln-opt %s | kiln-opt | FileCheck %s
// RUN: kiln-opt %s -mlir-print-op-generic | kiln-opt | FileCheck %s

// Round trip of kiln.linear: the printed form is the input form.

// CHECK-LABEL: func.func @linear_0(
// CHECK-NEXT: kiln.linear %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<128x20xf32>, tensor<30x20xf32>, tensor<30xf32>) -> tensor<128x30xf32>
func.func @linear_0(%x: tensor<128x20xf32>, %w: tensor<30x20xf32>, %b: tensor<30xf32>) {
  %0 = kiln.linear %x, %w, %b : (tensor<128x20xf32>, tensor<30x20xf32>, tensor<30xf32>) -> tensor<128x30xf32>
  return
}

// CHECK-LABEL: func.func @linear_1(
// CHECK-NEXT: kiln.linear %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<4x5x20xf32>, tensor<30x20xf32>) -> tensor<4x5x30xf32>
func.func @linear_1(%x: tensor<4x5x20xf32>, %w: tensor<30x20xf32>) {
  %0 = kiln.linear %x, %w : (tensor<4x5x20xf32>, tensor<30x20xf32>) -> tensor<4x5x30xf32>
  return
}

// CHECK-LABEL: func.func @linear_2(
// CHECK-NEXT: kiln.linear %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<20xf32>, tensor<30x20xf32>, tensor<30xf32>) -> tensor<30xf32>
func.func @linear_2(%x: tensor<20xf32>, %w: tensor<30x20xf32>, %b: tensor<30xf32>) {
  %0 = kiln.linear %x, %w, %b : (tensor<20xf32>, tensor<30x20xf32>, tensor<30xf32>) -> tensor<30xf32>
  return
}

// CHECK-LABEL: func.func @linear_3(
// CHECK-NEXT: kiln.linear %{{[a-z0-9_]+}}, %{{[a-z0-9_]+}} : (tensor<7x20xf32>, tensor<20xf32>) -> tensor<7xf32>
func.func @linear_3(%x: tensor<7x20xf32>, %w: tensor<20xf32>) {
  %0 = kiln.linear %x, %w : (tensor<7x20xf32>, tensor<20xf32>) -> tensor<7xf32>
  return
}
