// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.softmax, broken once.

func.func @softmax_invalid_0(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'kiln.softmax' op dim 3 is out of range for a 3-d input (expected [-3, 2])}}
  %0 = kiln.softmax %x dim 3 : tensor<2x3x4xf32>
  return
}


// -----

func.func @softmax_invalid_1(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{dim -4 is out of range}}
  %0 = kiln.softmax %x dim -4 : tensor<2x3x4xf32>
  return
}


// -----

func.func @softmax_invalid_2(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "kiln.softmax"(%x) {dim = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x5xf32>
  return
}


// -----

func.func @softmax_invalid_3(%x: tensor<?x3x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.softmax %x dim 1 : tensor<?x3x4xf32>
  return
}


// -----

func.func @softmax_invalid_4(%x: tensor<2x3x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.softmax %x dim 1 : tensor<2x3x4xi32>
  return
}
