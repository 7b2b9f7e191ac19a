// kiln-dealloc-after-last-use: a buffer is freed right after the last op of
// its block that uses it or a view of it.
//
// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-dealloc-after-last-use))' | FileCheck %s

// %t's last use is @k1's call (through a view); %u's is @k2's; the order of
// everything else is kept.
// CHECK-LABEL: func.func @sequence(
// CHECK: %[[T:.*]] = memref.alloc()
// CHECK: call @k0(%{{.*}}, %[[T]])
// CHECK: %[[V:.*]] = memref.subview %[[T]]
// CHECK: call @k1(%[[V]], %{{.*}})
// CHECK-NEXT: memref.dealloc %[[T]]
// CHECK: %[[U:.*]] = memref.alloc()
// CHECK: call @k2(%{{.*}}, %[[U]])
// CHECK-NEXT: memref.dealloc %[[U]]
// CHECK-NEXT: return
func.func private @k0(memref<64xf32>, memref<64xf32>)
func.func private @k1(memref<32xf32, strided<[1], offset: 32>>, memref<32xf32>)
func.func private @k2(memref<32xf32>, memref<64xf32>)
func.func @sequence(%x: memref<64xf32>, %y: memref<32xf32>) {
  %t = memref.alloc() : memref<64xf32>
  call @k0(%x, %t) : (memref<64xf32>, memref<64xf32>) -> ()
  %v = memref.subview %t[32] [32] [1] : memref<64xf32> to memref<32xf32, strided<[1], offset: 32>>
  call @k1(%v, %y) : (memref<32xf32, strided<[1], offset: 32>>, memref<32xf32>) -> ()
  %u = memref.alloc() : memref<64xf32>
  call @k2(%y, %u) : (memref<32xf32>, memref<64xf32>) -> ()
  memref.dealloc %t : memref<64xf32>
  memref.dealloc %u : memref<64xf32>
  return
}

// A use nested in a loop counts as the loop: %t is freed after it.
// CHECK-LABEL: func.func @nested(
// CHECK: %[[T:.*]] = memref.alloc()
// CHECK: scf.forall
// CHECK:   memref.load %[[T]]
// CHECK: }
// CHECK-NEXT: memref.dealloc %[[T]]
// CHECK: call @k0
func.func @nested(%x: memref<64xf32>, %y: memref<64xf32>) {
  %t = memref.alloc() : memref<64xf32>
  call @k0(%x, %t) : (memref<64xf32>, memref<64xf32>) -> ()
  scf.forall (%i) in (64) {
    %a = memref.load %t[%i] : memref<64xf32>
    memref.store %a, %y[%i] : memref<64xf32>
  }
  call @k0(%y, %x) : (memref<64xf32>, memref<64xf32>) -> ()
  memref.dealloc %t : memref<64xf32>
  return
}

// A buffer something derives another buffer from (not a view) may live on
// through it: its deallocation stays.
// CHECK-LABEL: func.func @escapes(
// CHECK: call @derive
// CHECK: call @k0
// CHECK: memref.dealloc
// CHECK-NEXT: return
func.func private @derive(memref<64xf32>) -> memref<64xf32>
func.func @escapes(%x: memref<64xf32>) {
  %t = memref.alloc() : memref<64xf32>
  %d = call @derive(%t) : (memref<64xf32>) -> memref<64xf32>
  call @k0(%x, %d) : (memref<64xf32>, memref<64xf32>) -> ()
  memref.dealloc %t : memref<64xf32>
  return
}

// A buffer yielded out of a region lives on as the region's result: its
// deallocation stays.
// CHECK-LABEL: func.func @yielded(
// CHECK: scf.if
// CHECK: call @k0
// CHECK: memref.dealloc
// CHECK-NEXT: return
func.func @yielded(%x: memref<64xf32>, %c: i1) {
  %t = memref.alloc() : memref<64xf32>
  %r = scf.if %c -> memref<64xf32> {
    scf.yield %t : memref<64xf32>
  } else {
    scf.yield %x : memref<64xf32>
  }
  call @k0(%r, %x) : (memref<64xf32>, memref<64xf32>) -> ()
  memref.dealloc %t : memref<64xf32>
  return
}
