// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.conv_transpose2d, broken once.

func.func @conv_transpose2d_invalid_0(%x: tensor<1x8x6x6xf32>, %w: tensor<16x4x3x3xf32>) {
  // expected-error @+1 {{input has 8 channels but weight expects 16}}
  %0 = kiln.conv_transpose2d %x, %w : (tensor<1x8x6x6xf32>, tensor<16x4x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_1(%x: tensor<1x6x6x6xf32>, %w: tensor<6x4x3x3xf32>) {
  // expected-error @+1 {{input has 6 channels, not divisible by groups=4}}
  %0 = kiln.conv_transpose2d %x, %w groups 4 : (tensor<1x6x6x6xf32>, tensor<6x4x3x3xf32>) -> tensor<1x16x8x8xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_2(%x: tensor<1x4x6x6xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{bias has shape [4] but must be [3]}}
  %0 = kiln.conv_transpose2d %x, %w, %b : (tensor<1x4x6x6xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x3x8x8xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_3(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{output_padding [2, 2] must be smaller than either stride or dilation}}
  %0 = kiln.conv_transpose2d %x, %w stride [2, 2] output_padding [2, 2] : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x13x13xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_4(%x: tensor<1x16x6x6xf32>, %w: tensor<16x16x3x3xf32>) {
  // expected-error @+1 {{output_size [1, 16, 14, 12] is unreachable: H can be 11 to 12}}
  %0 = kiln.conv_transpose2d %x, %w stride [2, 2] padding [1, 1] output_size [1, 16, 14, 12] : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x14x12xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_5(%x: tensor<1x16x6x6xf32>, %w: tensor<16x16x3x3xf32>) {
  // expected-error @+1 {{output_size must hold (H, W) or (N, C, H, W), got [1, 2, 3]}}
  %0 = kiln.conv_transpose2d %x, %w output_size [1, 2, 3] : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x8x8xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_6(%x: tensor<1x16x6x6xf32>, %w: tensor<16x16x3x3xf32>) {
  // expected-error @+1 {{output_padding and output_size are exclusive}}
  %0 = kiln.conv_transpose2d %x, %w stride [2, 2] output_padding [1, 1] output_size [12, 12] : (tensor<1x16x6x6xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x12x12xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_7(%x: tensor<1x4x1x1xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{output size -3 along H is not positive}}
  %0 = kiln.conv_transpose2d %x, %w padding [3, 3] : (tensor<1x4x1x1xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x1x1xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_8(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{stride values must be at least 1}}
  %0 = kiln.conv_transpose2d %x, %w stride [1, -1] : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x3x7x7xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_9(%x: tensor<?x16x50x100xf32>, %w: tensor<16x33x3x3xf32>, %b: tensor<33xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.conv_transpose2d %x, %w, %b stride [2, 2] : (tensor<?x16x50x100xf32>, tensor<16x33x3x3xf32>, tensor<33xf32>) -> tensor<20x33x101x201xf32>
  return
}


// -----

func.func @conv_transpose2d_invalid_10(%x: tensor<20x16x50x100xi32>, %w: tensor<16x33x3x3xf32>, %b: tensor<33xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.conv_transpose2d %x, %w, %b stride [2, 2] : (tensor<20x16x50x100xi32>, tensor<16x33x3x3xf32>, tensor<33xf32>) -> tensor<20x33x101x201xf32>
  return
}
