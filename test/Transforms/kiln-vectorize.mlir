// kiln-vectorize: ops whose kiln.tiling has register tiles are tiled to them and
// vectorized; ops without stay linalg.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-vectorize,canonicalize,cse))' | FileCheck %s

// The annotation of split reductions' loops (row_sum_split), and a row read
// broadcast along the other dim of a vector (a weight per output channel,
// an input per output column).
// CHECK: #[[UNROLL:.*]] = #llvm.loop_unroll<disable = true>
// CHECK: #[[BROADCAST:.+]] = affine_map<(d0) -> (d0, 0)>
// CHECK: #[[NOUNROLL:.*]] = #llvm.loop_annotation<unroll = #[[UNROLL]]>

// Without cache tiles (a short reduction) B is read in place: one
// vector.contract per step.
// CHECK-LABEL: func.func @matmul_unpacked
// CHECK:         scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK:           scf.for %{{.*}} = %c0 to %c8 step %c4
// CHECK:             scf.for %{{.*}} = %c0 to %c16 step %c1
// CHECK:               vector.transfer_read {{.*}} : tensor<4x1xf32>, vector<4x1xf32>
// CHECK:               vector.transfer_read {{.*}} : tensor<1x16xf32>, vector<1x16xf32>
// CHECK:               vector.contract {{.*}} vector<4x1xf32>, vector<1x16xf32> into vector<4x16xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @matmul_unpacked(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<registers = [4, 16, 1], order = [1, 0, 2]>}
    ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// Stride 1: one output row and one kernel tap per step, 4 channels by 8
// columns. Generalized, tiled and without its unit loops, the tile is a
// multiply-add of whole rows: 8 input columns times 4 weights, each
// broadcast along its row (kiln-splat-rows makes each a scalar splat,
// kiln-fuse-multiply-add the multiply-add one vector.fma).
// CHECK-LABEL: func.func @conv
// CHECK-NOT:   linalg.conv
// CHECK:       scf.for
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             scf.for
// CHECK:               %[[ROW:.*]] = vector.transfer_read {{.*}} : tensor<8xf32>, vector<4x8xf32>
// CHECK:               %[[W:.*]] = vector.transfer_read {{.*}}permutation_map = #[[BROADCAST]]} : tensor<4xf32>, vector<4x8xf32>
// CHECK:               %[[ACC:.*]] = vector.transfer_read {{.*}} : tensor<4x8xf32>, vector<4x8xf32>
// CHECK:               %[[PRODUCT:.*]] = arith.mulf %[[ROW]], %[[W]] : vector<4x8xf32>
// CHECK:               arith.addf %[[ACC]], %[[PRODUCT]] : vector<4x8xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @conv(%x: tensor<1x2x10x10xf32>, %w: tensor<4x2x3x3xf32>, %o: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 4, 1, 8, 1, 1, 1]>}
    ins(%x, %w : tensor<1x2x10x10xf32>, tensor<4x2x3x3xf32>) outs(%o : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// A height stride (here 2, with dilation 3) only moves the row a step
// reads: the same multiply-add of whole rows.
// CHECK-LABEL: func.func @conv_height_stride
// CHECK-NOT:   linalg.conv
// CHECK:               vector.transfer_read {{.*}} : tensor<8xf32>, vector<4x8xf32>
// CHECK:               arith.mulf {{.*}} : vector<4x8xf32>
// CHECK-NOT:   vector.contract
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @conv_height_stride(%x: tensor<1x2x21x10xf32>, %w: tensor<4x2x3x3xf32>, %o: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 4, 1, 8, 1, 1, 1]>}
    ins(%x, %w : tensor<1x2x21x10xf32>, tensor<4x2x3x3xf32>) outs(%o : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// A depthwise convolution (grouped, one channel per group): rows of 4
// groups by 8 columns, each group's row times its own weight broadcast
// along it, the same multiply-add of whole rows.
// CHECK-LABEL: func.func @depthwise_conv
// CHECK-NOT:   linalg.conv
// CHECK:               %[[ROWS:.*]] = vector.transfer_read {{.*}} : tensor<4x8xf32>, vector<4x8xf32>
// CHECK:               %[[W:.*]] = vector.transfer_read {{.*}}permutation_map = #[[BROADCAST]]} : tensor<4xf32>, vector<4x8xf32>
// CHECK:               %[[ACC:.*]] = vector.transfer_read {{.*}} : tensor<4x8xf32>, vector<4x8xf32>
// CHECK:               %[[PRODUCT:.*]] = arith.mulf %[[ROWS]], %[[W]] : vector<4x8xf32>
// CHECK:               arith.addf %[[ACC]], %[[PRODUCT]] : vector<4x8xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @depthwise_conv(%x: tensor<1x8x1x10x10xf32>, %w: tensor<8x1x1x3x3xf32>, %o: tensor<1x8x1x8x8xf32>) -> tensor<1x8x1x8x8xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 4, 0, 1, 8, 0, 1, 1]>}
    ins(%x, %w : tensor<1x8x1x10x10xf32>, tensor<8x1x1x3x3xf32>) outs(%o : tensor<1x8x1x8x8xf32>) -> tensor<1x8x1x8x8xf32>
  return %0 : tensor<1x8x1x8x8xf32>
}

