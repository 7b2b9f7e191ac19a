// dropout_p0: kiln.dropout against PyTorch 1.13.0a0
func.func @dropout_p0(%a0: tensor<20x16xf32>) -> (tensor<20x16xf32>) {
  %r = "kiln.dropout"(%a0) <{p = 0.0 : f64}> : (tensor<20x16xf32>) -> tensor<20x16xf32>
  return %r : tensor<20x16xf32>
}
