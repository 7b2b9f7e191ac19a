// Two residual blocks (resnet's basic block: conv, relu, conv, add the
// block's input, relu). Each block's output is read by the next block's
// first convolution and by its skip connection: fusion computes every
// convolution once, as many after kiln-tile-and-fuse as before, and the
// first block's output is materialized for both readers (not computed again,
// its convolution with it, in the last block's tiles).
//
// RUN: kiln-opt %s --kiln-pipeline="stop-after=linalg" | FileCheck %s --check-prefix=LINALG
// RUN: kiln-opt %s --kiln-pipeline="stop-after=fused" | FileCheck %s --check-prefix=FUSED
// RUN: not kiln-opt %s --kiln-pipeline="stop-after=tiles" 2>&1 | FileCheck %s --check-prefix=STAGE

// LINALG-LABEL: func.func @two_blocks
// LINALG-COUNT-4: linalg.conv_2d_nchw_fchw
// LINALG-NOT: linalg.conv_2d_nchw_fchw

// The convolutions (channels-last generics where their channels fill
// vectors): four, each in a loop of its own, the bias and relu (and the
// skip add) fused in.
// FUSED-LABEL: func.func @two_blocks
// FUSED-COUNT-4: {{linalg.conv_2d_nchw_fchw|iterator_types = \[.*"reduction"}}
// FUSED-NOT: {{linalg.conv_2d_nchw_fchw|iterator_types = \[.*"reduction"}}
// FUSED: return

// STAGE: stop-after=tiles is not a stage; the stages are linalg, fused, optimized, buffers, loops, llvm

func.func @two_blocks(%x: tensor<1x64x56x56xf32>,
                      %w0: tensor<64x64x3x3xf32>, %b0: tensor<64xf32>,
                      %w1: tensor<64x64x3x3xf32>, %b1: tensor<64xf32>,
                      %w2: tensor<64x64x3x3xf32>, %b2: tensor<64xf32>,
                      %w3: tensor<64x64x3x3xf32>, %b3: tensor<64xf32>) -> tensor<1x64x56x56xf32> {
  %c0 = kiln.conv2d %x, %w0, %b0 padding [1, 1] : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %r0 = kiln.relu %c0 : tensor<1x64x56x56xf32>
  %c1 = kiln.conv2d %r0, %w1, %b1 padding [1, 1] : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %s1 = kiln.add %c1, %x : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %y1 = kiln.relu %s1 : tensor<1x64x56x56xf32>
  %c2 = kiln.conv2d %y1, %w2, %b2 padding [1, 1] : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %r2 = kiln.relu %c2 : tensor<1x64x56x56xf32>
  %c3 = kiln.conv2d %r2, %w3, %b3 padding [1, 1] : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %s3 = kiln.add %c3, %y1 : (tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %y3 = kiln.relu %s3 : tensor<1x64x56x56xf32>
  return %y3 : tensor<1x64x56x56xf32>
}