// A width stride of 2 cannot be read as whole vectors from a generic: the tile becomes
// a 1-D convolution, which the vectorizer unrolls column by column.
// CHECK-LABEL: func.func @conv_stride2
// CHECK-NOT:   linalg.conv
// CHECK:       vector.contract {{.*}} : vector<1x1x1xf32>, vector<1x4xf32> into vector<1x1x4xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @conv_stride2(%x: tensor<1x2x17x17xf32>, %w: tensor<4x2x3x3xf32>, %o: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 4, 1, 8, 1, 1, 1]>}
    ins(%x, %w : tensor<1x2x17x17xf32>, tensor<4x2x3x3xf32>) outs(%o : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// Max pooling, likewise: one window row at a time, 8 columns per vector.
// CHECK-LABEL: func.func @max_pool
// CHECK-NOT:   linalg.pooling
// CHECK:       arith.maximumf {{.*}} : vector<1x8x1xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @max_pool(%x: tensor<1x1x10x10xf32>, %window: tensor<3x3xf32>, %o: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 0, 1, 8, 1, 0]>}
    ins(%x, %window : tensor<1x1x10x10xf32>, tensor<3x3xf32>) outs(%o : tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}

// Stride 2: each tap reads the 2·8 inputs it reaches (the last tap's read
// moved back one to end within the 17-wide row) and picks its 8 lanes with
// one shuffle, not one extract per output as upstream's strided path does.
// CHECK-LABEL: func.func @max_pool_stride2
// CHECK-NOT:   linalg.pooling
// CHECK:       scf.for
// CHECK:         %[[ROW:.*]] = vector.transfer_read {{.*}} : tensor<1x1x17xf32>, vector<16xf32>
// CHECK:         %[[T0:.*]] = vector.shuffle %[[ROW]], %[[ROW]] [0, 2, 4, 6, 8, 10, 12, 14] : vector<16xf32>
// CHECK:         arith.maximumf {{.*}}, %[[T0]] : vector<8xf32>
// CHECK:         %[[ROW1:.*]] = vector.transfer_read %{{.*}}[%[[C0:.*]], %[[C0]], %[[C1:.*]]], {{.*}} vector<16xf32>
// CHECK:         vector.shuffle %[[ROW1]], %[[ROW1]] [0, 2, 4, 6, 8, 10, 12, 14]
// CHECK:         vector.shuffle %[[ROW1]], %[[ROW1]] [1, 3, 5, 7, 9, 11, 13, 15]
// CHECK-NOT:   vector.extract
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @max_pool_stride2(%x: tensor<1x1x17x17xf32>, %window: tensor<3x3xf32>, %o: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 0, 1, 8, 1, 0]>}
    ins(%x, %window : tensor<1x1x17x17xf32>, tensor<3x3xf32>) outs(%o : tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}

