// batch_norm_train_empty_batch: kiln.batch_norm against PyTorch 1.13.0a0
func.func @batch_norm_train_empty_batch(%a0: tensor<0x3x2xf32>, %a1: tensor<3xf32>, %a2: tensor<3xf32>) -> (tensor<0x3x2xf32>, tensor<3xf32>, tensor<3xf32>) {
  %r:3 = "kiln.batch_norm"(%a0, %a1, %a2) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, training = true}> : (tensor<0x3x2xf32>, tensor<3xf32>, tensor<3xf32>) -> (tensor<0x3x2xf32>, tensor<3xf32>, tensor<3xf32>)
  return %r#0, %r#1, %r#2 : tensor<0x3x2xf32>, tensor<3xf32>, tensor<3xf32>
}
