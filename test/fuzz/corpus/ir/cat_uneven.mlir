// cat_uneven: kiln.cat against PyTorch 1.13.0a0
func.func @cat_uneven(%a0: tensor<2x3xf32>, %a1: tensor<2x5xf32>) -> (tensor<2x8xf32>) {
  %r = "kiln.cat"(%a0, %a1) <{dim = -1 : i64}> : (tensor<2x3xf32>, tensor<2x5xf32>) -> tensor<2x8xf32>
  return %r : tensor<2x8xf32>
}
