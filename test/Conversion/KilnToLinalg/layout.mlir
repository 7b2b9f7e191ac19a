// RUN: kiln-opt %s --kiln-to-linalg -split-input-file | FileCheck %s

// A regrouping reshape goes through 1-D; one that merges dims collapses.
// CHECK-LABEL: func.func @reshapes
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1]] output_shape [4, 6] : tensor<24xf32> into tensor<4x6xf32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2]] : tensor<2x3x4xf32> into tensor<2x12xf32>
func.func @reshapes(%x: tensor<2x3x4xf32>) -> (tensor<4x6xf32>, tensor<2x12xf32>) {
  %0 = kiln.reshape %x, [4, 6] : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  %1 = kiln.flatten %x start_dim 1 : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  return %0, %1 : tensor<4x6xf32>, tensor<2x12xf32>
}

// -----

// CHECK-LABEL: func.func @permute
// CHECK: linalg.transpose ins(%{{.*}} : tensor<2x3x5xf32>) outs(%{{.*}} : tensor<5x2x3xf32>) permutation = [2, 0, 1]
func.func @permute(%x: tensor<2x3x5xf32>) -> tensor<5x2x3xf32> {
  %0 = kiln.permute %x, [2, 0, 1] : (tensor<2x3x5xf32>) -> tensor<5x2x3xf32>
  return %0 : tensor<5x2x3xf32>
}

// -----

// cat inserts each part at its offset; slice is one strided extract_slice.
// CHECK-LABEL: func.func @cat_slice
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x8xf32>
// CHECK: %[[I0:.*]] = tensor.insert_slice %{{.*}} into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %[[I0]][0, 3] [2, 5] [1, 1]
// CHECK: tensor.extract_slice %{{.*}}[7, 1] [3, 2] [1, 2] : tensor<10x6xf32> to tensor<3x2xf32>
func.func @cat_slice(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<10x6xf32>)
    -> (tensor<2x8xf32>, tensor<3x2xf32>) {
  %0 = kiln.cat %a, %b dim 1 : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  %1 = kiln.slice %c dims [0, 1] starts [-3, -5] ends [9223372036854775807, -1] steps [1, 2] : (tensor<10x6xf32>) -> tensor<3x2xf32>
  return %0, %1 : tensor<2x8xf32>, tensor<3x2xf32>
}

// -----

// split: one extract_slice per chunk, the last one shorter.
// CHECK-LABEL: func.func @split
// CHECK: tensor.extract_slice %{{.*}}[0, 0] [2, 2] [1, 1]
// CHECK: tensor.extract_slice %{{.*}}[2, 0] [2, 2] [1, 1]
// CHECK: tensor.extract_slice %{{.*}}[4, 0] [1, 2] [1, 1]
func.func @split(%x: tensor<5x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>) {
  %0:3 = kiln.split %x split_size 2 : (tensor<5x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>
}

// -----

// transpose is linalg.transpose; squeeze and unsqueeze only regroup.
// CHECK-LABEL: func.func @transpose_squeeze
// CHECK: linalg.transpose ins(%{{.*}} : tensor<1x2x3x4xf32>) outs(%{{.*}} : tensor<1x4x3x2xf32>) permutation = [0, 3, 2, 1]
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2, 3]] : tensor<1x2x3x1xf32> into tensor<2x3xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2]] output_shape [2, 1, 3] : tensor<2x3xf32> into tensor<2x1x3xf32>
func.func @transpose_squeeze(%x: tensor<1x2x3x4xf32>, %y: tensor<1x2x3x1xf32>)
    -> (tensor<1x4x3x2xf32>, tensor<2x1x3xf32>) {
  %0 = kiln.transpose %x, 1, -1 : (tensor<1x2x3x4xf32>) -> tensor<1x4x3x2xf32>
  %1 = kiln.squeeze %y : (tensor<1x2x3x1xf32>) -> tensor<2x3xf32>
  %2 = kiln.unsqueeze %1, 1 : (tensor<2x3xf32>) -> tensor<2x1x3xf32>
  return %0, %2 : tensor<1x4x3x2xf32>, tensor<2x1x3xf32>
}

// -----

// expand reads size-1 and missing leading dims at index 0 / not at all.
// CHECK-DAG: #[[IN:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @expand
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #{{.*}}]
// CHECK-SAME: ins(%{{.*}} : tensor<3x1xf32>) outs(%{{.*}} : tensor<2x3x4xf32>)
func.func @expand(%x: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.expand %x, [2, 3, 4] : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// stack = cat of unit-dim views.
// CHECK-LABEL: func.func @stack
// CHECK: tensor.expand_shape {{.*}} into tensor<2x1x3xf32>
// CHECK: tensor.expand_shape {{.*}} into tensor<2x1x3xf32>
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0] [2, 1, 3] [1, 1, 1]
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 1, 0] [2, 1, 3] [1, 1, 1]
func.func @stack(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x2x3xf32> {
  %0 = kiln.stack %a, %b dim 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2x3xf32>
  return %0 : tensor<2x2x3xf32>
}
