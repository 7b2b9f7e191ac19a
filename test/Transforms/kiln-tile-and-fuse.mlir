// kiln-tile-and-fuse: each root (an op whose kiln.tiling has outer tiles) becomes one
// scf.forall that computes its producers tile by tile.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-fuse,canonicalize,cse))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-fuse))' | FileCheck %s --check-prefix=ONCE

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#ch = affine_map<(d0, d1, d2, d3) -> (d1)>

// conv + bias + relu: fill, convolution and the pointwise op in one nest,
// over tiles of 8 output channels; the padded input is made once, outside.
// The fused ops keep register tiles refitted to their tile (16 of 56
// columns become 8).
// CHECK-LABEL: func.func @conv_bias_relu
// CHECK:       tensor.pad
// CHECK:       scf.forall (%[[F:.*]]) = (0) to (64) step (8)
// CHECK:         linalg.fill {kiln.tiling = #kiln.tiling<registers = [0, 1, 1, 8]>}
// CHECK:         linalg.conv_2d_nchw_fchw
// CHECK-SAME:      kiln.tiling = #kiln.tiling<registers = [0, 4, 1, 8, 1, 1, 0]>
// CHECK-SAME:      tensor<1x64x58x58xf32>, tensor<8x64x3x3xf32>) outs(%{{.*}} : tensor<1x8x56x56xf32>)
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<1x8x56x56xf32>)
// CHECK:           arith.addf
// CHECK:           arith.maximumf
// CHECK:         scf.forall.in_parallel
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @conv_bias_relu(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>, %b: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x64x56x56xf32> to tensor<1x64x58x58xf32>
  %empty = tensor.empty() : tensor<1x64x56x56xf32>
  %fill = linalg.fill {kiln.tiling = #kiln.tiling<registers = [0, 1, 1, 16]>} ins(%zero : f32) outs(%empty : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 4, 1, 8, 1, 1, 0]>}
    ins(%padded, %w : tensor<1x64x58x58xf32>, tensor<64x64x3x3xf32>) outs(%fill : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %r = linalg.generic {indexing_maps = [#id4, #ch, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%conv, %b : tensor<1x64x56x56xf32>, tensor<64xf32>) outs(%empty : tensor<1x64x56x56xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [0, 8, 0, 0]>} {
  ^bb0(%c: f32, %bias: f32, %out: f32):
    %s = arith.addf %c, %bias : f32
    %m = arith.maximumf %s, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x64x56x56xf32>
  return %r : tensor<1x64x56x56xf32>
}

// A convolution computing rows padded to whole vectors (100 columns as
// 112, kiln-pad-conv-width) and sliced back: the bias add's tile reads its
// wide tile, sliced to the real columns in the loop; the convolution and
// its fill are fused at the wide shape, so no wide result leaves the loop.
// CHECK-LABEL: func.func @padded_conv_bias
// CHECK:       scf.forall (%[[N:.*]], %[[F:.*]]) = (0, 0) to (2, 32) step (1, 8)
// CHECK:         linalg.fill {kiln.tiling = #kiln.tiling<registers = [0, 1, 1, 16]>}
// CHECK-SAME:      tensor<1x8x24x112xf32>
// CHECK:         %[[C:.*]] = linalg.conv_2d_nchw_fchw
// CHECK-SAME:      kiln.tiling = #kiln.tiling<registers = [0, 4, 1, 16, 1, 1, 0]>
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<1x4x26x116xf32>, tensor<8x4x3x5xf32>) outs(%{{.*}} : tensor<1x8x24x112xf32>)
// CHECK:         %[[REAL:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 8, 24, 100] [1, 1, 1, 1]
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[REAL]], %{{.*}} : tensor<1x8x24x100xf32>, tensor<8xf32>)
// CHECK:         scf.forall.in_parallel
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @padded_conv_bias(%x: tensor<2x4x26x116xf32>, %w: tensor<32x4x3x5xf32>, %b: tensor<32xf32>) -> tensor<2x32x24x100xf32> {
  %zero = arith.constant 0.0 : f32
  %wide = tensor.empty() : tensor<2x32x24x112xf32>
  %fill = linalg.fill {kiln.tiling = #kiln.tiling<registers = [0, 1, 1, 16]>} ins(%zero : f32) outs(%wide : tensor<2x32x24x112xf32>) -> tensor<2x32x24x112xf32>
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 4, 1, 16, 1, 1, 0]>}
    ins(%x, %w : tensor<2x4x26x116xf32>, tensor<32x4x3x5xf32>) outs(%fill : tensor<2x32x24x112xf32>) -> tensor<2x32x24x112xf32>
  %real = tensor.extract_slice %conv[0, 0, 0, 0] [2, 32, 24, 100] [1, 1, 1, 1] : tensor<2x32x24x112xf32> to tensor<2x32x24x100xf32>
  %empty = tensor.empty() : tensor<2x32x24x100xf32>
  %r = linalg.generic {indexing_maps = [#id4, #ch, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%real, %b : tensor<2x32x24x100xf32>, tensor<32xf32>) outs(%empty : tensor<2x32x24x100xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [1, 8, 0, 0]>} {
  ^bb0(%c: f32, %bias: f32, %out: f32):
    %s = arith.addf %c, %bias : f32
    linalg.yield %s : f32
  } -> tensor<2x32x24x100xf32>
  return %r : tensor<2x32x24x100xf32>
}

// Tiles that cut the real columns (50 of 100) do not widen: the
// convolution stays whole, before the loop.
// CHECK-LABEL: func.func @padded_conv_cut_columns
// CHECK:       linalg.conv_2d_nchw_fchw {{.*}} -> tensor<2x32x24x112xf32>
// CHECK:       scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) = (0, 0, 0) to (2, 32, 100) step (1, 8, 50)
// CHECK-NOT:     linalg.conv_2d_nchw_fchw
// CHECK:         linalg.generic
func.func @padded_conv_cut_columns(%x: tensor<2x4x26x116xf32>, %w: tensor<32x4x3x5xf32>, %b: tensor<32xf32>) -> tensor<2x32x24x100xf32> {
  %zero = arith.constant 0.0 : f32
  %wide = tensor.empty() : tensor<2x32x24x112xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%wide : tensor<2x32x24x112xf32>) -> tensor<2x32x24x112xf32>
  %conv = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<2x4x26x116xf32>, tensor<32x4x3x5xf32>) outs(%fill : tensor<2x32x24x112xf32>) -> tensor<2x32x24x112xf32>
  %real = tensor.extract_slice %conv[0, 0, 0, 0] [2, 32, 24, 100] [1, 1, 1, 1] : tensor<2x32x24x112xf32> to tensor<2x32x24x100xf32>
  %empty = tensor.empty() : tensor<2x32x24x100xf32>
  %r = linalg.generic {indexing_maps = [#id4, #ch, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%real, %b : tensor<2x32x24x100xf32>, tensor<32xf32>) outs(%empty : tensor<2x32x24x100xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [1, 8, 0, 50]>} {
  ^bb0(%c: f32, %bias: f32, %out: f32):
    %s = arith.addf %c, %bias : f32
    linalg.yield %s : f32
  } -> tensor<2x32x24x100xf32>
  return %r : tensor<2x32x24x100xf32>
}

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
#mA = affine_map<(i, j, k) -> (i, k)>
#mB = affine_map<(i, j, k) -> (j, k)>
#mC = affine_map<(i, j, k) -> (i, j)>
#ij = affine_map<(i, j) -> (i, j)>
#j = affine_map<(i, j) -> (j)>

