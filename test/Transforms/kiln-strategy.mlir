// kiln-strategy records outer and register tiles on every linalg op from a
// target given here (2 threads, AVX2, 512 KiB L2), so the test does not
// depend on the host; options override the model.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell threads=2 l2-kib=512},func.func(kiln-strategy))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell threads=2 l2-kib=512},func.func(kiln-strategy{tile-sizes=64,64,0 register-tiles=8,8,1}))' | FileCheck %s --check-prefix=FORCED
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512 threads=1 l2-kib=512},func.func(kiln-strategy))' | FileCheck %s --check-prefix=AVX512
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512 threads=2 l2-kib=2048},func.func(kiln-strategy))' | FileCheck %s --check-prefix=L2MIB

// GEMM: a 4 x 2-vector accumulator per reduction step; the reduction in
// slices of 256 so the blocks of A and B stay in cache. B's slice is packed
// once for all the rows of an outer tile, which run in blocks of 128; the
// tiles split rows first: 512 x 256 (8 of them, enough for 2 threads).
// CHECK-LABEL: func.func @matmul
// CHECK: linalg.matmul {kiln.tiling = #kiln.tiling<outer = [512, 256, 0], cache = [128, 0, 256], registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
// FORCED-LABEL: func.func @matmul
// FORCED: kiln.tiling = #kiln.tiling<outer = [64, 64, 0], cache = [128, 0, 256], registers = [8, 8, 1], order = [1, 0, 2], pack_b = kn>
// AVX-512's 32 registers of 16 lanes: 8 rows by 32 columns per step; one
// thread, so the tiles take all the rows.
// AVX512-LABEL: func.func @matmul
// AVX512: linalg.matmul {kiln.tiling = #kiln.tiling<outer = [0, 256, 0], cache = [128, 0, 256], registers = [8, 32, 1], order = [1, 0, 2], pack_b = kn>}
func.func @matmul(%a: tensor<1024x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<1024x512xf32>, tensor<512x1024xf32>) outs(%c : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %0 : tensor<1024x1024xf32>
}

// 960 columns in tiles of whole register steps: 192 (6 steps of 32), not
// 240, the divisor nearest 256, whose steps would be refitted to 24 columns,
// a vector and a half.
// AVX512-LABEL: func.func @matmul_960
// AVX512: linalg.matmul {kiln.tiling = #kiln.tiling<outer = [0, 192, 0], {{.*}}registers = [8, 32, 1]
func.func @matmul_960(%a: tensor<392x160xf32>, %b: tensor<160x960xf32>, %c: tensor<392x960xf32>) -> tensor<392x960xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<392x160xf32>, tensor<160x960xf32>) outs(%c : tensor<392x960xf32>) -> tensor<392x960xf32>
  return %0 : tensor<392x960xf32>
}

// Each slice of the reduction reloads the tile's block of C: a block of
// 2048 x 256 (2 MiB, more than half of L2) is reloaded less often in slices
// of 1024 (B's packed slice 1 MiB), in blocks of 64 rows (A's block 256 KiB);
// one of 512 x 256 (512 KiB) keeps slices of 256. Slices and blocks divide
// their loops: 1000 of a reduction of 3000, 40 of 2000 rows.
// L2MIB-LABEL: func.func @matmul_2048
// L2MIB: kiln.tiling = #kiln.tiling<outer = [0, 256, 0], cache = [64, 0, 1024], registers = [8, 32, 1], order = [1, 0, 2], pack_b = kn>
// L2MIB-LABEL: func.func @matmul_1024
// L2MIB: kiln.tiling = #kiln.tiling<outer = [512, 256, 0], cache = [128, 0, 256], registers = [8, 32, 1], order = [1, 0, 2], pack_b = kn>
// L2MIB-LABEL: func.func @matmul_uneven
// L2MIB: kiln.tiling = #kiln.tiling<outer = [0, 256, 0], cache = [40, 0, 1000], registers = [8, 32, 1], order = [1, 0, 2], pack_b = kn>
func.func @matmul_2048(%a: tensor<2048x2048xf32>, %b: tensor<2048x2048xf32>, %c: tensor<2048x2048xf32>) -> tensor<2048x2048xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<2048x2048xf32>, tensor<2048x2048xf32>) outs(%c : tensor<2048x2048xf32>) -> tensor<2048x2048xf32>
  return %0 : tensor<2048x2048xf32>
}
func.func @matmul_1024(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>, %c: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<1024x1024xf32>, tensor<1024x1024xf32>) outs(%c : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %0 : tensor<1024x1024xf32>
}
func.func @matmul_uneven(%a: tensor<2000x3000xf32>, %b: tensor<3000x2048xf32>, %c: tensor<2000x2048xf32>) -> tensor<2000x2048xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<2000x3000xf32>, tensor<3000x2048xf32>) outs(%c : tensor<2000x2048xf32>) -> tensor<2000x2048xf32>
  return %0 : tensor<2000x2048xf32>
}

