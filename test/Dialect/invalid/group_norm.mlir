// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.group_norm, broken once.

func.func @group_norm_invalid_0(%x: tensor<20x6x10x10xf32>) {
  // expected-error @+1 {{input has 6 channels, not divisible by num_groups=4}}
  %0 = kiln.group_norm %x num_groups 4 : (tensor<20x6x10x10xf32>) -> tensor<20x6x10x10xf32>
  return
}


// -----

func.func @group_norm_invalid_1(%x: tensor<20x6x10x10xf32>) {
  // expected-error @+1 {{num_groups must be positive, got 0}}
  %0 = kiln.group_norm %x num_groups 0 : (tensor<20x6x10x10xf32>) -> tensor<20x6x10x10xf32>
  return
}


// -----

func.func @group_norm_invalid_2(%x: tensor<20x6x10x10xf32>, %w: tensor<3xf32>) {
  // expected-error @+1 {{weight has shape [3] but must be [6] (one per channel)}}
  %0 = kiln.group_norm %x weight %w num_groups 3 : (tensor<20x6x10x10xf32>, tensor<3xf32>) -> tensor<20x6x10x10xf32>
  return
}


// -----

func.func @group_norm_invalid_3(%x: tensor<6xf32>) {
  // expected-error @+1 {{input must be at least 2-d (N, C, ...), got shape [6]}}
  %0 = kiln.group_norm %x num_groups 1 : (tensor<6xf32>) -> tensor<6xf32>
  return
}


// -----

func.func @group_norm_invalid_4(%x: tensor<?x6x10x10xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.group_norm %x weight %w bias %b num_groups 3 : (tensor<?x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<20x6x10x10xf32>
  return
}


// -----

func.func @group_norm_invalid_5(%x: tensor<20x6x10x10xi32>, %w: tensor<6xf32>, %b: tensor<6xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.group_norm %x weight %w bias %b num_groups 3 : (tensor<20x6x10x10xi32>, tensor<6xf32>, tensor<6xf32>) -> tensor<20x6x10x10xf32>
  return
}
