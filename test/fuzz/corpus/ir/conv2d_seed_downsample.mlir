// conv2d_seed_downsample: kiln.conv2d against PyTorch 1.13.0a0
func.func @conv2d_seed_downsample(%a0: tensor<1x16x12x12xf32>, %a1: tensor<16x16x3x3xf32>, %a2: tensor<16xf32>) -> (tensor<1x16x6x6xf32>) {
  %r = "kiln.conv2d"(%a0, %a1, %a2) <{dilation = array<i64: 1, 1>, groups = 1 : i64, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>}> : (tensor<1x16x12x12xf32>, tensor<16x16x3x3xf32>, tensor<16xf32>) -> tensor<1x16x6x6xf32>
  return %r : tensor<1x16x6x6xf32>
}
