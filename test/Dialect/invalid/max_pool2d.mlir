// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.max_pool2d, broken once.

func.func @max_pool2d_invalid_0(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+1 {{padding [2, 2] must be at most half of kernel_size [3, 3]}}
  %0 = kiln.max_pool2d %x kernel_size [3, 3] stride [1, 1] padding [2, 2] : (tensor<1x1x8x8xf32>) -> tensor<1x1x10x10xf32>
  return
}


// -----

func.func @max_pool2d_invalid_1(%x: tensor<1x1x2x2xf32>) {
  // expected-error @+1 {{input of shape [1, 1, 2, 2] is too small: the output would be empty along H}}
  %0 = kiln.max_pool2d %x kernel_size [3, 3] : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
  return
}


// -----

func.func @max_pool2d_invalid_2(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+1 {{kernel_size must have 2 values (H, W), got [3]}}
  %0 = kiln.max_pool2d %x kernel_size [3] : (tensor<1x1x8x8xf32>) -> tensor<1x1x2x2xf32>
  return
}


// -----

func.func @max_pool2d_invalid_3(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+1 {{stride values must be at least 1, got [0, 1]}}
  %0 = kiln.max_pool2d %x kernel_size [3, 3] stride [0, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x2x2xf32>
  return
}


// -----

func.func @max_pool2d_invalid_4(%x: tensor<1x1x8x8xf32>) {
  // expected-error @+1 {{dilation values must be at least 1}}
  %0 = kiln.max_pool2d %x kernel_size [3, 3] dilation [0, 1] : (tensor<1x1x8x8xf32>) -> tensor<1x1x2x2xf32>
  return
}


// -----

func.func @max_pool2d_invalid_5(%x: tensor<8x8xf32>) {
  // expected-error @+1 {{input must be 3 or 4-d, got shape [8, 8]}}
  %0 = kiln.max_pool2d %x kernel_size [2, 2] : (tensor<8x8xf32>) -> tensor<4x4xf32>
  return
}


// -----

func.func @max_pool2d_invalid_6(%x: tensor<1x8x8xf32>) {
  // expected-error @+1 {{declares result types (tensor<1x4x4xf32>) but PyTorch's shape rules give (tensor<1x4x4xf32>, tensor<1x4x4xi64>)}}
  %0 = kiln.max_pool2d %x kernel_size [2, 2] return_indices true : (tensor<1x8x8xf32>) -> tensor<1x4x4xf32>
  return
}


// -----

func.func @max_pool2d_invalid_7(%x: tensor<?x16x50x32xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.max_pool2d %x kernel_size [3, 3] stride [2, 2] : (tensor<?x16x50x32xf32>) -> tensor<20x16x24x15xf32>
  return
}


// -----

func.func @max_pool2d_invalid_8(%x: tensor<20x16x50x32xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.max_pool2d %x kernel_size [3, 3] stride [2, 2] : (tensor<20x16x50x32xi32>) -> tensor<20x16x24x15xf32>
  return
}
