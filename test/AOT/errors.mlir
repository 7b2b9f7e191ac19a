// kiln-compile's errors: a message, exit 1, and no file left behind.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: bash -c 'kiln-compile %s -o %t/missing-dir/lib.so 2>&1; test $? -eq 1' | FileCheck %s --check-prefix=PATH
// PATH: kiln-compile: cannot write {{.*}}missing-dir/lib.so: No such file or directory
// RUN: bash -c 'kiln-compile %s -o %t/lib.so --target-cpu=pentium-pro-max 2>&1; test $? -eq 1' | FileCheck %s --check-prefix=CPU
// CPU: kiln-compile: unsupported target CPU 'pentium-pro-max'
// RUN: bash -c 'kiln-compile %S/Inputs/dynamic.mlir -o %t/lib.so --header %t/lib.h 2>&1; test $? -eq 1' | FileCheck %s --check-prefix=DYNAMIC
// DYNAMIC: kiln-compile: entry 'f': argument #0 has type tensor<?x4xf32>; entry points take and return statically shaped tensors
// RUN: bash -c 'kiln-compile %s -o %t/lib.so --opt-level=2 2>&1; test $? -eq 1' | FileCheck %s --check-prefix=LEVEL
// LEVEL: opt-level=2 does not exist
// RUN: bash -c 'ls %t | wc -l' | FileCheck %s --check-prefix=NOTHING
// NOTHING: 0

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}
