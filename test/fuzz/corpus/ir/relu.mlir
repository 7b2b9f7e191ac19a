// relu: kiln.relu against PyTorch 1.13.0a0
func.func @relu(%a0: tensor<4x5x6xf32>) -> (tensor<4x5x6xf32>) {
  %r = "kiln.relu"(%a0) : (tensor<4x5x6xf32>) -> tensor<4x5x6xf32>
  return %r : tensor<4x5x6xf32>
}
