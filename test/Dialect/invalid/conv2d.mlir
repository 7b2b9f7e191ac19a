// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.conv2d, broken once.

func.func @conv2d_invalid_0(%x: tensor<20x16x50x100xf32>, %w: tensor<33x8x3x3xf32>) {
  // expected-error @+1 {{'kiln.conv2d' op input has 16 channels but weight expects 8 (groups=1)}}
  %0 = kiln.conv2d %x, %w : (tensor<20x16x50x100xf32>, tensor<33x8x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_1(%x: tensor<20x16x50x100xf32>, %w: tensor<33x8x3x3xf32>) {
  // expected-error @+1 {{weight has 33 output channels, not divisible by groups=2}}
  %0 = kiln.conv2d %x, %w groups 2 : (tensor<20x16x50x100xf32>, tensor<33x8x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_2(%x: tensor<20x16x50x100xf32>, %w: tensor<33x8x3x3xf32>) {
  // expected-error @+1 {{groups must be positive, got 0}}
  %0 = kiln.conv2d %x, %w groups 0 : (tensor<20x16x50x100xf32>, tensor<33x8x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_3(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>, %b: tensor<32xf32>) {
  // expected-error @+1 {{bias has shape [32] but must be [33] (one per output channel)}}
  %0 = kiln.conv2d %x, %w, %b : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>, tensor<32xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_4(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf64>) {
  // expected-error @+1 {{weight has element type 'f64' but input has 'f32'}}
  %0 = kiln.conv2d %x, %w : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf64>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_5(%x: tensor<16x50xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{input must be 3 or 4-d, got shape [16, 50]}}
  %0 = kiln.conv2d %x, %w : (tensor<16x50xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_6(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3xf32>) {
  // expected-error @+1 {{weight must be 4-d, got shape [33, 16, 3]}}
  %0 = kiln.conv2d %x, %w : (tensor<20x16x50x100xf32>, tensor<33x16x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_7(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{stride must have 2 values (H, W), got [2]}}
  %0 = kiln.conv2d %x, %w stride [2] : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_8(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{stride values must be at least 1, got [0, 1]}}
  %0 = kiln.conv2d %x, %w stride [0, 1] : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_9(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{padding values must be at least 0, got [-1, 0]}}
  %0 = kiln.conv2d %x, %w padding [-1, 0] : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_10(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{dilation values must be at least 1, got [1, 0]}}
  %0 = kiln.conv2d %x, %w dilation [1, 0] : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_11(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{padding 'same' needs stride 1, got stride [2, 2]}}
  %0 = kiln.conv2d %x, %w stride [2, 2] padding same : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x25x50xf32>
  return
}


// -----

func.func @conv2d_invalid_12(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{padding is given both as [1, 1] and as 'valid'}}
  %0 = kiln.conv2d %x, %w padding [1, 1] {padding_preset = #kiln.padding_preset<valid>} : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_13(%x: tensor<1x3x4x4xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{padding_mode 'reflect' needs padding below the input size, got padding 4 for size 4}}
  %0 = kiln.conv2d %x, %w padding [4, 4] padding_mode <reflect> : (tensor<1x3x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x10x10xf32>
  return
}


// -----

func.func @conv2d_invalid_14(%x: tensor<1x3x4x4xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{padding_mode 'circular' needs padding at most the input size, got padding 5 for size 4}}
  %0 = kiln.conv2d %x, %w padding [5, 0] padding_mode <circular> : (tensor<1x3x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x12x2xf32>
  return
}


// -----

func.func @conv2d_invalid_15(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{padded input is 2x2 but the dilated kernel is 3x3}}
  %0 = kiln.conv2d %x, %w : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  return
}


// -----

func.func @conv2d_invalid_16(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{declares result types (tensor<20x33x48x99xf32>) but PyTorch's shape rules give (tensor<20x33x48x98xf32>)}}
  %0 = kiln.conv2d %x, %w : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x99xf32>
  return
}


// -----

func.func @conv2d_invalid_17(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x3xf32>) {
  // expected-error @+1 {{expected '['}}
  %0 = kiln.conv2d %x, %w padding same_ish : (tensor<20x16x50x100xf32>, tensor<33x16x3x3xf32>) -> tensor<20x33x48x98xf32>
  return
}


// -----

func.func @conv2d_invalid_18(%x: tensor<?x16x50x100xf32>, %w: tensor<33x16x3x5xf32>, %b: tensor<33xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.conv2d %x, %w, %b stride [2, 1] padding [4, 2] dilation [3, 1] : (tensor<?x16x50x100xf32>, tensor<33x16x3x5xf32>, tensor<33xf32>) -> tensor<20x33x26x100xf32>
  return
}


// -----

func.func @conv2d_invalid_19(%x: tensor<20x16x50x100xi32>, %w: tensor<33x16x3x5xf32>, %b: tensor<33xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.conv2d %x, %w, %b stride [2, 1] padding [4, 2] dilation [3, 1] : (tensor<20x16x50x100xi32>, tensor<33x16x3x5xf32>, tensor<33xf32>) -> tensor<20x33x26x100xf32>
  return
}
