// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.sum, broken once.

func.func @sum_invalid_0(%x: tensor<4x5x6xf32>) {
  // expected-error @+1 {{'kiln.sum' op dim 1 appears more than once in [1, -2]}}
  %0 = kiln.sum %x dim [1, -2] : (tensor<4x5x6xf32>) -> tensor<4x6xf32>
  return
}


// -----

func.func @sum_invalid_1(%x: tensor<4x5x6xf32>) {
  // expected-error @+1 {{dim 3 is out of range for a 3-d input (expected [-3, 2])}}
  %0 = kiln.sum %x dim [3] : (tensor<4x5x6xf32>) -> tensor<4x5xf32>
  return
}


// -----

func.func @sum_invalid_2(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.sum %x dim [1] : (tensor<?x4xf32>) -> tensor<4xf32>
  return
}


// -----

func.func @sum_invalid_3(%x: tensor<4x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.sum %x dim [1] : (tensor<4x4xi32>) -> tensor<4xf32>
  return
}
