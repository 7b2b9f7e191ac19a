// kiln-tile-caches and kiln-vectorize: a contraction whose accumulator starts from a fill, and
// whose reduction its cache tiles leave whole, takes the fill into its
// register tiles. Each tile writes the fill's value, then reduces; once the
// accumulator is hoisted out of the reduction loop (as the pipeline does
// next), it starts from the value in registers: no pass over the result
// to fill it, no load of it back.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-caches,kiln-vectorize,kiln-fuse-multiply-add,canonicalize,cse))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-caches,kiln-vectorize,kiln-fuse-multiply-add,canonicalize,cse),loop-invariant-subset-hoisting,canonicalize,cse)' | FileCheck %s --check-prefix=HOISTED

// CHECK-LABEL: func.func @matmul_filled
// CHECK-DAG:   %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4x16xf32>
// CHECK-DAG:   %[[EMPTY:.*]] = tensor.empty() : tensor<8x32xf32>
// CHECK:       scf.for {{.*}} iter_args(%{{.*}} = %[[EMPTY]])
// CHECK:         scf.for
// CHECK:           %[[TILE:.*]] = tensor.extract_slice
// CHECK:           %[[FILLED:.*]] = vector.transfer_write %[[ZERO]], %[[TILE]]
// CHECK:           scf.for {{.*}} iter_args(%{{.*}} = %[[FILLED]]) -> (tensor<4x16xf32>)
// CHECK:             vector.contract
// CHECK-NOT:   linalg.
// CHECK:       return
// HOISTED-LABEL: func.func @matmul_filled
// HOISTED:       %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4x16xf32>
// HOISTED:       scf.for {{.*}} iter_args(%{{.*}} = %[[ZERO]]) -> (vector<4x16xf32>)
// HOISTED:         vector.contract
// HOISTED:       return
func.func @matmul_filled(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %c = linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 0]>} ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<registers = [4, 16, 1], order = [1, 0, 2]>}
    ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// With B packed (one slice of the reduction): the fill reaches the GEMM
// over the panels through C's expansion.
// HOISTED-LABEL: func.func @matmul_filled_packed
// HOISTED:       %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4x16xf32>
// HOISTED:       %[[EMPTY:.*]] = tensor.empty() : tensor<8x32xf32>
// HOISTED:       tensor.expand_shape %[[EMPTY]] {{.*}} into tensor<8x2x16xf32>
// HOISTED:       scf.for {{.*}} iter_args(%{{.*}} = %[[ZERO]]) -> (vector<4x16xf32>)
// HOISTED:         vector.fma
// HOISTED:       return
func.func @matmul_filled_packed(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %c = linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 0]>} ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<cache = [0, 0, 16], registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
    ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// Reduced in slices (cache tiles of 8 along k), each slice adding to what
// the one before left: the first slice becomes an op of its own (the
// matmul's tile over k in [0, 8)) that takes the fill, and the rest (k in
// [8, 16)) loads its accumulators from it. Each packs its own slice of B.
// HOISTED-LABEL: func.func @matmul_filled_slices
// HOISTED:       %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4x16xf32>
// HOISTED-NOT:   vector<1x32xf32>
// HOISTED:       %[[FIRST_B:.*]] = tensor.extract_slice %arg1[0, 0] [8, 32] [1, 1]
// HOISTED:       tensor.expand_shape %[[FIRST_B]]
// HOISTED:       %[[FIRST:.*]] = scf.for {{.*}} -> (tensor<8x2x16xf32>)
// HOISTED:             scf.for {{.*}} iter_args(%{{.*}} = %[[ZERO]]) -> (vector<4x16xf32>)
// HOISTED:       %[[REST_B:.*]] = tensor.extract_slice %arg1[8, 0] [8, 32] [1, 1]
// HOISTED:       tensor.expand_shape %[[REST_B]]
// HOISTED:       scf.for {{.*}} iter_args(%{{.*}} = %[[FIRST]])
// HOISTED:             %[[ACC:.*]] = vector.transfer_read {{.*}} : tensor<4x16xf32>, vector<4x16xf32>
// HOISTED:             scf.for {{.*}} iter_args(%{{.*}} = %[[ACC]]) -> (vector<4x16xf32>)
// HOISTED:       return
func.func @matmul_filled_slices(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %c = linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 0]>} ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<cache = [0, 0, 8], registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
    ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// Rows in blocks of 8 (a GEMM's cache tile of m) as well: each block fills
// its own part of C, so the first slice's register tiles still take the
// fill.
// HOISTED-LABEL: func.func @matmul_filled_row_blocks
// HOISTED:       %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<4x16xf32>
// HOISTED:       %[[FIRST:.*]] = scf.for %{{.*}} = %c0 to %c16 step %c8 {{.*}} -> (tensor<16x2x16xf32>)
// HOISTED:             scf.for {{.*}} iter_args(%{{.*}} = %[[ZERO]]) -> (vector<4x16xf32>)
// HOISTED:       scf.for %{{.*}} = %c0 to %c16 step %c8 iter_args(%{{.*}} = %[[FIRST]])
// HOISTED:             %[[ACC:.*]] = vector.transfer_read {{.*}} : tensor<4x16xf32>, vector<4x16xf32>
// HOISTED:             scf.for {{.*}} iter_args(%{{.*}} = %[[ACC]]) -> (vector<4x16xf32>)
// HOISTED:       return
func.func @matmul_filled_row_blocks(%a: tensor<16x16xf32>, %b: tensor<16x32xf32>) -> tensor<16x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x32xf32>
  %c = linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 0]>} ins(%zero : f32) outs(%e : tensor<16x32xf32>) -> tensor<16x32xf32>
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<cache = [8, 0, 8], registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
    ins(%a, %b : tensor<16x16xf32>, tensor<16x32xf32>) outs(%c : tensor<16x32xf32>) -> tensor<16x32xf32>
  return %0 : tensor<16x32xf32>
}
