// kiln-relax-min-max: maximumf/minimumf get nsz (PyTorch does not order
// signed zeros) and the running value of a chain or loop goes second.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-relax-min-max))' | FileCheck %s

// A pooling window's taps unrolled: each tap first, the chain second (the
// first pair has no chain yet).
// CHECK-LABEL: func.func @window
// CHECK-SAME: (%[[A:.*]]: vector<16xf32>, %[[B:.*]]: vector<16xf32>, %[[C:.*]]: vector<16xf32>)
// CHECK: %[[M1:.*]] = arith.maximumf %[[A]], %[[B]] fastmath<nsz> : vector<16xf32>
// CHECK: %[[M2:.*]] = arith.maximumf %[[C]], %[[M1]] fastmath<nsz> : vector<16xf32>
// CHECK: return %[[M2]]
func.func @window(%a: vector<16xf32>, %b: vector<16xf32>, %c: vector<16xf32>) -> vector<16xf32> {
  %m1 = arith.maximumf %a, %b : vector<16xf32>
  %m2 = arith.maximumf %m1, %c : vector<16xf32>
  return %m2 : vector<16xf32>
}

// A loop-carried accumulator goes second; a load stays first.
// CHECK-LABEL: func.func @row_min
// CHECK: scf.for {{.*}} iter_args(%[[ACC:.*]] = {{.*}})
// CHECK:   %[[X:.*]] = vector.load
// CHECK:   arith.minimumf %[[X]], %[[ACC]] fastmath<nsz> : vector<16xf32>
func.func @row_min(%m: memref<256xf32>, %init: vector<16xf32>) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c256 = arith.constant 256 : index
  %r = scf.for %i = %c0 to %c256 step %c16 iter_args(%acc = %init) -> vector<16xf32> {
    %x = vector.load %m[%i] : memref<256xf32>, vector<16xf32>
    %n = arith.minimumf %acc, %x : vector<16xf32>
    scf.yield %n : vector<16xf32>
  }
  return %r : vector<16xf32>
}

// Neither operand running: only the flag; other fast-math flags are kept.
// CHECK-LABEL: func.func @pointwise
// CHECK: arith.maximumf %arg0, %arg1 fastmath<nnan,nsz> : f32
// CHECK: arith.minimumf %arg0, %arg1 fastmath<nsz> : f32
func.func @pointwise(%a: f32, %b: f32) -> (f32, f32) {
  %x = arith.maximumf %a, %b fastmath<nnan> : f32
  %y = arith.minimumf %a, %b : f32
  return %x, %y : f32, f32
}

// maxnumf (NaN-ignoring, as softmax's row max) is left alone.
// CHECK-LABEL: func.func @maxnum
// CHECK: arith.maxnumf %arg0, %arg1 : f32
func.func @maxnum(%a: f32, %b: f32) -> f32 {
  %x = arith.maxnumf %a, %b : f32
  return %x : f32
}
