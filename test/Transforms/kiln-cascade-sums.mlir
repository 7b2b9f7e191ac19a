// kiln-cascade-sums: no accumulator adds more than `block` terms (16).
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-cascade-sums))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-cascade-sums{rows-up-to=4096}))' | FileCheck %s --check-prefix=ROWS
// RUN: not kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-cascade-sums{block=1}))' 2>&1 | FileCheck %s --check-prefix=BAD

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>

// A row of 200 terms: its last 8 into the accumulator, 12 blocks of 16 (a
// view of the first 192) into a partial result, whose 12 are then added.
// CHECK-LABEL: func.func @row
// CHECK-SAME:    (%[[X:.*]]: tensor<8x200xf32>)
// CHECK:       %[[INIT:.*]] = linalg.fill
// CHECK:       %[[LAST:.*]] = tensor.extract_slice %[[X]][0, 192] [8, 8] [1, 1]
// CHECK:       %[[REST:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[LAST]] : tensor<8x8xf32>) outs(%[[INIT]] : tensor<8xf32>)
// CHECK:       %[[FIRST:.*]] = tensor.extract_slice %[[X]][0, 0] [8, 192] [1, 1]
// CHECK:       %[[BLOCKS:.*]] = tensor.expand_shape %[[FIRST]] {{\[}}[0], [1, 2]] output_shape [8, 12, 16]
// CHECK:       %[[ZERO:.*]] = linalg.fill {{.*}} -> tensor<8x12xf32>
// CHECK:       %[[PARTIAL:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[BLOCKS]] : tensor<8x12x16xf32>) outs(%[[ZERO]] : tensor<8x12xf32>)
// CHECK:         arith.addf
// CHECK:       %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[PARTIAL]] : tensor<8x12xf32>) outs(%[[REST]] : tensor<8xf32>)
// CHECK:       return %[[SUM]]
// A row of up to rows-up-to terms is left to kiln-vectorize.
// ROWS-LABEL: func.func @row
// ROWS:         linalg.generic
// ROWS-NOT:     linalg.generic
// ROWS:         return
func.func @row(%x: tensor<8x200xf32>) -> tensor<8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  %s = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<8x200xf32>) outs(%init : tensor<8xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<8xf32>
  return %s : tensor<8xf32>
}

// Columns of 32 terms: two blocks each, the partial result's blocks outer
// (rows of partial sums, written in the order the columns are read), then
// summed; the term's body (here x - shift) stays in the first level only.
// CHECK-LABEL: func.func @columns
// CHECK:       tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [2, 16, 64]
// CHECK:       linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<2x16x64xf32>, tensor<64xf32>) outs(%{{.*}} : tensor<2x64xf32>)
// CHECK:         arith.subf
// CHECK:       linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]} ins(%{{.*}} : tensor<2x64xf32>) outs(%{{.*}} : tensor<64xf32>)
// CHECK-NOT:     arith.subf
// CHECK:       return
func.func @columns(%x: tensor<32x64xf32>, %shift: tensor<64xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %s = linalg.generic {indexing_maps = [#id, #col, #col], iterator_types = ["reduction", "parallel"]}
      ins(%x, %shift : tensor<32x64xf32>, tensor<64xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%in: f32, %k: f32, %acc: f32):
    %d = arith.subf %in, %k : f32
    %a = arith.addf %d, %acc : f32
    linalg.yield %a : f32
  } -> tensor<64xf32>
  return %s : tensor<64xf32>
}

// Over two loops (33 x 17 terms): the innermost reduced one first, into a
// partial result that keeps the other (outer in the input: its dim first):
// its 17th term, then a block of 16 from zero, added. The partial result's
// 33 terms are then summed: the last one, then two blocks of 16.
// CHECK-LABEL: func.func @two_loops
// CHECK:       %[[R17:.*]] = linalg.generic {{.*}}ins(%{{.*}} : tensor<33x1x64xf32>) outs(%{{.*}} : tensor<33x64xf32>)
// CHECK:       %[[B16:.*]] = linalg.generic {{.*}}ins(%{{.*}} : tensor<33x16x64xf32>) outs(%{{.*}} : tensor<33x64xf32>)
// CHECK:       %[[ADDED:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%[[B16]] : tensor<33x64xf32>) outs(%[[R17]] : tensor<33x64xf32>)
// CHECK:       %[[R33:.*]] = linalg.generic {{.*}}ins(%{{.*}} : tensor<1x64xf32>) outs(%{{.*}} : tensor<64xf32>)
// CHECK:       tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2]] output_shape [2, 16, 64]
// CHECK:       %[[B2:.*]] = linalg.generic {{.*}}ins(%{{.*}} : tensor<2x16x64xf32>) outs(%{{.*}} : tensor<2x64xf32>)
// CHECK:       %[[SUM:.*]] = linalg.generic {{.*}}ins(%[[B2]] : tensor<2x64xf32>) outs(%[[R33]] : tensor<64xf32>)
// CHECK:       return %[[SUM]]
func.func @two_loops(%x: tensor<33x17x64xf32>) -> tensor<64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d2)>],
                       iterator_types = ["reduction", "reduction", "parallel"]}
      ins(%x : tensor<33x17x64xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<64xf32>
  return %s : tensor<64xf32>
}

// Left alone: a GEMM (two inputs read by the reduction), a max (no
// rounding), a sum of few terms.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-3: linalg.generic
// CHECK-NOT:   linalg.generic
// CHECK-NOT:   tensor.expand_shape
// CHECK:       return
func.func @left_alone(%a: tensor<8x100xf32>, %b: tensor<100x8xf32>, %c: tensor<8x16xf32>) -> (tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %mm = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>, affine_map<(i, j, k) -> (i, j)>],
                        iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<8x100xf32>, tensor<100x8xf32>) outs(%init : tensor<8x8xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %p, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  %r = tensor.empty() : tensor<8xf32>
  %rows = linalg.fill ins(%zero : f32) outs(%r : tensor<8xf32>) -> tensor<8xf32>
  %max = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<8x100xf32>) outs(%rows : tensor<8xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    linalg.yield %m : f32
  } -> tensor<8xf32>
  %short = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%c : tensor<8x16xf32>) outs(%rows : tensor<8xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %mm, %max, %short : tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>
}

// BAD: kiln-cascade-sums: block must be at least 2, not 1