// A row of 20 outputs in chunks of 16 and 4: every vector is a whole number
// of registers or less, never the 41-wide row (LLVM built such odd-sized
// vectors element by element). The second chunk reads from the first's
// result; its last two taps share one read (33..40, the last tap's moved back
// to end within the row).
// CHECK-LABEL: func.func @max_pool_stride2_wide
// CHECK:         %[[ACC:.*]] = vector.transfer_read {{.*}} : tensor<1x1x20xf32>, vector<16xf32>
// CHECK:         %[[IN:.*]] = vector.transfer_read {{.*}} : tensor<1x1x41xf32>, vector<32xf32>
// CHECK:         %[[T:.*]] = vector.shuffle %[[IN]], %[[IN]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK:         arith.maximumf %[[ACC]], %[[T]] : vector<16xf32>
// CHECK-COUNT-2: vector.transfer_read {{.*}} : tensor<1x1x41xf32>, vector<32xf32>
// CHECK:         %[[FIRST:.*]] = vector.transfer_write {{.*}} : vector<16xf32>, tensor<1x1x20xf32>
// CHECK:         vector.transfer_read %[[FIRST]]{{.*}} vector<4xf32>
// CHECK:         %[[IN0:.*]] = vector.transfer_read {{.*}} : tensor<1x1x41xf32>, vector<8xf32>
// CHECK:         vector.shuffle %[[IN0]], %[[IN0]] [0, 2, 4, 6] : vector<8xf32>
// CHECK:         %[[IN1:.*]] = vector.transfer_read {{.*}} : tensor<1x1x41xf32>, vector<8xf32>
// CHECK:         vector.shuffle %[[IN1]], %[[IN1]] [0, 2, 4, 6] : vector<8xf32>
// CHECK:         vector.shuffle %[[IN1]], %[[IN1]] [1, 3, 5, 7] : vector<8xf32>
// CHECK:         vector.transfer_write %{{.*}}, %[[FIRST]]{{.*}} : vector<4xf32>, tensor<1x1x20xf32>
// CHECK-NOT:   vector<41xf32>
// CHECK:       return
func.func @max_pool_stride2_wide(%x: tensor<1x1x3x41xf32>, %window: tensor<3x3xf32>, %o: tensor<1x1x1x20xf32>) -> tensor<1x1x1x20xf32> {
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 0, 1, 20, 1, 0]>}
    ins(%x, %window : tensor<1x1x3x41xf32>, tensor<3x3xf32>) outs(%o : tensor<1x1x1x20xf32>) -> tensor<1x1x1x20xf32>
  return %0 : tensor<1x1x1x20xf32>
}

