// mean_0d_dim0_keepdim: kiln.mean against PyTorch 1.13.0a0
func.func @mean_0d_dim0_keepdim(%a0: tensor<f32>) -> (tensor<f32>) {
  %r = "kiln.mean"(%a0) <{dim = array<i64: 0>, keepdim = true}> : (tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}
