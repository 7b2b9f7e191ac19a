// kiln-parallelize-copies: whole-buffer copies and fills outside every loop
// become an scf.forall of the strategy's outer tiles, each tile tagged with
// its register tiles for kiln-vectorize (2 threads, AVX2, 512 KiB L2 given here).
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell threads=2 l2-kib=512},func.func(kiln-parallelize-copies))' | FileCheck %s
// RUN: kiln-opt %s --pass-pipeline='builtin.module(kiln-set-target{cpu=haswell threads=2 l2-kib=512},func.func(kiln-parallelize-copies, kiln-vectorize))' | FileCheck %s --check-prefix=VEC

// The crop of a padded convolution's output: 8 images x 64 channels.
// CHECK-LABEL: func.func @crop
// CHECK: scf.forall (%{{.*}}, %{{.*}}) = (0, 0) to (8, 64) step (1, 16)
// CHECK: linalg.copy {kiln.tiling = #kiln.tiling<registers = [0, 1, 1, 8]>}
// CHECK-SAME: memref<1x16x56x56xf32
// VEC-LABEL: func.func @crop
// VEC: scf.forall
// VEC: vector.transfer_read {{.*}} vector<1x1x1x8xf32>
// VEC: vector.transfer_write {{.*}} vector<1x1x1x8xf32>
// VEC-NOT: linalg.copy
func.func @crop(%a: memref<8x64x56x56xf32, strided<[229376, 3584, 64, 1]>>, %b: memref<8x64x56x56xf32>) {
  linalg.copy ins(%a : memref<8x64x56x56xf32, strided<[229376, 3584, 64, 1]>>) outs(%b : memref<8x64x56x56xf32>)
  return
}

// A pad's fill; a row of 201 (3 x 67) is written whole, not in 3s.
// CHECK-LABEL: func.func @fill
// CHECK: scf.forall
// CHECK: linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 1, 0]>} {{.*}} memref<2x101x201xf32
func.func @fill(%a: memref<64x101x201xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%a : memref<64x101x201xf32>)
  return
}