// Sum pooling (avg_pool2d's sums), stride 2 and dilation 2: taps 0, 2, 4,
// each reading 8 inputs (the last from 3, to end within the 11-wide row).
// CHECK-LABEL: func.func @sum_pool_stride2_dilated
// CHECK:         %[[R0:.*]] = vector.transfer_read {{.*}} vector<8xf32>
// CHECK:         vector.shuffle %[[R0]], %[[R0]] [0, 2, 4, 6]
// CHECK:         arith.addf {{.*}} : vector<4xf32>
// CHECK:         %[[R1:.*]] = vector.transfer_read {{.*}} vector<8xf32>
// CHECK:         vector.shuffle %[[R1]], %[[R1]] [0, 2, 4, 6]
// CHECK:         %[[R2:.*]] = vector.transfer_read {{.*}} vector<8xf32>
// CHECK:         vector.shuffle %[[R2]], %[[R2]] [1, 3, 5, 7]
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @sum_pool_stride2_dilated(%x: tensor<1x1x11x11xf32>, %window: tensor<3x3xf32>, %o: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %0 = linalg.pooling_nchw_sum {dilations = dense<2> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 0, 1, 4, 1, 0]>}
    ins(%x, %window : tensor<1x1x11x11xf32>, tensor<3x3xf32>) outs(%o : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// A row sum: one row per step, its 768 columns one vector reduction.
// CHECK-LABEL: func.func @row_sum
// CHECK:       scf.for
// CHECK:         vector.transfer_read {{.*}} vector<768xf32>
// CHECK:         vector.multi_reduction <add>, {{.*}} [0] : vector<768xf32> to f32
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @row_sum(%x: tensor<4x768xf32>, %o: tensor<4xf32>) -> tensor<4xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x768xf32>) outs(%o : tensor<4xf32>) attrs = {kiln.tiling = #kiln.tiling<registers = [1, 0]>} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// A row whole (register tiles of 0: a softmax's row of 64 within its row
// loop) reduced from a fill it cannot take into register tiles: still one
// vector reduction (a tree), not a scalar loop adding 64 terms in turn.
// CHECK-LABEL: func.func @row_sum_whole_from_fill
// CHECK:       vector.multi_reduction <add>, {{.*}} [0] : vector<64xf32> to f32
// CHECK-NOT:   linalg.generic
// CHECK:       return
func.func @row_sum_whole_from_fill(%x: tensor<1x64xf32>) -> tensor<1xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<1xf32>) -> tensor<1xf32>
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<1x64xf32>) outs(%init : tensor<1xf32>) attrs = {kiln.tiling = #kiln.tiling<registers = [0, 0]>} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// A reduction loop tiled to more than one element is split (upstream
// partial reduction): a vector accumulator, filled with the combiner's
// neutral element, carried through the row's steps, reduced once after.
// LLVM is told not to unroll the loop (the annotation's alias is checked
// at the top).
// CHECK-LABEL: func.func @row_sum_split
// CHECK-DAG:   %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<1x16xf32>
// CHECK:       scf.for
// CHECK:         %[[FILLED:.*]] = vector.transfer_write %[[ZERO]]
// CHECK:         %[[ACC:.*]] = scf.for {{.*}} step %c16 iter_args(%[[PART:.*]] = %[[FILLED]])
// CHECK:           %[[X:.*]] = vector.transfer_read {{.*}} vector<16xf32>
// CHECK:           %[[OLD:.*]] = vector.transfer_read %{{.*}} vector<16xf32>
// CHECK:           arith.addf %[[X]], %[[OLD]] : vector<16xf32>
// CHECK:         } {loop_annotation = #[[NOUNROLL]]}
// CHECK:         vector.transfer_read %[[ACC]]
// CHECK:         vector.multi_reduction <add>, {{.*}} [1] : vector<1x16xf32> to vector<1xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
func.func @row_sum_split(%x: tensor<4x768xf32>, %o: tensor<4xf32>) -> tensor<4xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x768xf32>) outs(%o : tensor<4xf32>) attrs = {kiln.tiling = #kiln.tiling<registers = [1, 16]>} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Chunks longer than 64 (1024, for rows beyond 4096) are not split: each
// is reduced to a scalar in turn.
// CHECK-LABEL: func.func @long_chunks_not_split
// CHECK:       scf.for {{.*}} step %c1024
// CHECK:         vector.multi_reduction <add>, {{.*}} [0] : vector<1024xf32> to f32
// CHECK-NOT:   loop_annotation
// CHECK:       return
func.func @long_chunks_not_split(%x: tensor<2x8192xf32>, %o: tensor<2xf32>) -> tensor<2xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<2x8192xf32>) outs(%o : tensor<2xf32>) attrs = {kiln.tiling = #kiln.tiling<registers = [1, 1024]>} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// A max's accumulator starts at -inf.
// CHECK-LABEL: func.func @row_max_split
// CHECK-DAG:   arith.constant dense<0xFF800000> : vector<1x16xf32>
// CHECK:       arith.maximumf {{.*}} : vector<16xf32>
// CHECK:       vector.multi_reduction <maximumf>, {{.*}} [1] : vector<1x16xf32> to vector<1xf32>
func.func @row_max_split(%x: tensor<4x768xf32>, %o: tensor<4xf32>) -> tensor<4xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x768xf32>) outs(%o : tensor<4xf32>) attrs = {kiln.tiling = #kiln.tiling<registers = [1, 16]>} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.maximumf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// An argmax's compare and select has no neutral element: not split, its
// chunks reduced in turn (and left to the loop lowering, which the
// vectorizer does not take), with no error.
// CHECK-LABEL: func.func @row_argmax_not_split
// CHECK:       scf.for
// CHECK:         scf.for {{.*}} step %c16 iter_args
// CHECK:           linalg.generic {{.*}} iterator_types = ["reduction"]
// CHECK-NOT:   vector.multi_reduction
// CHECK:       return
func.func @row_argmax_not_split(%x: tensor<4x768xf32>, %m: tensor<4xf32>, %i: tensor<4xi64>) -> (tensor<4xf32>, tensor<4xi64>) {
  %0:2 = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x768xf32>) outs(%m, %i : tensor<4xf32>, tensor<4xi64>) attrs = {kiln.tiling = #kiln.tiling<registers = [1, 16]>} {
  ^bb0(%in: f32, %acc: f32, %idx: i64):
    %j = linalg.index 1 : index
    %jj = arith.index_cast %j : index to i64
    %gt = arith.cmpf ogt, %in, %acc : f32
    %s = arith.select %gt, %in, %acc : f32
    %k = arith.select %gt, %jj, %idx : i64
    linalg.yield %s, %k : f32, i64
  } -> (tensor<4xf32>, tensor<4xi64>)
  return %0#0, %0#1 : tensor<4xf32>, tensor<4xi64>
}

