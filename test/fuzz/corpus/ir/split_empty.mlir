// split_empty: kiln.split against PyTorch 1.13.0a0
func.func @split_empty(%a0: tensor<0x4xf32>) -> (tensor<0x2xf32>, tensor<0x2xf32>) {
  %r:2 = "kiln.split"(%a0) <{dim = 1 : i64, split_size = 2 : i64}> : (tensor<0x4xf32>) -> (tensor<0x2xf32>, tensor<0x2xf32>)
  return %r#0, %r#1 : tensor<0x2xf32>, tensor<0x2xf32>
}
