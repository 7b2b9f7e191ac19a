// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.instance_norm, broken once.

func.func @instance_norm_invalid_0(%x: tensor<2x3x4x4xf32>) {
  // expected-error @+1 {{running_mean and running_var are required when use_input_stats is false}}
  %0 = kiln.instance_norm %x use_input_stats false : (tensor<2x3x4x4xf32>) -> tensor<2x3x4x4xf32>
  return
}


// -----

func.func @instance_norm_invalid_1(%x: tensor<2x3x1x1xf32>) {
  // expected-error @+1 {{needs more than 1 spatial element per channel, got input shape [2, 3, 1, 1]}}
  %0 = kiln.instance_norm %x : (tensor<2x3x1x1xf32>) -> tensor<2x3x1x1xf32>
  return
}


// -----

func.func @instance_norm_invalid_2(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{input must be at least 3-d (N, C, ...), got shape [2, 3]}}
  %0 = kiln.instance_norm %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}


// -----

func.func @instance_norm_invalid_3(%x: tensor<2x3x4x4xf32>, %w: tensor<4xf32>) {
  // expected-error @+1 {{weight has shape [4] but must be [3] (one per channel)}}
  %0 = kiln.instance_norm %x weight %w : (tensor<2x3x4x4xf32>, tensor<4xf32>) -> tensor<2x3x4x4xf32>
  return
}


// -----

func.func @instance_norm_invalid_4(%x: tensor<?x100x35x45xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.instance_norm %x : (tensor<?x100x35x45xf32>) -> tensor<20x100x35x45xf32>
  return
}


// -----

func.func @instance_norm_invalid_5(%x: tensor<20x100x35x45xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.instance_norm %x : (tensor<20x100x35x45xi32>) -> tensor<20x100x35x45xf32>
  return
}
