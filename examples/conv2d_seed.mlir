// nn.Conv2d(16, 33, (3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1)) on
// 20x16x50x100, the operator notes' example; examples/conv2d_seed.c runs it.
func.func @conv2d_seed(%x: tensor<20x16x50x100xf32>, %w: tensor<33x16x3x5xf32>,
                       %b: tensor<33xf32>) -> tensor<20x33x26x100xf32> {
  %y = kiln.conv2d %x, %w, %b stride [2, 1] padding [4, 2] dilation [3, 1]
      : (tensor<20x16x50x100xf32>, tensor<33x16x3x5xf32>, tensor<33xf32>) -> tensor<20x33x26x100xf32>
  return %y : tensor<20x33x26x100xf32>
}