// A short reduction (one slice, a cache tile of the whole loop) is packed
// when tiles of 128 rows share the copy (its panels aligned, whatever the
// caller's arrays are); fewer rows are not worth the copy.
// CHECK-LABEL: func.func @matmul_short_reduction
// CHECK: {kiln.tiling = #kiln.tiling<outer = [128, 128, 0], cache = [0, 0, 128], registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
// CHECK-LABEL: func.func @matmul_few_rows
// CHECK: {kiln.tiling = #kiln.tiling<outer = [0, 64, 0], registers = [4, 16, 1], order = [1, 0, 2]>}
func.func @matmul_short_reduction(%a: tensor<256x128xf32>, %b: tensor<128x512xf32>, %c: tensor<256x512xf32>) -> tensor<256x512xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<256x128xf32>, tensor<128x512xf32>) outs(%c : tensor<256x512xf32>) -> tensor<256x512xf32>
  return %0 : tensor<256x512xf32>
}
func.func @matmul_few_rows(%a: tensor<128x128xf32>, %b: tensor<128x512xf32>, %c: tensor<128x512xf32>) -> tensor<128x512xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<128x128xf32>, tensor<128x512xf32>) outs(%c : tensor<128x512xf32>) -> tensor<128x512xf32>
  return %0 : tensor<128x512xf32>
}

// A linear layer's weight, B[n, k], is packed too (transposed as it is);
// its bias add takes the GEMM's outer tiles, so that the GEMM, fused into
// them, keeps its blocks of C. Tiles of 128 rows are a single block.
// CHECK-LABEL: func.func @linear
// CHECK: linalg.matmul
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [128, 256, 0], cache = [0, 0, 256], registers = [4, 16, 1], order = [1, 0, 2], pack_b = nk>
// CHECK: linalg.generic
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [128, 256], registers = [1, 32]>
func.func @linear(%a: tensor<256x512xf32>, %b: tensor<1024x512xf32>, %bias: tensor<1024xf32>, %c: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : tensor<256x512xf32>, tensor<1024x512xf32>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (n)>, affine_map<(m, n) -> (m, n)>],
                       iterator_types = ["parallel", "parallel"]}
    ins(%0, %bias : tensor<256x1024xf32>, tensor<1024xf32>) outs(%c : tensor<256x1024xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<256x1024xf32>
  return %1 : tensor<256x1024xf32>
}

// A short reduction is one slice (a cache tile of the whole loop), still
// packed when B is [n, k]: otherwise each step would gather a column of B.
// CHECK-LABEL: func.func @linear_short_reduction
// CHECK: kiln.tiling = #kiln.tiling<outer = [128, 256, 0], cache = [0, 0, 128], registers = [4, 16, 1], order = [1, 0, 2], pack_b = nk>
func.func @linear_short_reduction(%a: tensor<256x128xf32>, %b: tensor<1024x128xf32>, %c: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : tensor<256x128xf32>, tensor<1024x128xf32>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  return %0 : tensor<256x1024xf32>
}

// A batched GEMM is not packed: blocks of C of 128 x 256 per matrix.
// CHECK-LABEL: func.func @batch_matmul
// CHECK: kiln.tiling = #kiln.tiling<outer = [1, 128, 256, 0], cache = [0, 0, 0, 256], registers = [1, 4, 16, 1], order = [0, 2, 1, 3]>
func.func @batch_matmul(%a: tensor<2x256x512xf32>, %b: tensor<2x512x1024xf32>, %c: tensor<2x256x1024xf32>) -> tensor<2x256x1024xf32> {
  %0 = linalg.batch_matmul ins(%a, %b : tensor<2x256x512xf32>, tensor<2x512x1024xf32>) outs(%c : tensor<2x256x1024xf32>) -> tensor<2x256x1024xf32>
  return %0 : tensor<2x256x1024xf32>
}

// One output row and kernel tap per step; 56 columns are 7 vectors of 8,
// so one vector by 8 channels (12 accumulators at most on AVX2).
// CHECK-LABEL: func.func @conv
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [0, 8, 0, 0, 0, 0, 0], registers = [0, 8, 1, 8, 1, 1, 1]>
// The option is for ops of its rank only.
// FORCED-LABEL: func.func @conv
// FORCED-NOT: array<i64: 64, 64, 0>
func.func @conv(%x: tensor<1x64x58x58xf32>, %w: tensor<64x64x3x3xf32>, %o: tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x64x58x58xf32>, tensor<64x64x3x3xf32>) outs(%o : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return %0 : tensor<1x64x56x56xf32>
}

// 33 channels (3 x 11) on 64 columns: 11 rows of one vector on AVX2
// rather than 3 rows of two; outer tiles stay whole multiples of 11 even
// where the threads alone would ask for 5 (3 tiles of 11, 4 of 32 rows).
// CHECK-LABEL: func.func @conv_odd_channels
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 11, 32, 0, 0, 0, 0], registers = [0, 11, 1, 8, 1, 1, 1]>
// AVX512-LABEL: func.func @conv_odd_channels
// AVX512: kiln.tiling = #kiln.tiling<outer = [0, 11, 64, 0, 0, 0, 0], registers = [0, 11, 1, 32, 1, 1, 1]>
func.func @conv_odd_channels(%x: tensor<1x16x130x66xf32>, %w: tensor<33x16x3x3xf32>, %o: tensor<1x33x128x64xf32>) -> tensor<1x33x128x64xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x16x130x66xf32>, tensor<33x16x3x3xf32>) outs(%o : tensor<1x33x128x64xf32>) -> tensor<1x33x128x64xf32>
  return %0 : tensor<1x33x128x64xf32>
}

