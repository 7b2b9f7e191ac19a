// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.transpose, broken once.

func.func @transpose_invalid_0(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'kiln.transpose' op dim1 2 is out of range for a 2-d input (expected [-2, 1])}}
  %0 = kiln.transpose %x, 0, 2 : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}


// -----

func.func @transpose_invalid_1(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{dim0 -3 is out of range for a 2-d input}}
  %0 = kiln.transpose %x, -3, 1 : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}


// -----

func.func @transpose_invalid_2(%x: tensor<?x3xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.transpose %x, 0, 1 : (tensor<?x3xf32>) -> tensor<3x2xf32>
  return
}


// -----

func.func @transpose_invalid_3(%x: tensor<2x3xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.transpose %x, 0, 1 : (tensor<2x3xi32>) -> tensor<3x2xf32>
  return
}
