// RUN: not kiln-opt %s --kiln-to-linalg 2>&1 | FileCheck %s
// An op without a lowering is a located error, not silently kept.
// CHECK: unsupported.mlir:[[# @LINE + 2]]:8: error: failed to legalize operation 'kiln.embedding'
func.func @f(%i: tensor<4xi64>, %w: tensor<10x3xf32>) -> tensor<4x3xf32> {
  %0 = kiln.embedding %i, %w : (tensor<4xi64>, tensor<10x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
