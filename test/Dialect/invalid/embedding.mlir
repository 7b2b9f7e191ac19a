// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.embedding, broken once.

func.func @embedding_invalid_0(%i: tensor<4xi64>, %w: tensor<10x3xf32>) {
  // expected-error @+1 {{'kiln.embedding' op padding_idx 10 is outside the 10 embeddings}}
  %0 = kiln.embedding %i, %w padding_idx 10 : (tensor<4xi64>, tensor<10x3xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @embedding_invalid_1(%i: tensor<4xi64>, %w: tensor<10x3xf32>) {
  // expected-error @+1 {{padding_idx -11 is outside the 10 embeddings}}
  %0 = kiln.embedding %i, %w padding_idx -11 : (tensor<4xi64>, tensor<10x3xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @embedding_invalid_2(%i: tensor<4xi64>, %w: tensor<10xf32>) {
  // expected-error @+1 {{weight must be 2-d, got shape [10]}}
  %0 = kiln.embedding %i, %w : (tensor<4xi64>, tensor<10xf32>) -> tensor<4xf32>
  return
}


// -----

func.func @embedding_invalid_3(%i: tensor<?x4xi64>, %w: tensor<10x3xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.embedding %i, %w : (tensor<?x4xi64>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
  return
}


// -----

func.func @embedding_invalid_4(%i: tensor<2x4xf32>, %w: tensor<10x3xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.embedding %i, %w : (tensor<2x4xf32>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
  return
}
