// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.gelu, broken once.

func.func @gelu_invalid_0(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "kiln.gelu"(%x) : (tensor<2x3x4xf32>) -> tensor<2x3x5xf32>
  return
}


// -----

func.func @gelu_invalid_1(%x: tensor<2x3x4xf32>) {
  // expected-error @+2 {{expected ::kiln::GeluApproximation to be one of: none, tanh}}
  // expected-error @+1 {{failed to parse Kiln_GeluApproximationAttr parameter 'value'}}
  %0 = kiln.gelu %x approximate <erf> : tensor<2x3x4xf32>
  return
}


// -----

func.func @gelu_invalid_2(%x: tensor<?x3x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.gelu %x : tensor<?x3x4xf32>
  return
}


// -----

func.func @gelu_invalid_3(%x: tensor<2x3x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.gelu %x : tensor<2x3x4xi32>
  return
}
