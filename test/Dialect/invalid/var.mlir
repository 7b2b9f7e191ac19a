// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.var, broken once.

func.func @var_invalid_0(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{'kiln.var' op correction must not be negative, got -1}}
  %0 = kiln.var %x correction -1 : (tensor<4x4xf32>) -> tensor<f32>
  return
}


// -----

func.func @var_invalid_1(%x: tensor<4x4xf32>) {
  // expected-error @+1 {{dim 2 is out of range for a 2-d input}}
  %0 = kiln.var %x dim [2] : (tensor<4x4xf32>) -> tensor<4xf32>
  return
}


// -----

func.func @var_invalid_2(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.var %x dim [1] keepdim true : (tensor<?x4xf32>) -> tensor<4x1xf32>
  return
}


// -----

func.func @var_invalid_3(%x: tensor<4x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.var %x dim [1] keepdim true : (tensor<4x4xi32>) -> tensor<4x1xf32>
  return
}
