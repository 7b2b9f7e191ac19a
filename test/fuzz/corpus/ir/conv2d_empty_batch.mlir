// conv2d_empty_batch: kiln.conv2d against PyTorch 1.13.0a0
func.func @conv2d_empty_batch(%a0: tensor<0x3x5x5xf32>, %a1: tensor<4x3x3x3xf32>, %a2: tensor<4xf32>) -> (tensor<0x4x5x5xf32>) {
  %r = "kiln.conv2d"(%a0, %a1, %a2) <{dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 1, 1>, stride = array<i64: 1, 1>}> : (tensor<0x3x5x5xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<0x4x5x5xf32>
  return %r : tensor<0x4x5x5xf32>
}
