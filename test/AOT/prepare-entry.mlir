// A library whose entry has constant arguments gets an entry computing what
// depends on them alone (kiln-prepare-constants): kiln_layer_prepare takes
// the filter and returns it laid out for the convolution, which kiln_layer
// then takes after its own inputs.
//
// RUN: kiln-compile %s -o %t.so --header %t.h --target-cpu=skylake-avx512
// RUN: FileCheck %s < %t.h

// CHECK: in2: float32 [64, 3, 3, 64]
// CHECK: int kiln_layer(const float *in0, const float *in1, const float *in2, float *out0);
// CHECK: out0: float32 [64, 3, 3, 64]
// CHECK: int kiln_layer_prepare(const float *in0, float *out0);
func.func @layer(%x: tensor<1x64x14x14xf32>, %w: tensor<64x64x3x3xf32> {kiln.constant})
    -> tensor<1x64x14x14xf32> {
  %c = kiln.conv2d %x, %w padding [1, 1] : (tensor<1x64x14x14xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x14x14xf32>
  return %c : tensor<1x64x14x14xf32>
}
