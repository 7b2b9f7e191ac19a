// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.adaptive_avg_pool2d, broken once.

func.func @adaptive_avg_pool2d_invalid_0(%x: tensor<1x64x8x9xf32>) {
  // expected-error @+1 {{output_size must have 2 values (H, W), got [5]}}
  %0 = kiln.adaptive_avg_pool2d %x output_size [5] : (tensor<1x64x8x9xf32>) -> tensor<1x64x5x7xf32>
  return
}


// -----

func.func @adaptive_avg_pool2d_invalid_1(%x: tensor<1x64x8x9xf32>) {
  // expected-error @+1 {{output_size [0, 7] must be positive or -1 (None)}}
  %0 = kiln.adaptive_avg_pool2d %x output_size [0, 7] : (tensor<1x64x8x9xf32>) -> tensor<1x64x5x7xf32>
  return
}


// -----

func.func @adaptive_avg_pool2d_invalid_2(%x: tensor<1x64x0x9xf32>) {
  // expected-error @+1 {{has an empty spatial dim}}
  %0 = kiln.adaptive_avg_pool2d %x output_size [1, 1] : (tensor<1x64x0x9xf32>) -> tensor<1x64x1x1xf32>
  return
}


// -----

func.func @adaptive_avg_pool2d_invalid_3(%x: tensor<64x9xf32>) {
  // expected-error @+1 {{input must be 3 or 4-d}}
  %0 = kiln.adaptive_avg_pool2d %x output_size [1, 1] : (tensor<64x9xf32>) -> tensor<1x1xf32>
  return
}


// -----

func.func @adaptive_avg_pool2d_invalid_4(%x: tensor<?x64x8x9xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.adaptive_avg_pool2d %x output_size [5, 7] : (tensor<?x64x8x9xf32>) -> tensor<1x64x5x7xf32>
  return
}


// -----

func.func @adaptive_avg_pool2d_invalid_5(%x: tensor<1x64x8x9xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.adaptive_avg_pool2d %x output_size [5, 7] : (tensor<1x64x8x9xi32>) -> tensor<1x64x5x7xf32>
  return
}
