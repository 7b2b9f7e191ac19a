// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// batch_norm in training: two-pass moments over (N, H, W) -> [C] — the mean
// shifted by each channel's first element (exact for constant channels) —
// 1/sqrt(var + eps) once per channel, one normalization generic reading
// the statistics along dim 1, and momentum updates of the running stats
// (the variance with N/(N-1), here 40/39).
// CHECK-DAG: #[[CH:.*]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batch_norm_train
// CHECK: %[[FIRST:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 4, 1, 1] [1, 1, 1, 1]
// CHECK: %[[K:.*]] = tensor.collapse_shape %[[FIRST]]
// CHECK: %[[DEV:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction", "reduction"]{{.*}} ins(%{{.*}}, %[[K]] : tensor<2x4x4x5xf32>, tensor<4xf32>)
// CHECK: %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[K]], %[[DEV]] : tensor<4xf32>, tensor<4xf32>)
// CHECK: %[[SS:.*]] = linalg.generic {{.*}} iterator_types = ["reduction", "parallel", "reduction", "reduction"]{{.*}} ins(%{{.*}}, %[[MEAN]] : tensor<2x4x4x5xf32>, tensor<4xf32>)
// CHECK: %[[VAR:.*]] = linalg.generic {{.*}} ins(%[[SS]] : tensor<4xf32>)
// CHECK: %[[RSTD:.*]] = linalg.generic {{.*}} ins(%[[VAR]] : tensor<4xf32>)
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[CH]], #[[CH]], #{{.*}}], {{.*}} ins(%{{.*}}, %[[MEAN]], %[[RSTD]] : tensor<2x4x4x5xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK: arith.subf
// CHECK: arith.mulf
// CHECK: arith.constant 1.02564{{.*}} : f32
// CHECK: arith.constant 0.899999976 : f32
func.func @batch_norm_train(%x: tensor<2x4x4x5xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>)
    -> (tensor<2x4x4x5xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0:3 = kiln.batch_norm %x running_mean %m running_var %v training true
      : (tensor<2x4x4x5xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<2x4x4x5xf32>, tensor<4xf32>, tensor<4xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x4x4x5xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// In eval, batch_norm reads the running stats. As torch, per channel:
// scale = weight / sqrt(var + eps), shift = bias - mean * scale; then one
// multiply-add per element; no reduction.
// CHECK-LABEL: func.func @batch_norm_eval
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x4x5xf32>, %[[M:[^:]*]]: tensor<4xf32>, %[[V:[^:]*]]: tensor<4xf32>, %[[W:[^:]*]]: tensor<4xf32>, %[[B:[^:]*]]: tensor<4xf32>)
// CHECK-NOT: reduction
// CHECK: %[[RSTD:.*]] = linalg.generic {{.*}} ins(%[[V]] : tensor<4xf32>)
// CHECK: %[[SCALE:.*]] = linalg.generic {{.*}} ins(%[[RSTD]], %[[W]] : tensor<4xf32>, tensor<4xf32>)
// CHECK: arith.mulf
// CHECK: %[[SHIFT:.*]] = linalg.generic {{.*}} ins(%[[M]], %[[SCALE]], %[[B]] : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK: %[[MOVED:.*]] = arith.mulf
// CHECK: arith.subf %{{.*}}, %[[MOVED]]
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[SCALE]], %[[SHIFT]] : tensor<2x4x5xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK: %[[SCALED:.*]] = arith.mulf
// CHECK: arith.addf %[[SCALED]]
// CHECK-NOT: reduction
func.func @batch_norm_eval(%x: tensor<2x4x5xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>,
                           %w: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x4x5xf32> {
  %0 = kiln.batch_norm %x running_mean %m running_var %v weight %w bias %b
      : (tensor<2x4x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// -----

// layer_norm over the 2 trailing dims: statistics of shape [20], of a
// float32 input in float64 (its mean's rounding, times 1/std, would
// otherwise be most of the result's error); each normalized value rounded
// once, before the affine.
// CHECK-LABEL: func.func @layer_norm
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]{{.*}} outs(%{{.*}} : tensor<20xf64>)
// CHECK: arith.extf %{{.*}} : f32 to f64
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction"]{{.*}} outs(%{{.*}} : tensor<20xf64>)
// CHECK: math.sqrt %{{.*}} : f64
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<20x5x10xf32>, tensor<20xf64>, tensor<20xf64>, tensor<5x10xf32>, tensor<5x10xf32>)
// CHECK: arith.subf %{{.*}}, %{{.*}} : f64
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f64
// CHECK: arith.truncf %{{.*}} : f64 to f32
// CHECK: arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK: arith.addf %{{.*}}, %{{.*}} : f32
func.func @layer_norm(%x: tensor<20x5x10xf32>, %w: tensor<5x10xf32>, %b: tensor<5x10xf32>) -> tensor<20x5x10xf32> {
  %0 = kiln.layer_norm %x weight %w bias %b normalized_shape [5, 10]
      : (tensor<20x5x10xf32>, tensor<5x10xf32>, tensor<5x10xf32>) -> tensor<20x5x10xf32>
  return %0 : tensor<20x5x10xf32>
}

// -----

// instance_norm: statistics per (n, c), over the spatial dims.
// CHECK-LABEL: func.func @instance_norm
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]{{.*}} outs(%{{.*}} : tensor<2x3xf32>)
func.func @instance_norm(%x: tensor<2x3x4x4xf32>) -> tensor<2x3x4x4xf32> {
  %0 = kiln.instance_norm %x : (tensor<2x3x4x4xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

// group_norm: the input viewed as N x G x rest, statistics per group, the
// affine per channel after viewing back.
// CHECK-LABEL: func.func @group_norm
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2, 3]] : tensor<20x6x10x10xf32> into tensor<20x600xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2]] output_shape [20, 3, 200] : tensor<20x600xf32> into tensor<20x3x200xf32>
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: tensor.expand_shape {{.*}} into tensor<20x6x10x10xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<20x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>)
func.func @group_norm(%x: tensor<20x6x10x10xf32>, %w: tensor<6xf32>, %b: tensor<6xf32>) -> tensor<20x6x10x10xf32> {
  %0 = kiln.group_norm %x weight %w bias %b num_groups 3
      : (tensor<20x6x10x10xf32>, tensor<6xf32>, tensor<6xf32>) -> tensor<20x6x10x10xf32>
  return %0 : tensor<20x6x10x10xf32>
}

