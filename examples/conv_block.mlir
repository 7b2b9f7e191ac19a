// A ResNet-style block and a transformer MLP in kiln ops; the README's main
// command parses, verifies and canonicalizes it with kiln-opt.
func.func @conv_block(%x: tensor<8x64x56x56xf32>, %w: tensor<64x64x3x3xf32>,
                      %b: tensor<64xf32>, %mean: tensor<64xf32>, %var: tensor<64xf32>)
    -> tensor<8x64x28x28xf32> {
  %c = kiln.conv2d %x, %w, %b padding [1, 1]
      : (tensor<8x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<8x64x56x56xf32>
  %n = kiln.batch_norm %c running_mean %mean running_var %var
      : (tensor<8x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<8x64x56x56xf32>
  %r = kiln.relu %n : tensor<8x64x56x56xf32>
  %p = kiln.max_pool2d %r kernel_size [3, 3] stride [2, 2] padding [1, 1]
      : (tensor<8x64x56x56xf32>) -> tensor<8x64x28x28xf32>
  // Dropout in inference folds away.
  %d = kiln.dropout %p training false : tensor<8x64x28x28xf32>
  return %d : tensor<8x64x28x28xf32>
}

func.func @mlp(%x: tensor<4x128x768xf32>, %w1: tensor<3072x768xf32>, %b1: tensor<3072xf32>,
               %w2: tensor<768x3072xf32>, %b2: tensor<768xf32>, %g: tensor<768xf32>,
               %beta: tensor<768xf32>) -> tensor<4x128x768xf32> {
  %h = kiln.linear %x, %w1, %b1
      : (tensor<4x128x768xf32>, tensor<3072x768xf32>, tensor<3072xf32>) -> tensor<4x128x3072xf32>
  %a = kiln.gelu %h approximate <tanh> : tensor<4x128x3072xf32>
  %o = kiln.linear %a, %w2, %b2
      : (tensor<4x128x3072xf32>, tensor<768x3072xf32>, tensor<768xf32>) -> tensor<4x128x768xf32>
  %s = kiln.add %x, %o : (tensor<4x128x768xf32>, tensor<4x128x768xf32>) -> tensor<4x128x768xf32>
  %y = kiln.layer_norm %s weight %g bias %beta normalized_shape [768]
      : (tensor<4x128x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<4x128x768xf32>
  return %y : tensor<4x128x768xf32>
}
