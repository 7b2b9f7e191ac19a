// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.split, broken once.

func.func @split_invalid_0(%x: tensor<5x2xf32>) {
  // expected-error @+1 {{'kiln.split' op sections [1, 3] sum to 4 but dim 0 has size 5}}
  %0:2 = kiln.split %x sections [1, 3] : (tensor<5x2xf32>) -> (tensor<1x2xf32>, tensor<3x2xf32>)
  return
}


// -----

func.func @split_invalid_1(%x: tensor<5x2xf32>) {
  // expected-error @+1 {{needs exactly one of split_size and sections}}
  %0:2 = kiln.split %x split_size 2 sections [1, 4] : (tensor<5x2xf32>) -> (tensor<1x2xf32>, tensor<4x2xf32>)
  return
}


// -----

func.func @split_invalid_2(%x: tensor<5x2xf32>) {
  // expected-error @+1 {{needs exactly one of split_size and sections}}
  %0 = kiln.split %x : (tensor<5x2xf32>) -> tensor<5x2xf32>
  return
}


// -----

func.func @split_invalid_3(%x: tensor<5x2xf32>) {
  // expected-error @+1 {{split_size must be positive, got 0}}
  %0 = kiln.split %x split_size 0 : (tensor<5x2xf32>) -> tensor<5x2xf32>
  return
}


// -----

func.func @split_invalid_4(%x: tensor<5x2xf32>) {
  // expected-error @+1 {{sections [-1, 6] has a negative size}}
  %0:2 = kiln.split %x sections [-1, 6] : (tensor<5x2xf32>) -> (tensor<1x2xf32>, tensor<4x2xf32>)
  return
}


// -----

func.func @split_invalid_5(%x: tensor<5x2xf32>) {
  // expected-error @+1 {{declares result types (tensor<3x2xf32>, tensor<3x2xf32>) but PyTorch's shape rules give (tensor<3x2xf32>, tensor<2x2xf32>)}}
  %0:2 = kiln.split %x split_size 3 : (tensor<5x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>)
  return
}


// -----

func.func @split_invalid_6(%x: tensor<f32>) {
  // expected-error @+1 {{input must be at least 1-d}}
  %0 = kiln.split %x split_size 1 : (tensor<f32>) -> tensor<f32>
  return
}


// -----

func.func @split_invalid_7(%x: tensor<?x2xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0:3 = kiln.split %x split_size 2 : (tensor<?x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>)
  return
}


// -----

func.func @split_invalid_8(%x: tensor<5x2xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0:3 = kiln.split %x split_size 2 : (tensor<5x2xi32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>)
  return
}
