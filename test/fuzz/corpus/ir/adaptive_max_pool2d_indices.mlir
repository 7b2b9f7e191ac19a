// adaptive_max_pool2d_indices: kiln.adaptive_max_pool2d against PyTorch 1.13.0a0
func.func @adaptive_max_pool2d_indices(%a0: tensor<2x3x10x9xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xi64>) {
  %r:2 = "kiln.adaptive_max_pool2d"(%a0) <{output_size = array<i64: 4, 5>, return_indices = true}> : (tensor<2x3x10x9xf32>) -> (tensor<2x3x4x5xf32>, tensor<2x3x4x5xi64>)
  return %r#0, %r#1 : tensor<2x3x4x5xf32>, tensor<2x3x4x5xi64>
}