// Without register tiles an op is left to the loop lowering.
// CHECK-LABEL: func.func @untouched
// CHECK:       linalg.generic
// CHECK-NOT:   vector.
func.func @untouched(%x: tensor<4x768xf32>, %o: tensor<4x768xf32>) -> tensor<4x768xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x768xf32>) outs(%o : tensor<4x768xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<4x768xf32>
  return %0 : tensor<4x768xf32>
}

// On buffers, a read of several rows narrower than a register (7 x 7,
// contiguous) is one 1-D read of 49, reshaped for the reduction.
// CHECK-LABEL: func.func @mean_window_on_buffers
// CHECK: vector.transfer_read {{.*}} : memref<1x7x7xf32{{.*}}>, vector<1x7x7xf32>
// CHECK: vector.multi_reduction <add>, {{.*}} [1, 2] : vector<1x7x7xf32> to vector<1xf32>
func.func @mean_window_on_buffers(%x: memref<4x7x7xf32>, %o: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0)>],
                  iterator_types = ["parallel", "reduction", "reduction"]}
      ins(%x : memref<4x7x7xf32>) outs(%o : memref<4xf32>) attrs = {kiln.tiling = #kiln.tiling<registers = [1, 0, 0]>} {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// A pointwise op reading an input transposed (a channels-last
// convolution's result read back as NCHW, with its bias): each 16 x 16
// square is read as whole rows and transposed by shuffles, not gathered
// element by element.
// CHECK-LABEL: func.func @transposing_read
// CHECK:         scf.for
// CHECK:           vector.transfer_read {{.*}} {in_bounds = [true, true]} : tensor<16x16xf32>, vector<16x16xf32>
// CHECK-COUNT-64:  vector.shuffle
// CHECK:           arith.addf {{.*}} : vector<16x16xf32>
// CHECK:           vector.transfer_write {{.*}} : vector<16x16xf32>, tensor<16x16xf32>
func.func @transposing_read(%x: tensor<1x2x16x16xf32>, %bias: tensor<16xf32>, %o: tensor<1x16x2x16xf32>) -> tensor<1x16x2x16xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, f, oh, ow) -> (n, oh, ow, f)>, affine_map<(n, f, oh, ow) -> (f)>, affine_map<(n, f, oh, ow) -> (n, f, oh, ow)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"], kiln.tiling = #kiln.tiling<registers = [1, 16, 1, 16]>}
    ins(%x, %bias : tensor<1x2x16x16xf32>, tensor<16xf32>) outs(%o : tensor<1x16x2x16xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<1x16x2x16xf32>
  return %0 : tensor<1x16x2x16xf32>
}

// An op with no loops is its own register tile: a kiln.tiling with no
// sizes at all vectorizes it whole.
// CHECK-LABEL: func.func @rank_zero
// CHECK:       vector.transfer_read {{.*}} : tensor<f32>, vector<f32>
// CHECK:       vector.transfer_write {{.*}} : vector<f32>, tensor<f32>
// CHECK-NOT:   linalg.
func.func @rank_zero(%x: tensor<f32>, %o: tensor<f32>) -> tensor<f32> {
  %0 = linalg.generic {indexing_maps = [affine_map<() -> ()>, affine_map<() -> ()>], iterator_types = []}
      ins(%x : tensor<f32>) outs(%o : tensor<f32>) attrs = {kiln.tiling = #kiln.tiling<>} {
  ^bb0(%in: f32, %out: f32):
    %e = arith.maximumf %in, %in : f32
    linalg.yield %e : f32
  } -> tensor<f32>
  return %0 : tensor<f32>
}

