// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.batch_norm, broken once.

func.func @batch_norm_invalid_0(%x: tensor<4x3x5xf32>) {
  // expected-error @+1 {{running_mean and running_var are required when training is false}}
  %0 = kiln.batch_norm %x : (tensor<4x3x5xf32>) -> tensor<4x3x5xf32>
  return
}


// -----

func.func @batch_norm_invalid_1(%x: tensor<4x3x5xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{running_mean has shape [4] but must be [3] (one per channel)}}
  %0 = kiln.batch_norm %x running_mean %m running_var %v : (tensor<4x3x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4x3x5xf32>
  return
}


// -----

func.func @batch_norm_invalid_2(%x: tensor<4x3x5xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %w: tensor<3x1xf32>) {
  // expected-error @+1 {{weight has shape [3, 1] but must be [3] (one per channel)}}
  %0 = kiln.batch_norm %x running_mean %m running_var %v weight %w : (tensor<4x3x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3x1xf32>) -> tensor<4x3x5xf32>
  return
}


// -----

func.func @batch_norm_invalid_3(%x: tensor<4x3x5xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>, %b: tensor<3xf64>) {
  // expected-error @+1 {{bias has element type 'f64' but input has 'f32'}}
  %0 = kiln.batch_norm %x running_mean %m running_var %v bias %b : (tensor<4x3x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf64>) -> tensor<4x3x5xf32>
  return
}


// -----

func.func @batch_norm_invalid_4(%x: tensor<4x3x5xf32>, %m: tensor<3xf32>) {
  // expected-error @+1 {{running_mean and running_var must be given together}}
  %0 = kiln.batch_norm %x running_mean %m training true : (tensor<4x3x5xf32>, tensor<3xf32>) -> tensor<4x3x5xf32>
  return
}


// -----

func.func @batch_norm_invalid_5(%x: tensor<1x3xf32>) {
  // expected-error @+1 {{training needs more than 1 value per channel, got input shape [1, 3]}}
  %0 = kiln.batch_norm %x training true : (tensor<1x3xf32>) -> tensor<1x3xf32>
  return
}


// -----

func.func @batch_norm_invalid_6(%x: tensor<4xf32>) {
  // expected-error @+1 {{input must be at least 2-d (N, C, ...), got shape [4]}}
  %0 = kiln.batch_norm %x training true : (tensor<4xf32>) -> tensor<4xf32>
  return
}


// -----


func.func @batch_norm_invalid_8(%x: tensor<4x3xf32>) {
  // expected-error @+1 {{eps must not be negative}}
  %0 = kiln.batch_norm %x training true eps -1.000000e+00 : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @batch_norm_invalid_9(%x: tensor<4x3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{declares result types (tensor<4x3xf32>) but PyTorch's shape rules give (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>)}}
  %0 = kiln.batch_norm %x running_mean %m running_var %v training true : (tensor<4x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return
}


// -----

func.func @batch_norm_invalid_10(%x: tensor<?x100x35x45xf32>, %m: tensor<100xf32>, %v: tensor<100xf32>, %w: tensor<100xf32>, %b: tensor<100xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.batch_norm %x running_mean %m running_var %v weight %w bias %b : (tensor<?x100x35x45xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x35x45xf32>
  return
}


// -----

func.func @batch_norm_invalid_11(%x: tensor<20x100x35x45xi32>, %m: tensor<100xf32>, %v: tensor<100xf32>, %w: tensor<100xf32>, %b: tensor<100xf32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.batch_norm %x running_mean %m running_var %v weight %w bias %b : (tensor<20x100x35x45xi32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>, tensor<100xf32>) -> tensor<20x100x35x45xf32>
  return
}
