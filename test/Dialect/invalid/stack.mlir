// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.stack, broken once.

func.func @stack_invalid_0(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{'kiln.stack' op tensor #1 has shape [2, 4] but tensor #0 has [2, 3]}}
  %0 = kiln.stack %a, %b : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<2x2x3xf32>
  return
}


// -----

func.func @stack_invalid_1(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{dim 3 is out of range for stacking 2-d tensors (expected [-3, 2])}}
  %0 = kiln.stack %a, %b dim 3 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return
}


// -----

func.func @stack_invalid_2(%a: tensor<?x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.stack %a, %b dim 1 : (tensor<?x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return
}


// -----

func.func @stack_invalid_3(%a: tensor<2x3xi32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.stack %a, %b dim 1 : (tensor<2x3xi32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return
}
