// Training dropout against torch's statistical contract (its RNG differs
// from torch's, so no golden file can match): fraction zeroed, scaling of
// survivors, same seed -> same mask, another seed -> another mask.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', (np.random.default_rng(0).standard_normal((64, 1000)) + 5).astype(np.float32))"
// RUN: kiln-run %s --entry=seed7 --input=%t/x.npy --output=%t/a.npy
// RUN: kiln-run %s --entry=seed7 --input=%t/x.npy --output=%t/a2.npy
// RUN: kiln-run %s --entry=seed8 --input=%t/x.npy --output=%t/b.npy
// RUN: %python %S/Inputs/check_dropout.py 0.3 %t/x.npy %t/a.npy %t/a2.npy %t/b.npy | FileCheck %s
// CHECK: dropout p=0.3: {{[0-9]+}}/64000 zeroed
// p = 1 zeroes everything.
// RUN: kiln-run %s --entry=all --input=%t/x.npy --output=%t/z.npy
// RUN: %python -c "import numpy as np; assert not np.load('%t/z.npy').any()"

func.func @seed7(%x: tensor<64x1000xf32>) -> tensor<64x1000xf32> {
  %y = kiln.dropout %x p 3.000000e-01 seed 7 : tensor<64x1000xf32>
  return %y : tensor<64x1000xf32>
}
func.func @seed8(%x: tensor<64x1000xf32>) -> tensor<64x1000xf32> {
  %y = kiln.dropout %x p 3.000000e-01 seed 8 : tensor<64x1000xf32>
  return %y : tensor<64x1000xf32>
}
func.func @all(%x: tensor<64x1000xf32>) -> tensor<64x1000xf32> {
  %y = kiln.dropout %x p 1.000000e+00 seed 1 : tensor<64x1000xf32>
  return %y : tensor<64x1000xf32>
}
