// cat_empty: kiln.cat against PyTorch 1.13.0a0
func.func @cat_empty(%a0: tensor<0xf32>, %a1: tensor<0xf32>) -> (tensor<0xf32>) {
  %r = "kiln.cat"(%a0, %a1) <{dim = 0 : i64}> : (tensor<0xf32>, tensor<0xf32>) -> tensor<0xf32>
  return %r : tensor<0xf32>
}
