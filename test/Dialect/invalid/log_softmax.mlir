// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.log_softmax, broken once.

func.func @log_softmax_invalid_0(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'kiln.log_softmax' op dim 3 is out of range for a 3-d input (expected [-3, 2])}}
  %0 = kiln.log_softmax %x dim 3 : tensor<2x3x4xf32>
  return
}


// -----

func.func @log_softmax_invalid_1(%x: tensor<?x3x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.log_softmax %x dim 0 : tensor<?x3x4xf32>
  return
}


// -----

func.func @log_softmax_invalid_2(%x: tensor<2x3x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.log_softmax %x dim 0 : tensor<2x3x4xi32>
  return
}
