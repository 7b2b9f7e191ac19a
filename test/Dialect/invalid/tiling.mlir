// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// #kiln.tiling's syntax, and its sizes checked against the op it is on.

func.func @unknown_field(%x: f32, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{#kiln.tiling has no field `inner` (outer, cache, registers, order, pack_b)}}
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<inner = [8]>} ins(%x : f32) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @field_twice(%x: f32, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{#kiln.tiling has `outer` twice}}
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<outer = [8], outer = [4]>} ins(%x : f32) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @negative(%x: f32, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{#kiln.tiling sizes are 0 (untiled) or positive}}
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<registers = [-8]>} ins(%x : f32) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @order_not_a_permutation(%x: f32, %o: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{#kiln.tiling order is a permutation of the loops}}
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<order = [1, 1]>} ins(%x : f32) outs(%o : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

func.func @pack_b_layout(%x: f32, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{pack_b is `kn` or `nk`, not `mk`}}
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<pack_b = mk>} ins(%x : f32) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @sizes_per_loop(%x: f32, %o: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'linalg.fill' op has 3 registers sizes in its #kiln.tiling for 2 loops}}
  %0 = linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 8, 1]>} ins(%x : f32) outs(%o : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

func.func @not_linalg(%x: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'kiln.relu' op kiln.tiling belongs on a linalg op}}
  %0 = kiln.relu %x {kiln.tiling = #kiln.tiling<outer = [4]>} : tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @not_a_tiling(%x: f32, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'linalg.fill' op kiln.tiling must be a #kiln.tiling}}
  %0 = linalg.fill {kiln.tiling = [8]} ins(%x : f32) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// The op's own rules come first: its loops are not asked of a malformed op.
func.func @malformed_op(%x: tensor<8xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{'linalg.generic' op invalid indexing maps are non-invertible}}
  %0 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], kiln.tiling = #kiln.tiling<registers = [8]>}
      ins(%x : tensor<8xf32>) outs(%o : tensor<8xf32>) {
  ^bb0(%a: f32, %b: f32):
    linalg.yield %a : f32
  } -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// kiln.reduction_slices (kiln-tile-caches' mark for kiln-prefetch-next-slice)
// is a unit attribute of scf.for.
func.func @reduction_slices_not_a_loop(%x: f32, %o: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{kiln.reduction_slices is a unit attribute of scf.for}}
  %0 = linalg.fill {kiln.reduction_slices} ins(%x : f32) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @reduction_slices_not_unit(%m: memref<8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  // expected-error @+1 {{kiln.reduction_slices is a unit attribute of scf.for}}
  scf.for %i = %c0 to %c8 step %c1 {
  } {kiln.reduction_slices = 2 : i64}
  return
}