// Small ops and reductions stay as they are.
// CHECK-LABEL: func.func @left_alone
// CHECK-NEXT: arith.constant
// CHECK-NEXT: linalg.fill ins(
// CHECK-NOT: kiln.tiling
// CHECK: return
func.func @left_alone(%small: memref<16x16xf32>, %big: memref<256x256xf32>, %sum: memref<256xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%small : memref<16x16xf32>)
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%big : memref<256x256xf32>) outs(%sum : memref<256xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// A tile's own pad (a fill and a copy into its interior, inside the
// forall, any size) is already spread over the threads: it only gets
// register tiles, and is vectorized by rows.
// CHECK-LABEL: func.func @pad_in_tile
// CHECK: scf.forall
// CHECK-NOT: scf.forall
// CHECK: linalg.fill {kiln.tiling = #kiln.tiling<registers = [1, 1, 32]>}
// CHECK: linalg.copy {kiln.tiling = #kiln.tiling<registers = [1, 1, 8]>}
// VEC-LABEL: func.func @pad_in_tile
// VEC: vector.transfer_write {{.*}} vector<1x1x32xf32>
// VEC: vector.transfer_read {{.*}} vector<1x1x8xf32>
// VEC-NOT: linalg.
// VEC: return
func.func @pad_in_tile(%x: memref<64x56x56xf32>) {
  %lowest = arith.constant 0xFF800000 : f32
  scf.forall (%c) in (16) {
    %i = affine.apply affine_map<(d0) -> (d0 * 4)>(%c)
    %part = memref.subview %x[%i, 0, 0] [4, 56, 56] [1, 1, 1] : memref<64x56x56xf32> to memref<4x56x56xf32, strided<[3136, 56, 1], offset: ?>>
    %padded = memref.alloc() : memref<4x57x64xf32>
    linalg.fill ins(%lowest : f32) outs(%padded : memref<4x57x64xf32>)
    %interior = memref.subview %padded[0, 1, 1] [4, 56, 56] [1, 1, 1] : memref<4x57x64xf32> to memref<4x56x56xf32, strided<[3648, 64, 1], offset: 65>>
    linalg.copy ins(%part : memref<4x56x56xf32, strided<[3136, 56, 1], offset: ?>>) outs(%interior : memref<4x56x56xf32, strided<[3648, 64, 1], offset: 65>>)
    memref.dealloc %padded : memref<4x57x64xf32>
  }
  return
}

// A pad as bufferization leaves it: the border value written over the whole
// buffer, then the input copied into its interior. Both are tiled alike
// over images and channels, which the interior spans whole, so one loop
// writes each tile's border and then its interior.
// CHECK-LABEL: func.func @pad_border_then_interior
// CHECK:       %[[INTERIOR:.*]] = memref.subview %[[BUF:.*]][0, 0, 4, 2] [8, 64, 50, 100]
// CHECK:       scf.forall (%[[N:.*]], %[[C:.*]]) = (0, 0) to (8, 64) step (1, 8)
// CHECK:         %[[TILE:.*]] = memref.subview %[[BUF]][%[[N]], %[[C]], 0, 0] [1, 8, 58, 116]
// CHECK:         linalg.map outs(%[[TILE]]
// CHECK:         %[[TO:.*]] = memref.subview %[[INTERIOR]][%[[N]], %[[C]], 0, 0] [1, 8, 50, 100]
// CHECK:         linalg.copy {{.*}}outs(%[[TO]]
// CHECK-NOT:   scf.forall
// CHECK:       return
func.func @pad_border_then_interior(%x: memref<8x64x50x100xf32>, %buf: memref<8x64x58x116xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.map outs(%buf : memref<8x64x58x116xf32>)
    (%out: f32) {
      linalg.yield %zero : f32
    }
  %interior = memref.subview %buf[0, 0, 4, 2] [8, 64, 50, 100] [1, 1, 1, 1] : memref<8x64x58x116xf32> to memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1], offset: 466>>
  linalg.copy ins(%x : memref<8x64x50x100xf32>) outs(%interior : memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1], offset: 466>>)
  return
}

// A copy that reads the buffer it writes into keeps its own loop.
// CHECK-LABEL: func.func @shift
// CHECK:       scf.forall
// CHECK:         linalg.fill
// CHECK:       scf.forall
// CHECK:         linalg.copy
func.func @shift(%buf: memref<8x64x58x116xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%buf : memref<8x64x58x116xf32>)
  %from = memref.subview %buf[0, 0, 0, 0] [8, 64, 50, 100] [1, 1, 1, 1] : memref<8x64x58x116xf32> to memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1]>>
  %to = memref.subview %buf[0, 0, 4, 2] [8, 64, 50, 100] [1, 1, 1, 1] : memref<8x64x58x116xf32> to memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1], offset: 466>>
  linalg.copy ins(%from : memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1]>>) outs(%to : memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1], offset: 466>>)
  return
}

// The same with a linalg.fill for the border.
// CHECK-LABEL: func.func @pad_fill_then_interior
// CHECK:       scf.forall
// CHECK:         linalg.fill
// CHECK:         linalg.copy
// CHECK-NOT:   scf.forall
// CHECK:       return
func.func @pad_fill_then_interior(%x: memref<8x64x50x100xf32>, %buf: memref<8x64x58x116xf32>) {
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%buf : memref<8x64x58x116xf32>)
  %interior = memref.subview %buf[0, 0, 4, 2] [8, 64, 50, 100] [1, 1, 1, 1] : memref<8x64x58x116xf32> to memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1], offset: 466>>
  linalg.copy ins(%x : memref<8x64x50x100xf32>) outs(%interior : memref<8x64x50x100xf32, strided<[430592, 6728, 116, 1], offset: 466>>)
  return
}
