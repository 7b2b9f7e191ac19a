// kiln-prepare-constants: what an entry computes from its kiln.constant
// arguments alone moves to <entry>_prepare, whose results the entry takes as
// arguments after its own; the marks are consumed.
//
// RUN: kiln-opt %s --kiln-prepare-constants | FileCheck %s

// The filter's transpose is prepared; the bias's broadcast (larger than the
// bias) and the filter's reshape (no work) stay; so does everything that
// reads %x.
// CHECK-LABEL: func.func @layer(
// CHECK-SAME: %[[X:[^:]*]]: tensor<64x128xf32>, %[[W:[^:]*]]: tensor<128x64xf32>, %[[B:[^:]*]]: tensor<128xf32>,
// CHECK-SAME: %[[WT:[^:]*]]: tensor<64x128xf32>) -> (tensor<64x128xf32>, tensor<8192xf32>)
// CHECK-NOT: kiln.constant
// CHECK-NOT: linalg.transpose
// CHECK: %[[BB:.*]] = linalg.broadcast ins(%[[B]] :
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[WT]], %[[BB]] :
// CHECK: tensor.collapse_shape %[[W]]
// CHECK: return
// CHECK-LABEL: func.func @layer_prepare(
// CHECK-SAME: %[[PW:[^:]*]]: tensor<128x64xf32>, %{{[^:]*}}: tensor<128xf32>) -> tensor<64x128xf32>
// CHECK-SAME: attributes {kiln.run_once}
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[PW]] : tensor<128x64xf32>)
// CHECK: return %[[T]] : tensor<64x128xf32>
#id = affine_map<(i, j) -> (i, j)>
func.func @layer(%x: tensor<64x128xf32>, %w: tensor<128x64xf32> {kiln.constant},
                 %b: tensor<128xf32> {kiln.constant}) -> (tensor<64x128xf32>, tensor<8192xf32>) {
  %e = tensor.empty() : tensor<64x128xf32>
  %wt = linalg.transpose ins(%w : tensor<128x64xf32>) outs(%e : tensor<64x128xf32>) permutation = [1, 0]
  %bb = linalg.broadcast ins(%b : tensor<128xf32>) outs(%e : tensor<64x128xf32>) dimensions = [0]
  %y = linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %wt, %bb : tensor<64x128xf32>, tensor<64x128xf32>, tensor<64x128xf32>)
      outs(%e : tensor<64x128xf32>) {
  ^bb0(%a: f32, %c: f32, %d: f32, %o: f32):
    %m = arith.mulf %a, %c : f32
    %s = arith.addf %m, %d : f32
    linalg.yield %s : f32
  } -> tensor<64x128xf32>
  %flat = tensor.collapse_shape %w [[0, 1]] : tensor<128x64xf32> into tensor<8192xf32>
  return %y, %flat : tensor<64x128xf32>, tensor<8192xf32>
}

// A value returned as it is computed from the constants is prepared too.
// CHECK-LABEL: func.func @returned(
// CHECK-SAME: %{{[^:]*}}: tensor<128x64xf32>, %[[P:[^:]*]]: tensor<64x128xf32>)
// CHECK-NEXT: return %[[P]]
// CHECK-LABEL: func.func @returned_prepare(
func.func @returned(%w: tensor<128x64xf32> {kiln.constant}) -> tensor<64x128xf32> {
  %e = tensor.empty() : tensor<64x128xf32>
  %wt = linalg.transpose ins(%w : tensor<128x64xf32>) outs(%e : tensor<64x128xf32>) permutation = [1, 0]
  return %wt : tensor<64x128xf32>
}

// Without constant arguments nothing moves.
// CHECK-LABEL: func.func @plain(
// CHECK-SAME: %[[W:[^:]*]]: tensor<128x64xf32>) -> tensor<64x128xf32>
// CHECK: linalg.transpose ins(%[[W]]
// CHECK-NOT: func.func @plain_prepare
func.func @plain(%w: tensor<128x64xf32>) -> tensor<64x128xf32> {
  %e = tensor.empty() : tensor<64x128xf32>
  %wt = linalg.transpose ins(%w : tensor<128x64xf32>) outs(%e : tensor<64x128xf32>) permutation = [1, 0]
  return %wt : tensor<64x128xf32>
}

// A small value (a per-channel scale) is computed at every call.
// CHECK-LABEL: func.func @scale(
// CHECK-SAME: %{{[^:]*}}: tensor<64xf32>) -> tensor<64xf32>
// CHECK: math.sqrt
// CHECK-NOT: func.func @scale_prepare
func.func @scale(%v: tensor<64xf32> {kiln.constant}) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%v : tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.sqrt %a : f32
    linalg.yield %r : f32
  } -> tensor<64xf32>
  return %s : tensor<64xf32>
}

// A layout padded for its reader (kiln-channels-last-conv's filter rows a
// cache line longer, an eighth more elements than the filter) is prepared
// with its padding; the slice that drops it stays, a view of the prepared
// value (returned from the prepare entry, the slice would be copied whole).
// A slice at an offset is work like any other and moves.
// CHECK-LABEL: func.func @padded(
// CHECK-SAME: %{{[^:]*}}: tensor<128x72xf32>, %[[P:[^:]*]]: tensor<72x144xf32>, %[[Q:[^:]*]]: tensor<72x128xf32>)
// CHECK: %[[VIEW:.*]] = tensor.extract_slice %[[P]][0, 0] [72, 128] [1, 1]
// CHECK: return %[[VIEW]], %[[Q]]
// CHECK-LABEL: func.func @padded_prepare(
// CHECK: tensor.pad
// CHECK: %[[T:.*]] = linalg.transpose
// CHECK: %[[S:.*]] = tensor.extract_slice %[[T]][0, 16] [72, 128] [1, 1]
// CHECK: return %[[T]], %[[S]] : tensor<72x144xf32>, tensor<72x128xf32>
func.func @padded(%w: tensor<128x72xf32> {kiln.constant}) -> (tensor<72x128xf32>, tensor<72x128xf32>) {
  %zero = arith.constant 0.0 : f32
  %rows = tensor.pad %w low[0, 0] high[16, 0] {
  ^bb0(%i: index, %j: index):
    tensor.yield %zero : f32
  } : tensor<128x72xf32> to tensor<144x72xf32>
  %e = tensor.empty() : tensor<72x144xf32>
  %t = linalg.transpose ins(%rows : tensor<144x72xf32>) outs(%e : tensor<72x144xf32>) permutation = [1, 0]
  %view = tensor.extract_slice %t[0, 0] [72, 128] [1, 1] : tensor<72x144xf32> to tensor<72x128xf32>
  %shifted = tensor.extract_slice %t[0, 16] [72, 128] [1, 1] : tensor<72x144xf32> to tensor<72x128xf32>
  return %view, %shifted : tensor<72x128xf32>, tensor<72x128xf32>
}
