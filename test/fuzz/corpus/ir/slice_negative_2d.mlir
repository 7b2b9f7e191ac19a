// slice_negative_2d: kiln.slice against PyTorch 1.13.0a0
func.func @slice_negative_2d(%a0: tensor<10x6xf32>) -> (tensor<3x2xf32>) {
  %r = "kiln.slice"(%a0) <{dims = array<i64: 0, 1>, ends = array<i64: 9223372036854775807, -1>, starts = array<i64: -3, -5>, steps = array<i64: 1, 2>}> : (tensor<10x6xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}
