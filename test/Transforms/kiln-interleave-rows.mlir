// kiln-interleave-rows: a tile of row-wise passes (norm statistics, softmax)
// runs them row by row; tiles whose rows are not independent stay as they
// are. The tiles come from kiln-tile-and-fuse.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-fuse,kiln-interleave-rows,canonicalize,cse))' | FileCheck %s

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>

// layer_norm: the row statistics and the normalization in one nest over
// tiles of 8 rows, and within a tile one row at a time: the row's sum, its
// squared deviations and its normalization back to back (the sum, read by
// both, computed once).
// CHECK-LABEL: func.func @layer_norm
// CHECK:       scf.forall (%{{.*}}) = (0) to (64) step (8)
// CHECK:         scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}}) -> (tensor<8x768xf32>)
// CHECK:           linalg.fill
// CHECK:           %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}}tensor<1x768xf32>
// CHECK:           %[[SQ:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}}ins(%{{.*}}, %[[SUM]] : tensor<1x768xf32>, tensor<1xf32>)
// CHECK:           linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}}ins(%{{.*}}, %[[SUM]], %[[SQ]] : {{.*}}) outs(%{{.*}} : tensor<1x768xf32>)
// CHECK:           tensor.insert_slice
// CHECK:           scf.yield
// CHECK:         scf.forall.in_parallel
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @layer_norm(%x: tensor<64x768xf32>) -> tensor<64x768xf32> {
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 768.0 : f32
  %rows = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%rows : tensor<64xf32>) -> tensor<64xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x768xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<64xf32>
  %sq = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %sum : tensor<64x768xf32>, tensor<64xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%in: f32, %s: f32, %acc: f32):
    %mean = arith.divf %s, %n : f32
    %d = arith.subf %in, %mean : f32
    %d2 = arith.mulf %d, %d : f32
    %a = arith.addf %d2, %acc : f32
    linalg.yield %a : f32
  } -> tensor<64xf32>
  %empty = tensor.empty() : tensor<64x768xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum, %sq : tensor<64x768xf32>, tensor<64xf32>, tensor<64xf32>) outs(%empty : tensor<64x768xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%in: f32, %s: f32, %q: f32, %out: f32):
    %mean = arith.divf %s, %n : f32
    %var = arith.divf %q, %n : f32
    %sd = math.sqrt %var : f32
    %d = arith.subf %in, %mean : f32
    %y = arith.divf %d, %sd : f32
    linalg.yield %y : f32
  } -> tensor<64x768xf32>
  return %r : tensor<64x768xf32>
}

// layer_norm of a float32 input with float64 statistics (as kiln-to-linalg
// lowers it): the same rows, the statistics float64 rows of one.
// CHECK-LABEL: func.func @layer_norm_wide_statistics
// CHECK:       scf.forall (%{{.*}}) = (0) to (64) step (8)
// CHECK:         scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}}) -> (tensor<8x768xf32>)
// CHECK:           %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}}tensor<1x768xf32>{{.*}}tensor<1xf64>
// CHECK:           %[[SQ:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}}ins(%{{.*}}, %[[SUM]] : tensor<1x768xf32>, tensor<1xf64>)
// CHECK:           linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]{{.*}}ins(%{{.*}}, %[[SUM]], %[[SQ]] : {{.*}}) outs(%{{.*}} : tensor<1x768xf32>)
// CHECK:             arith.truncf
// CHECK:           tensor.insert_slice
// CHECK:         scf.forall.in_parallel
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @layer_norm_wide_statistics(%x: tensor<64x768xf32>) -> tensor<64x768xf32> {
  %zero = arith.constant 0.0 : f64
  %n = arith.constant 768.0 : f64
  %rows = tensor.empty() : tensor<64xf64>
  %init = linalg.fill ins(%zero : f64) outs(%rows : tensor<64xf64>) -> tensor<64xf64>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x768xf32>) outs(%init : tensor<64xf64>) {
  ^bb0(%in: f32, %acc: f64):
    %w = arith.extf %in : f32 to f64
    %a = arith.addf %w, %acc : f64
    linalg.yield %a : f64
  } -> tensor<64xf64>
  %sq = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %sum : tensor<64x768xf32>, tensor<64xf64>) outs(%init : tensor<64xf64>) {
  ^bb0(%in: f32, %s: f64, %acc: f64):
    %w = arith.extf %in : f32 to f64
    %mean = arith.divf %s, %n : f64
    %d = arith.subf %w, %mean : f64
    %d2 = arith.mulf %d, %d : f64
    %a = arith.addf %d2, %acc : f64
    linalg.yield %a : f64
  } -> tensor<64xf64>
  %empty = tensor.empty() : tensor<64x768xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum, %sq : tensor<64x768xf32>, tensor<64xf64>, tensor<64xf64>) outs(%empty : tensor<64x768xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%in: f32, %s: f64, %q: f64, %out: f32):
    %w = arith.extf %in : f32 to f64
    %mean = arith.divf %s, %n : f64
    %var = arith.divf %q, %n : f64
    %sd = math.sqrt %var : f64
    %d = arith.subf %w, %mean : f64
    %y = arith.divf %d, %sd : f64
    %t = arith.truncf %y : f64 to f32
    linalg.yield %t : f32
  } -> tensor<64x768xf32>
  return %r : tensor<64x768xf32>
}

