// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.dyt, broken once.

func.func @dyt_invalid_0(%x: tensor<4x6x32xf32>, %a: tensor<2xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{alpha must hold one element (the learnable scalar), got shape [2]}}
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<4x6x32xf32>, tensor<2xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @dyt_invalid_1(%x: tensor<4x6x32xf32>, %a: tensor<1xf32>, %w: tensor<6xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{weight has shape [6] but must be [32] (size of the last dim)}}
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<4x6x32xf32>, tensor<1xf32>, tensor<6xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @dyt_invalid_2(%x: tensor<4x6x32xf32>, %a: tensor<1xf32>, %w: tensor<32xf32>, %b: tensor<1x32xf32>) {
  // expected-error @+1 {{bias has shape [1, 32] but must be [32] (size of the last dim)}}
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<4x6x32xf32>, tensor<1xf32>, tensor<32xf32>, tensor<1x32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @dyt_invalid_3(%x: tensor<4x6x32xf32>, %a: tensor<1xf64>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{alpha has element type 'f64' but input has 'f32'}}
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<4x6x32xf32>, tensor<1xf64>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @dyt_invalid_4(%x: tensor<f32>, %a: tensor<1xf32>, %w: tensor<1xf32>, %b: tensor<1xf32>) {
  // expected-error @+1 {{input must be at least 1-d}}
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<f32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<f32>
  return
}


// -----

func.func @dyt_invalid_5(%x: tensor<?x6x32xf32>, %a: tensor<1xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<?x6x32xf32>, tensor<1xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}


// -----

func.func @dyt_invalid_6(%x: tensor<4x6x32xi32>, %a: tensor<1xf32>, %w: tensor<32xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.dyt %x, %a, %w, %b : (tensor<4x6x32xi32>, tensor<1xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return
}