// Column statistics feeding a consumer tiled by rows: every tile would need
// all of them, so they are computed once, before the loop (as a root of
// their own, tiled by columns).
// CHECK-LABEL: func.func @column_stats
// CHECK:       scf.forall (%{{.*}}) = (0) to (512) step (64)
// CHECK:         linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]{{.*}}outs(%{{.*}} : tensor<64xf32>)
// CHECK:       scf.forall (%{{.*}}) = (0) to (256) step (32)
// CHECK-NOT:     iterator_types = ["reduction", "parallel"]
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]
func.func @column_stats(%x: tensor<256x512xf32>) -> tensor<256x512xf32> {
  %zero = arith.constant 0.0 : f32
  %cols = tensor.empty() : tensor<512xf32>
  %init = linalg.fill ins(%zero : f32) outs(%cols : tensor<512xf32>) -> tensor<512xf32>
  %sum = linalg.generic {indexing_maps = [#id, #col], iterator_types = ["reduction", "parallel"]}
      ins(%x : tensor<256x512xf32>) outs(%init : tensor<512xf32>) attrs = {kiln.tiling = #kiln.tiling<outer = [0, 64]>} {
  ^bb0(%in: f32, %acc: f32):
    %a = arith.addf %in, %acc : f32
    linalg.yield %a : f32
  } -> tensor<512xf32>
  %empty = tensor.empty() : tensor<256x512xf32>
  %r = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %sum : tensor<256x512xf32>, tensor<512xf32>) outs(%empty : tensor<256x512xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [32, 0]>} {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %y = arith.subf %in, %s : f32
    linalg.yield %y : f32
  } -> tensor<256x512xf32>
  return %r : tensor<256x512xf32>
}

// max with its index: the max is fused into the index's nest and also
// returned, so the loop yields its tiles too (it is not computed twice).
// CHECK-LABEL: func.func @max_and_index
// CHECK:       %[[R:.*]]:2 = scf.forall (%{{.*}}) = (0) to (64) step (8)
// CHECK-SAME:      -> (tensor<64xi64>, tensor<64xf32>)
// CHECK:         %[[M:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}}outs(%{{.*}} : tensor<8xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[I:.*]] = linalg.generic {{.*}}ins(%{{.*}}, %[[M]] : tensor<8x768xf32>, tensor<8xf32>)
// CHECK:         scf.forall.in_parallel
// CHECK-DAG:       tensor.parallel_insert_slice %[[I]]
// CHECK-DAG:       tensor.parallel_insert_slice %[[M]]
// CHECK-NOT:   linalg.
// CHECK:       return %[[R]]#1, %[[R]]#0
func.func @max_and_index(%x: tensor<64x768xf32>) -> (tensor<64xf32>, tensor<64xi64>) {
  %lowest = arith.constant 0xFF800000 : f32
  %none = arith.constant 768 : i64
  %rows = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%rows : tensor<64xf32>) -> tensor<64xf32>
  %max = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x768xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  %idx = tensor.empty() : tensor<64xi64>
  %first = linalg.fill ins(%none : i64) outs(%idx : tensor<64xi64>) -> tensor<64xi64>
  %index = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %max : tensor<64x768xf32>, tensor<64xf32>) outs(%first : tensor<64xi64>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%in: f32, %m: f32, %acc: i64):
    %eq = arith.cmpf oeq, %in, %m : f32
    %j = linalg.index 1 : index
    %j64 = arith.index_cast %j : index to i64
    %c = arith.select %eq, %j64, %none : i64
    %r = arith.minsi %c, %acc : i64
    linalg.yield %r : i64
  } -> tensor<64xi64>
  return %max, %index : tensor<64xf32>, tensor<64xi64>
}