// A strided copy of columns (a phase kiln-decompose-strided-conv gathers):
// a row per step, vectorized whole (kiln-vectorize picks its lanes).
// CHECK-LABEL: func.func @strided_gather
// CHECK: registers = [1, 1, 0]
#odd_columns = affine_map<(d0, d1, d2) -> (d0, d1, d2 * 2 + 1)>
#columns = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @strided_gather(%x: tensor<8x16x113xf32>, %o: tensor<8x16x56xf32>) -> tensor<8x16x56xf32> {
  %0 = linalg.generic {indexing_maps = [#odd_columns, #columns], iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%x : tensor<8x16x113xf32>) outs(%o : tensor<8x16x56xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x16x56xf32>
  return %0 : tensor<8x16x56xf32>
}

// A depthwise convolution's one output channel per group leaves registers
// over: rows of 6 groups (AVX2) or 12 (AVX-512) by 2 vectors of columns,
// each group reading its own input row. Its tiles count the input they read
// besides their output: 6 channels (AVX2, 2 threads), or 12 channels of
// half the rows (AVX-512, one thread), within half of L2.
// CHECK-LABEL: func.func @depthwise_conv
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 6, 0, 0, 0, 0, 0, 0], registers = [0, 6, 0, 1, 16, 0, 1, 1]>
// AVX512-LABEL: func.func @depthwise_conv
// AVX512: kiln.tiling = #kiln.tiling<outer = [0, 12, 0, 28, 0, 0, 0, 0], registers = [0, 12, 0, 1, 32, 0, 1, 1]>
func.func @depthwise_conv(%x: tensor<1x144x1x58x66xf32>, %w: tensor<144x1x1x3x3xf32>, %o: tensor<1x144x1x56x64xf32>) -> tensor<1x144x1x56x64xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x144x1x58x66xf32>, tensor<144x1x1x3x3xf32>) outs(%o : tensor<1x144x1x56x64xf32>) -> tensor<1x144x1x56x64xf32>
  return %0 : tensor<1x144x1x56x64xf32>
}

// A row-strided depthwise convolution (a column phase of a stride-2 one)
// reads twice its output: its tiles hold half the channels they would at
// stride 1 (6 groups for 2 threads; one thread's AVX-512 tiles of 12 also
// split the rows), and its batch norm, which reads it through
// kiln-pad-conv-width's slice back to the real columns, takes them: it is
// the root that fuses the convolution (and the 1x1 convolution before it).
// CHECK-LABEL: func.func @strided_depthwise_epilogue
// CHECK: kiln.tiling = #kiln.tiling<outer = [1, 6, 0, 0, 0, 0, 0, 0], registers = [1, 6, 0, 1, 16, 0, 1, 0]>
// CHECK: kiln.tiling = #kiln.tiling<outer = [1, 6, 0, 0, 0], registers
// AVX512-LABEL: func.func @strided_depthwise_epilogue
// AVX512: kiln.tiling = #kiln.tiling<outer = [1, 12, 0, 28, 0, 0, 0, 0], registers = [1, 12, 0, 1, 32, 0, 1, 0]>
// AVX512: kiln.tiling = #kiln.tiling<outer = [1, 12, 0, 28, 0], registers
#ch5 = affine_map<(n, g, f, h, w) -> (g)>
#id5s = affine_map<(n, g, f, h, w) -> (n, g, f, h, w)>
func.func @strided_depthwise_epilogue(%x: tensor<8x96x1x113x64xf32>, %w: tensor<96x1x1x3x1xf32>,
                                      %o: tensor<8x96x1x56x64xf32>, %s: tensor<96xf32>) -> tensor<8x96x1x56x56xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
    ins(%x, %w : tensor<8x96x1x113x64xf32>, tensor<96x1x1x3x1xf32>) outs(%o : tensor<8x96x1x56x64xf32>) -> tensor<8x96x1x56x64xf32>
  %real = tensor.extract_slice %0[0, 0, 0, 0, 0] [8, 96, 1, 56, 56] [1, 1, 1, 1, 1]
    : tensor<8x96x1x56x64xf32> to tensor<8x96x1x56x56xf32>
  %e = tensor.empty() : tensor<8x96x1x56x56xf32>
  %1 = linalg.generic {indexing_maps = [#id5s, #ch5, #id5s], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
    ins(%real, %s : tensor<8x96x1x56x56xf32>, tensor<96xf32>) outs(%e : tensor<8x96x1x56x56xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %m = arith.mulf %a, %b : f32
    linalg.yield %m : f32
  } -> tensor<8x96x1x56x56xf32>
  return %1 : tensor<8x96x1x56x56xf32>
}

// Groups of 16 output channels: a group at a time, its channels by
// vectors of columns as an NCHW convolution's. Width-strided ones are
// kiln-decompose-strided-conv's to split: no register tiles (loops).
// CHECK-LABEL: func.func @grouped_conv
// CHECK: registers = [0, 1, 4, 1, 16, 1, 1, 1]
// AVX512-LABEL: func.func @grouped_conv
// AVX512: registers = [0, 1, 8, 1, 0, 1, 1, 1]
// CHECK-LABEL: func.func @grouped_conv_width_strided
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 1, 8, 0, 0, 0, 0, 0]>
func.func @grouped_conv(%x: tensor<1x4x16x30x34xf32>, %w: tensor<4x16x16x3x3xf32>, %o: tensor<1x4x16x28x32xf32>) -> tensor<1x4x16x28x32xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x4x16x30x34xf32>, tensor<4x16x16x3x3xf32>) outs(%o : tensor<1x4x16x28x32xf32>) -> tensor<1x4x16x28x32xf32>
  return %0 : tensor<1x4x16x28x32xf32>
}
func.func @grouped_conv_width_strided(%x: tensor<1x4x16x30x30xf32>, %w: tensor<4x16x16x3x3xf32>, %o: tensor<1x4x16x14x14xf32>) -> tensor<1x4x16x14x14xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<1x4x16x30x30xf32>, tensor<4x16x16x3x3xf32>) outs(%o : tensor<1x4x16x14x14xf32>) -> tensor<1x4x16x14x14xf32>
  return %0 : tensor<1x4x16x14x14xf32>
}

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// An innermost reduction of 768 runs a vector (8 lanes on AVX2) per step
// into a vector accumulator, one row at a time.
// CHECK-LABEL: func.func @row_sum
// CHECK: kiln.tiling = #kiln.tiling<outer = [64, 0], registers = [1, 8]>
func.func @row_sum(%x: tensor<512x768xf32>, %o: tensor<512xf32>) -> tensor<512xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<512x768xf32>) outs(%o : tensor<512xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %0 : tensor<512xf32>
}

