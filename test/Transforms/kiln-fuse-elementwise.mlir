// kiln-fuse-elementwise: chains of elementwise ops become one generic, but a
// producer read through a broadcast stays apart (computed per channel, not
// per element).
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-fuse-elementwise))' | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#vec = affine_map<(d0) -> (d0)>

// gelu(2x + 1)-like chain: one generic computing all three steps.
// CHECK-LABEL: func.func @chain
// CHECK:       linalg.generic
// CHECK:         arith.mulf
// CHECK:         arith.addf
// CHECK:         math.tanh
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @chain(%x: tensor<64x768xf32>) -> tensor<64x768xf32> {
  %two = arith.constant 2.0 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<64x768xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<64x768xf32>) outs(%e : tensor<64x768xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %two : f32
    linalg.yield %m : f32
  } -> tensor<64x768xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<64x768xf32>) outs(%e : tensor<64x768xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %one : f32
    linalg.yield %s : f32
  } -> tensor<64x768xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<64x768xf32>) outs(%e : tensor<64x768xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  } -> tensor<64x768xf32>
  return %c : tensor<64x768xf32>
}

// 1/sqrt(var + eps) per column stays its own generic over 768 elements;
// the normalization reads it.
// CHECK-LABEL: func.func @broadcast
// CHECK:       %[[R:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<768xf32>)
// CHECK:         math.sqrt
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %[[R]] : tensor<64x768xf32>, tensor<768xf32>)
// CHECK-NOT:     math.sqrt
// CHECK:       return
func.func @broadcast(%x: tensor<64x768xf32>, %var: tensor<768xf32>) -> tensor<64x768xf32> {
  %e1 = tensor.empty() : tensor<768xf32>
  %r = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%var : tensor<768xf32>) outs(%e1 : tensor<768xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = math.sqrt %in : f32
    linalg.yield %s : f32
  } -> tensor<768xf32>
  %e = tensor.empty() : tensor<64x768xf32>
  %y = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %r : tensor<64x768xf32>, tensor<768xf32>) outs(%e : tensor<64x768xf32>) {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %d = arith.divf %in, %s : f32
    linalg.yield %d : f32
  } -> tensor<64x768xf32>
  return %y : tensor<64x768xf32>
}
