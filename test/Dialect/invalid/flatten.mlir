// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.flatten, broken once.

func.func @flatten_invalid_0(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'kiln.flatten' op start_dim 2 comes after end_dim 1}}
  %0 = kiln.flatten %x start_dim 2 end_dim 1 : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}


// -----

func.func @flatten_invalid_1(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{start_dim 3 is out of range for a 3-d input}}
  %0 = kiln.flatten %x start_dim 3 : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return
}


// -----

func.func @flatten_invalid_2(%x: tensor<?x2x2xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.flatten %x : (tensor<?x2x2xf32>) -> tensor<8xf32>
  return
}


// -----

func.func @flatten_invalid_3(%x: tensor<2x2x2xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.flatten %x : (tensor<2x2x2xi32>) -> tensor<8xf32>
  return
}
