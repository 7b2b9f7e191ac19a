// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.clamp, broken once.

func.func @clamp_invalid_0(%x: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'kiln.clamp' op needs at least one of min and max}}
  %0 = kiln.clamp %x : tensor<2x3x4xf32>
  return
}


// -----

func.func @clamp_invalid_1(%x: tensor<?x3x4xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.clamp %x min -1.000000e+00 max 1.000000e+00 : tensor<?x3x4xf32>
  return
}


// -----

func.func @clamp_invalid_2(%x: tensor<2x3x4xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.clamp %x min -1.000000e+00 max 1.000000e+00 : tensor<2x3x4xi32>
  return
}
