// kiln-decompose-transposed-conv: conv_transpose2d as kiln-to-linalg lowers
// it (x spread by stride 2 into zeros, convolved at stride 1) becomes one
// convolution per row phase: even output rows take kernel rows 0 and 2 over
// input rows -1..4 (one zero row of border each side), odd rows kernel row
// 1 over rows 0..3; the columns stay spread (rows of 11, too short to pad
// to 16 lanes, get no zero columns). Each phase starts from zeros of its
// own and is written into its rows of the output, which together they
// cover: no zeros under them.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-decompose-transposed-conv),canonicalize,cse)' | FileCheck %s

#flip = affine_map<(d0, d1, d2, d3) -> ((d0 floordiv 3) * 2 + d1, d0 mod 3, -d2 + 2, -d3 + 2)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// CHECK-DAG:   #[[EVEN:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2, d3)>
// CHECK-DAG:   #[[ODD:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2 * 2 + 1, d3)>
// CHECK-LABEL: func.func @stride2
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x4x5xf32>
// CHECK:       %[[OUT:.*]] = tensor.empty() : tensor<1x3x9x11xf32>
// CHECK:       %[[ZEROS:.*]] = linalg.fill {{.*}} -> tensor<1x2x6x13xf32>
// CHECK:       %[[ROWS:.*]] = tensor.insert_slice %[[X]] into %[[ZEROS]][0, 0, 1, 2] [1, 2, 4, 5] [1, 1, 1, 2]
// CHECK:       %[[WE:.*]] = linalg.generic {indexing_maps = [#[[EVEN]], {{.*}} outs(%{{.*}} : tensor<3x2x2x3xf32>)
// CHECK:       %[[ACCE:.*]] = linalg.fill {{.*}} -> tensor<1x3x5x11xf32>
// CHECK:       %[[E:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME:    ins(%[[ROWS]], %[[WE]] : tensor<1x2x6x13xf32>, tensor<3x2x2x3xf32>) outs(%[[ACCE]] : tensor<1x3x5x11xf32>)
// CHECK:       %[[Y0:.*]] = tensor.insert_slice %[[E]] into %[[OUT]][0, 0, 0, 0] [1, 3, 5, 11] [1, 1, 2, 1]
// CHECK:       %[[MID:.*]] = tensor.extract_slice %[[ROWS]][0, 0, 1, 0] [1, 2, 4, 13] [1, 1, 1, 1]
// CHECK:       %[[WO:.*]] = linalg.generic {indexing_maps = [#[[ODD]], {{.*}} outs(%{{.*}} : tensor<3x2x1x3xf32>)
// CHECK:       %[[O:.*]] = linalg.conv_2d_nchw_fchw
// CHECK-SAME:    ins(%[[MID]], %[[WO]] : tensor<1x2x4x13xf32>, tensor<3x2x1x3xf32>) {{.*}} -> tensor<1x3x4x11xf32>
// CHECK:       %[[Y:.*]] = tensor.insert_slice %[[O]] into %[[Y0]][0, 0, 1, 0] [1, 3, 4, 11] [1, 1, 2, 1]
// CHECK:       return %[[Y]]
func.func @stride2(%x: tensor<1x2x4x5xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x9x11xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %e = tensor.empty() : tensor<3x2x3x3xf32>
  %flipped = linalg.generic {indexing_maps = [#flip, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%w : tensor<2x3x3x3xf32>) outs(%e : tensor<3x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<3x2x3x3xf32>
  %ce = tensor.empty() : tensor<1x2x11x13xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%ce : tensor<1x2x11x13xf32>) -> tensor<1x2x11x13xf32>
  %spread = tensor.insert_slice %x into %zeros[0, 0, 2, 2] [1, 2, 4, 5] [1, 1, 2, 2] : tensor<1x2x4x5xf32> into tensor<1x2x11x13xf32>
  %oe = tensor.empty() : tensor<1x3x9x11xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%oe : tensor<1x3x9x11xf32>) -> tensor<1x3x9x11xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%spread, %flipped : tensor<1x2x11x13xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x3x9x11xf32>) -> tensor<1x3x9x11xf32>
  return %y : tensor<1x3x9x11xf32>
}