// Rows already in cache when a reduction runs (read by an earlier pass, as
// layer_norm's variance after its mean, or computed just before it, as
// softmax's sum of exps) take 4 vectors per step, 4 accumulators: one
// accumulator's add latency would bound the pass. The first pass, streamed
// from memory, keeps one.
// CHECK-LABEL: func.func @second_pass_over_rows
// CHECK: kiln.tiling = #kiln.tiling<outer = [64, 0], registers = [1, 8]>
// CHECK: linalg.generic
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [64, 0], registers = [1, 32]>
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [64, 0], registers = [1, 32]>
func.func @second_pass_over_rows(%x: tensor<512x768xf32>, %o: tensor<512xf32>) -> (tensor<512xf32>, tensor<512xf32>, tensor<512xf32>) {
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<512x768xf32>) outs(%o : tensor<512xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  %squares = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<512x768xf32>) outs(%o : tensor<512xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.mulf %in, %in : f32
    %t = arith.addf %s, %acc : f32
    linalg.yield %t : f32
  } -> tensor<512xf32>
  %e0 = tensor.empty() : tensor<512x768xf32>
  %exps = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<512x768xf32>) outs(%e0 : tensor<512x768xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    linalg.yield %e : f32
  } -> tensor<512x768xf32>
  %expsum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%exps : tensor<512x768xf32>) outs(%o : tensor<512xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %sum, %squares, %expsum : tensor<512xf32>, tensor<512xf32>, tensor<512xf32>
}

// A float32 layer_norm's statistics accumulate in float64: their vectors are
// of the accumulator's width (4 lanes of AVX2), the second pass over rows
// in cache again 4 of them.
// CHECK-LABEL: func.func @wide_statistics_over_rows
// CHECK: kiln.tiling = #kiln.tiling<outer = [32, 0], registers = [1, 4]>
// CHECK: linalg.generic
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [32, 0], registers = [1, 16]>
func.func @wide_statistics_over_rows(%x: tensor<512x768xf32>, %o: tensor<512xf64>) -> (tensor<512xf64>, tensor<512xf64>) {
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<512x768xf32>) outs(%o : tensor<512xf64>) {
  ^bb0(%in: f32, %acc: f64):
    %w = arith.extf %in : f32 to f64
    %s = arith.addf %w, %acc : f64
    linalg.yield %s : f64
  } -> tensor<512xf64>
  %sq = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]} ins(%x, %sum : tensor<512x768xf32>, tensor<512xf64>) outs(%o : tensor<512xf64>) {
  ^bb0(%in: f32, %m: f64, %acc: f64):
    %w = arith.extf %in : f32 to f64
    %d = arith.subf %w, %m : f64
    %d2 = arith.mulf %d, %d : f64
    %t = arith.addf %d2, %acc : f64
    linalg.yield %t : f64
  } -> tensor<512xf64>
  return %sum, %sq : tensor<512xf64>, tensor<512xf64>
}

// A reduction's outer tile is sized by what it reads: 16 rows of 4096
// (256 KiB, half of L2), so passes fused over the same rows (a max, then
// its index) find them in cache.
// CHECK-LABEL: func.func @long_row_sum
// CHECK: kiln.tiling = #kiln.tiling<outer = [16, 0], registers = [1, 8]>
func.func @long_row_sum(%x: tensor<512x4096xf32>, %o: tensor<512xf32>) -> tensor<512xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<512x4096xf32>) outs(%o : tensor<512xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %0 : tensor<512xf32>
}

