// kiln-channels-last-conv: convolutions of width stride 1 whose output channels fill
// vectors (16 lanes here) become a generic over (n, oh, ow, f, kh, kw, c)
// on the NCHW input, a [c, kh, kw, f] weight and an NHWC result, which a
// transposing generic returns as NCHW.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512},func.func(kiln-channels-last-conv))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell},func.func(kiln-channels-last-conv))' | FileCheck %s --check-prefix=AVX2

// CHECK-DAG: #[[MIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d6, d1 + d4 * 2, d2 + d5 * 2)>
// CHECK-DAG: #[[MW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d6, d4, d5, d3)>
// CHECK-DAG: #[[MOUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[NHWC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3, d1)>
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[NCHW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d1, d2)>
// CHECK-DAG: #[[MIN_H2:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d6, d1 * 2 + d4 * 3, d2 + d5)>
// CHECK-DAG: #[[DIN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 + d5, d3)>
// CHECK-DAG: #[[DW:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5, d3)>
// CHECK-DAG: #[[DOUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>

// A zero accumulator is filled anew in NHWC; the dilation reaches the
// input's map.
// CHECK-LABEL: func.func @conv
// CHECK-SAME:    (%[[X:.*]]: tensor<2x8x20x20xf32>, %[[WT:.*]]: tensor<32x8x3x3xf32>
// The weight's [f, c·kh·kw] rows transposed: [c, kh, kw, f].
// CHECK:         %[[ROWS:.*]] = tensor.collapse_shape %[[WT]] {{\[}}[0], [1, 2, 3]] : tensor<32x8x3x3xf32> into tensor<32x72xf32>
// CHECK:         %[[COLUMNS:.*]] = linalg.transpose ins(%[[ROWS]] : tensor<32x72xf32>) outs(%{{.*}} : tensor<72x32xf32>) permutation = [1, 0]
// CHECK:         %[[W:.*]] = tensor.expand_shape %[[COLUMNS]] {{\[}}[0, 1, 2], [3]] output_shape [8, 3, 3, 32]
// CHECK:         %[[AE:.*]] = tensor.empty() : tensor<2x16x16x32xf32>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[AE]] : tensor<2x16x16x32xf32>)
// CHECK:         %[[NHWC_RESULT:.*]] = linalg.generic {indexing_maps = [#[[MIN]], #[[MW]], #[[MOUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME:      ins(%[[X]], %[[W]] : tensor<2x8x20x20xf32>, tensor<8x3x3x32xf32>) outs(%[[ACC]] : tensor<2x16x16x32xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         %[[BACK:.*]] = linalg.generic {indexing_maps = [#[[NHWC]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%[[NHWC_RESULT]] : tensor<2x16x16x32xf32>) outs(%{{.*}} : tensor<2x32x16x16xf32>)
// CHECK:         return %[[BACK]]
// On AVX2 (16 registers of 8 lanes), 2 columns by 4 vectors: taken too.
// AVX2-LABEL: func.func @conv
// AVX2-NOT:     linalg.conv_2d_nchw_fchw
// AVX2-LABEL: func.func @accumulate
func.func @conv(%x: tensor<2x8x20x20xf32>, %w: tensor<32x8x3x3xf32>) -> tensor<2x32x16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<2x32x16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%init : tensor<2x32x16x16xf32>) -> tensor<2x32x16x16xf32>
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<2x8x20x20xf32>, tensor<32x8x3x3xf32>) outs(%acc : tensor<2x32x16x16xf32>) -> tensor<2x32x16x16xf32>
  return %0 : tensor<2x32x16x16xf32>
}

// A height stride reaches the input's map (each output row reads its own
// input rows).
// CHECK-LABEL: func.func @height_stride
// CHECK:         linalg.generic {indexing_maps = [#[[MIN_H2]], #[[MW]], #[[MOUT]]]
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<1x4x20x10xf32>, tensor<4x3x3x16xf32>) outs(%{{.*}} : tensor<1x7x8x16xf32>)
func.func @height_stride(%x: tensor<1x4x20x10xf32>, %w: tensor<16x4x3x3xf32>, %acc: tensor<1x16x7x8xf32>) -> tensor<1x16x7x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<[3, 1]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
    ins(%x, %w : tensor<1x4x20x10xf32>, tensor<16x4x3x3xf32>) outs(%acc : tensor<1x16x7x8xf32>) -> tensor<1x16x7x8xf32>
  return %0 : tensor<1x16x7x8xf32>
}

