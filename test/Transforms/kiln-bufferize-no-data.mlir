// RUN: not kiln-opt %s --kiln-bufferize 2>&1 | FileCheck %s

// A 0-d resource constant whose blob is missing is an error naming it, not
// an abort in the LLVM lowering.
// CHECK: error: constant resource 'scalar' has no data for its 'tensor<f32>'
func.func @scalar_resource(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant dense_resource<scalar> : tensor<f32>
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x, %c : tensor<4xf32>, tensor<f32>) outs(%e : tensor<4xf32>) {
  ^bb0(%v: f32, %s: f32, %out: f32):
    %y = arith.addf %v, %s : f32
    linalg.yield %y : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}