// Longer rows: chunks of 1024, each reduced to a scalar in turn.
// CHECK-LABEL: func.func @longer_row_sum
// CHECK: kiln.tiling = #kiln.tiling<outer = [8, 0], registers = [1, 1024]>
func.func @longer_row_sum(%x: tensor<64x8192xf32>, %o: tensor<64xf32>) -> tensor<64xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<64x8192xf32>) outs(%o : tensor<64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  return %0 : tensor<64xf32>
}

// A reduction the input reads across its rows (a column sum written with
// the reduced loop innermost) is not split: taken whole.
// CHECK-LABEL: func.func @strided_reduction
// CHECK: kiln.tiling = #kiln.tiling<outer = [64, 0], registers = [1, 0]>
func.func @strided_reduction(%x: tensor<768x512xf32>, %o: tensor<512xf32>) -> tensor<512xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<768x512xf32>) outs(%o : tensor<512xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %0 : tensor<512xf32>
}

// Too little work for a parallel region: no outer tiles.
// CHECK-LABEL: func.func @tiny
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 0], registers = [1, 0]>
func.func @tiny(%x: tensor<7x5xf32>, %o: tensor<7x5xf32>) -> tensor<7x5xf32> {
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<7x5xf32>) outs(%o : tensor<7x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = math.exp %in : f32
    linalg.yield %s : f32
  } -> tensor<7x5xf32>
  return %0 : tensor<7x5xf32>
}

// A weight reshuffle that divides indices is neither tiled nor vectorized.
// CHECK-LABEL: func.func @divides
// CHECK-NOT: kiln.
// CHECK: return
#div = affine_map<(d0, d1) -> (d0 floordiv 2, d1)>
func.func @divides(%x: tensor<32x512xf32>, %o: tensor<64x512xf32>) -> tensor<64x512xf32> {
  %0 = linalg.generic {indexing_maps = [#div, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<32x512xf32>) outs(%o : tensor<64x512xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<64x512xf32>
  return %0 : tensor<64x512xf32>
}

// A stride-2 pooling reads about 4 inputs per output, and its tile pads its
// own part of the input: 4 channels (4 x 56 x 56 outputs x 4 x 4 bytes,
// 200 KiB, within half of L2), not the 16 its outputs alone would allow.
// CHECK-LABEL: func.func @strided_pool
// CHECK: kiln.tiling = #kiln.tiling<outer = [1, 4, 0, 0, 0, 0], registers = [1, 1, 1, 8, 1, 0]>
func.func @strided_pool(%x: tensor<8x64x113x113xf32>, %o: tensor<8x64x56x56xf32>) -> tensor<8x64x56x56xf32> {
  %window = tensor.empty() : tensor<3x3xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %window : tensor<8x64x113x113xf32>, tensor<3x3xf32>) outs(%o : tensor<8x64x56x56xf32>) -> tensor<8x64x56x56xf32>
  return %0 : tensor<8x64x56x56xf32>
}

// Innermost reductions that are the input's innermost dims, in order, are
// taken whole together (a mean over 7 x 7: one vector reduction of 49); not
// when the input has them elsewhere (a channels-last layout).
// CHECK-LABEL: func.func @mean_hw
// CHECK: kiln.tiling = #kiln.tiling<outer = [1, 1024, 0, 0], registers = [1, 1, 0, 0]>
// CHECK-LABEL: func.func @sum_hw_transposed
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 0, 0, 0], registers = [1, 1, 1, 0]>
func.func @mean_hw(%x: tensor<8x2048x7x7xf32>, %o: tensor<8x2048xf32>) -> tensor<8x2048xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%x : tensor<8x2048x7x7xf32>) outs(%o : tensor<8x2048xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8x2048xf32>
  return %0 : tensor<8x2048xf32>
}
func.func @sum_hw_transposed(%x: tensor<8x7x7x64xf32>, %o: tensor<8x64xf32>) -> tensor<8x64xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%x : tensor<8x7x7x64xf32>) outs(%o : tensor<8x64xf32>) {
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    linalg.yield %s : f32
  } -> tensor<8x64xf32>
  return %0 : tensor<8x64xf32>
}

