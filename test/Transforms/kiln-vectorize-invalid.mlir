// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-vectorize))' -split-input-file -verify-diagnostics

// kiln-vectorize takes register tiles only: cache tiles and packing are
// kiln-tile-caches' to apply first, and left over they are an error, not
// silently skipped.

func.func @cache_tiles_left(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{has cache tiles or pack_b left in its #kiln.tiling: kiln-tile-caches applies them, before kiln-vectorize}}
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<cache = [0, 0, 8], registers = [4, 16, 1]>}
    ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

func.func @pack_b_left(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %c: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-error @+1 {{has cache tiles or pack_b left in its #kiln.tiling}}
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<registers = [4, 16, 1], pack_b = kn>}
    ins(%a, %b : tensor<8x16xf32>, tensor<16x32xf32>) outs(%c : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}
