// conv_transpose2d_output_padding: kiln.conv_transpose2d against PyTorch 1.13.0a0
func.func @conv_transpose2d_output_padding(%a0: tensor<2x4x5x6xf32>, %a1: tensor<4x3x3x3xf32>) -> (tensor<2x3x12x20xf32>) {
  %r = "kiln.conv_transpose2d"(%a0, %a1) <{dilation = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 1, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 3>}> : (tensor<2x4x5x6xf32>, tensor<4x3x3x3xf32>) -> tensor<2x3x12x20xf32>
  return %r : tensor<2x3x12x20xf32>
}
