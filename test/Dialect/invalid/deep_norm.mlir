// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.deep_norm, broken once.

func.func @deep_norm_invalid_0(%x: tensor<4x6x32xf32>, %y: tensor<4x6x31xf32>) {
  // expected-error @+1 {{sublayer_out has type 'tensor<4x6x31xf32>' but input has 'tensor<4x6x32xf32>'}}
  %0 = kiln.deep_norm %x, %y alpha 2.000000e+00 normalized_shape [32] : (tensor<4x6x32xf32>, tensor<4x6x31xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @deep_norm_invalid_1(%x: tensor<4x6x32xf32>, %y: tensor<4x6x32xf32>) {
  // expected-error @+1 {{does not end with normalized_shape [31]}}
  %0 = kiln.deep_norm %x, %y alpha 2.000000e+00 normalized_shape [31] : (tensor<4x6x32xf32>, tensor<4x6x32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @deep_norm_invalid_2(%x: tensor<4x6x32xf32>, %y: tensor<4x6x32xf32>, %b: tensor<6x32xf32>) {
  // expected-error @+1 {{bias has shape [6, 32] but must be normalized_shape [32]}}
  %0 = kiln.deep_norm %x, %y bias %b alpha 2.000000e+00 normalized_shape [32] : (tensor<4x6x32xf32>, tensor<4x6x32xf32>, tensor<6x32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @deep_norm_invalid_3(%x: tensor<4x6x32xf32>, %y: tensor<4x6x32xf32>) {
  // expected-error @+1 {{expected 'alpha'}}
  %0 = kiln.deep_norm %x, %y normalized_shape [32] : (tensor<4x6x32xf32>, tensor<4x6x32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @deep_norm_invalid_4(%x: tensor<?x6x32xf32>, %y: tensor<4x6x32xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.deep_norm %x, %y weight %w bias %b alpha 2.000000e+00 normalized_shape [32] : (tensor<?x6x32xf32>, tensor<4x6x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @deep_norm_invalid_5(%x: tensor<4x6x32xi32>, %y: tensor<4x6x32xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.deep_norm %x, %y weight %w bias %b alpha 2.000000e+00 normalized_shape [32] : (tensor<4x6x32xi32>, tensor<4x6x32xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}