// A channels-last convolution (kiln-channels-last-conv): a few output
// columns by up to 4 vectors of output channels per step (AVX2: 2 x 4 of
// 8 lanes; AVX-512: 4 x 4 of 16), input channels in slices of 16 (their
// weights stay in L1); tiles over samples and rows, never channels. The
// bias add reading it back as NCHW takes its tiles through the
// permutation, and squares of lanes x lanes (56 columns: 8 at a time),
// which kiln-vectorize transposes by shuffles.
// CHECK-LABEL: func.func @channels_last_conv
// CHECK: attrs =  {kiln.tiling = #kiln.tiling<outer = [1, 14, 0, 0, 0, 0, 0], cache = [0, 0, 0, 0, 0, 0, 16], registers = [1, 1, 2, 32, 1, 1, 1], order = [0, 1, 3, 2, 6, 4, 5]>}
// CHECK: attrs =  {kiln.tiling = #kiln.tiling<outer = [1, 0, 14, 0], registers = [1, 8, 1, 8]>}
// AVX512-LABEL: func.func @channels_last_conv
// AVX512: attrs =  {kiln.tiling = #kiln.tiling<outer = [1, 14, 0, 0, 0, 0, 0], cache = [0, 0, 0, 0, 0, 0, 16], registers = [1, 1, 4, 0, 1, 1, 1], order = [0, 1, 3, 2, 6, 4, 5]>}
// AVX512: attrs =  {kiln.tiling = #kiln.tiling<outer = [1, 0, 14, 0], registers = [1, 16, 1, 8]>}
func.func @channels_last_conv(%x: tensor<2x64x58x58xf32>, %w: tensor<64x3x3x64xf32>, %acc: tensor<2x56x56x64xf32>, %bias: tensor<64xf32>) -> tensor<2x64x56x56xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, oh, ow, f, kh, kw, c) -> (n, c, oh + kh, ow + kw)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (c, kh, kw, f)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
    ins(%x, %w : tensor<2x64x58x58xf32>, tensor<64x3x3x64xf32>) outs(%acc : tensor<2x56x56x64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<2x56x56x64xf32>
  %init = tensor.empty() : tensor<2x64x56x56xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(n, f, oh, ow) -> (n, oh, ow, f)>, affine_map<(n, f, oh, ow) -> (f)>, affine_map<(n, f, oh, ow) -> (n, f, oh, ow)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%0, %bias : tensor<2x56x56x64xf32>, tensor<64xf32>) outs(%init : tensor<2x64x56x56xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<2x64x56x56xf32>
  return %1 : tensor<2x64x56x56xf32>
}

// Rows too few to give every thread tiles of whole rows (28 rows, 8 tiles
// wanted for 2 threads) are cut finer, 2 rows a tile, rather than into
// blocks of columns; one thread takes them whole.
// CHECK-LABEL: func.func @channels_last_conv_rows
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 2, 0, 0, 0, 0, 0], cache = [0, 0, 0, 0, 0, 0, 16], registers = [0, 1, 2, 32, 1, 1, 1], order = [0, 1, 3, 2, 6, 4, 5]>
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 0, 2, 0], registers = [0, 8, 1, 7]>
// AVX512-LABEL: func.func @channels_last_conv_rows
// AVX512: kiln.tiling = #kiln.tiling<outer = [0, 0, 0, 0, 0, 0, 0], cache = [0, 0, 0, 0, 0, 0, 16], registers = [0, 1, 4, 0, 1, 1, 1], order = [0, 1, 3, 2, 6, 4, 5]>
func.func @channels_last_conv_rows(%x: tensor<1x64x30x30xf32>, %w: tensor<64x3x3x64xf32>, %acc: tensor<1x28x28x64xf32>, %bias: tensor<64xf32>) -> tensor<1x64x28x28xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, oh, ow, f, kh, kw, c) -> (n, c, oh + kh, ow + kw)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (c, kh, kw, f)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
    ins(%x, %w : tensor<1x64x30x30xf32>, tensor<64x3x3x64xf32>) outs(%acc : tensor<1x28x28x64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x28x28x64xf32>
  %init = tensor.empty() : tensor<1x64x28x28xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(n, f, oh, ow) -> (n, oh, ow, f)>, affine_map<(n, f, oh, ow) -> (f)>, affine_map<(n, f, oh, ow) -> (n, f, oh, ow)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%0, %bias : tensor<1x28x28x64xf32>, tensor<64xf32>) outs(%init : tensor<1x64x28x28xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<1x64x28x28xf32>
  return %1 : tensor<1x64x28x28xf32>
}

