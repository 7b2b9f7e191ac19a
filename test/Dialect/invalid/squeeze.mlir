// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.squeeze, broken once.

func.func @squeeze_invalid_0(%x: tensor<1x3x1x4xf32>) {
  // expected-error @+1 {{'kiln.squeeze' op dim 4 is out of range for a 4-d input (expected [-4, 3])}}
  %0 = kiln.squeeze %x dim [4] : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
  return
}


// -----

func.func @squeeze_invalid_1(%x: tensor<1x3x1x4xf32>) {
  // expected-error @+1 {{dim 0 appears more than once in [0, -4]}}
  %0 = kiln.squeeze %x dim [0, -4] : (tensor<1x3x1x4xf32>) -> tensor<3x1x4xf32>
  return
}


// -----

func.func @squeeze_invalid_2(%x: tensor<?x3x1x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.squeeze %x : (tensor<?x3x1x4xf32>) -> tensor<3x4xf32>
  return
}


// -----

func.func @squeeze_invalid_3(%x: tensor<1x3x1x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.squeeze %x : (tensor<1x3x1x4xi32>) -> tensor<3x4xf32>
  return
}
