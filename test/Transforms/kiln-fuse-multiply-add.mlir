// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-fuse-multiply-add))' | FileCheck %s

// A vector multiply used only by an add becomes one vector.fma, whichever
// side of the add it is on.
// CHECK-LABEL: func.func @fused
// CHECK-SAME:  (%[[A:.*]]: vector<8xf32>, %[[B:.*]]: vector<8xf32>, %[[C:.*]]: vector<8xf32>)
// CHECK:       %[[F0:.*]] = vector.fma %[[A]], %[[B]], %[[C]] : vector<8xf32>
// CHECK:       %[[F1:.*]] = vector.fma %[[A]], %[[F0]], %[[C]] : vector<8xf32>
// CHECK-NOT:   arith.mulf
// CHECK:       return %[[F1]]
func.func @fused(%a: vector<8xf32>, %b: vector<8xf32>, %c: vector<8xf32>) -> vector<8xf32> {
  %m = arith.mulf %a, %b : vector<8xf32>
  %s = arith.addf %c, %m : vector<8xf32>
  %m2 = arith.mulf %a, %s : vector<8xf32>
  %s2 = arith.addf %m2, %c : vector<8xf32>
  return %s2 : vector<8xf32>
}

// A product also used elsewhere, and scalars, stay as they are.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT:   vector.fma
// CHECK:       return
func.func @left_alone(%a: vector<8xf32>, %b: vector<8xf32>, %x: f32, %y: f32) -> (vector<8xf32>, vector<8xf32>, f32) {
  %m = arith.mulf %a, %b : vector<8xf32>
  %s = arith.addf %a, %m : vector<8xf32>
  %p = arith.mulf %x, %y : f32
  %q = arith.addf %p, %x : f32
  return %s, %m, %q : vector<8xf32>, vector<8xf32>, f32
}
