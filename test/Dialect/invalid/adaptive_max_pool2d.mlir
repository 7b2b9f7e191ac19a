// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.adaptive_max_pool2d, broken once.

func.func @adaptive_max_pool2d_invalid_0(%x: tensor<1x64x8x9xf32>) {
  // expected-error @+1 {{output_size must have 2 values (H, W), got [4, 5, 6]}}
  %0 = kiln.adaptive_max_pool2d %x output_size [4, 5, 6] : (tensor<1x64x8x9xf32>) -> tensor<1x64x4x5xf32>
  return
}


// -----

func.func @adaptive_max_pool2d_invalid_1(%x: tensor<1x64x8x9xf32>) {
  // expected-error @+1 {{must be positive or -1 (None)}}
  %0 = kiln.adaptive_max_pool2d %x output_size [-2, 5] : (tensor<1x64x8x9xf32>) -> tensor<1x64x4x5xf32>
  return
}


// -----

func.func @adaptive_max_pool2d_invalid_2(%x: tensor<1x64x8x9xf32>) {
  // expected-error @+1 {{result #1 must be statically shaped tensor of 64-bit signless integer values}}
  %0:2 = kiln.adaptive_max_pool2d %x output_size [4, 5] return_indices true : (tensor<1x64x8x9xf32>) -> (tensor<1x64x4x5xf32>, tensor<1x64x4x5xf32>)
  return
}


// -----

func.func @adaptive_max_pool2d_invalid_3(%x: tensor<?x64x8x9xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.adaptive_max_pool2d %x output_size [5, 7] : (tensor<?x64x8x9xf32>) -> tensor<1x64x5x7xf32>
  return
}


// -----

func.func @adaptive_max_pool2d_invalid_4(%x: tensor<1x64x8x9xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.adaptive_max_pool2d %x output_size [5, 7] : (tensor<1x64x8x9xi32>) -> tensor<1x64x5x7xf32>
  return
}
