// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.rms_norm, broken once.

func.func @rms_norm_invalid_0(%x: tensor<4x7x16xf32>, %w: tensor<7xf32>) {
  // expected-error @+1 {{weight has shape [7] but must be normalized_shape [16]}}
  %0 = kiln.rms_norm %x weight %w normalized_shape [16] : (tensor<4x7x16xf32>, tensor<7xf32>) -> tensor<4x7x16xf32>
  return
}


// -----

func.func @rms_norm_invalid_1(%x: tensor<4x7x16xf32>) {
  // expected-error @+1 {{input of shape [4, 7, 16] does not end with normalized_shape [8]}}
  %0 = kiln.rms_norm %x normalized_shape [8] : (tensor<4x7x16xf32>) -> tensor<4x7x16xf32>
  return
}


// -----

func.func @rms_norm_invalid_2(%x: tensor<4x7x16xf32>) {
  // expected-error @+1 {{eps must not be negative}}
  %0 = kiln.rms_norm %x normalized_shape [16] eps -1.000000e+00 : (tensor<4x7x16xf32>) -> tensor<4x7x16xf32>
  return
}


// -----

func.func @rms_norm_invalid_3(%x: tensor<?x7x16xf32>, %w: tensor<16xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.rms_norm %x weight %w normalized_shape [16] : (tensor<?x7x16xf32>, tensor<16xf32>) -> tensor<4x7x16xf32>
  return
}


// -----

func.func @rms_norm_invalid_4(%x: tensor<4x7x16xi32>, %w: tensor<16xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.rms_norm %x weight %w normalized_shape [16] : (tensor<4x7x16xi32>, tensor<16xf32>) -> tensor<4x7x16xf32>
  return
}
