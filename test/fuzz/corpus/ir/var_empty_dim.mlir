// var_empty_dim: kiln.var against PyTorch 1.13.0a0
func.func @var_empty_dim(%a0: tensor<2x0xf32>) -> (tensor<2xf32>) {
  %r = "kiln.var"(%a0) <{dim = array<i64: 1>}> : (tensor<2x0xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}
