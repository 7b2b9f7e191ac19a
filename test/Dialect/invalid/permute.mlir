// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.permute, broken once.

func.func @permute_invalid_0(%x: tensor<2x3x5xf32>) {
  // expected-error @+1 {{'kiln.permute' op dim 2 appears more than once in [2, 0, -1]}}
  %0 = kiln.permute %x, [2, 0, -1] : (tensor<2x3x5xf32>) -> tensor<5x2x5xf32>
  return
}


// -----

func.func @permute_invalid_1(%x: tensor<2x3x5xf32>) {
  // expected-error @+1 {{dims [1, 0] must list each of the 3 dims of the input once}}
  %0 = kiln.permute %x, [1, 0] : (tensor<2x3x5xf32>) -> tensor<3x2xf32>
  return
}


// -----

func.func @permute_invalid_2(%x: tensor<2x3x5xf32>) {
  // expected-error @+1 {{dim 3 is out of range for a 3-d input}}
  %0 = kiln.permute %x, [0, 3, 1] : (tensor<2x3x5xf32>) -> tensor<2x5x3xf32>
  return
}


// -----

func.func @permute_invalid_3(%x: tensor<?x3x5xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.permute %x, [2, 0, 1] : (tensor<?x3x5xf32>) -> tensor<5x2x3xf32>
  return
}


// -----

func.func @permute_invalid_4(%x: tensor<2x3x5xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.permute %x, [2, 0, 1] : (tensor<2x3x5xi32>) -> tensor<5x2x3xf32>
  return
}
