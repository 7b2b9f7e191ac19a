// group_norm_empty_batch: kiln.group_norm against PyTorch 1.13.0a0
func.func @group_norm_empty_batch(%a0: tensor<0x2xf32>, %a1: tensor<2xf32>, %a2: tensor<2xf32>) -> (tensor<0x2xf32>) {
  %r = "kiln.group_norm"(%a0, %a1, %a2) <{num_groups = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<0x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<0x2xf32>
  return %r : tensor<0x2xf32>
}