// -----

// rms_norm without eps uses f32's machine epsilon, 2^-23; the square root
// and division happen once per row, each element is multiplied.
// CHECK-LABEL: func.func @rms_norm
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK: arith.mulf
// CHECK: arith.constant 1.600000e+01 : f32
// CHECK-NEXT: arith.divf
// CHECK: %[[R:[0-9]+]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<4xf32>)
// CHECK: arith.constant 1.1920929E-7 : f32
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[R]] : tensor<4x16xf32>, tensor<4xf32>)
// CHECK-NOT: math.sqrt
// CHECK: arith.mulf
func.func @rms_norm(%x: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = kiln.rms_norm %x normalized_shape [16] : (tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// switch_norm: IN statistics, LN and BN pooled from them, softmaxed logits
// read as scalars, one normalization generic.
// CHECK-LABEL: func.func @switch_norm
// CHECK: tensor.collapse_shape {{.*}} into tensor<8x4x25xf32>
// CHECK-COUNT-3: tensor.extract %{{.*}} : tensor<3xf32>
// CHECK: math.exp
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} : tensor<8x4x5x5xf32>, tensor<8x4xf32>, tensor<8x4xf32>, tensor<4xf32>, tensor<4xf32>)
func.func @switch_norm(%x: tensor<8x4x5x5xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>, %w: tensor<4xf32>,
                       %b: tensor<4xf32>, %mw: tensor<3xf32>, %vw: tensor<3xf32>) -> tensor<8x4x5x5xf32> {
  %0 = kiln.switch_norm %x, %m, %v, %w, %b, %mw, %vw
      : (tensor<8x4x5x5xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<8x4x5x5xf32>
  return %0 : tensor<8x4x5x5xf32>
}

// -----

// deep_norm = layer_norm(alpha·x + y); dyt reads alpha as a scalar.
// CHECK-LABEL: func.func @deep_norm_dyt
// CHECK: arith.constant 2.000000e+00 : f32
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1xf32> into tensor<f32>
// CHECK: math.tanh
func.func @deep_norm_dyt(%x: tensor<4x6x32xf32>, %y: tensor<4x6x32xf32>, %a: tensor<1xf32>,
                         %w: tensor<32xf32>, %b: tensor<32xf32>) -> (tensor<4x6x32xf32>, tensor<4x6x32xf32>) {
  %0 = kiln.deep_norm %x, %y alpha 2.0 normalized_shape [32]
      : (tensor<4x6x32xf32>, tensor<4x6x32xf32>) -> tensor<4x6x32xf32>
  %1 = kiln.dyt %x, %a, %w, %b
      : (tensor<4x6x32xf32>, tensor<1xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<4x6x32xf32>
  return %0, %1 : tensor<4x6x32xf32>, tensor<4x6x32xf32>
}
