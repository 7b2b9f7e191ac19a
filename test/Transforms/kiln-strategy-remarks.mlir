// kiln-strategy reports each op's #kiln.tiling and the reason for each of
// its decisions as an optimization remark of category kiln-strategy (MLIR's
// remark engine: Debian's LLVM has no -debug-only).
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell threads=2 l2-kib=512},func.func(kiln-strategy))' --remarks-filter=kiln-strategy --remark-format=emitRemark -o /dev/null 2>&1 | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell threads=2 l2-kib=512},func.func(kiln-strategy))' -o /dev/null 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty

// QUIET-NOT: remark

// CHECK: remark: [Analysis] tiling | Category:kiln-strategy | Function=linear
// CHECK-SAME: linalg.matmul #kiln.tiling<outer = [128, 256, 0], cache = [0, 0, 256], registers = [4, 16, 1], order = [1, 0, 2], pack_b = nk>
// CHECK-SAME: registers: contraction, 4 rows x 2 vectors of accumulators (half of 16 registers)
// CHECK-SAME: pack_b: B (nk) packed into panels: held as [n, k]
// CHECK-SAME: outer, cache: GEMM blocks of 128 x 256, the reduction in slices of 256
// CHECK: remark: [Analysis] tiling | Category:kiln-strategy | Function=linear
// CHECK-SAME: linalg.generic #kiln.tiling<outer = [128, 256], registers = [1, 32]>
// CHECK-SAME: registers: 4 vectors along the innermost loop of 1024
// CHECK-SAME: outer: those of the GEMM or convolution whose result it reads
func.func @linear(%a: tensor<256x512xf32>, %b: tensor<1024x512xf32>, %bias: tensor<1024xf32>, %c: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : tensor<256x512xf32>, tensor<1024x512xf32>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(m, n) -> (m, n)>, affine_map<(m, n) -> (n)>, affine_map<(m, n) -> (m, n)>],
                       iterator_types = ["parallel", "parallel"]}
    ins(%0, %bias : tensor<256x1024xf32>, tensor<1024xf32>) outs(%c : tensor<256x1024xf32>) {
  ^bb0(%x: f32, %y: f32, %out: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<256x1024xf32>
  return %1 : tensor<256x1024xf32>
}

// CHECK: remark: [Analysis] tiling | Category:kiln-strategy | Function=row_sum
// CHECK-SAME: registers: row of 768 streamed from memory, one vector accumulator
// CHECK-SAME: outer: 8 tiles wanted for 2 threads
func.func @row_sum(%x: tensor<512x768xf32>, %o: tensor<512xf32>) -> tensor<512xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
    ins(%x : tensor<512x768xf32>) outs(%o : tensor<512xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  } -> tensor<512xf32>
  return %0 : tensor<512xf32>
}

// CHECK: remark: [Analysis] tiling | Category:kiln-strategy | Function=small
// CHECK-SAME: threads: 1, the function's 1024 iterations are below 32768
func.func @small(%x: tensor<32x32xf32>, %o: tensor<32x32xf32>) -> tensor<32x32xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
    ins(%x : tensor<32x32xf32>) outs(%o : tensor<32x32xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.maximumf %a, %a : f32
    linalg.yield %r : f32
  } -> tensor<32x32xf32>
  return %0 : tensor<32x32xf32>
}
