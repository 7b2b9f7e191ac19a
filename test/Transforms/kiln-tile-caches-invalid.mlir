// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-caches))' -split-input-file -verify-diagnostics

// kiln-tile-caches follows #kiln.tiling: a packing of B that does not fit the
// op is an error, not a silent guess.

func.func @pack_b_not_the_layout(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{has pack_b = nk but is not a GEMM holding B as nk}}
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<cache = [0, 0, 8], registers = [4, 16, 1], pack_b = nk>}
    ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

func.func @pack_b_not_a_gemm(%x: tensor<8x16xf32>, %o: tensor<8x16xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{has pack_b = kn but is not a GEMM holding B as kn}}
  %0 = linalg.copy {kiln.tiling = #kiln.tiling<registers = [1, 16], pack_b = kn>}
    ins(%x : tensor<8x16xf32>) outs(%o : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}
