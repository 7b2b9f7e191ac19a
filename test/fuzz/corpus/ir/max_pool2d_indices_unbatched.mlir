// max_pool2d_indices_unbatched: kiln.max_pool2d against PyTorch 1.13.0a0
func.func @max_pool2d_indices_unbatched(%a0: tensor<16x12x12xf32>) -> (tensor<16x6x6xf32>, tensor<16x6x6xi64>) {
  %r:2 = "kiln.max_pool2d"(%a0) <{kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0>, return_indices = true, stride = array<i64>}> : (tensor<16x12x12xf32>) -> (tensor<16x6x6xf32>, tensor<16x6x6xi64>)
  return %r#0, %r#1 : tensor<16x6x6xf32>, tensor<16x6x6xi64>
}
