// The generated header: plain pointers per entry (inputs const), the shapes
// and dtypes in its comment, the metadata functions, C and C++ guards.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: kiln-compile %s -o %t/libtwo.so --header %t/two.h
// RUN: FileCheck %s < %t/two.h

// CHECK: #ifndef KILN_TWO_H
// CHECK: #include <stdint.h>
// CHECK: extern "C" {
// CHECK: const char *kiln_version(void);
// CHECK: int kiln_num_entries(void);
// CHECK: const char *kiln_entry_name(int i);
// CHECK-LABEL: /* argmax
// CHECK-NEXT:  *   in0: float64 [4, 5]
// CHECK-NEXT:  *   out0: float64 [4]
// CHECK-NEXT:  *   out1: int64 [4]
// CHECK-NEXT:  */
// CHECK-NEXT: int kiln_argmax(const double *in0, double *out0, int64_t *out1);
// CHECK-NEXT: /* The same with args[i] = array i (inputs, then outputs). */
// CHECK-NEXT: int kiln_argmax_packed(void **args);
// CHECK-NEXT: int kiln_argmax_num_inputs(void);
// CHECK-NEXT: int kiln_argmax_input_rank(int i);
// CHECK-NEXT: const int64_t *kiln_argmax_input_shape(int i);
// CHECK-NEXT: const char *kiln_argmax_input_dtype(int i);
// CHECK-NEXT: int kiln_argmax_num_outputs(void);
// CHECK-LABEL: /* scale
// CHECK-NEXT:  *   in0: float32 []
// CHECK-NEXT:  *   in1: float32 [3]
// CHECK-NEXT:  *   out0: float32 [3]
// CHECK-NEXT:  */
// CHECK-NEXT: int kiln_scale(const float *in0, const float *in1, float *out0);
// CHECK: #endif /* KILN_TWO_H */

func.func @scale(%s: tensor<f32>, %x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = kiln.mul %s, %x : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @argmax(%x: tensor<4x5xf64>) -> (tensor<4xf64>, tensor<4xi64>) {
  %0:2 = kiln.max %x dim 1 : (tensor<4x5xf64>) -> (tensor<4xf64>, tensor<4xi64>)
  return %0#0, %0#1 : tensor<4xf64>, tensor<4xi64>
}
