// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.dropout, broken once.

func.func @dropout_invalid_0(%x: tensor<20x16xf32>) {
  // expected-error @+1 {{'kiln.dropout' op p must be between 0 and 1, got 1.5}}
  %0 = kiln.dropout %x p 1.500000e+00 : tensor<20x16xf32>
  return
}


// -----

func.func @dropout_invalid_1(%x: tensor<20x16xf32>) {
  // expected-error @+1 {{p must be between 0 and 1, got -1.000000e-01}}
  %0 = kiln.dropout %x p -1.000000e-01 : tensor<20x16xf32>
  return
}


// -----

func.func @dropout_invalid_2(%x: tensor<20x16xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "kiln.dropout"(%x) : (tensor<20x16xf32>) -> tensor<20xf32>
  return
}


// -----

func.func @dropout_invalid_3(%x: tensor<?x16xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.dropout %x : tensor<?x16xf32>
  return
}


// -----

func.func @dropout_invalid_4(%x: tensor<20x16xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.dropout %x : tensor<20x16xi32>
  return
}