// An input not spread along the rows (stride 1 there), or not into zeros,
// is left alone.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-2: linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2x6x13xf32>
func.func @left_alone(%x: tensor<1x2x4x5xf32>, %w: tensor<3x2x3x3xf32>, %other: tensor<1x2x6x13xf32>) -> (tensor<1x3x4x11xf32>, tensor<1x3x4x11xf32>) {
  %zero = arith.constant 0.000000e+00 : f32
  %ce = tensor.empty() : tensor<1x2x6x13xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%ce : tensor<1x2x6x13xf32>) -> tensor<1x2x6x13xf32>
  %cols = tensor.insert_slice %x into %zeros[0, 0, 1, 2] [1, 2, 4, 5] [1, 1, 1, 2] : tensor<1x2x4x5xf32> into tensor<1x2x6x13xf32>
  %onto = tensor.insert_slice %x into %other[0, 0, 1, 2] [1, 2, 4, 5] [1, 1, 1, 2] : tensor<1x2x4x5xf32> into tensor<1x2x6x13xf32>
  %oe = tensor.empty() : tensor<1x3x4x11xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%oe : tensor<1x3x4x11xf32>) -> tensor<1x3x4x11xf32>
  %a = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%cols, %w : tensor<1x2x6x13xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x3x4x11xf32>) -> tensor<1x3x4x11xf32>
  %b = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%onto, %w : tensor<1x2x6x13xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x3x4x11xf32>) -> tensor<1x3x4x11xf32>
  return %a, %b : tensor<1x3x4x11xf32>, tensor<1x3x4x11xf32>
}

// A 1x1 kernel at stride 2: odd output rows meet no input row. The one
// phase writes the even rows over the zeros the odd ones keep.
// CHECK-LABEL: func.func @uncovered_rows
// CHECK:       %[[OUT:.*]] = linalg.fill {{.*}} -> tensor<1x3x7x9xf32>
// CHECK:       %[[E:.*]] = linalg.conv_2d_nchw_fchw {{.*}} -> tensor<1x3x4x9xf32>
// CHECK-NOT:   linalg.conv_2d_nchw_fchw
// CHECK:       tensor.insert_slice %[[E]] into %[[OUT]][0, 0, 0, 0] [1, 3, 4, 9] [1, 1, 2, 1]
func.func @uncovered_rows(%x: tensor<1x2x4x5xf32>, %w: tensor<3x2x1x1xf32>) -> tensor<1x3x7x9xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ce = tensor.empty() : tensor<1x2x7x9xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%ce : tensor<1x2x7x9xf32>) -> tensor<1x2x7x9xf32>
  %spread = tensor.insert_slice %x into %zeros[0, 0, 0, 0] [1, 2, 4, 5] [1, 1, 2, 2] : tensor<1x2x4x5xf32> into tensor<1x2x7x9xf32>
  %oe = tensor.empty() : tensor<1x3x7x9xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%oe : tensor<1x3x7x9xf32>) -> tensor<1x3x7x9xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%spread, %w : tensor<1x2x7x9xf32>, tensor<3x2x1x1xf32>) outs(%acc : tensor<1x3x7x9xf32>) -> tensor<1x3x7x9xf32>
  return %y : tensor<1x3x7x9xf32>
}

// Rows of 29 are padded to 32 by kiln-pad-conv-width: the spread input gets
// the zero columns that needs (32 + 2 taps' reach = 34), once for all phases.
// CHECK-LABEL: func.func @wide_rows
// CHECK:       linalg.fill {{.*}} -> tensor<1x2x6x34xf32>
// CHECK:       tensor.insert_slice %{{.*}}[0, 0, 1, 2] [1, 2, 4, 14] [1, 1, 1, 2] : tensor<1x2x4x14xf32> into tensor<1x2x6x34xf32>
// CHECK-COUNT-2: linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x2x{{[46]}}x34xf32>
func.func @wide_rows(%x: tensor<1x2x4x14xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x9x29xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ce = tensor.empty() : tensor<1x2x11x31xf32>
  %zeros = linalg.fill ins(%zero : f32) outs(%ce : tensor<1x2x11x31xf32>) -> tensor<1x2x11x31xf32>
  %spread = tensor.insert_slice %x into %zeros[0, 0, 2, 2] [1, 2, 4, 14] [1, 1, 2, 2] : tensor<1x2x4x14xf32> into tensor<1x2x11x31xf32>
  %oe = tensor.empty() : tensor<1x3x9x29xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%oe : tensor<1x3x9x29xf32>) -> tensor<1x3x9x29xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%spread, %w : tensor<1x2x11x31xf32>, tensor<3x2x3x3xf32>) outs(%acc : tensor<1x3x9x29xf32>) -> tensor<1x3x9x29xf32>
  return %y : tensor<1x3x9x29xf32>
}
