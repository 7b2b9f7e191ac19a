// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.div, broken once.

func.func @div_invalid_0(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'kiln.div' op input of shape [2, 3] and other of shape [4] do not broadcast}}
  %0 = kiln.div %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}


// -----

func.func @div_invalid_1(%a: tensor<2x3xf32>, %b: tensor<3xf16>) {
  // expected-error @+1 {{other has element type 'f16' but input has 'f32'}}
  %0 = kiln.div %a, %b : (tensor<2x3xf32>, tensor<3xf16>) -> tensor<2x3xf32>
  return
}


// -----

func.func @div_invalid_2(%a: tensor<4x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{declares result types (tensor<4x1xf32>) but PyTorch's shape rules give (tensor<4x3xf32>)}}
  %0 = kiln.div %a, %b : (tensor<4x1xf32>, tensor<3xf32>) -> tensor<4x1xf32>
  return
}


// -----

func.func @div_invalid_3(%a: tensor<?x1xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.div %a, %b : (tensor<?x1xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @div_invalid_4(%a: tensor<4x1xi32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.div %a, %b : (tensor<4x1xi32>, tensor<3xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @div_invalid_rounding(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+2 {{expected ::kiln::RoundingMode to be one of: trunc, floor}}
  // expected-error @+1 {{failed to parse Kiln_RoundingModeAttr parameter}}
  %0 = kiln.div %a, %b rounding_mode <round> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}
