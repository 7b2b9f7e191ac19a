// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.unsqueeze, broken once.

func.func @unsqueeze_invalid_0(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'kiln.unsqueeze' op dim 3 is out of range for inserting into a 2-d input (expected [-3, 2])}}
  %0 = kiln.unsqueeze %x, 3 : (tensor<3x4xf32>) -> tensor<3x4x1xf32>
  return
}


// -----

func.func @unsqueeze_invalid_1(%x: tensor<?x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.unsqueeze %x, 0 : (tensor<?x4xf32>) -> tensor<1x3x4xf32>
  return
}


// -----

func.func @unsqueeze_invalid_2(%x: tensor<3x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.unsqueeze %x, 0 : (tensor<3x4xi32>) -> tensor<1x3x4xf32>
  return
}
