// kiln-peel-padded-windows: a pooling over an input padded with its
// combiner's identity becomes one pooling per output region, each over a
// slice of the unpadded input, border windows clipped to the input.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-peel-padded-windows,canonicalize,cse))' | FileCheck %s

// max_pool2d 3x3/2 as a tile sees it: -inf before row and column 0 only.
// Output row 0 and column 0 read one padded tap each way: the corner pools
// a 2x2 window of input [0:2, 0:2], the top row 2x3 windows of input rows
// 0:2, the left column 3x2 windows of columns 0:2; the other 55 x 55
// outputs pool full 3x3 windows of input [1:112, 1:112]. No pad is left,
// and each region writes into the results so far (in place).
// CHECK-LABEL: func.func @max_pool_low_border
// CHECK-NOT:   tensor.pad
// CHECK:       %[[INIT:.*]] = linalg.fill
// CHECK:       %[[IN0:.*]] = tensor.extract_slice %[[X:.*]][0, 0, 0, 0] [1, 4, 2, 2] [1, 1, 1, 1]
// CHECK:       %[[OUT0:.*]] = tensor.extract_slice %[[INIT]][0, 0, 0, 0] [1, 4, 1, 1] [1, 1, 1, 1]
// CHECK:       %[[W0:.*]] = tensor.empty() : tensor<2x2xf32>
// CHECK:       %[[P0:.*]] = linalg.pooling_nchw_max {{.*}}kiln.tiling = #kiln.tiling<registers = [0, 1, 1, 0, 1, 0]>, strides = dense<2> : tensor<2xi64>} ins(%[[IN0]], %[[W0]] : tensor<1x4x2x2xf32>, tensor<2x2xf32>) outs(%[[OUT0]] : tensor<1x4x1x1xf32>)
// CHECK:       %[[R0:.*]] = tensor.insert_slice %[[P0]] into %[[INIT]][0, 0, 0, 0] [1, 4, 1, 1]
// CHECK:       %[[IN1:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 1] [1, 4, 2, 111] [1, 1, 1, 1]
// CHECK:       %[[OUT1:.*]] = tensor.extract_slice %[[R0]][0, 0, 0, 1] [1, 4, 1, 55] [1, 1, 1, 1]
// CHECK:       linalg.pooling_nchw_max {{.*}} ins(%[[IN1]], %{{.*}} : tensor<1x4x2x111xf32>, tensor<2x3xf32>) outs(%[[OUT1]] : tensor<1x4x1x55xf32>)
// CHECK:       %[[R1:.*]] = tensor.insert_slice %{{.*}} into %[[R0]][0, 0, 0, 1] [1, 4, 1, 55]
// CHECK:       tensor.extract_slice %[[X]][0, 0, 1, 0] [1, 4, 111, 2] [1, 1, 1, 1]
// CHECK:       linalg.pooling_nchw_max {{.*}} : tensor<1x4x111x2xf32>, tensor<3x2xf32>) outs(%{{.*}} : tensor<1x4x55x1xf32>)
// CHECK:       %[[R2:.*]] = tensor.insert_slice %{{.*}} into %[[R1]][0, 0, 1, 0] [1, 4, 55, 1]
// CHECK:       tensor.extract_slice %[[X]][0, 0, 1, 1] [1, 4, 111, 111] [1, 1, 1, 1]
// CHECK:       linalg.pooling_nchw_max {{.*}} : tensor<1x4x111x111xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x4x55x55xf32>)
// CHECK:       %[[R3:.*]] = tensor.insert_slice %{{.*}} into %[[R2]][0, 0, 1, 1] [1, 4, 55, 55]
// CHECK:       return %[[R3]]
func.func @max_pool_low_border(%x: tensor<1x4x112x112xf32>) -> tensor<1x4x56x56xf32> {
  %lowest = arith.constant 0xFF800000 : f32
  %padded = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %lowest : f32
  } : tensor<1x4x112x112xf32> to tensor<1x4x113x113xf32>
  %window = tensor.empty() : tensor<3x3xf32>
  %empty = tensor.empty() : tensor<1x4x56x56xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%empty : tensor<1x4x56x56xf32>) -> tensor<1x4x56x56xf32>
  %pool = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>, kiln.tiling = #kiln.tiling<registers = [0, 1, 1, 0, 1, 0]>}
    ins(%padded, %window : tensor<1x4x113x113xf32>, tensor<3x3xf32>) outs(%init : tensor<1x4x56x56xf32>) -> tensor<1x4x56x56xf32>
  return %pool : tensor<1x4x56x56xf32>
}

