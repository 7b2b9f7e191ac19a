// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.switch_norm, broken once.

func.func @switch_norm_invalid_0(%x: tensor<8x4x5x5xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %mw: tensor<2xf32>, %vw: tensor<3xf32>) {
  // expected-error @+1 {{mean_weight has shape [2] but must be [3] (IN, LN and BN logits)}}
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw : (tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<3xf32>) -> tensor<8x4x5x5xf32>
  return
}


// -----

func.func @switch_norm_invalid_1(%x: tensor<8x4x5x5xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %mw: tensor<3xf32>, %vw: tensor<3x1xf32>) {
  // expected-error @+1 {{var_weight has shape [3, 1] but must be [3]}}
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw : (tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3x1xf32>) -> tensor<8x4x5x5xf32>
  return
}


// -----

func.func @switch_norm_invalid_2(%x: tensor<8x4x5x5xf32>, %m: tensor<5xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %mw: tensor<3xf32>, %vw: tensor<3xf32>) {
  // expected-error @+1 {{running_mean has shape [5] but must be [4] (one per channel)}}
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw : (tensor<8x4x5x5xf32>, tensor<5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<8x4x5x5xf32>
  return
}


// -----

func.func @switch_norm_invalid_3(%x: tensor<8x4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %mw: tensor<3xf32>, %vw: tensor<3xf32>) {
  // expected-error @+1 {{input must be at least 3-d (N, C, ...), got shape [8, 4]}}
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw : (tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<8x4xf32>
  return
}


// -----

func.func @switch_norm_invalid_4(%x: tensor<8x4x1x1xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %mw: tensor<3xf32>, %vw: tensor<3xf32>) {
  // expected-error @+1 {{needs more than 1 spatial element per channel}}
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw : (tensor<8x4x1x1xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<8x4x1x1xf32>
  return
}


// -----

func.func @switch_norm_invalid_5(%x: tensor<?x4x5x5xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %mw: tensor<3xf32>, %vw: tensor<3xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw : (tensor<?x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<8x4x5x5xf32>
  return
}


// -----

func.func @switch_norm_invalid_6(%x: tensor<8x4x5x5xi32>, %m: tensor<4xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>, %mw: tensor<3xf32>, %vw: tensor<3xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw : (tensor<8x4x5x5xi32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<8x4x5x5xf32>
  return
}
