// kiln-run passes every input at every call: an argument marked
// kiln.constant is an input like any other (no prepare entry is made), at
// both opt-levels.
//
// RUN: kiln-run %s --entry=layer --random-inputs | FileCheck %s
// RUN: kiln-run %s --entry=layer --random-inputs --opt-level=0 | FileCheck %s
// CHECK: entry layer: 2 inputs, 1 results
func.func @layer(%x: tensor<1x64x14x14xf32>, %w: tensor<64x64x3x3xf32> {kiln.constant})
    -> tensor<1x64x14x14xf32> {
  %c = kiln.conv2d %x, %w padding [1, 1] : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x14x14xf32>
  return %c : tensor<1x64x14x14xf32>
}
