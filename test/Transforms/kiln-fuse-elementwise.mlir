// kiln-fuse-elementwise: chains of elementwise ops become one generic, but a
// producer read through a broadcast stays apart (computed per channel, not
// per element); an elementwise op over a reshaped convolution or GEMM result
// takes the result's shape.
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

// A keepdim row sum broadcast back (x / x.sum(-1, keepdim=True)): the
// division reads the sum itself, not its unit-dim expand_shape, so that
// tile-and-fuse can put the sum in the division's loop.
#x3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#rows3 = affine_map<(d0, d1, d2) -> (d0, d1)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
// CHECK-LABEL: func.func @keepdim_sum_broadcast
// CHECK:       %[[SUM:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<4x8xf32>)
// CHECK-NOT:   tensor.expand_shape
// CHECK:       linalg.generic {{.*}} ins(%{{.*}}, %[[SUM]] : tensor<4x8x16xf32>, tensor<4x8xf32>)
// CHECK:         arith.divf
func.func @keepdim_sum_broadcast(%x: tensor<4x8x16xf32>) -> tensor<4x8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<4x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<4x8xf32>) -> tensor<4x8xf32>
  %sum = linalg.generic {indexing_maps = [#x3, #rows3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<4x8x16xf32>) outs(%acc : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<4x8xf32>
  %kept = tensor.expand_shape %sum [[0], [1, 2]] output_shape [4, 8, 1] : tensor<4x8xf32> into tensor<4x8x1xf32>
  %e = tensor.empty() : tensor<4x8x16xf32>
  %y = linalg.generic {indexing_maps = [#x3, #keep3, #x3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %kept : tensor<4x8x16xf32>, tensor<4x8x1xf32>) outs(%e : tensor<4x8x16xf32>) {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %d = arith.divf %in, %s : f32
    linalg.yield %d : f32
  } -> tensor<4x8x16xf32>
  return %y : tensor<4x8x16xf32>
}

// A reshape that splits a real dim (8 into 2 x 4) is not looked through.
#split = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @real_expand_kept
// CHECK:       %[[E:.*]] = tensor.expand_shape
// CHECK:       linalg.generic {{.*}} ins(%[[E]] : tensor<4x2x4xf32>)
func.func @real_expand_kept(%x: tensor<4x8xf32>) -> tensor<4x2x4xf32> {
  %r = tensor.expand_shape %x [[0], [1, 2]] output_shape [4, 2, 4] : tensor<4x8xf32> into tensor<4x2x4xf32>
  %e = tensor.empty() : tensor<4x2x4xf32>
  %y = linalg.generic {indexing_maps = [#split, #split], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%r : tensor<4x2x4xf32>) outs(%e : tensor<4x2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<4x2x4xf32>
  return %y : tensor<4x2x4xf32>
}

// A sum over the 1 x 1 result of a full keepdim sum reads the unit dims with
// its loops, not at 0 (dropping them would leave the loops unbounded), so the
// reshape stays.
#all2 = affine_map<(d0, d1) -> (d0, d1)>
#none2 = affine_map<(d0, d1) -> ()>
// CHECK-LABEL: func.func @unit_loops_kept
// CHECK:       %[[E:.*]] = tensor.expand_shape
// CHECK:       linalg.generic {{.*}} ins(%[[E]] : tensor<1x1xf32>)
func.func @unit_loops_kept(%s: tensor<f32>, %acc: tensor<f32>) -> tensor<f32> {
  %kept = tensor.expand_shape %s [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
  %m = linalg.generic {indexing_maps = [#all2, #none2], iterator_types = ["reduction", "reduction"]}
      ins(%kept : tensor<1x1xf32>) outs(%acc : tensor<f32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<f32>
  return %m : tensor<f32>
}

// A 1x1 convolution done as a GEMM over pixels, expanded back to NCHW, then
// its batch norm and ReLU: the epilogue takes the GEMM's shape and reads its
// result directly (so tile-and-fuse can compute the GEMM in the epilogue's
// tiles); its own result is expanded instead.
#w = affine_map<(n, f, p, c) -> (f, c)>
#xg = affine_map<(n, f, p, c) -> (n, c, p)>
#og = affine_map<(n, f, p, c) -> (n, f, p)>
#nchw = affine_map<(n, c, h, w) -> (n, c, h, w)>
#chan = affine_map<(n, c, h, w) -> (c)>
// CHECK-LABEL: func.func @pointwise_conv_epilogue
// CHECK:       %[[G:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-NOT:   tensor.expand_shape %[[G]]
// CHECK:       %[[Y:.*]] = linalg.generic {{.*}} ins(%[[G]], %{{.*}}, %{{.*}} : tensor<2x32x64xf32>, tensor<32xf32>, tensor<32xf32>)
// CHECK:         arith.maximumf
// CHECK:       %[[E:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0], [1], [2, 3]] {{.*}} into tensor<2x32x8x8xf32>
// CHECK:       return %[[E]]
func.func @pointwise_conv_epilogue(%x: tensor<2x16x64xf32>, %wt: tensor<32x16xf32>,
                                   %s: tensor<32xf32>, %b: tensor<32xf32>) -> tensor<2x32x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2x32x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<2x32x64xf32>) -> tensor<2x32x64xf32>
  %g = linalg.generic {indexing_maps = [#w, #xg, #og], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%wt, %x : tensor<32x16xf32>, tensor<2x16x64xf32>) outs(%acc : tensor<2x32x64xf32>) {
  ^bb0(%a: f32, %in: f32, %out: f32):
    %m = arith.mulf %a, %in : f32
    %sum = arith.addf %out, %m : f32
    linalg.yield %sum : f32
  } -> tensor<2x32x64xf32>
  %img = tensor.expand_shape %g [[0], [1], [2, 3]] output_shape [2, 32, 8, 8] : tensor<2x32x64xf32> into tensor<2x32x8x8xf32>
  %e = tensor.empty() : tensor<2x32x8x8xf32>
  %y = linalg.generic {indexing_maps = [#nchw, #chan, #chan, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%img, %s, %b : tensor<2x32x8x8xf32>, tensor<32xf32>, tensor<32xf32>) outs(%e : tensor<2x32x8x8xf32>) {
  ^bb0(%in: f32, %sc: f32, %bi: f32, %out: f32):
    %m = arith.mulf %in, %sc : f32
    %a = arith.addf %m, %bi : f32
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  } -> tensor<2x32x8x8xf32>
  return %y : tensor<2x32x8x8xf32>
}

// A depthwise convolution's result without its group dim: the epilogue takes
// the convolution's five dims; its result is collapsed instead.
// CHECK-LABEL: func.func @grouped_conv_epilogue
// CHECK:       %[[C:.*]] = linalg.conv_2d_ngchw_gfchw
// CHECK:       %[[Y:.*]] = linalg.generic {{.*}} ins(%[[C]], %{{.*}} : tensor<1x16x1x8x8xf32>, tensor<16xf32>)
// CHECK:       %[[R:.*]] = tensor.collapse_shape %[[Y]] {{\[}}[0], [1], [2, 3], [4]] {{.*}} into tensor<1x16x8x8xf32>
// CHECK:       return %[[R]]
func.func @grouped_conv_epilogue(%x: tensor<1x16x1x10x10xf32>, %k: tensor<16x1x1x3x3xf32>,
                                 %b: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x16x1x8x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x16x1x8x8xf32>) -> tensor<1x16x1x8x8xf32>
  %c = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<1x16x1x10x10xf32>, tensor<16x1x1x3x3xf32>) outs(%acc : tensor<1x16x1x8x8xf32>) -> tensor<1x16x1x8x8xf32>
  %img = tensor.collapse_shape %c [[0], [1], [2, 3], [4]] : tensor<1x16x1x8x8xf32> into tensor<1x16x8x8xf32>
  %e = tensor.empty() : tensor<1x16x8x8xf32>
  %y = linalg.generic {indexing_maps = [#nchw, #chan, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%img, %b : tensor<1x16x8x8xf32>, tensor<16xf32>) outs(%e : tensor<1x16x8x8xf32>) {
  ^bb0(%in: f32, %bi: f32, %out: f32):
    %a = arith.addf %in, %bi : f32
    linalg.yield %a : f32
  } -> tensor<1x16x8x8xf32>
  return %y : tensor<1x16x8x8xf32>
}

// The sum of a reshaped GEMM result and a convolution's (a residual block's
// downsample and main path) keeps its shape: taking the GEMM's would
// reshape the convolution's result, which would then ask for the opposite.
// CHECK-LABEL: func.func @two_contractions_kept
// CHECK:       %[[E:.*]] = tensor.expand_shape
// CHECK:       linalg.generic {{.*}} ins(%[[E]], %{{.*}} : tensor<2x32x8x8xf32>, tensor<2x32x8x8xf32>)
func.func @two_contractions_kept(%x: tensor<2x16x64xf32>, %wt: tensor<32x16xf32>,
                                 %img: tensor<2x16x10x10xf32>, %k: tensor<32x16x3x3xf32>)
    -> tensor<2x32x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2x32x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<2x32x64xf32>) -> tensor<2x32x64xf32>
  %g = linalg.generic {indexing_maps = [#w, #xg, #og], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%wt, %x : tensor<32x16xf32>, tensor<2x16x64xf32>) outs(%acc : tensor<2x32x64xf32>) {
  ^bb0(%a: f32, %in: f32, %out: f32):
    %m = arith.mulf %a, %in : f32
    %sum = arith.addf %out, %m : f32
    linalg.yield %sum : f32
  } -> tensor<2x32x64xf32>
  %down = tensor.expand_shape %g [[0], [1], [2, 3]] output_shape [2, 32, 8, 8] : tensor<2x32x64xf32> into tensor<2x32x8x8xf32>
  %e = tensor.empty() : tensor<2x32x8x8xf32>
  %acc4 = linalg.fill ins(%zero : f32) outs(%e : tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32>
  %main = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%img, %k : tensor<2x16x10x10xf32>, tensor<32x16x3x3xf32>) outs(%acc4 : tensor<2x32x8x8xf32>) -> tensor<2x32x8x8xf32>
  %y = linalg.generic {indexing_maps = [#nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%down, %main : tensor<2x32x8x8xf32>, tensor<2x32x8x8xf32>) outs(%e : tensor<2x32x8x8xf32>) {
  ^bb0(%a: f32, %c: f32, %out: f32):
    %s = arith.addf %a, %c : f32
    linalg.yield %s : f32
  } -> tensor<2x32x8x8xf32>
  return %y : tensor<2x32x8x8xf32>
}

// A linear layer over a batch's rows (a GEMM on 16 x 32, reshaped to
// 2 x 8 x 32), its bias added before the reshape and a tanh after it: the
// tanh takes the GEMM's shape and fuses with the bias add into one epilogue.
#mk = affine_map<(m, n, k) -> (m, k)>
#nk = affine_map<(m, n, k) -> (n, k)>
#mn = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(m, n) -> (m, n)>
#bias = affine_map<(m, n) -> (n)>
// CHECK-LABEL: func.func @linear_bias_activation
// CHECK:       %[[G:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:       %[[Y:.*]] = linalg.generic {{.*}} ins(%[[G]], %{{.*}} : tensor<16x32xf32>, tensor<32xf32>)
// CHECK:         arith.addf
// CHECK:         math.tanh
// CHECK:       %[[E:.*]] = tensor.expand_shape %[[Y]] {{\[}}[0, 1], [2]]
// CHECK:       return %[[E]]
func.func @linear_bias_activation(%x: tensor<16x64xf32>, %wt: tensor<32x64xf32>, %b: tensor<32xf32>)
    -> tensor<2x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<16x32xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<16x32xf32>) -> tensor<16x32xf32>
  %g = linalg.generic {indexing_maps = [#mk, #nk, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %wt : tensor<16x64xf32>, tensor<32x64xf32>) outs(%acc : tensor<16x32xf32>) {
  ^bb0(%a: f32, %w: f32, %out: f32):
    %m = arith.mulf %a, %w : f32
    %s = arith.addf %out, %m : f32
    linalg.yield %s : f32
  } -> tensor<16x32xf32>
  %biased = linalg.generic {indexing_maps = [#row, #bias, #row], iterator_types = ["parallel", "parallel"]}
      ins(%g, %b : tensor<16x32xf32>, tensor<32xf32>) outs(%e0 : tensor<16x32xf32>) {
  ^bb0(%in: f32, %bi: f32, %out: f32):
    %s = arith.addf %in, %bi : f32
    linalg.yield %s : f32
  } -> tensor<16x32xf32>
  %rows = tensor.expand_shape %biased [[0, 1], [2]] output_shape [2, 8, 32] : tensor<16x32xf32> into tensor<2x8x32xf32>
  %e = tensor.empty() : tensor<2x8x32xf32>
  %y = linalg.generic {indexing_maps = [#x3, #x3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%rows : tensor<2x8x32xf32>) outs(%e : tensor<2x8x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %t = math.tanh %in : f32
    linalg.yield %t : f32
  } -> tensor<2x8x32xf32>
  return %y : tensor<2x8x32xf32>
}

// A normalization of a linear layer's reshaped result by per-row
// statistics (a layer norm after a linear layer) keeps its shape: folding the
// reshape would reshape the statistics too, apart from the reductions that
// compute them in the normalization's rows.
// CHECK-LABEL: func.func @normalization_kept
// CHECK:       %[[E:.*]] = tensor.expand_shape
// CHECK:       linalg.generic {{.*}} ins(%[[E]], %{{.*}} : tensor<2x8x32xf32>, tensor<2x8xf32>)
func.func @normalization_kept(%x: tensor<16x64xf32>, %wt: tensor<32x64xf32>, %parts: tensor<2x8x4xf32>)
    -> tensor<2x8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<2x8xf32>
  %acc1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<2x8xf32>) -> tensor<2x8xf32>
  %mean = linalg.generic {indexing_maps = [#x3, #rows3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%parts : tensor<2x8x4xf32>) outs(%acc1 : tensor<2x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<2x8xf32>
  %e0 = tensor.empty() : tensor<16x32xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<16x32xf32>) -> tensor<16x32xf32>
  %g = linalg.generic {indexing_maps = [#mk, #nk, #mn], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %wt : tensor<16x64xf32>, tensor<32x64xf32>) outs(%acc : tensor<16x32xf32>) {
  ^bb0(%a: f32, %w: f32, %out: f32):
    %m = arith.mulf %a, %w : f32
    %s = arith.addf %out, %m : f32
    linalg.yield %s : f32
  } -> tensor<16x32xf32>
  %rows = tensor.expand_shape %g [[0, 1], [2]] output_shape [2, 8, 32] : tensor<16x32xf32> into tensor<2x8x32xf32>
  %e = tensor.empty() : tensor<2x8x32xf32>
  %y = linalg.generic {indexing_maps = [#x3, #rows3, #x3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%rows, %mean : tensor<2x8x32xf32>, tensor<2x8xf32>) outs(%e : tensor<2x8x32xf32>) {
  ^bb0(%in: f32, %mu: f32, %out: f32):
    %d = arith.subf %in, %mu : f32
    linalg.yield %d : f32
  } -> tensor<2x8x32xf32>
  return %y : tensor<2x8x32xf32>
}

// A grouped convolution of 4 channels per group: the epilogue takes its
// five dims, the per-channel bias read as groups x channels.
// CHECK-LABEL: func.func @grouped_conv_channels_epilogue
// CHECK:       %[[C:.*]] = linalg.conv_2d_ngchw_gfchw
// CHECK:       %[[B:.*]] = tensor.expand_shape %arg2 {{\[}}[0, 1]] output_shape [2, 4]
// CHECK:       %[[Y:.*]] = linalg.generic {{.*}} ins(%[[C]], %[[B]] : tensor<1x2x4x8x8xf32>, tensor<2x4xf32>)
// CHECK:       tensor.collapse_shape %[[Y]] {{\[}}[0], [1, 2], [3], [4]]
func.func @grouped_conv_channels_epilogue(%x: tensor<1x2x4x10x10xf32>, %k: tensor<2x4x4x3x3xf32>,
                                          %b: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x2x4x8x8xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<1x2x4x8x8xf32>) -> tensor<1x2x4x8x8xf32>
  %c = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%x, %k : tensor<1x2x4x10x10xf32>, tensor<2x4x4x3x3xf32>) outs(%acc : tensor<1x2x4x8x8xf32>) -> tensor<1x2x4x8x8xf32>
  %img = tensor.collapse_shape %c [[0], [1, 2], [3], [4]] : tensor<1x2x4x8x8xf32> into tensor<1x8x8x8xf32>
  %e = tensor.empty() : tensor<1x8x8x8xf32>
  %y = linalg.generic {indexing_maps = [#nchw, #chan, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%img, %b : tensor<1x8x8x8xf32>, tensor<8xf32>) outs(%e : tensor<1x8x8x8xf32>) {
  ^bb0(%in: f32, %bi: f32, %out: f32):
    %a = arith.addf %in, %bi : f32
    linalg.yield %a : f32
  } -> tensor<1x8x8x8xf32>
  return %y : tensor<1x8x8x8xf32>
}

// A residual sum whose two inputs come through the same reshape (a 1x1
// convolution's result and the block's input, both GEMM-shaped): the fold
// undoes both reshapes, the sum reads both unreshaped.
// CHECK-LABEL: func.func @residual_through_the_same_reshape
// CHECK:       %[[G:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK:       %[[S:.*]] = linalg.generic {{.*}} ins(%[[G]], %[[K:.*]] : tensor<2x32x64xf32>, tensor<2x32x64xf32>)
// CHECK:       tensor.expand_shape %[[S]]
func.func @residual_through_the_same_reshape(%x: tensor<2x16x64xf32>, %wt: tensor<32x16xf32>,
                                             %skip: tensor<2x32x64xf32>) -> tensor<2x32x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2x32x64xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e0 : tensor<2x32x64xf32>) -> tensor<2x32x64xf32>
  %g = linalg.generic {indexing_maps = [#w, #xg, #og], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%wt, %x : tensor<32x16xf32>, tensor<2x16x64xf32>) outs(%acc : tensor<2x32x64xf32>) {
  ^bb0(%a: f32, %in: f32, %out: f32):
    %m = arith.mulf %a, %in : f32
    %sum = arith.addf %out, %m : f32
    linalg.yield %sum : f32
  } -> tensor<2x32x64xf32>
  %img = tensor.expand_shape %g [[0], [1], [2, 3]] output_shape [2, 32, 8, 8] : tensor<2x32x64xf32> into tensor<2x32x8x8xf32>
  %k = tensor.expand_shape %skip [[0], [1], [2, 3]] output_shape [2, 32, 8, 8] : tensor<2x32x64xf32> into tensor<2x32x8x8xf32>
  %e = tensor.empty() : tensor<2x32x8x8xf32>
  %y = linalg.generic {indexing_maps = [#nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%img, %k : tensor<2x32x8x8xf32>, tensor<2x32x8x8xf32>) outs(%e : tensor<2x32x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<2x32x8x8xf32>
  return %y : tensor<2x32x8x8xf32>
}

// Two residual sums of channels-last results (%a, %b, %c: NHWC), each
// transposed back to NCHW, the first sum also transposed into the next
// (channels-last) convolution, the second by the next block: both sums are
// computed NHWC, reading their inputs in order, and no transpose is left.
#to_nchw = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>
#to_nhwc = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)>
// CHECK-LABEL: func.func @residual_stream_channels_last
// CHECK-SAME:  (%[[A:.*]]: tensor<8x7x7x64xf32>, %[[B:.*]]: tensor<8x7x7x64xf32>, %[[C:.*]]: tensor<8x7x7x64xf32>)
// CHECK-NOT:   linalg.generic
// CHECK:       %[[S1:.*]] = linalg.generic {indexing_maps = [#[[ID:.*]], #[[ID]], #[[ID]]]
// CHECK-SAME:    ins(%[[A]], %[[B]] : {{.*}}) outs(%{{.*}} : tensor<8x7x7x64xf32>)
// CHECK-NOT:   linalg.generic
// CHECK:       %[[S2:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]]]
// CHECK-SAME:    ins(%[[S1]], %[[C]] : {{.*}}) outs(%{{.*}} : tensor<8x7x7x64xf32>)
// CHECK-NOT:   linalg.generic
// CHECK:       return %[[S1]], %[[S2]]
func.func @residual_stream_channels_last(%a: tensor<8x7x7x64xf32>, %b: tensor<8x7x7x64xf32>,
                                         %c: tensor<8x7x7x64xf32>)
    -> (tensor<8x7x7x64xf32>, tensor<8x7x7x64xf32>) {
  %en = tensor.empty() : tensor<8x64x7x7xf32>
  %el = tensor.empty() : tensor<8x7x7x64xf32>
  %ta = linalg.generic {indexing_maps = [#to_nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%a : tensor<8x7x7x64xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x64x7x7xf32>
  %tb = linalg.generic {indexing_maps = [#to_nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<8x7x7x64xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x64x7x7xf32>
  %s1 = linalg.generic {indexing_maps = [#nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%ta, %tb : tensor<8x64x7x7xf32>, tensor<8x64x7x7xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<8x64x7x7xf32>
  %n1 = linalg.generic {indexing_maps = [#to_nhwc, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s1 : tensor<8x64x7x7xf32>) outs(%el : tensor<8x7x7x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x7x7x64xf32>
  %tc = linalg.generic {indexing_maps = [#to_nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : tensor<8x7x7x64xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x64x7x7xf32>
  %s2 = linalg.generic {indexing_maps = [#nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s1, %tc : tensor<8x64x7x7xf32>, tensor<8x64x7x7xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<8x64x7x7xf32>
  %n2 = linalg.generic {indexing_maps = [#to_nhwc, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s2 : tensor<8x64x7x7xf32>) outs(%el : tensor<8x7x7x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x7x7x64xf32>
  return %n1, %n2 : tensor<8x7x7x64xf32>, tensor<8x7x7x64xf32>
}

// The same when the first sum reads the stage's input in NCHW (%x): moving
// that sum alone would trade its read of %b for one of %x, but the next sum,
// transposed alike, moves too and reads it in order.
// CHECK-LABEL: func.func @residual_stream_from_nchw
// CHECK-SAME:  (%[[X:.*]]: tensor<8x64x7x7xf32>, %[[B:.*]]: tensor<8x7x7x64xf32>, %[[C:.*]]: tensor<8x7x7x64xf32>)
// CHECK:       %[[S1:.*]] = linalg.generic {indexing_maps = [#[[P:.*]], #[[ID:.*]], #[[ID]]]
// CHECK-SAME:    ins(%[[X]], %[[B]] : {{.*}}) outs(%{{.*}} : tensor<8x7x7x64xf32>)
// CHECK-NOT:   linalg.generic
// CHECK:       %[[S2:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]]]
// CHECK-SAME:    ins(%[[S1]], %[[C]] : {{.*}}) outs(%{{.*}} : tensor<8x7x7x64xf32>)
// CHECK-NOT:   linalg.generic
// CHECK:       return %[[S1]], %[[S2]]
func.func @residual_stream_from_nchw(%x: tensor<8x64x7x7xf32>, %b: tensor<8x7x7x64xf32>,
                                     %c: tensor<8x7x7x64xf32>)
    -> (tensor<8x7x7x64xf32>, tensor<8x7x7x64xf32>) {
  %en = tensor.empty() : tensor<8x64x7x7xf32>
  %el = tensor.empty() : tensor<8x7x7x64xf32>
  %tb = linalg.generic {indexing_maps = [#to_nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<8x7x7x64xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x64x7x7xf32>
  %s1 = linalg.generic {indexing_maps = [#nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %tb : tensor<8x64x7x7xf32>, tensor<8x64x7x7xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<8x64x7x7xf32>
  %n1 = linalg.generic {indexing_maps = [#to_nhwc, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s1 : tensor<8x64x7x7xf32>) outs(%el : tensor<8x7x7x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x7x7x64xf32>
  %tc = linalg.generic {indexing_maps = [#to_nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : tensor<8x7x7x64xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x64x7x7xf32>
  %s2 = linalg.generic {indexing_maps = [#nchw, #nchw, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s1, %tc : tensor<8x64x7x7xf32>, tensor<8x64x7x7xf32>) outs(%en : tensor<8x64x7x7xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<8x64x7x7xf32>
  %n2 = linalg.generic {indexing_maps = [#to_nhwc, #nchw], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%s2 : tensor<8x64x7x7xf32>) outs(%el : tensor<8x7x7x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x7x7x64xf32>
  return %n1, %n2 : tensor<8x7x7x64xf32>, tensor<8x7x7x64xf32>
}
