// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.matmul, broken once.

func.func @matmul_invalid_0(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{input [2, 3] and other [4, 5] have mismatched contraction sizes 3 and 4}}
  %0 = kiln.matmul %a, %b : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}


// -----

func.func @matmul_invalid_1(%a: tensor<2x3x4xf32>, %b: tensor<5x4x5xf32>) {
  // expected-error @+1 {{batch dims of input [2, 3, 4] and other [5, 4, 5] do not broadcast}}
  %0 = kiln.matmul %a, %b : (tensor<2x3x4xf32>, tensor<5x4x5xf32>) -> tensor<2x3x5xf32>
  return
}


// -----

func.func @matmul_invalid_2(%a: tensor<f32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{both operands must be at least 1-D, got [] and [3]}}
  %0 = kiln.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return
}


// -----

func.func @matmul_invalid_3(%a: tensor<3xf32>, %b: tensor<3xf64>) {
  // expected-error @+1 {{other has element type 'f64' but input has 'f32'}}
  %0 = kiln.matmul %a, %b : (tensor<3xf32>, tensor<3xf64>) -> tensor<f32>
  return
}


// -----

func.func @matmul_invalid_4(%a: tensor<?x3x4xf32>, %b: tensor<10x4x5xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.matmul %a, %b : (tensor<?x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return
}


// -----

func.func @matmul_invalid_5(%a: tensor<10x3x4xi32>, %b: tensor<10x4x5xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.matmul %a, %b : (tensor<10x3x4xi32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return
}
