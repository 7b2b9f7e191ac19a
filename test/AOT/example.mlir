// The C example against a library and header from kiln-compile; the header
// also compiles as C++.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: kiln-compile %S/../../examples/conv2d_seed.mlir -o %t/libconv2d_seed.so --header %t/conv2d_seed.h
// RUN: cc -O2 -I%t %S/../../examples/conv2d_seed.c -L%t -lconv2d_seed -lm -Wl,-rpath,%t -o %t/example
// RUN: %t/example | FileCheck %s
// RUN: c++ -fsyntax-only -Wall -Werror -x c++ %t/conv2d_seed.h
// RUN: cc -fsyntax-only -Wall -Werror -x c %t/conv2d_seed.h
// CHECK: kiln 0.1.0, 1 entry point(s), conv2d_seed takes 3 inputs
// CHECK: max abs error {{[0-9.e-]+}} over 1716000 outputs
