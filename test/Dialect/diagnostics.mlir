// RUN: not kiln-opt %s 2>&1 | FileCheck %s
// RUN: bash -c 'kiln-opt %s > /dev/null 2>&1; test $? -eq 1'

// A broken rule is one located error that names the op and both sides of
// the rule, and kiln-opt exits 1.

// CHECK: diagnostics.mlir:[[# @LINE + 3]]:8: error: 'kiln.conv2d' op input has 16 channels but weight expects 8 (groups=1)
// CHECK-NOT: error
func.func @channels(%x: tensor<20x16x50x100xf32>, %w: tensor<33x8x3x5xf32>) {
  %0 = kiln.conv2d %x, %w : (tensor<20x16x50x100xf32>, tensor<33x8x3x5xf32>) -> tensor<20x33x48x96xf32>
  return
}
