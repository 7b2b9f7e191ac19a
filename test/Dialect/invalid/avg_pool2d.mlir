// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each rule of kiln.avg_pool2d, broken once.

func.func @avg_pool2d_invalid_0(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{divisor_override must not be zero}}
  %0 = kiln.avg_pool2d %x kernel_size [2, 2] divisor_override 0 : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return
}


// -----

func.func @avg_pool2d_invalid_1(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{padding [2, 0] must be at most half of kernel_size [2, 2]}}
  %0 = kiln.avg_pool2d %x kernel_size [2, 2] padding [2, 0] : (tensor<1x1x4x4xf32>) -> tensor<1x1x4x2xf32>
  return
}


// -----

func.func @avg_pool2d_invalid_2(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{is too small}}
  %0 = kiln.avg_pool2d %x kernel_size [5, 5] : (tensor<1x1x4x4xf32>) -> tensor<1x1x1x1xf32>
  return
}


// -----

func.func @avg_pool2d_invalid_3(%x: tensor<1x1x4x4xf32>) {
  // expected-error @+1 {{kernel_size values must be at least 1, got [0, 2]}}
  %0 = kiln.avg_pool2d %x kernel_size [0, 2] : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return
}


// -----

func.func @avg_pool2d_invalid_4(%x: tensor<?x16x50x32xf32>) {
  // expected-error @+1 {{statically shaped tensor}}
  %0 = kiln.avg_pool2d %x kernel_size [3, 3] stride [2, 2] : (tensor<?x16x50x32xf32>) -> tensor<20x16x24x15xf32>
  return
}


// -----

func.func @avg_pool2d_invalid_5(%x: tensor<20x16x50x32xi32>) {
  // expected-error @+1 {{operand #0 must be}}
  %0 = kiln.avg_pool2d %x kernel_size [3, 3] stride [2, 2] : (tensor<20x16x50x32xi32>) -> tensor<20x16x24x15xf32>
  return
}