// Column sums (a reduction along the outer loop) fused into tiles of
// columns: a row of the tile does not hold its own statistics, so the tile
// is not split into rows.
#t = affine_map<(d0, d1) -> (d0, d1)>
#cols = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @column_sums_not_by_rows
// CHECK:       scf.forall
// CHECK-NOT:     scf.for
// CHECK:         linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK:       scf.forall.in_parallel
func.func @column_sums_not_by_rows(%x: tensor<64x768xf32>) -> tensor<64x768xf32> {
  %zero = arith.constant 0.0 : f32
  %cols0 = tensor.empty() : tensor<768xf32>
  %init = linalg.fill ins(%zero : f32) outs(%cols0 : tensor<768xf32>) -> tensor<768xf32>
  %sum = linalg.generic {indexing_maps = [#t, #cols], iterator_types = ["reduction", "parallel"]}
      ins(%x : tensor<64x768xf32>) outs(%init : tensor<768xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<768xf32>
  %empty = tensor.empty() : tensor<64x768xf32>
  %r = linalg.generic {indexing_maps = [#t, #cols, #t], iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum : tensor<64x768xf32>, tensor<768xf32>) outs(%empty : tensor<64x768xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [0, 64]>} {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %y = arith.divf %in, %s : f32
    linalg.yield %y : f32
  } -> tensor<64x768xf32>
  return %r : tensor<64x768xf32>
}

// A matmul (i, j, k) under a bias add (i, j) reduces its innermost loop too,
// but a row of the bias add needs all of B: the tile is not split into rows.
#mA = affine_map<(i, j, k) -> (i, k)>
#mB = affine_map<(i, j, k) -> (j, k)>
#mC = affine_map<(i, j, k) -> (i, j)>
#ij = affine_map<(i, j) -> (i, j)>
#j = affine_map<(i, j) -> (j)>
// CHECK-LABEL: func.func @linear_not_by_rows
// CHECK:       scf.forall
// CHECK-NOT:     scf.for
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
// CHECK:       scf.forall.in_parallel
func.func @linear_not_by_rows(%a: tensor<32x64xf32>, %b: tensor<128x64xf32>, %bias: tensor<128xf32>) -> tensor<32x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x128xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<32x128xf32>) -> tensor<32x128xf32>
  %mm = linalg.generic {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<32x64xf32>, tensor<128x64xf32>) outs(%init : tensor<32x128xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<32x128xf32>
  %r = linalg.generic {indexing_maps = [#ij, #j, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<32x128xf32>, tensor<128xf32>) outs(%e : tensor<32x128xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%c: f32, %bb: f32, %out: f32):
    %y = arith.addf %c, %bb : f32
    linalg.yield %y : f32
  } -> tensor<32x128xf32>
  return %r : tensor<32x128xf32>
}
