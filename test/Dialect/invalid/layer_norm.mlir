// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.layer_norm, broken once.

func.func @layer_norm_invalid_0(%x: tensor<20x5x11xf32>) {
  // expected-error @+1 {{input of shape [20, 5, 11] does not end with normalized_shape [10]}}
  %0 = kiln.layer_norm %x normalized_shape [10] : (tensor<20x5x11xf32>) -> tensor<20x5x11xf32>
  return
}


// -----

func.func @layer_norm_invalid_1(%x: tensor<20x5x10xf32>) {
  // expected-error @+1 {{does not end with normalized_shape [2, 20, 5, 10]}}
  %0 = kiln.layer_norm %x normalized_shape [2, 20, 5, 10] : (tensor<20x5x10xf32>) -> tensor<20x5x10xf32>
  return
}


// -----

func.func @layer_norm_invalid_2(%x: tensor<20x5x10xf32>) {
  // expected-error @+1 {{normalized_shape must not be empty}}
  %0 = kiln.layer_norm %x normalized_shape [] : (tensor<20x5x10xf32>) -> tensor<20x5x10xf32>
  return
}


// -----

func.func @layer_norm_invalid_3(%x: tensor<20x5x10xf32>, %w: tensor<10xf32>) {
  // expected-error @+1 {{weight has shape [10] but must be normalized_shape [5, 10]}}
  %0 = kiln.layer_norm %x weight %w normalized_shape [5, 10] : (tensor<20x5x10xf32>, tensor<10xf32>) -> tensor<20x5x10xf32>
  return
}


// -----

func.func @layer_norm_invalid_4(%x: tensor<20x5x10xf32>, %b: tensor<10xf16>) {
  // expected-error @+1 {{bias has element type 'f16' but input has 'f32'}}
  %0 = kiln.layer_norm %x bias %b normalized_shape [10] : (tensor<20x5x10xf32>, tensor<10xf16>) -> tensor<20x5x10xf32>
  return
}


// -----

func.func @layer_norm_invalid_5(%x: tensor<?x5x10xf32>, %w: tensor<10xf32>, %b: tensor<10xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.layer_norm %x weight %w bias %b normalized_shape [10] : (tensor<?x5x10xf32>, tensor<10xf32>, tensor<10xf32>) -> tensor<20x5x10xf32>
  return
}


// -----

func.func @layer_norm_invalid_6(%x: tensor<20x5x10xi32>, %w: tensor<10xf32>, %b: tensor<10xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.layer_norm %x weight %w bias %b normalized_shape [10] : (tensor<20x5x10xi32>, tensor<10xf32>, tensor<10xf32>) -> tensor<20x5x10xf32>
  return
}
