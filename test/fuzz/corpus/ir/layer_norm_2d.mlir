// layer_norm_2d: kiln.layer_norm against PyTorch 1.13.0a0
func.func @layer_norm_2d(%a0: tensor<20x5x10xf32>, %a1: tensor<5x10xf32>, %a2: tensor<5x10xf32>) -> (tensor<20x5x10xf32>) {
  %r = "kiln.layer_norm"(%a0, %a1, %a2) <{normalized_shape = array<i64: 5, 10>, operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<20x5x10xf32>, tensor<5x10xf32>, tensor<5x10xf32>) -> tensor<20x5x10xf32>
  return %r : tensor<20x5x10xf32>
}
