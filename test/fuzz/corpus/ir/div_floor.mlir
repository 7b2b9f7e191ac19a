// div_floor: kiln.div against PyTorch 1.13.0a0
func.func @div_floor(%a0: tensor<2x6xf32>, %a1: tensor<2x6xf32>) -> (tensor<2x6xf32>) {
  %r = "kiln.div"(%a0, %a1) <{rounding_mode = #kiln.rounding_mode<floor>}> : (tensor<2x6xf32>, tensor<2x6xf32>) -> tensor<2x6xf32>
  return %r : tensor<2x6xf32>
}
