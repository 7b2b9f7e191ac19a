// mm_empty_reduction: kiln.mm against PyTorch 1.13.0a0
func.func @mm_empty_reduction(%a0: tensor<3x0xf32>, %a1: tensor<0x4xf32>) -> (tensor<3x4xf32>) {
  %r = "kiln.mm"(%a0, %a1) : (tensor<3x0xf32>, tensor<0x4xf32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}
