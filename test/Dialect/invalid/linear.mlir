// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.linear, broken once.

func.func @linear_invalid_0(%x: tensor<128x20xf32>, %w: tensor<30x21xf32>) {
  // expected-error @+1 {{input has 20 features but weight expects 21 (weight shape [30, 21])}}
  %0 = kiln.linear %x, %w : (tensor<128x20xf32>, tensor<30x21xf32>) -> tensor<128x30xf32>
  return
}


// -----

func.func @linear_invalid_1(%x: tensor<128x20xf32>, %w: tensor<2x30x20xf32>) {
  // expected-error @+1 {{weight must be 1 or 2-d, got shape [2, 30, 20]}}
  %0 = kiln.linear %x, %w : (tensor<128x20xf32>, tensor<2x30x20xf32>) -> tensor<128x30xf32>
  return
}


// -----

func.func @linear_invalid_2(%x: tensor<128x20xf32>, %w: tensor<30x20xf32>, %b: tensor<31xf32>) {
  // expected-error @+1 {{bias of shape [31] does not broadcast to the output shape [128, 30]}}
  %0 = kiln.linear %x, %w, %b : (tensor<128x20xf32>, tensor<30x20xf32>, tensor<31xf32>) -> tensor<128x30xf32>
  return
}


// -----

func.func @linear_invalid_3(%x: tensor<f32>, %w: tensor<30x20xf32>) {
  // expected-error @+1 {{input must be at least 1-D}}
  %0 = kiln.linear %x, %w : (tensor<f32>, tensor<30x20xf32>) -> tensor<30xf32>
  return
}


// -----

func.func @linear_invalid_4(%x: tensor<128x20xf32>, %w: tensor<30x20xf16>) {
  // expected-error @+1 {{weight has element type 'f16' but input has 'f32'}}
  %0 = kiln.linear %x, %w : (tensor<128x20xf32>, tensor<30x20xf16>) -> tensor<128x30xf32>
  return
}


// -----

func.func @linear_invalid_5(%x: tensor<?x20xf32>, %w: tensor<30x20xf32>, %b: tensor<30xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.linear %x, %w, %b : (tensor<?x20xf32>, tensor<30x20xf32>, tensor<30xf32>) -> tensor<128x30xf32>
  return
}


// -----

func.func @linear_invalid_6(%x: tensor<128x20xi32>, %w: tensor<30x20xf32>, %b: tensor<30xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.linear %x, %w, %b : (tensor<128x20xi32>, tensor<30x20xf32>, tensor<30xf32>) -> tensor<128x30xf32>
  return
}
