// RUN: kiln-opt %s | kiln-opt | FileCheck %s

// #kiln.tiling prints its fields in one order (outer, cache, registers,
// order, pack_b) and only those chosen, whatever order they were written in.

// CHECK-LABEL: func.func @matmul
// CHECK: linalg.matmul {kiln.tiling = #kiln.tiling<outer = [128, 64, 0], cache = [0, 0, 256], registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
func.func @matmul(%a: tensor<256x512xf32>, %b: tensor<512x256xf32>, %c: tensor<256x256xf32>) -> tensor<256x256xf32> {
  %0 = linalg.matmul {kiln.tiling = #kiln.tiling<pack_b = kn, order = [1, 0, 2], registers = [4, 16, 1], cache = [0, 0, 256], outer = [128, 64, 0]>}
    ins(%a, %b : tensor<256x512xf32>, tensor<512x256xf32>) outs(%c : tensor<256x256xf32>) -> tensor<256x256xf32>
  return %0 : tensor<256x256xf32>
}

// CHECK-LABEL: func.func @registers_only
// CHECK: linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 0]>}
// CHECK-LABEL: func.func @nothing_chosen
// CHECK: linalg.fill {kiln.tiling = #kiln.tiling<>}
func.func @registers_only(%x: f32, %o: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 0]>} ins(%x : f32) outs(%o : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}
func.func @nothing_chosen(%x: f32, %o: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<>} ins(%x : f32) outs(%o : tensor<8x32xf32>) -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}