// A sum pooling 3x3/1 over zeros on every side: nine regions, the windows
// of the border rows and columns two taps wide or high, corners 2x2.
// CHECK-LABEL: func.func @sum_pool_all_sides
// CHECK-NOT:   tensor.pad
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x2x2xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<1x2x1x1xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x2x10xf32>, tensor<2x3xf32>) outs(%{{.*}} : tensor<1x2x1x8xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x2x2xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<1x2x1x1xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x10x2xf32>, tensor<3x2xf32>) outs(%{{.*}} : tensor<1x2x8x1xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x10x10xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x2x8x8xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x10x2xf32>, tensor<3x2xf32>) outs(%{{.*}} : tensor<1x2x8x1xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x2x2xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<1x2x1x1xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x2x10xf32>, tensor<2x3xf32>) outs(%{{.*}} : tensor<1x2x1x8xf32>)
// CHECK:       linalg.pooling_nchw_sum {{.*}} : tensor<1x2x2x2xf32>, tensor<2x2xf32>) outs(%{{.*}} : tensor<1x2x1x1xf32>)
// CHECK-NOT:   linalg.pooling_nchw_sum
// CHECK:       return
func.func @sum_pool_all_sides(%x: tensor<1x2x10x10xf32>) -> tensor<1x2x10x10xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x10x10xf32> to tensor<1x2x12x12xf32>
  %window = tensor.empty() : tensor<3x3xf32>
  %empty = tensor.empty() : tensor<1x2x10x10xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x2x10x10xf32>) -> tensor<1x2x10x10xf32>
  %pool = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %window : tensor<1x2x12x12xf32>, tensor<3x3xf32>) outs(%init : tensor<1x2x10x10xf32>) -> tensor<1x2x10x10xf32>
  return %pool : tensor<1x2x10x10xf32>
}

// Dilation 2 over a border of 2: output row 0 reads taps 1 and 2 (input
// rows 0 and 2), row 1 the same from row 1; the interior (output rows
// 2..11) reads all of the input.
// CHECK-LABEL: func.func @max_pool_dilated
// CHECK-SAME:    (%[[X:.*]]: tensor<1x1x14x16xf32>)
// CHECK:       tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 1, 3, 16] [1, 1, 1, 1]
// CHECK:       linalg.pooling_nchw_max {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%{{.*}}, %{{.*}} : tensor<1x1x3x16xf32>, tensor<2x3xf32>) outs(%{{.*}} : tensor<1x1x1x12xf32>)
// CHECK:       tensor.extract_slice %{{.*}}[0, 0, 1, 0] [1, 1, 3, 16] [1, 1, 1, 1]
// CHECK:       linalg.pooling_nchw_max {{.*}} : tensor<1x1x3x16xf32>, tensor<2x3xf32>) outs(%{{.*}} : tensor<1x1x1x12xf32>)
// CHECK:       linalg.pooling_nchw_max {{.*}} ins(%[[X]], %{{.*}} : tensor<1x1x14x16xf32>, tensor<3x3xf32>) outs(%{{.*}} : tensor<1x1x10x12xf32>)
func.func @max_pool_dilated(%x: tensor<1x1x14x16xf32>) -> tensor<1x1x12x12xf32> {
  %lowest = arith.constant 0xFF800000 : f32
  %padded = tensor.pad %x low[0, 0, 2, 0] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %lowest : f32
  } : tensor<1x1x14x16xf32> to tensor<1x1x16x16xf32>
  %window = tensor.empty() : tensor<3x3xf32>
  %empty = tensor.empty() : tensor<1x1x12x12xf32>
  %init = linalg.fill ins(%lowest : f32) outs(%empty : tensor<1x1x12x12xf32>) -> tensor<1x1x12x12xf32>
  %pool = linalg.pooling_nchw_max {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %window : tensor<1x1x16x16xf32>, tensor<3x3xf32>) outs(%init : tensor<1x1x12x12xf32>) -> tensor<1x1x12x12xf32>
  return %pool : tensor<1x1x12x12xf32>
}

// A max over zero padding would pool the zeros: left alone.
// CHECK-LABEL: func.func @max_pool_zero_padding
// CHECK:       tensor.pad
// CHECK-COUNT-1: linalg.pooling_nchw_max
// CHECK-NOT:   linalg.pooling_nchw_max
func.func @max_pool_zero_padding(%x: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x1x8x8xf32> to tensor<1x1x10x10xf32>
  %window = tensor.empty() : tensor<3x3xf32>
  %init = tensor.empty() : tensor<1x1x8x8xf32>
  %pool = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %window : tensor<1x1x10x10xf32>, tensor<3x3xf32>) outs(%init : tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %pool : tensor<1x1x8x8xf32>
}

// A 7x7 window over a border of 3: 7 x 7 regions, more than the 25 the
// pass makes; left alone.
// CHECK-LABEL: func.func @wide_border_left_alone
// CHECK:       tensor.pad
// CHECK-COUNT-1: linalg.pooling_nchw_sum
// CHECK-NOT:   linalg.pooling_nchw_sum
func.func @wide_border_left_alone(%x: tensor<1x1x20x20xf32>) -> tensor<1x1x20x20xf32> {
  %zero = arith.constant 0.0 : f32
  %padded = tensor.pad %x low[0, 0, 3, 3] high[0, 0, 3, 3] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x1x20x20xf32> to tensor<1x1x26x26xf32>
  %window = tensor.empty() : tensor<7x7xf32>
  %init = tensor.empty() : tensor<1x1x20x20xf32>
  %pool = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%padded, %window : tensor<1x1x26x26xf32>, tensor<7x7xf32>) outs(%init : tensor<1x1x20x20xf32>) -> tensor<1x1x20x20xf32>
  return %pool : tensor<1x1x20x20xf32>
}
