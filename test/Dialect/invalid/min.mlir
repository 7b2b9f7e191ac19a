// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.min, broken once.

func.func @min_invalid_0(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'kiln.min' op keepdim needs a dim}}
  %0 = kiln.min %x keepdim true : (tensor<4x4xf32>) -> tensor<f32>
  return
}


// -----

func.func @min_invalid_1(%x: tensor<0x4xf32>) {
  // expected-error @+1 {{reducing an empty tensor needs a dim}}
  %0 = kiln.min %x : (tensor<0x4xf32>) -> tensor<f32>
  return
}


// -----

func.func @min_invalid_2(%x: tensor<0x4xf32>) {
  // expected-error @+1 {{dim 0 has size 0, so it has no maximum or minimum}}
  %0:2 = kiln.min %x dim 0 : (tensor<0x4xf32>) -> (tensor<4xf32>, tensor<4xi64>)
  return
}


// -----

func.func @min_invalid_3(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{dim 2 is out of range for a 2-d input}}
  %0:2 = kiln.min %x dim 2 : (tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xi64>)
  return
}


// -----

func.func @min_invalid_4(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{declares result types (tensor<4xf32>) but PyTorch's shape rules give (tensor<4xf32>, tensor<4xi64>)}}
  %0 = kiln.min %x dim 1 : (tensor<4x4xf32>) -> tensor<4xf32>
  return
}


// -----

func.func @min_invalid_5(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0:2 = kiln.min %x dim 1 : (tensor<?x4xf32>) -> (tensor<4xf32>, tensor<4xi64>)
  return
}


// -----

func.func @min_invalid_6(%x: tensor<4x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0:2 = kiln.min %x dim 1 : (tensor<4x4xi32>) -> (tensor<4xf32>, tensor<4xi64>)
  return
}
