// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.reshape, broken once.

func.func @reshape_invalid_0(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'kiln.reshape' op shape [-1, -1] has more than one -1}}
  %0 = kiln.reshape %x, [-1, -1] : (tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}


// -----

func.func @reshape_invalid_1(%x: tensor<10xf32>) {
  // expected-error @+1 {{shape [3, 4] is invalid for input of shape [10] (10 elements)}}
  %0 = kiln.reshape %x, [3, 4] : (tensor<10xf32>) -> tensor<3x4xf32>
  return
}


// -----

func.func @reshape_invalid_2(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{shape [-2, 8] has a negative size}}
  %0 = kiln.reshape %x, [-2, 8] : (tensor<4x4xf32>) -> tensor<2x8xf32>
  return
}


// -----

func.func @reshape_invalid_3(%x: tensor<0x4xf32>) {
  // expected-error @+1 {{shape [-1, 0] is ambiguous: the -1 could be any size}}
  %0 = kiln.reshape %x, [-1, 0] : (tensor<0x4xf32>) -> tensor<0x0xf32>
  return
}


// -----

func.func @reshape_invalid_4(%x: tensor<?xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.reshape %x, [2, 2] : (tensor<?xf32>) -> tensor<2x2xf32>
  return
}


// -----

func.func @reshape_invalid_5(%x: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.reshape %x, [2, 2] : (tensor<4xi32>) -> tensor<2x2xf32>
  return
}
