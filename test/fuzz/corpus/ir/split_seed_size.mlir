// split_seed_size: kiln.split against PyTorch 1.13.0a0
func.func @split_seed_size(%a0: tensor<5x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>) {
  %r:3 = "kiln.split"(%a0) <{split_size = 2 : i64}> : (tensor<5x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>)
  return %r#0, %r#1, %r#2 : tensor<2x2xf32>, tensor<2x2xf32>, tensor<1x2xf32>
}
