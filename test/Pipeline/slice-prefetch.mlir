// A deep layer's weights do not stay in cache: the loop over a channels-last
// convolution's input channel slices prefetches the next slice's weights
// into L2 (kiln-tile-caches marks it, kiln-prefetch-next-slice fills it).
// A shallow layer's weights (3x3 64 -> 64: 147 KiB) stay in cache and are
// read by many rows of outputs per slice: no prefetch.
//
// RUN: kiln-opt %s --kiln-pipeline="stop-after=loops target-cpu=skylake-avx512" | FileCheck %s

// CHECK-LABEL: func.func private @deep_kernel2
// CHECK:         memref.prefetch {{.*}}, read, locality<2>, data
// CHECK:         memref.prefetch {{.*}}, read, locality<2>, data
// CHECK:       } {kiln.reduction_slices}
func.func @deep(%x: tensor<1x512x7x7xf32>, %w: tensor<512x512x3x3xf32> {kiln.constant},
                %b: tensor<512xf32> {kiln.constant}) -> tensor<1x512x7x7xf32> {
  %c = kiln.conv2d %x, %w, %b padding [1, 1] : (tensor<1x512x7x7xf32>, tensor<512x512x3x3xf32>, tensor<512xf32>) -> tensor<1x512x7x7xf32>
  return %c : tensor<1x512x7x7xf32>
}

// CHECK-LABEL: func.func private @shallow_kernel1
// CHECK-NOT:   read, locality<2>
// CHECK:       } {kiln.reduction_slices}
func.func @shallow(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32> {kiln.constant},
                   %b: tensor<64xf32> {kiln.constant}) -> tensor<1x64x56x56xf32> {
  %c = kiln.conv2d %x, %w, %b padding [1, 1] : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  return %c : tensor<1x64x56x56xf32>
}
