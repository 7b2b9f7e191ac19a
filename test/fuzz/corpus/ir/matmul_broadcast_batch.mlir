// matmul_broadcast_batch: kiln.matmul against PyTorch 1.13.0a0
func.func @matmul_broadcast_batch(%a0: tensor<2x1x3x4xf32>, %a1: tensor<5x4x2xf32>) -> (tensor<2x5x3x2xf32>) {
  %r = "kiln.matmul"(%a0, %a1) : (tensor<2x1x3x4xf32>, tensor<5x4x2xf32>) -> tensor<2x5x3x2xf32>
  return %r : tensor<2x5x3x2xf32>
}
