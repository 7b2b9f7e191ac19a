// A model's layers of the same shape share their kernels: two residual
// blocks of 3x3 convolutions (the second the same as the first) lower to
// one kernel per distinct loop nest, called by every layer that has it
// (kiln-outline-kernels, at the end of the buffers stage).
//
// RUN: kiln-opt %s --kiln-pipeline="stop-after=buffers target-cpu=skylake-avx512" | FileCheck %s

// Each layer: its input padded (a fill, a copy into the interior), its
// weights laid out for the convolution, and the convolution with its
// epilogue (+ bias, relu; or + bias, + the skip path, relu).
// CHECK-LABEL: func.func @blocks(
// CHECK: call @blocks_kernel[[FILL:[0-9]+]](
// CHECK: call @blocks_kernel[[COPY:[0-9]+]](
// CHECK: call @blocks_kernel[[WEIGHTS:[0-9]+]](
// CHECK: call @blocks_kernel[[CONV:[0-9]+]](
// CHECK: call @blocks_kernel[[FILL]](
// CHECK: call @blocks_kernel[[COPY]](
// CHECK: call @blocks_kernel[[WEIGHTS]](
// CHECK: call @blocks_kernel[[CONV_ADD:[0-9]+]](
// CHECK: call @blocks_kernel[[FILL]](
// CHECK: call @blocks_kernel[[COPY]](
// CHECK: call @blocks_kernel[[WEIGHTS]](
// CHECK: call @blocks_kernel[[CONV]](
// CHECK: call @blocks_kernel[[FILL]](
// CHECK: call @blocks_kernel[[COPY]](
// CHECK: call @blocks_kernel[[WEIGHTS]](
// CHECK: call @blocks_kernel[[CONV_ADD]](
// CHECK-NOT: call @
// CHECK: return
// Five kernels for sixteen calls.
// CHECK-COUNT-5: func.func private @blocks_kernel
// CHECK-NOT: func.func private
func.func @blocks(%x: tensor<1x64x14x14xf32>, %w1: tensor<64x64x3x3xf32>, %w2: tensor<64x64x3x3xf32>,
                  %w3: tensor<64x64x3x3xf32>, %w4: tensor<64x64x3x3xf32>, %b: tensor<64xf32>)
    -> tensor<1x64x14x14xf32> {
  %c1 = kiln.conv2d %x, %w1, %b padding [1, 1] : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x14x14xf32>
  %r1 = kiln.relu %c1 : tensor<1x64x14x14xf32>
  %c2 = kiln.conv2d %r1, %w2, %b padding [1, 1] : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x14x14xf32>
  %s1 = kiln.add %c2, %x : (tensor<1x64x14x14xf32>, tensor<1x64x14x14xf32>) -> tensor<1x64x14x14xf32>
  %o1 = kiln.relu %s1 : tensor<1x64x14x14xf32>
  %c3 = kiln.conv2d %o1, %w3, %b padding [1, 1] : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x14x14xf32>
  %r3 = kiln.relu %c3 : tensor<1x64x14x14xf32>
  %c4 = kiln.conv2d %r3, %w4, %b padding [1, 1] : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x14x14xf32>
  %s2 = kiln.add %c4, %o1 : (tensor<1x64x14x14xf32>, tensor<1x64x14x14xf32>) -> tensor<1x64x14x14xf32>
  %o2 = kiln.relu %s2 : tensor<1x64x14x14xf32>
  return %o2 : tensor<1x64x14x14xf32>
}
