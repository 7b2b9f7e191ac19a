// max_0d_dim: kiln.max against PyTorch 1.13.0a0
func.func @max_0d_dim(%a0: tensor<f32>) -> (tensor<f32>, tensor<i64>) {
  %r:2 = "kiln.max"(%a0) <{dim = 0 : i64, keepdim = true}> : (tensor<f32>) -> (tensor<f32>, tensor<i64>)
  return %r#0, %r#1 : tensor<f32>, tensor<i64>
}
