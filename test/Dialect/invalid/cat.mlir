// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.cat, broken once.

func.func @cat_invalid_0(%a: tensor<2x3xf32>, %b: tensor<3x3xf32>) {
  // expected-error @+1 {{'kiln.cat' op tensor #1 has shape [3, 3] but tensor #0 has [2, 3] (they may differ only in dim 1)}}
  %0 = kiln.cat %a, %b dim 1 : (tensor<2x3xf32>, tensor<3x3xf32>) -> tensor<2x6xf32>
  return
}


// -----

func.func @cat_invalid_1(%a: tensor<2x3xf32>, %b: tensor<2x3x1xf32>) {
  // expected-error @+1 {{tensor #1 has shape [2, 3, 1] but tensor #0 has [2, 3]}}
  %0 = kiln.cat %a, %b : (tensor<2x3xf32>, tensor<2x3x1xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @cat_invalid_2(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{dim 2 is out of range for a 2-d input}}
  %0 = kiln.cat %a, %b dim 2 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @cat_invalid_3(%a: tensor<f32>, %b: tensor<f32>) {
  // expected-error @+1 {{tensor #0 is 0-d and cannot be concatenated}}
  %0 = kiln.cat %a, %b : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return
}


// -----

func.func @cat_invalid_4(%a: tensor<2x3xf32>, %b: tensor<2x3xf64>) {
  // expected-error @+1 {{tensor #1 has element type 'f64' but input has 'f32'}}
  %0 = kiln.cat %a, %b : (tensor<2x3xf32>, tensor<2x3xf64>) -> tensor<4x3xf32>
  return
}


// -----

func.func @cat_invalid_5() {
  // expected-error @+1 {{needs at least one tensor}}
  %0 = "kiln.cat"() : () -> tensor<2xf32>
  return
}


// -----

func.func @cat_invalid_6(%a: tensor<?x3xf32>, %b: tensor<2x3xf32>, %c: tensor<2x3xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.cat %a, %b, %c : (tensor<?x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
  return
}


// -----

func.func @cat_invalid_7(%a: tensor<2x3xi32>, %b: tensor<2x3xf32>, %c: tensor<2x3xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.cat %a, %b, %c : (tensor<2x3xi32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<6x3xf32>
  return
}
