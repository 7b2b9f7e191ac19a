// embedding_seed: kiln.embedding against PyTorch 1.13.0a0
func.func @embedding_seed(%a0: tensor<2x4xi64>, %a1: tensor<10x3xf32>) -> (tensor<2x4x3xf32>) {
  %r = "kiln.embedding"(%a0, %a1) : (tensor<2x4xi64>, tensor<10x3xf32>) -> tensor<2x4x3xf32>
  return %r : tensor<2x4x3xf32>
}
