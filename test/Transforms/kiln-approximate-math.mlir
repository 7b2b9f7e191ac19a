// kiln-approximate-math: f32 math functions become upstream's polynomial
// approximations (arith and vector ops only): no libm call per lane.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-approximate-math))' | FileCheck %s

// CHECK-LABEL: func.func @activations
// CHECK-NOT: math.exp
// CHECK-NOT: math.erf
// CHECK-NOT: math.tanh
// CHECK: math.fma {{.*}} : vector<16xf32>
// CHECK: return
func.func @activations(%x: vector<16xf32>) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>) {
  %e = math.exp %x : vector<16xf32>
  %r = math.erf %x : vector<16xf32>
  %t = math.tanh %x : vector<16xf32>
  return %e, %r, %t : vector<16xf32>, vector<16xf32>, vector<16xf32>
}

// On an AVX-512 target (the module's kiln.target), exp of whole zmm registers of f32 scales
// its polynomial by 2^k with vscalefps, one per register: no clamp of k,
// no integer exponent arithmetic. Other shapes keep upstream's exp.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512},func.func(kiln-approximate-math))' \
// RUN:   | FileCheck %s --check-prefix=SCALEF
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=skylake-avx512},func.func(kiln-approximate-math),convert-vector-to-llvm{enable-x86vector=1})' \
// RUN:   | FileCheck %s --check-prefix=LLVM

// SCALEF-LABEL: func.func @exp_one_register
// SCALEF-DAG: %[[LO:.*]] = arith.constant dense<-1.040000e+02> : vector<16xf32>
// SCALEF-DAG: %[[HI:.*]] = arith.constant dense<8.880000e+01> : vector<16xf32>
// SCALEF: %[[ABOVE:.*]] = arith.cmpf uge, %[[X:.*]], %[[LO]]
// SCALEF: %[[X1:.*]] = arith.select %[[ABOVE]], %[[X]], %[[LO]]
// SCALEF: %[[BELOW:.*]] = arith.cmpf ule, %[[X1]], %[[HI]]
// SCALEF: %[[X2:.*]] = arith.select %[[BELOW]], %[[X1]], %[[HI]]
// SCALEF: %[[T:.*]] = arith.mulf %[[X2]]
// SCALEF: %[[K:.*]] = math.roundeven %[[T]] : vector<16xf32>
// SCALEF-COUNT-8: math.fma
// SCALEF-NOT: arith.fptosi
// SCALEF-NOT: arith.shli
// SCALEF: %[[P:.*]] = math.fma
// SCALEF: x86vector.avx512.mask.scalef %[[P]], %[[K]], %[[P]], %{{.*}}, %{{.*}} : vector<16xf32>
// SCALEF-NOT: vector.extract_strided_slice
// LLVM-LABEL: func.func @exp_one_register
// LLVM: llvm.call_intrinsic "llvm.x86.avx512.mask.scalef.ps.512"(%[[P:.*]], %[[K:.*]], %[[P]], %{{.*}}, %{{.*}})
func.func @exp_one_register(%x: vector<16xf32>) -> vector<16xf32> {
  %e = math.exp %x : vector<16xf32>
  return %e : vector<16xf32>
}

// SCALEF-LABEL: func.func @exp_four_registers
// SCALEF: math.roundeven %{{.*}} : vector<2x32xf32>
// SCALEF: vector.shape_cast %{{.*}} : vector<2x32xf32> to vector<64xf32>
// SCALEF-COUNT-4: x86vector.avx512.mask.scalef
// SCALEF-NOT: x86vector
// SCALEF: vector.shape_cast %{{.*}} : vector<64xf32> to vector<2x32xf32>
func.func @exp_four_registers(%x: vector<2x32xf32>) -> vector<2x32xf32> {
  %e = math.exp %x : vector<2x32xf32>
  return %e : vector<2x32xf32>
}

// A part of a register, or a scalar: upstream's exp (2^k built from bits).
// SCALEF-LABEL: func.func @exp_elsewhere
// SCALEF-NOT: x86vector
// SCALEF-COUNT-2: arith.shli
// SCALEF-NOT: x86vector
// SCALEF: return
func.func @exp_elsewhere(%x: vector<8xf32>, %s: f32) -> (vector<8xf32>, f32) {
  %e = math.exp %x : vector<8xf32>
  %f = math.exp %s : f32
  return %e, %f : vector<8xf32>, f32
}
