// kiln-pad-in-tile: a tile's slice of a constant pad becomes the pad of the
// input's slice. The tiles come from kiln-tile-and-fuse.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-fuse,kiln-pad-in-tile,canonicalize,cse))' | FileCheck %s

// max_pool2d 3x3/2 with a -inf border, over tiles of 4 channels: each tile
// pads its own slice of the input (rows 0..111 of the 113 the windows read:
// one row and column of -inf before them, none after), instead of the whole
// input being padded up front.
// CHECK-LABEL: func.func @max_pool_pad_in_tile
// CHECK-NOT:   tensor.pad
// CHECK:       scf.forall (%[[N:.*]], %[[C:.*]]) = (0, 0) to (2, 64) step (1, 4)
// CHECK:         %[[PART:.*]] = tensor.extract_slice %{{.*}}[%[[N]], %[[C]], 0, 0] [1, 4, 112, 112] [1, 1, 1, 1]
// CHECK:         tensor.pad %[[PART]] low[0, 0, 1, 1] high[0, 0, 0, 0]
// CHECK:         : tensor<1x4x112x112xf32> to tensor<1x4x113x113xf32>
// CHECK:         linalg.pooling_nchw_max
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<1x4x113x113xf32>, tensor<3x3xf32>)
// CHECK:       return
func.func @max_pool_pad_in_tile(%x: tensor<2x64x112x112xf32>) -> tensor<2x64x56x56xf32> {
  %lowest = arith.constant 0xFF800000 : f32
  %padded = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %lowest : f32
  } : tensor<2x64x112x112xf32> to tensor<2x64x114x114xf32>
  %window = tensor.empty() : tensor<3x3xf32>
  %empty = tensor.empty() : tensor<2x64x56x56xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%empty : tensor<2x64x56x56xf32>) -> tensor<2x64x56x56xf32>
  %pool = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>, kiln.tiling = #kiln.tiling<outer = [1, 4, 0, 0, 0, 0]>}
    ins(%padded, %window : tensor<2x64x114x114xf32>, tensor<3x3xf32>) outs(%init : tensor<2x64x56x56xf32>) -> tensor<2x64x56x56xf32>
  return %pool : tensor<2x64x56x56xf32>
}