// Any other accumulator is transposed in; one written by a channels-last
// convolution (a width-strided convolution's earlier phase) is taken before its
// transpose back, so the phases accumulate in NHWC.
// CHECK-LABEL: func.func @accumulate
// CHECK-SAME:    %[[ACC:[^:]*]]: tensor<1x16x8x8xf32>
// CHECK:         %[[IN_NHWC:.*]] = linalg.generic {indexing_maps = [#[[NCHW]], #[[ID]]], {{.*}} ins(%[[ACC]] : tensor<1x16x8x8xf32>)
// CHECK:         %[[FIRST:.*]] = linalg.generic {{.*}} outs(%[[IN_NHWC]] : tensor<1x8x8x16xf32>)
// CHECK:         %[[SECOND:.*]] = linalg.generic {{.*}} outs(%[[FIRST]] : tensor<1x8x8x16xf32>)
// CHECK:         %[[BACK:.*]] = linalg.generic {{.*}} ins(%[[SECOND]] : tensor<1x8x8x16xf32>)
// CHECK:         return %[[BACK]]
func.func @accumulate(%x: tensor<1x4x10x10xf32>, %w: tensor<16x4x3x3xf32>, %acc: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x4x10x10xf32>, tensor<16x4x3x3xf32>) outs(%acc : tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  %1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x4x10x10xf32>, tensor<16x4x3x3xf32>) outs(%0 : tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %1 : tensor<1x16x8x8xf32>
}

// An accumulator computed from such a result (a relu of it) is transposed
// in: only the plain transpose back is looked through.
// CHECK-LABEL: func.func @accumulate_after_relu
// CHECK:         %[[FIRST:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x4x10x10xf32>, tensor<4x3x3x16xf32>)
// CHECK:         %[[BACK:.*]] = linalg.generic {{.*}} ins(%[[FIRST]] : tensor<1x8x8x16xf32>)
// CHECK:         %[[RELU:.*]] = linalg.generic {{.*}} ins(%[[BACK]] : tensor<1x16x8x8xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[IN_NHWC:.*]] = linalg.generic {{.*}} ins(%[[RELU]] : tensor<1x16x8x8xf32>)
// CHECK:         linalg.generic {{.*}} outs(%[[IN_NHWC]] : tensor<1x8x8x16xf32>)
func.func @accumulate_after_relu(%x: tensor<1x4x10x10xf32>, %w: tensor<16x4x3x3xf32>, %acc: tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x4x10x10xf32>, tensor<16x4x3x3xf32>) outs(%acc : tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<1x16x8x8xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(n, f, h, w) -> (n, f, h, w)>, affine_map<(n, f, h, w) -> (n, f, h, w)>],
                       iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%0 : tensor<1x16x8x8xf32>) outs(%init : tensor<1x16x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.maximumf %a, %zero : f32
    linalg.yield %r : f32
  } -> tensor<1x16x8x8xf32>
  %2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x4x10x10xf32>, tensor<16x4x3x3xf32>) outs(%1 : tensor<1x16x8x8xf32>) -> tensor<1x16x8x8xf32>
  return %2 : tensor<1x16x8x8xf32>
}

