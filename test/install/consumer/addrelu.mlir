func.func @addrelu(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %s = kiln.add %x, %y : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %r = kiln.relu %s : tensor<4xf32>
  return %r : tensor<4xf32>
}
