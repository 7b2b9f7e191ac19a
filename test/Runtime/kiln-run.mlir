// kiln-run's contract: exit 0 when every result passes, 1 when one is out of
// tolerance (naming it), 2 with a clear message for bad input.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/npy_tool.py perturb %golden/gelu/out0.npy %t/perturbed.npy
// RUN: %python %S/Inputs/npy_tool.py truncate %golden/gelu/in0.npy %t/truncated.npy
// RUN: %python %S/Inputs/npy_tool.py fortran %golden/gelu/in0.npy %t/fortran.npy
// RUN: %python %S/Inputs/npy_tool.py float64 %golden/gelu/in0.npy %t/f64.npy

// RUN: kiln-run %s --entry=gelu --input=%golden/gelu/in0.npy --golden=%golden/gelu/out0.npy --repeat=3 | FileCheck %s --check-prefix=PASS
// PASS: entry gelu: 1 inputs, 1 results, compiled in
// PASS: result #0 tensor<4x5x6xf32>: max abs error {{.*}}, max rel error {{.*}}, PASS
// PASS: median time {{.*}} ms over 3 runs

// RUN: not kiln-run %s --entry=gelu --input=%golden/gelu/in0.npy --golden=%t/perturbed.npy > %t/fail.txt
// RUN: FileCheck %s --check-prefix=FAIL < %t/fail.txt
// RUN: bash -c 'kiln-run %s --entry=gelu --input=%golden/gelu/in0.npy --golden=%t/perturbed.npy > /dev/null; test $? -eq 1'
// FAIL: result #0 tensor<4x5x6xf32>: {{.*}} FAIL (1 of 120 elements outside rtol=0.0001 atol=1e-05; worst at (2, 0, 0): got

// RUN: bash -c 'kiln-run %s --entry=gelu --input=%t/truncated.npy 2>&1; test $? -eq 2' | FileCheck %s --check-prefix=TRUNCATED
// TRUNCATED: kiln-run: {{.*}}truncated.npy: truncated: a float32 array of shape [4, 5, 6] needs 480 bytes of data, the file has 472

// RUN: bash -c 'kiln-run %s --entry=gelu --input=%t/missing.npy 2>&1; test $? -eq 2' | FileCheck %s --check-prefix=MISSING
// MISSING: kiln-run: {{.*}}missing.npy: cannot read: No such file or directory

// RUN: bash -c 'kiln-run %s --entry=gelu --input=%t/fortran.npy 2>&1; test $? -eq 2' | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: Fortran-ordered arrays are not supported

// RUN: bash -c 'kiln-run %s --entry=gelu --input=%t/f64.npy 2>&1; test $? -eq 2' | FileCheck %s --check-prefix=DTYPE
// DTYPE: kiln-run: entry 'gelu': input #0 must be float32 [4, 5, 6], got float64 [4, 5, 6]

// RUN: bash -c 'kiln-run %s --entry=gelu 2>&1; test $? -eq 2' | FileCheck %s --check-prefix=COUNT
// COUNT: kiln-run: entry 'gelu' takes 1 inputs, got 0

// RUN: bash -c 'kiln-run %s --entry=nope --random-inputs 2>&1; test $? -eq 2' | FileCheck %s --check-prefix=ENTRY
// ENTRY: kiln-run: unknown entry 'nope' in {{.*}} (entries: gelu)

// RUN: bash -c 'kiln-run %s --entry=gelu --random-inputs --golden=%golden/sum_seed/out0.npy 2>&1; test $? -eq 2' | FileCheck %s --check-prefix=GOLDEN
// GOLDEN: sum_seed/out0.npy: golden for result #0 is float32 [4] but the result is float32 [4, 5, 6]

// --random-inputs is seeded: the same seed gives the same output file.
// RUN: kiln-run %s --entry=gelu --random-inputs --seed=7 --output=%t/a.npy
// RUN: kiln-run %s --entry=gelu --random-inputs --seed=7 --output=%t/b.npy
// RUN: cmp %t/a.npy %t/b.npy

func.func @gelu(%x: tensor<4x5x6xf32>) -> tensor<4x5x6xf32> {
  %y = kiln.gelu %x : tensor<4x5x6xf32>
  return %y : tensor<4x5x6xf32>
}
