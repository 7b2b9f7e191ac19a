// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.abs, broken once.

func.func @abs_invalid_0(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "kiln.abs"(%x) : (tensor<2x3x4xf32>) -> tensor<2x3x5xf32>
  return
}


// -----

func.func @abs_invalid_1(%x: tensor<?x3x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.abs %x : tensor<?x3x4xf32>
  return
}


// -----

func.func @abs_invalid_2(%x: tensor<2x3x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.abs %x : tensor<2x3x4xi32>
  return
}
