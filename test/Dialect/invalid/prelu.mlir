// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.prelu, broken once.

func.func @prelu_invalid_0(%x: tensor<2x5x4xf32>, %w: tensor<4xf32>) {
  // expected-error @+1 {{weight has 4 elements but must have 1 or 5 (the channels, dim 1 of the input)}}
  %0 = kiln.prelu %x, %w : (tensor<2x5x4xf32>, tensor<4xf32>) -> tensor<2x5x4xf32>
  return
}


// -----

func.func @prelu_invalid_1(%x: tensor<2x5x4xf32>, %w: tensor<5x1xf32>) {
  // expected-error @+1 {{weight must be 0 or 1-d, got shape [5, 1]}}
  %0 = kiln.prelu %x, %w : (tensor<2x5x4xf32>, tensor<5x1xf32>) -> tensor<2x5x4xf32>
  return
}


// -----

func.func @prelu_invalid_2(%x: tensor<2x5x4xf32>, %w: tensor<5xf64>) {
  // expected-error @+1 {{weight has element type 'f64' but input has 'f32'}}
  %0 = kiln.prelu %x, %w : (tensor<2x5x4xf32>, tensor<5xf64>) -> tensor<2x5x4xf32>
  return
}


// -----

func.func @prelu_invalid_3(%x: tensor<?x5x4xf32>, %w: tensor<1xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.prelu %x, %w : (tensor<?x5x4xf32>, tensor<1xf32>) -> tensor<2x5x4xf32>
  return
}


// -----

func.func @prelu_invalid_4(%x: tensor<2x5x4xi32>, %w: tensor<1xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.prelu %x, %w : (tensor<2x5x4xi32>, tensor<1xf32>) -> tensor<2x5x4xf32>
  return
}
