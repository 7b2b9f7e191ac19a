// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.expand, broken once.

func.func @expand_invalid_0(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'kiln.expand' op cannot expand [3, 2] to [3, 4]: dim 1 has size 2, which is not 1}}
  %0 = kiln.expand %x, [3, 4] : (tensor<3x2xf32>) -> tensor<3x4xf32>
  return
}


// -----

func.func @expand_invalid_1(%x: tensor<3x1xf32>) {
  // expected-error @+1 {{sizes [4] has fewer dims than the input [3, 1]}}
  %0 = kiln.expand %x, [4] : (tensor<3x1xf32>) -> tensor<3x4xf32>
  return
}


// -----

func.func @expand_invalid_2(%x: tensor<3x1xf32>) {
  // expected-error @+1 {{size -1 is not allowed for the new leading dim 0}}
  %0 = kiln.expand %x, [-1, 3, 4] : (tensor<3x1xf32>) -> tensor<3x4xf32>
  return
}


// -----

func.func @expand_invalid_3(%x: tensor<?x1xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.expand %x, [3, 4] : (tensor<?x1xf32>) -> tensor<3x4xf32>
  return
}


// -----

func.func @expand_invalid_4(%x: tensor<3x1xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.expand %x, [3, 4] : (tensor<3x1xi32>) -> tensor<3x4xf32>
  return
}