// A residual block's last convolution whose output the next stage's
// strided convolution reads as column phases: the gather of the even
// columns (the root that fuses the convolution and its epilogue) takes the
// convolution's tiles of rows through the epilogue, not tiles of its own
// over channels (which would cut the convolution's register tile).
// CHECK-LABEL: func.func @epilogue_column_gather
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 2, 0, 0, 0, 0, 0]
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 0, 2, 0]
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 0, 2, 0]
func.func @epilogue_column_gather(%x: tensor<1x64x30x30xf32>, %w: tensor<64x3x3x64xf32>, %acc: tensor<1x28x28x64xf32>,
                                  %bias: tensor<64xf32>) -> (tensor<1x64x28x28xf32>, tensor<1x64x28x14xf32>) {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, oh, ow, f, kh, kw, c) -> (n, c, oh + kh, ow + kw)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (c, kh, kw, f)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
    ins(%x, %w : tensor<1x64x30x30xf32>, tensor<64x3x3x64xf32>) outs(%acc : tensor<1x28x28x64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x28x28x64xf32>
  %init = tensor.empty() : tensor<1x64x28x28xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(n, f, oh, ow) -> (n, oh, ow, f)>, affine_map<(n, f, oh, ow) -> (f)>, affine_map<(n, f, oh, ow) -> (n, f, oh, ow)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%0, %bias : tensor<1x28x28x64xf32>, tensor<64xf32>) outs(%init : tensor<1x64x28x28xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<1x64x28x28xf32>
  %even = tensor.empty() : tensor<1x64x28x14xf32>
  %2 = linalg.generic {indexing_maps = [affine_map<(n, c, h, w) -> (n, c, h, w * 2)>, affine_map<(n, c, h, w) -> (n, c, h, w)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%1 : tensor<1x64x28x28xf32>) outs(%even : tensor<1x64x28x14xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<1x64x28x14xf32>
  return %1, %2 : tensor<1x64x28x28xf32>, tensor<1x64x28x14xf32>
}

// Weights larger than the input (a deep layer on a small image: 512 x 512
// channels, 14 x 14): tiles of 64 output channels over all rows, each
// reading its part of the weights once.
// CHECK-LABEL: func.func @channels_last_conv_deep
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 0, 0, 64, 0, 0, 0], cache = [0, 0, 0, 0, 0, 0, 16], registers = [0, 1, 2, 32, 1, 1, 1], order = [0, 1, 3, 2, 6, 4, 5]>
// CHECK: kiln.tiling = #kiln.tiling<outer = [0, 64, 0, 0], registers = [0, 8, 1, 7]>
// On AVX-512, 4 vectors would leave room for only 2 columns (8
// accumulators): 2 vectors by half the row, 7 (14); the whole row (28)
// would not leave room for its 16 broadcast inputs.
// AVX512-LABEL: func.func @channels_last_conv_deep
// AVX512: kiln.tiling = #kiln.tiling<outer = [0, 0, 0, 0, 0, 0, 0], cache = [0, 0, 0, 0, 0, 0, 16], registers = [0, 1, 7, 32, 1, 1, 1], order = [0, 1, 3, 2, 6, 4, 5]>
func.func @channels_last_conv_deep(%x: tensor<1x512x16x16xf32>, %w: tensor<512x3x3x512xf32>, %acc: tensor<1x14x14x512xf32>, %bias: tensor<512xf32>) -> tensor<1x512x14x14xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, oh, ow, f, kh, kw, c) -> (n, c, oh + kh, ow + kw)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (c, kh, kw, f)>, affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
    ins(%x, %w : tensor<1x512x16x16xf32>, tensor<512x3x3x512xf32>) outs(%acc : tensor<1x14x14x512xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x14x14x512xf32>
  %init = tensor.empty() : tensor<1x512x14x14xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(n, f, oh, ow) -> (n, oh, ow, f)>, affine_map<(n, f, oh, ow) -> (f)>, affine_map<(n, f, oh, ow) -> (n, f, oh, ow)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%0, %bias : tensor<1x14x14x512xf32>, tensor<512xf32>) outs(%init : tensor<1x512x14x14xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<1x512x14x14xf32>
  return %1 : tensor<1x512x14x14xf32>
}

// A function run once (a prepare entry, kiln.run_once) is not tiled: its ops
// lower to plain loops, the cheapest to compile.
// CHECK-LABEL: func.func @run_once(
// CHECK: linalg.transpose
// CHECK-NOT: kiln.tiling
// CHECK: return
func.func @run_once(%w: tensor<256x512xf32>) -> tensor<512x256xf32> attributes {kiln.run_once} {
  %e = tensor.empty() : tensor<512x256xf32>
  %t = linalg.transpose ins(%w : tensor<256x512xf32>) outs(%e : tensor<512x256xf32>) permutation = [1, 0]
  return %t : tensor<512x256xf32>
}

// A 1x1 convolution over 8 samples as a batched GEMM over pixels (the
// weight shared by the batch), and its batch norm reading the result in
// the GEMM's shape: the epilogue takes the GEMM's outer tiles too.
// CHECK-LABEL: func.func @pointwise_conv_epilogue
// CHECK: linalg.generic
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [0, 0, 224, 0], registers = [1, 4, 16, 1]
// CHECK: linalg.generic
// CHECK-SAME: kiln.tiling = #kiln.tiling<outer = [0, 0, 224], registers = [1, 1, 32]>
func.func @pointwise_conv_epilogue(%w: tensor<96x16xf32>, %x: tensor<8x16x3136xf32>, %acc: tensor<8x96x3136xf32>,
                                   %s: tensor<96xf32>, %init: tensor<8x96x3136xf32>) -> tensor<8x96x3136xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(n, f, p, c) -> (f, c)>, affine_map<(n, f, p, c) -> (n, c, p)>,
                                        affine_map<(n, f, p, c) -> (n, f, p)>],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
    ins(%w, %x : tensor<96x16xf32>, tensor<8x16x3136xf32>) outs(%acc : tensor<8x96x3136xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %c, %m : f32
    linalg.yield %r : f32
  } -> tensor<8x96x3136xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(n, f, p) -> (n, f, p)>, affine_map<(n, f, p) -> (f)>,
                                        affine_map<(n, f, p) -> (n, f, p)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
    ins(%0, %s : tensor<8x96x3136xf32>, tensor<96xf32>) outs(%init : tensor<8x96x3136xf32>) {
  ^bb0(%x0: f32, %y: f32, %out: f32):
    %m = arith.mulf %x0, %y : f32
    linalg.yield %m : f32
  } -> tensor<8x96x3136xf32>
  return %1 : tensor<8x96x3136xf32>
}