// Left as they are: output channels that are not whole vectors (33),
// width-strided convolutions (kiln-decompose-strided-conv makes them width
// stride 1 first), rows too short for 8 accumulators (1 column by 1 vector), and
// integers.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-4: linalg.conv_2d_nchw_fchw
// CHECK-NOT:     linalg.generic
func.func @left_alone(%x: tensor<1x16x9x9xf32>, %w33: tensor<33x16x3x3xf32>, %w16: tensor<16x16x3x3xf32>,
                      %xi: tensor<1x16x9x9xi32>, %wi: tensor<16x16x3x3xi32>,
                      %o33: tensor<1x33x7x7xf32>, %o4: tensor<1x16x4x4xf32>, %o1: tensor<1x16x7x1xf32>, %oi: tensor<1x16x7x7xi32>)
    -> (tensor<1x33x7x7xf32>, tensor<1x16x4x4xf32>, tensor<1x16x7x1xf32>, tensor<1x16x7x7xi32>) {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w33 : tensor<1x16x9x9xf32>, tensor<33x16x3x3xf32>) outs(%o33 : tensor<1x33x7x7xf32>) -> tensor<1x33x7x7xf32>
  %1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w16 : tensor<1x16x9x9xf32>, tensor<16x16x3x3xf32>) outs(%o4 : tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %x1 = tensor.extract_slice %x[0, 0, 0, 0] [1, 16, 9, 3] [1, 1, 1, 1] : tensor<1x16x9x9xf32> to tensor<1x16x9x3xf32>
  %2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x1, %w16 : tensor<1x16x9x3xf32>, tensor<16x16x3x3xf32>) outs(%o1 : tensor<1x16x7x1xf32>) -> tensor<1x16x7x1xf32>
  %3 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xi, %wi : tensor<1x16x9x9xi32>, tensor<16x16x3x3xi32>) outs(%oi : tensor<1x16x7x7xi32>) -> tensor<1x16x7x7xi32>
  return %0, %1, %2, %3 : tensor<1x33x7x7xf32>, tensor<1x16x4x4xf32>, tensor<1x16x7x1xf32>, tensor<1x16x7x7xi32>
}

// A constant weight whose rows are a multiple of 512 bytes (128 filters) is
// transposed with a cache line of zero filters more, then sliced: a tile of
// fewer output channels then reads each tap's part a 576-byte row apart, not
// 512 (where an input channel's taps fall into an eighth of L1's sets).
// A weight that is not constant (laid out at every call) is not padded.
// CHECK-LABEL: func.func @padded_rows
// CHECK-SAME:    (%{{.*}}: tensor<1x8x9x9xf32>, %[[WC:[^:]*]]: tensor<128x8x3x3xf32> {kiln.constant}, %[[WV:[^:]*]]: tensor<128x8x3x3xf32>
// CHECK:         %[[ROWS:.*]] = tensor.collapse_shape %[[WC]] {{\[}}[0], [1, 2, 3]] : tensor<128x8x3x3xf32> into tensor<128x72xf32>
// CHECK:         %[[PADDED:.*]] = tensor.pad %[[ROWS]] low[0, 0] high[16, 0]
// CHECK:         : tensor<128x72xf32> to tensor<144x72xf32>
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[PADDED]] : tensor<144x72xf32>) outs(%{{.*}} : tensor<72x144xf32>) permutation = [1, 0]
// CHECK:         %[[VIEW:.*]] = tensor.extract_slice %[[T]][0, 0] [72, 128] [1, 1] : tensor<72x144xf32> to tensor<72x128xf32>
// CHECK:         tensor.expand_shape %[[VIEW]] {{\[}}[0, 1, 2], [3]] output_shape [8, 3, 3, 128]
// CHECK:         %[[VROWS:.*]] = tensor.collapse_shape %[[WV]]
// CHECK-NOT:     tensor.pad
// CHECK:         linalg.transpose ins(%[[VROWS]] : tensor<128x72xf32>) outs(%{{.*}} : tensor<72x128xf32>)
func.func @padded_rows(%x: tensor<1x8x9x9xf32>, %wc: tensor<128x8x3x3xf32> {kiln.constant},
                       %wv: tensor<128x8x3x3xf32>, %acc: tensor<1x128x7x7xf32>)
    -> (tensor<1x128x7x7xf32>, tensor<1x128x7x7xf32>) {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %wc : tensor<1x8x9x9xf32>, tensor<128x8x3x3xf32>) outs(%acc : tensor<1x128x7x7xf32>) -> tensor<1x128x7x7xf32>
  %1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %wv : tensor<1x8x9x9xf32>, tensor<128x8x3x3xf32>) outs(%acc : tensor<1x128x7x7xf32>) -> tensor<1x128x7x7xf32>
  return %0, %1 : tensor<1x128x7x7xf32>, tensor<1x128x7x7xf32>
}

