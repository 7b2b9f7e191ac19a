// var_correction0: kiln.var against PyTorch 1.13.0a0
func.func @var_correction0(%a0: tensor<3x4x5xf32>) -> (tensor<4xf32>) {
  %r = "kiln.var"(%a0) <{correction = 0 : i64, dim = array<i64: 0, 2>}> : (tensor<3x4x5xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
