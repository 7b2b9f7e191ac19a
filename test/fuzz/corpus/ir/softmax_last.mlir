// softmax_last: kiln.softmax against PyTorch 1.13.0a0
func.func @softmax_last(%a0: tensor<4x5x6xf32>) -> (tensor<4x5x6xf32>) {
  %r = "kiln.softmax"(%a0) <{dim = -1 : i64}> : (tensor<4x5x6xf32>) -> tensor<4x5x6xf32>
  return %r : tensor<4x5x6xf32>
}
