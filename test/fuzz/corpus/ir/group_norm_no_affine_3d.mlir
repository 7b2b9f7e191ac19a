// group_norm_no_affine_3d: kiln.group_norm against PyTorch 1.13.0a0
func.func @group_norm_no_affine_3d(%a0: tensor<2x8x5xf32>) -> (tensor<2x8x5xf32>) {
  %r = "kiln.group_norm"(%a0) <{num_groups = 4 : i64, operandSegmentSizes = array<i32: 1, 0, 0>}> : (tensor<2x8x5xf32>) -> tensor<2x8x5xf32>
  return %r : tensor<2x8x5xf32>
}
