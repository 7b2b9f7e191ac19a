// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.bmm, broken once.

func.func @bmm_invalid_0(%a: tensor<10x3x4xf32>, %b: tensor<9x4x5xf32>) {
  // expected-error @+1 {{input has batch size 10 but mat2 has 9}}
  %0 = kiln.bmm %a, %b : (tensor<10x3x4xf32>, tensor<9x4x5xf32>) -> tensor<10x3x5xf32>
  return
}


// -----

func.func @bmm_invalid_1(%a: tensor<10x3x4xf32>, %b: tensor<10x5x5xf32>) {
  // expected-error @+1 {{input [10, 3, 4] and mat2 [10, 5, 5] cannot be multiplied (4 != 5)}}
  %0 = kiln.bmm %a, %b : (tensor<10x3x4xf32>, tensor<10x5x5xf32>) -> tensor<10x3x5xf32>
  return
}


// -----

func.func @bmm_invalid_2(%a: tensor<3x4xf32>, %b: tensor<10x4x5xf32>) {
  // expected-error @+1 {{input must be 3-d, got shape [3, 4]}}
  %0 = kiln.bmm %a, %b : (tensor<3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return
}


// -----

func.func @bmm_invalid_3(%a: tensor<?x3x4xf32>, %b: tensor<10x4x5xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.bmm %a, %b : (tensor<?x3x4xf32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return
}


// -----

func.func @bmm_invalid_4(%a: tensor<10x3x4xi32>, %b: tensor<10x4x5xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.bmm %a, %b : (tensor<10x3x4xi32>, tensor<10x4x5xf32>) -> tensor<10x3x5xf32>
  return
}
