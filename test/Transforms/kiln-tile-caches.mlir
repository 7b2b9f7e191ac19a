// kiln-tile-caches: an op's cache tiles become scf.for loops and a GEMM's
// B is packed into panels, each slice once; what is left carries its
// register tiles for kiln-vectorize (the second run line: the two passes and the
// vector FMAs together, as the optimized stage runs them).
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-caches,canonicalize,cse))' | FileCheck %s --check-prefix=CACHES
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-caches,kiln-vectorize,kiln-fuse-multiply-add,canonicalize,cse))' | FileCheck %s

// CACHES-LABEL: func.func @matmul
// CACHES:       scf.for %{{.*}} = %c0 to %c16 step %c8
// CACHES:         %[[SLICE:.*]] = tensor.expand_shape {{.*}} : tensor<8x32xf32> into tensor<8x2x16xf32>
// CACHES:         %[[PACKED:.*]] = linalg.transpose ins(%[[SLICE]] : tensor<8x2x16xf32>) {{.*}} permutation = [1, 0, 2] {kiln.tiling = #kiln.tiling<registers = [1, 1, 0]>}
// CACHES:         scf.for %{{.*}} = %c0 to %c16 step %c8
// CACHES:           linalg.generic {{.*}} ins(%{{.*}}, %[[PACKED]] : tensor<8x8xf32>, tensor<2x8x16xf32>) outs(%{{.*}} : tensor<8x2x16xf32>)
// CACHES-SAME:        kiln.tiling = #kiln.tiling<registers = [4, 1, 0, 1], order = [1, 2, 0, 3]>
// CACHES-NOT:   linalg.matmul
// CACHES-LABEL: func.func @linear_weight
// CACHES:       scf.for %{{.*}} = %c0 to %c16 step %c8
// CACHES:         %[[SLICE:.*]] = tensor.expand_shape {{.*}} : tensor<32x8xf32> into tensor<2x16x8xf32>
// CACHES:         %[[PACKED:.*]] = linalg.transpose ins(%[[SLICE]] : tensor<2x16x8xf32>) {{.*}} permutation = [0, 2, 1] {kiln.tiling = #kiln.tiling<registers = [1, 0, 8]>}
// CACHES:         linalg.generic {{.*}} ins(%{{.*}}, %[[PACKED]] : tensor<8x8xf32>, tensor<2x8x16xf32>)
// CACHES-SAME:      kiln.tiling = #kiln.tiling<registers = [4, 1, 0, 1], order = [1, 2, 0, 3]>

// A 4x16 block of C per step of k. With cache tiles, the reduction runs in
// slices of 8; each slice's block of B is first packed into panels of 16
// columns, Bp[n / 16][k][n % 16] (Goto's packing: the register tile then
// reads consecutive lines), then the rows run in blocks of 8 (the cache
// tile of m) that all read the packed slice; in a block, the 16-column
// panels are the outer loop, the 4-row blocks of A the inner one, then k:
// one FMA of a column of A broadcast along the rows and a row of the panel
// per step.
// CHECK-LABEL: func.func @matmul
// CHECK:       scf.for %{{.*}} = %c0 to %c16 step %c8
// CHECK:         %[[ROWS:.*]] = tensor.expand_shape {{.*}} : tensor<8x32xf32> into tensor<8x2x16xf32>
// CHECK:         %[[PACKED:.*]] = scf.for {{.*}} -> (tensor<2x8x16xf32>)
// CHECK:           tensor.extract_slice %[[ROWS]]
// CHECK:           vector.transfer_read {{.*}} vector<1x1x16xf32>
// CHECK:           vector.transfer_write {{.*}} vector<1x1x16xf32>, tensor<1x1x16xf32>
// CHECK:         tensor.expand_shape {{.*}} : tensor<16x32xf32> into tensor<16x2x16xf32>
// CHECK:         scf.for %{{.*}} = %c0 to %c16 step %c8
// CHECK-NOT:       expand_shape
// CHECK:           scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK:             scf.for %{{.*}} = %c0 to %c8 step %c4
// CHECK:               scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK:                 tensor.extract_slice %[[PACKED]]
// CHECK:                 vector.fma {{.*}} : vector<4x16xf32>
// CHECK:         tensor.collapse_shape {{.*}} : tensor<16x2x16xf32> into tensor<16x32xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @matmul(%a: tensor<16x16xf32>, %b: tensor<16x32xf32>, %c: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<cache = [8, 0, 8], registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
    ins(%a, %b : tensor<16x16xf32>, tensor<16x32xf32>) outs(%c : tensor<16x32xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}

// A linear layer's weight, B[n, k]: its slice is packed into the same
// panels, each step a square block transposed by shuffles (not a load per
// element), and the GEMM over the panels is the one above.
// CHECK-LABEL: func.func @linear_weight
// CHECK:       scf.for %{{.*}} = %c0 to %c16 step %c8
// CHECK:         %[[ROWS:.*]] = tensor.expand_shape {{.*}} : tensor<32x8xf32> into tensor<2x16x8xf32>
// CHECK:         %[[PACKED:.*]] = scf.for {{.*}} -> (tensor<2x8x16xf32>)
// CHECK:           tensor.extract_slice %[[ROWS]]
// CHECK:           vector.transfer_read
// CHECK-NOT:       permutation_map
// CHECK:           vector.shuffle
// CHECK:           vector.transfer_write
// CHECK:         scf.for %{{.*}} = %c0 to %c2 step %c1
// CHECK:           scf.for %{{.*}} = %c0 to %c8 step %c4
// CHECK:             scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK:               tensor.extract_slice %[[PACKED]]
// CHECK:               vector.fma {{.*}} : vector<4x16xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @linear_weight(%a: tensor<8x16xf32>, %b: tensor<32x16xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    {kiln.tiling = #kiln.tiling<cache = [0, 0, 8], registers = [4, 16, 1], order = [1, 0, 2], pack_b = nk>}
    ins(%a, %b : tensor<8x16xf32>, tensor<32x16xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// A reduction in slices of 8 that starts from a fill: its first slice an op
// of its own, the rest a loop over slices, marked kiln.reduction_slices for
// kiln-prefetch-next-slice (a GEMM's slices, which pack their own panels of
// B, are not marked).
// CACHES-LABEL: func.func @row_sums
// CACHES:       %[[FIRST:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<16x8xf32>)
// CACHES:       scf.for %{{.*}} = %c0 to %c24 step %c8 iter_args(%{{.*}} = %[[FIRST]])
// CACHES:         linalg.generic {{.*}} ins(%{{.*}} : tensor<16x8xf32>)
// CACHES:       } {kiln.reduction_slices}
// CACHES-NOT:   kiln.reduction_slices
func.func @row_sums(%x: tensor<16x32xf32>) -> tensor<16xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<16xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<16xf32>) -> tensor<16xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(m, k) -> (m, k)>, affine_map<(m, k) -> (m)>],
                       iterator_types = ["parallel", "reduction"]}
    {kiln.tiling = #kiln.tiling<cache = [0, 8], registers = [16, 1]>}
    ins(%x : tensor<16x32xf32>) outs(%init : tensor<16xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  return %0 : tensor<16xf32>
}