// A depthwise convolution on several images whose pixels are not whole
// vectors (8 x 7 x 7) becomes a generic over (n, oh, ow, c, kh, kw) on an
// NHWC input, a [kh, kw, c] weight and an NHWC result, transposed back to
// NCHW (with its unit dim). The pad in front of it is done after the
// transpose, so that the transpose folds into the op computing the
// unpadded source; a fill accumulator is made anew.
// CHECK-LABEL: func.func @depthwise
// CHECK-SAME: (%[[X:[a-z0-9]+]]: tensor<8x32x7x7xf32>, %[[W:[a-z0-9]+]]: tensor<32x1x1x3x3xf32>)
// CHECK: %[[T:.*]] = linalg.generic {indexing_maps = [#[[NCHW]], #[[ID]]]{{.*}} ins(%[[X]] : tensor<8x32x7x7xf32>) outs(%{{.*}} : tensor<8x7x7x32xf32>)
// CHECK: %[[P:.*]] = tensor.pad %[[T]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[WR:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1, 2], [3, 4]] : tensor<32x1x1x3x3xf32> into tensor<32x9xf32>
// CHECK: %[[WT:.*]] = linalg.transpose ins(%[[WR]] : tensor<32x9xf32>) outs(%{{.*}} : tensor<9x32xf32>) permutation = [1, 0]
// CHECK: %[[WE:.*]] = tensor.expand_shape %[[WT]] {{\[\[}}0, 1], [2]] output_shape [3, 3, 32]
// CHECK: %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<8x7x7x32xf32>)
// CHECK: %[[G:.*]] = linalg.generic {indexing_maps = [#[[DIN]], #[[DW]], #[[DOUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[P]], %[[WE]] : tensor<8x9x9x32xf32>, tensor<3x3x32xf32>) outs(%[[ACC]] : tensor<8x7x7x32xf32>)
// CHECK: %[[B:.*]] = linalg.generic {indexing_maps = [#[[NHWC]], #[[ID]]]{{.*}} ins(%[[G]] : tensor<8x7x7x32xf32>) outs(%{{.*}} : tensor<8x32x7x7xf32>)
// CHECK: tensor.expand_shape %[[B]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [8, 32, 1, 7, 7]
// CHECK-NOT: linalg.conv_2d_ngchw_gfchw
// One image of 7 x 7 keeps NCHW (too few pixels for the transposes to pay).
// CHECK-LABEL: func.func @depthwise_one_image
// CHECK: linalg.conv_2d_ngchw_gfchw
func.func @depthwise(%x: tensor<8x32x7x7xf32>, %w: tensor<32x1x1x3x3xf32>) -> tensor<8x32x1x7x7xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<8x32x7x7xf32> to tensor<8x32x9x9xf32>
  %e = tensor.expand_shape %p [[0], [1], [2, 3], [4]] output_shape [8, 32, 1, 9, 9] : tensor<8x32x9x9xf32> into tensor<8x32x1x9x9xf32>
  %empty = tensor.empty() : tensor<8x32x1x7x7xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%empty : tensor<8x32x1x7x7xf32>) -> tensor<8x32x1x7x7xf32>
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%e, %w : tensor<8x32x1x9x9xf32>, tensor<32x1x1x3x3xf32>) outs(%acc : tensor<8x32x1x7x7xf32>) -> tensor<8x32x1x7x7xf32>
  return %0 : tensor<8x32x1x7x7xf32>
}

func.func @depthwise_one_image(%x: tensor<1x32x1x9x9xf32>, %w: tensor<32x1x1x3x3xf32>, %acc: tensor<1x32x1x7x7xf32>) -> tensor<1x32x1x7x7xf32> {
  %0 = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x32x1x9x9xf32>, tensor<32x1x1x3x3xf32>) outs(%acc : tensor<1x32x1x7x7xf32>) -> tensor<1x32x1x7x7xf32>
  return %0 : tensor<1x32x1x7x7xf32>
}