// The same with a user of the max before the loop (which the loop cannot
// dominate): fused, the max would be computed twice, so it is computed
// once, before the loop, for both; the loop reads it.
// CHECK-LABEL: func.func @max_used_before_and_after
// CHECK:       %[[MAX:.*]] = linalg.generic {{.*}}outs(%{{.*}} : tensor<64xf32>)
// CHECK:       %[[NEG:.*]] = linalg.generic {{.*}}ins(%[[MAX]] : tensor<64xf32>)
// CHECK:       %[[R:.*]] = scf.forall
// CHECK:         tensor.extract_slice %[[MAX]]
// CHECK-NOT:     maximumf
// CHECK:       return %[[MAX]], %[[NEG]], %[[R]]
func.func @max_used_before_and_after(%x: tensor<64x768xf32>) -> (tensor<64xf32>, tensor<64xf32>, tensor<64xi64>) {
  %lowest = arith.constant 0xFF800000 : f32
  %none = arith.constant 768 : i64
  %rows = tensor.empty() : tensor<64xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%rows : tensor<64xf32>) -> tensor<64xf32>
  %max = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<64x768xf32>) outs(%init : tensor<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    linalg.yield %m : f32
  } -> tensor<64xf32>
  %neg = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%max : tensor<64xf32>) outs(%rows : tensor<64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<64xf32>
  %idx = tensor.empty() : tensor<64xi64>
  %first = linalg.fill ins(%none : i64) outs(%idx : tensor<64xi64>) -> tensor<64xi64>
  %index = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x, %max : tensor<64x768xf32>, tensor<64xf32>) outs(%first : tensor<64xi64>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%in: f32, %m: f32, %acc: i64):
    %eq = arith.cmpf oeq, %in, %m : f32
    %j = linalg.index 1 : index
    %j64 = arith.index_cast %j : index to i64
    %c = arith.select %eq, %j64, %none : i64
    %r = arith.minsi %c, %acc : i64
    linalg.yield %r : i64
  } -> tensor<64xi64>
  return %max, %neg, %index : tensor<64xf32>, tensor<64xf32>, tensor<64xi64>
}

