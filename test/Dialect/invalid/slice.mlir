// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.slice, broken once.

func.func @slice_invalid_0(%x: tensor<10xf32>) {
  // expected-error @+1 {{'kiln.slice' op steps must be positive, got [0]}}
  %0 = kiln.slice %x dims [0] starts [0] ends [5] steps [0] : (tensor<10xf32>) -> tensor<5xf32>
  return
}


// -----

func.func @slice_invalid_1(%x: tensor<10xf32>) {
  // expected-error @+1 {{dims, starts, ends and steps must have the same length}}
  %0 = kiln.slice %x dims [0] starts [0, 1] ends [5] steps [1] : (tensor<10xf32>) -> tensor<5xf32>
  return
}


// -----

func.func @slice_invalid_2(%x: tensor<10xf32>) {
  // expected-error @+1 {{dim 1 is out of range for a 1-d input}}
  %0 = kiln.slice %x dims [1] starts [0] ends [5] steps [1] : (tensor<10xf32>) -> tensor<5xf32>
  return
}


// -----

func.func @slice_invalid_3(%x: tensor<10x4xf32>) {
  // expected-error @+1 {{dim 0 appears more than once in [0, -2]}}
  %0 = kiln.slice %x dims [0, -2] starts [0, 0] ends [5, 5] steps [1, 1] : (tensor<10x4xf32>) -> tensor<5x4xf32>
  return
}


// -----

func.func @slice_invalid_4(%x: tensor<?xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.slice %x dims [0] starts [2] ends [7] steps [1] : (tensor<?xf32>) -> tensor<5xf32>
  return
}


// -----

func.func @slice_invalid_5(%x: tensor<10xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.slice %x dims [0] starts [2] ends [7] steps [1] : (tensor<10xi32>) -> tensor<5xf32>
  return
}