// A channels-last depthwise convolution (kiln-channels-last-conv): rows of 7
// columns (whole: 0) by 2 vectors of channels (960 of them: 60 vectors; 4
// would leave too few columns, and never 3, see below).
// AVX512-LABEL: func.func @channels_last_depthwise
// AVX512: linalg.generic {{.*}}kiln.tiling = #kiln.tiling<{{.*}}registers = [1, 1, 0, 32, 1, 1]>
#dw_in = affine_map<(n, oh, ow, c, kh, kw) -> (n, oh + kh, ow + kw, c)>
#dw_w = affine_map<(n, oh, ow, c, kh, kw) -> (kh, kw, c)>
#dw_out = affine_map<(n, oh, ow, c, kh, kw) -> (n, oh, ow, c)>
func.func @channels_last_depthwise(%x: tensor<8x9x9x960xf32>, %w: tensor<3x3x960xf32>, %acc: tensor<8x7x7x960xf32>) -> tensor<8x7x7x960xf32> {
  %0 = linalg.generic {indexing_maps = [#dw_in, #dw_w, #dw_out],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
      ins(%x, %w : tensor<8x9x9x960xf32>, tensor<3x3x960xf32>) outs(%acc : tensor<8x7x7x960xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<8x7x7x960xf32>
  return %0 : tensor<8x7x7x960xf32>
}

// A channels-last convolution of 96 output channels (6 vectors of 16): 7
// columns by 2 vectors, never 3 (a row of 48 lanes, its weights broadcast
// across the columns, LLVM assembled lane by lane: 8 GFLOPS).
// AVX512-LABEL: func.func @channels_last_96
// AVX512: linalg.generic {{.*}}kiln.tiling = #kiln.tiling<{{.*}}registers = [1, 1, 7, 32, 1, 1, 1]
#cl_in = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, c, oh + kh, ow + kw)>
#cl_w = affine_map<(n, oh, ow, f, kh, kw, c) -> (c, kh, kw, f)>
#cl_out = affine_map<(n, oh, ow, f, kh, kw, c) -> (n, oh, ow, f)>
func.func @channels_last_96(%x: tensor<8x64x16x16xf32>, %w: tensor<64x3x3x96xf32>, %acc: tensor<8x14x14x96xf32>) -> tensor<8x14x14x96xf32> {
  %0 = linalg.generic {indexing_maps = [#cl_in, #cl_w, #cl_out],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<8x64x16x16xf32>, tensor<64x3x3x96xf32>) outs(%acc : tensor<8x14x14x96xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<8x14x14x96xf32>
  return %0 : tensor<8x14x14x96xf32>
}

// 144 columns (9 vectors of 16, not whole steps of 32): steps of 16, one
// vector, not 24 (fitting 32 to 144 keeps an alignment of 8 only), a
// vector and a half.
// AVX512-LABEL: func.func @matmul_144
// AVX512: linalg.matmul {kiln.tiling = #kiln.tiling<{{.*}}registers = [8, 16, 1]
func.func @matmul_144(%a: tensor<192x768xf32>, %b: tensor<768x144xf32>, %c: tensor<192x144xf32>) -> tensor<192x144xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<192x768xf32>, tensor<768x144xf32>) outs(%c : tensor<192x144xf32>) -> tensor<192x144xf32>
  return %0 : tensor<192x144xf32>
}

// A max pooling over a channels-last convolution's result (through its
// transpose back): the convolution is computed in the pooling's tiles, so
// those take whole vectors of channels, 32 (6 tiles), not 24 (8 tiles for
// 2 threads), which would leave the convolution a vector and a half.
// L2MIB-LABEL: func.func @pool_after_channels_last
// L2MIB: linalg.pooling_nchw_max {{.*}}kiln.tiling = #kiln.tiling<outer = [0, 32, 0, 0, 0, 0]
#nchw_read = affine_map<(n, c, h, w) -> (n, h, w, c)>
#nchw_id = affine_map<(n, c, h, w) -> (n, c, h, w)>
func.func @pool_after_channels_last(%x: tensor<1x80x54x54xf32>, %w: tensor<80x3x3x192xf32>, %acc: tensor<1x52x52x192xf32>) -> tensor<1x192x25x25xf32> {
  %0 = linalg.generic {indexing_maps = [#cl_in, #cl_w, #cl_out],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
      ins(%x, %w : tensor<1x80x54x54xf32>, tensor<80x3x3x192xf32>) outs(%acc : tensor<1x52x52x192xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %c, %m : f32
    linalg.yield %s : f32
  } -> tensor<1x52x52x192xf32>
  %e = tensor.empty() : tensor<1x192x52x52xf32>
  %1 = linalg.generic {indexing_maps = [#nchw_read, #nchw_id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%0 : tensor<1x52x52x192xf32>) outs(%e : tensor<1x192x52x52xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<1x192x52x52xf32>
  %window = tensor.empty() : tensor<3x3xf32>
  %init = tensor.empty() : tensor<1x192x25x25xf32>
  %2 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%1, %window : tensor<1x192x52x52xf32>, tensor<3x3xf32>) outs(%init : tensor<1x192x25x25xf32>) -> tensor<1x192x25x25xf32>
  return %2 : tensor<1x192x25x25xf32>
}