// A GEMM read by two roots (a bias add and a relu, each tiled by rows) is
// computed once: fused into the first loop, which yields it to the second.
// The second root, tiled first, does not fuse it: the first root, before
// its loop, would need it computed again.
// CHECK-LABEL: func.func @gemm_read_twice
// CHECK:       %[[FIRST:.*]]:2 = scf.forall
// CHECK:         %[[MM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         tensor.parallel_insert_slice %[[MM]]
// CHECK:       scf.forall
// CHECK-NOT:     "reduction"
// CHECK:         tensor.extract_slice %[[FIRST]]#1
// CHECK-NOT:     "reduction"
// CHECK:       return
func.func @gemm_read_twice(%a: tensor<32x64xf32>, %b: tensor<128x64xf32>, %bias: tensor<128xf32>) -> (tensor<32x128xf32>, tensor<32x128xf32>) {
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
  %biased = linalg.generic {indexing_maps = [#ij, #j, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%mm, %bias : tensor<32x128xf32>, tensor<128xf32>) outs(%e : tensor<32x128xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%c: f32, %bb: f32, %out: f32):
    %y = arith.addf %c, %bb : f32
    linalg.yield %y : f32
  } -> tensor<32x128xf32>
  %relu = linalg.generic {indexing_maps = [#ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<32x128xf32>) outs(%e : tensor<32x128xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%c: f32, %out: f32):
    %y = arith.maximumf %c, %zero : f32
    linalg.yield %y : f32
  } -> tensor<32x128xf32>
  return %biased, %relu : tensor<32x128xf32>, tensor<32x128xf32>
}

// Two diamonds: a = exp(x) is read by b = a + 1 and by c = a * b, and c by
// d = c * 2 and by the root c + d. Each tile computes each value once
// (without CSE after the pass): 5 generics, where fusing once per slice
// would compute a four times and c twice.
// ONCE-LABEL: func.func @diamonds
// ONCE:       scf.forall
// ONCE-COUNT-5: linalg.generic
// ONCE-NOT:     linalg.generic
// ONCE:       scf.forall.in_parallel
func.func @diamonds(%x: tensor<64x256xf32>) -> tensor<64x256xf32> {
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %e = tensor.empty() : tensor<64x256xf32>
  %a = linalg.generic {indexing_maps = [#ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<64x256xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%v: f32, %out: f32):
    %y = math.exp %v : f32
    linalg.yield %y : f32
  } -> tensor<64x256xf32>
  %b = linalg.generic {indexing_maps = [#ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<64x256xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%v: f32, %out: f32):
    %y = arith.addf %v, %one : f32
    linalg.yield %y : f32
  } -> tensor<64x256xf32>
  %c = linalg.generic {indexing_maps = [#ij, #ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<64x256xf32>, tensor<64x256xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%v: f32, %w: f32, %out: f32):
    %y = arith.mulf %v, %w : f32
    linalg.yield %y : f32
  } -> tensor<64x256xf32>
  %d = linalg.generic {indexing_maps = [#ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%c : tensor<64x256xf32>) outs(%e : tensor<64x256xf32>) {
  ^bb0(%v: f32, %out: f32):
    %y = arith.mulf %v, %two : f32
    linalg.yield %y : f32
  } -> tensor<64x256xf32>
  %r = linalg.generic {indexing_maps = [#ij, #ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%c, %d : tensor<64x256xf32>, tensor<64x256xf32>) outs(%e : tensor<64x256xf32>)
      attrs = {kiln.tiling = #kiln.tiling<outer = [8, 0]>} {
  ^bb0(%v: f32, %w: f32, %out: f32):
    %y = arith.addf %v, %w : f32
    linalg.yield %y : f32
  } -> tensor<64x256xf32>
  return %r : tensor<64x256xf32>
}

// A width-strided depthwise convolution's column phase
// (kiln-decompose-strided-conv): the gather of the odd columns, zero-padded,
// read only by the convolution's tiles over channels. Each tile gathers and
// pads its own channels: no whole gather or pad is left outside the loop.
#phase = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4 * 2 + 1)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @strided_depthwise_phase
// CHECK-NOT:   tensor.pad
// CHECK:       scf.forall (%{{.*}}) = (0) to (32) step (8)
// CHECK:         %[[X:.*]] = tensor.extract_slice %arg0[0, %{{.*}}, 0, 0, 0] [1, 8, 1, 16, 16]
// CHECK:         %[[G:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x8x1x16x16xf32>)
// CHECK:         %[[P:.*]] = tensor.pad %[[G]] low[0, 0, 0, 1, 0] high[0, 0, 0, 0, 0]
// CHECK:         linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[P]], %{{.*}} : tensor<1x8x1x17x8xf32>, tensor<8x1x1x3x1xf32>)
// CHECK:       scf.forall.in_parallel
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @strided_depthwise_phase(%x: tensor<1x32x1x16x16xf32>, %w: tensor<32x1x1x3x1xf32>) -> tensor<1x32x1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x32x1x16x8xf32>
  %odd = linalg.generic {indexing_maps = [#phase, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x32x1x16x16xf32>) outs(%e : tensor<1x32x1x16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x32x1x16x8xf32>
  %padded = tensor.pad %odd low[0, 0, 0, 1, 0] high[0, 0, 0, 0, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index, %i4: index):
    tensor.yield %zero : f32
  } : tensor<1x32x1x16x8xf32> to tensor<1x32x1x17x8xf32>
  %e2 = tensor.empty() : tensor<1x32x1x8x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x32x1x8x8xf32>) -> tensor<1x32x1x8x8xf32>
  %y = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>,
                                   kiln.tiling = #kiln.tiling<outer = [0, 8, 0, 0, 0, 0, 0, 0]>}
      ins(%padded, %w : tensor<1x32x1x17x8xf32>, tensor<32x1x1x3x1xf32>) outs(%acc : tensor<1x32x1x8x8xf32>) -> tensor<1x32x1x8x8xf32>
  return %y : tensor<1x32x1x8x8xf32>
}

// The same phase gathered from a linalg op's result (a residual block's
// output, which its own loop would also gather in its tiles) is not fused:
// the gather and its pad stay whole, outside the convolution's loop.
// CHECK-LABEL: func.func @strided_phase_of_a_result
// CHECK:       %[[R:.*]] = linalg.generic
// CHECK:         arith.maximumf
// CHECK:       %[[G:.*]] = linalg.generic {{.*}} ins(%[[R]] : tensor<1x32x1x16x16xf32>)
// CHECK:       %[[P:.*]] = tensor.pad %[[G]]
// CHECK:       scf.forall
// CHECK:         tensor.extract_slice %[[P]]
func.func @strided_phase_of_a_result(%x: tensor<1x32x1x16x16xf32>, %w: tensor<32x1x1x3x1xf32>) -> tensor<1x32x1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x32x1x16x16xf32>
  %r = linalg.generic {indexing_maps = [#id5, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x32x1x16x16xf32>) outs(%e0 : tensor<1x32x1x16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x32x1x16x16xf32>
  %e = tensor.empty() : tensor<1x32x1x16x8xf32>
  %odd = linalg.generic {indexing_maps = [#phase, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%r : tensor<1x32x1x16x16xf32>) outs(%e : tensor<1x32x1x16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x32x1x16x8xf32>
  %padded = tensor.pad %odd low[0, 0, 0, 1, 0] high[0, 0, 0, 0, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index, %i4: index):
    tensor.yield %zero : f32
  } : tensor<1x32x1x16x8xf32> to tensor<1x32x1x17x8xf32>
  %e2 = tensor.empty() : tensor<1x32x1x8x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<1x32x1x8x8xf32>) -> tensor<1x32x1x8x8xf32>
  %y = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>,
                                   kiln.tiling = #kiln.tiling<outer = [0, 8, 0, 0, 0, 0, 0, 0]>}
      ins(%padded, %w : tensor<1x32x1x17x8xf32>, tensor<32x1x1x3x1xf32>) outs(%acc : tensor<1x32x1x8x8xf32>) -> tensor<1x32x1x8x8xf32>
  return %y : tensor<1x32x1x8x8xf32>
}

// An inverted residual block's expansion (a 1x1 convolution as a GEMM over
// the pixels of each sample, with its batch norm's scale) split back into
// rows and columns, padded, and read by a depthwise convolution tiled over
// samples and channels: each tile computes its channels of the GEMM over
// all of its sample's pixels, the expand_shape and the pad of that tile,
// and convolves them. Nothing of the expansion is left outside the loop.
#gemm_w = affine_map<(n, f, p, c) -> (f, c)>
#gemm_x = affine_map<(n, f, p, c) -> (n, c, p)>
#gemm_y = affine_map<(n, f, p, c) -> (n, f, p)>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#ch3 = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @expansion_in_depthwise_tiles
// CHECK-NOT:   linalg.generic
// CHECK:       scf.forall (%[[N:.*]], %[[C:.*]]) = (0, 0) to (2, 32) step (1, 8)
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<1x4x256xf32>)
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x8x256xf32>, tensor<8xf32>)
// CHECK:         %[[E:.*]] = tensor.expand_shape %[[S]] {{\[}}[0], [1], [2, 3, 4]] output_shape [1, 8, 1, 16, 16]
// CHECK:         %[[P:.*]] = tensor.pad %[[E]] low[0, 0, 0, 1, 1] high[0, 0, 0, 1, 1]
// CHECK:         linalg.conv_2d_ngchw_gfchw {{.*}} ins(%[[P]], %{{.*}} : tensor<1x8x1x18x18xf32>, tensor<8x1x1x3x3xf32>)
// CHECK:       scf.forall.in_parallel
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @expansion_in_depthwise_tiles(%x: tensor<2x4x256xf32>, %w1: tensor<32x4xf32>, %s: tensor<32xf32>,
                                        %w: tensor<32x1x1x3x3xf32>) -> tensor<2x32x1x16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x32x256xf32>
  %acc0 = linalg.fill ins(%zero : f32) outs(%e : tensor<2x32x256xf32>) -> tensor<2x32x256xf32>
  %g = linalg.generic {indexing_maps = [#gemm_w, #gemm_x, #gemm_y],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%w1, %x : tensor<32x4xf32>, tensor<2x4x256xf32>) outs(%acc0 : tensor<2x32x256xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x32x256xf32>
  %scaled = linalg.generic {indexing_maps = [#id3, #ch3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%g, %s : tensor<2x32x256xf32>, tensor<32xf32>) outs(%e : tensor<2x32x256xf32>) {
  ^bb0(%v: f32, %k: f32, %o: f32):
    %m = arith.mulf %v, %k : f32
    linalg.yield %m : f32
  } -> tensor<2x32x256xf32>
  %rows = tensor.expand_shape %scaled [[0], [1], [2, 3, 4]] output_shape [2, 32, 1, 16, 16]
      : tensor<2x32x256xf32> into tensor<2x32x1x16x16xf32>
  %padded = tensor.pad %rows low[0, 0, 0, 1, 1] high[0, 0, 0, 1, 1] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index, %i4: index):
    tensor.yield %zero : f32
  } : tensor<2x32x1x16x16xf32> to tensor<2x32x1x18x18xf32>
  %e2 = tensor.empty() : tensor<2x32x1x16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x32x1x16x16xf32>) -> tensor<2x32x1x16x16xf32>
  %y = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                   kiln.tiling = #kiln.tiling<outer = [1, 8, 0, 0, 0, 0, 0, 0]>}
      ins(%padded, %w : tensor<2x32x1x18x18xf32>, tensor<32x1x1x3x3xf32>) outs(%acc : tensor<2x32x1x16x16xf32>) -> tensor<2x32x1x16x16xf32>
  return %y : tensor<2x32x1x16x16xf32>
}

// The same at stride 2 along the width, as kiln-decompose-strided-conv
// leaves it: the even and odd column phases gathered from the reshaped
// result. Both phases' gathers read one tile of the GEMM, computed once.
// CHECK-LABEL: func.func @expansion_in_strided_depthwise_tiles
// CHECK-NOT:   linalg.generic
// CHECK:       scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (2, 32) step (1, 8)
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<1x4x256xf32>)
// CHECK-NOT:     reduction
// CHECK:         %[[E:.*]] = tensor.expand_shape {{.*}} output_shape [1, 8, 1, 16, 16]
// CHECK:         linalg.generic {{.*}} ins(%[[E]] : tensor<1x8x1x16x16xf32>)
// CHECK:         %[[EVEN:.*]] = tensor.extract_slice %[[E]][0, 0, 0, 0, 0] [1, 8, 1, 16, 15]
// CHECK:         linalg.generic {{.*}} ins(%[[EVEN]] : tensor<1x8x1x16x15xf32>)
// CHECK:         linalg.conv_2d_ngchw_gfchw
// CHECK:         linalg.conv_2d_ngchw_gfchw
// CHECK:       scf.forall.in_parallel
// CHECK-NOT:   linalg.generic
// CHECK:       return
#even = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4 * 2)>
#odd = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4 * 2 + 1)>
func.func @expansion_in_strided_depthwise_tiles(%x: tensor<2x4x256xf32>, %w1: tensor<32x4xf32>,
                                                %w0: tensor<32x1x1x3x2xf32>, %w2: tensor<32x1x1x3x1xf32>)
    -> tensor<2x32x1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x32x256xf32>
  %acc0 = linalg.fill ins(%zero : f32) outs(%e : tensor<2x32x256xf32>) -> tensor<2x32x256xf32>
  %g = linalg.generic {indexing_maps = [#gemm_w, #gemm_x, #gemm_y],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%w1, %x : tensor<32x4xf32>, tensor<2x4x256xf32>) outs(%acc0 : tensor<2x32x256xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x32x256xf32>
  %rows = tensor.expand_shape %g [[0], [1], [2, 3, 4]] output_shape [2, 32, 1, 16, 16]
      : tensor<2x32x256xf32> into tensor<2x32x1x16x16xf32>
  %ee = tensor.empty() : tensor<2x32x1x16x8xf32>
  %evens = linalg.generic {indexing_maps = [#even, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%rows : tensor<2x32x1x16x16xf32>) outs(%ee : tensor<2x32x1x16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x32x1x16x8xf32>
  %odds = linalg.generic {indexing_maps = [#odd, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%rows : tensor<2x32x1x16x16xf32>) outs(%ee : tensor<2x32x1x16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x32x1x16x8xf32>
  %pe = tensor.pad %evens low[0, 0, 0, 1, 1] high[0, 0, 0, 0, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index, %i4: index):
    tensor.yield %zero : f32
  } : tensor<2x32x1x16x8xf32> to tensor<2x32x1x17x9xf32>
  %po = tensor.pad %odds low[0, 0, 0, 1, 0] high[0, 0, 0, 0, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index, %i4: index):
    tensor.yield %zero : f32
  } : tensor<2x32x1x16x8xf32> to tensor<2x32x1x17x8xf32>
  %e2 = tensor.empty() : tensor<2x32x1x8x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x32x1x8x8xf32>) -> tensor<2x32x1x8x8xf32>
  %y0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
      ins(%pe, %w0 : tensor<2x32x1x17x9xf32>, tensor<32x1x1x3x2xf32>) outs(%acc : tensor<2x32x1x8x8xf32>) -> tensor<2x32x1x8x8xf32>
  %y = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>,
                                   kiln.tiling = #kiln.tiling<outer = [1, 8, 0, 0, 0, 0, 0, 0]>}
      ins(%po, %w2 : tensor<2x32x1x17x8xf32>, tensor<32x1x1x3x1xf32>) outs(%y0 : tensor<2x32x1x8x8xf32>) -> tensor<2x32x1x8x8xf32>
  return %y : tensor<2x32x1x8x8xf32>
}

// Tiles of rows with their halos overlap in the GEMM's pixels: the
// expansion is not fused (it would be computed partly twice) and stays
// whole, outside the convolution's loop.
// CHECK-LABEL: func.func @expansion_not_partitioned
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<32x4xf32>, tensor<2x4x256xf32>)
// CHECK:       tensor.expand_shape
// CHECK:       tensor.pad
// CHECK:       scf.forall (%{{.*}}) = (0) to (16) step (4)
// CHECK-NOT:     tensor<8x4xf32>
// CHECK:       scf.forall.in_parallel
func.func @expansion_not_partitioned(%x: tensor<2x4x256xf32>, %w1: tensor<32x4xf32>,
                                     %w: tensor<32x1x1x3x3xf32>) -> tensor<2x32x1x16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x32x256xf32>
  %acc0 = linalg.fill ins(%zero : f32) outs(%e : tensor<2x32x256xf32>) -> tensor<2x32x256xf32>
  %g = linalg.generic {indexing_maps = [#gemm_w, #gemm_x, #gemm_y],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%w1, %x : tensor<32x4xf32>, tensor<2x4x256xf32>) outs(%acc0 : tensor<2x32x256xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %o, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x32x256xf32>
  %rows = tensor.expand_shape %g [[0], [1], [2, 3, 4]] output_shape [2, 32, 1, 16, 16]
      : tensor<2x32x256xf32> into tensor<2x32x1x16x16xf32>
  %padded = tensor.pad %rows low[0, 0, 0, 1, 1] high[0, 0, 0, 1, 1] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index, %i4: index):
    tensor.yield %zero : f32
  } : tensor<2x32x1x16x16xf32> to tensor<2x32x1x18x18xf32>
  %e2 = tensor.empty() : tensor<2x32x1x16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x32x1x16x16xf32>) -> tensor<2x32x1x16x16xf32>
  %y = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>,
                                   kiln.tiling = #kiln.tiling<outer = [0, 0, 0, 4, 0, 0, 0, 0]>}
      ins(%padded, %w : tensor<2x32x1x18x18xf32>, tensor<32x1x1x3x3xf32>) outs(%acc : tensor<2x32x1x16x16xf32>) -> tensor<2x32x1x16x16xf32>
  return %y : tensor<2x32x1x16x16xf32>
}
