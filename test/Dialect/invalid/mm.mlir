// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.mm, broken once.

func.func @mm_invalid_0(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{input [2, 3] and mat2 [4, 3] cannot be multiplied (3 != 4)}}
  %0 = kiln.mm %a, %b : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  return
}


// -----

func.func @mm_invalid_1(%a: tensor<2x2x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{input must be 2-d, got shape [2, 2, 3]}}
  %0 = kiln.mm %a, %b : (tensor<2x2x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return
}


// -----

func.func @mm_invalid_2(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{mat2 must be 2-d, got shape [3]}}
  %0 = kiln.mm %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}


// -----

func.func @mm_invalid_3(%a: tensor<?x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.mm %a, %b : (tensor<?x3xf32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return
}


// -----

func.func @mm_invalid_4(%a: tensor<2x3xi32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.mm %a, %b : (tensor<2x3xi32>, tensor<3x3xf32>) -> tensor<2x3xf32>
  return
}