// A channels-last convolution (kiln-channels-last-conv) walks its output
// row for one block of 16 output channels at a time (loops oh, f, ow, c,
// kh, kw: the weight [c, kh, kw, f] read in order): 4 columns, each input
// broadcast along its row, times a vector of 16 channels' weights per
// input channel and tap.
// CHECK-LABEL: func.func @channels_last_conv
// CHECK:         scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK:           scf.for %{{.*}} = %c0 to %c32 step %c16
// CHECK:             scf.for %{{.*}} = %c0 to %c8 step %c4
// CHECK:               scf.for %{{.*}} = %c0 to %c4 step %c1
// CHECK:                 scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK:                   scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK:                     %[[INPUTS:.*]] = vector.transfer_read {{.*}}permutation_map = #[[BROADCAST]]} : tensor<4xf32>, vector<4x16xf32>
// CHECK:                     %[[WEIGHTS:.*]] = vector.transfer_read {{.*}} : tensor<16xf32>, vector<4x16xf32>
// CHECK:                     arith.mulf %[[INPUTS]], %[[WEIGHTS]] : vector<4x16xf32>
func.func @channels_last_conv(%x: tensor<1x4x6x10xf32>, %w: tensor<4x3x3x32xf32>, %o: tensor<1x4x8x32xf32>) -> tensor<1x4x8x32xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, oh, ow, f, kh, kw, c) -> (n, c, oh + kh, ow + kw)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (c, kh, kw, f)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"], kiln.tiling = #kiln.tiling<registers = [1, 1, 4, 16, 1, 1, 1], order = [0, 1, 3, 2, 6, 4, 5]>}
    ins(%x, %w : tensor<1x4x6x10xf32>, tensor<4x3x3x32xf32>) outs(%o : tensor<1x4x8x32xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %out, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x4x8x32xf32>
  return %0 : tensor<1x4x8x32xf32>
}

// A strided copy (a column phase kiln-decompose-strided-conv gathers), a
// row per step: 16 lanes picked by one shuffle out of a read of the 32
// columns they span, then the last 4 out of the row's last 8 (its read
// moved back to end within the row), not an element at a time.
// CHECK-LABEL: func.func @strided_gather
// CHECK:         scf.for
// CHECK:           %[[ROW:.*]] = vector.transfer_read %{{.*}}[%c1], {{.*}} : tensor<40xf32>, vector<32xf32>
// CHECK:           %[[LANES:.*]] = vector.shuffle %[[ROW]], %[[ROW]] [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]
// CHECK:           %[[HEAD:.*]] = vector.transfer_write %[[LANES]], %{{.*}}[%c0] {{.*}} : vector<16xf32>, tensor<20xf32>
// CHECK:           %[[TAIL:.*]] = vector.transfer_read %{{.*}}[%c32], {{.*}} : tensor<40xf32>, vector<8xf32>
// CHECK:           %[[LAST:.*]] = vector.shuffle %[[TAIL]], %[[TAIL]] [1, 3, 5, 7]
// CHECK:           vector.transfer_write %[[LAST]], %[[HEAD]][%c16] {{.*}} : vector<4xf32>, tensor<20xf32>
// CHECK-NOT:   linalg.
// CHECK:       return
#odd_columns = affine_map<(d0, d1) -> (d0, d1 * 2 + 1)>
#columns = affine_map<(d0, d1) -> (d0, d1)>
func.func @strided_gather(%x: tensor<2x41xf32>, %o: tensor<2x20xf32>) -> tensor<2x20xf32> {
  %0 = linalg.generic {indexing_maps = [#odd_columns, #columns], iterator_types = ["parallel", "parallel"], kiln.tiling = #kiln.tiling<registers = [1, 0]>}
    ins(%x : tensor<2x41xf32>) outs(%o : tensor<2x20xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x20xf32>
  return %0 : tensor<2x20xf32>
}
