// max_keepdim: kiln.max against PyTorch 1.13.0a0
func.func @max_keepdim(%a0: tensor<3x4x5xf32>) -> (tensor<1x4x5xf32>, tensor<1x4x5xi64>) {
  %r:2 = "kiln.max"(%a0) <{dim = 0 : i64, keepdim = true}> : (tensor<3x4x5xf32>) -> (tensor<1x4x5xf32>, tensor<1x4x5xi64>)
  return %r#0, %r#1 : tensor<1x4x5xf32>, tensor<1x4x5xi64>
}
