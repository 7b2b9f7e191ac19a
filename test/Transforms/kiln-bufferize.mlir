// RUN: kiln-opt %s --kiln-bufferize | FileCheck %s

// CHECK: memref.global "private" constant @[[SCALAR:.*]] : memref<f32> = dense<2.500000e+00>

// kiln-bufferize: results become caller-owned out-parameters; a computed
// result is written straight into its out-parameter (no allocation, no
// copy); a result that is a view of an input is copied with linalg.copy,
// never memref.copy (which would need MLIR's C runner library).

// CHECK-LABEL: func.func @computed(
// CHECK-SAME: %[[X:.*]]: memref<4xf32>, %[[OUT:.*]]: memref<4xf32>) {
// CHECK-NOT: memref.alloc
// CHECK: linalg.generic {{.*}} ins(%[[X]] : memref<4xf32>) outs(%[[OUT]] : memref<4xf32>)
// CHECK-NOT: copy
// CHECK: return
// CHECK-NEXT: }

// CHECK-LABEL: func.func @slice(
// CHECK-SAME: %[[X:.*]]: memref<10x6xf32>, %[[OUT:.*]]: memref<3x2xf32>) {
// CHECK: %[[VIEW:.*]] = memref.subview %[[X]][7, 1] [3, 2] [1, 2]
// CHECK-NOT: memref.copy
// CHECK: linalg.copy ins(%[[VIEW]] : {{.*}}) outs(%[[OUT]] : memref<3x2xf32>)
func.func @computed(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
func.func @slice(%x: tensor<10x6xf32>) -> tensor<3x2xf32> {
  %0 = tensor.extract_slice %x[7, 1] [3, 2] [1, 2] : tensor<10x6xf32> to tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// A value returned twice: the repeat is copied into its own out-parameter.
// CHECK-LABEL: func.func @returned_twice(
// CHECK-SAME: %[[X:.*]]: memref<4xf32>, %[[OUT0:.*]]: memref<4xf32>, %[[OUT1:.*]]: memref<4xf32>) {
// CHECK: linalg.generic {{.*}} outs(%[[OUT0]] : memref<4xf32>)
// CHECK: linalg.copy ins(%[[OUT0]] : memref<4xf32>) outs(%[[OUT1]] : memref<4xf32>)
// CHECK: return
// CHECK-NEXT: }
func.func @returned_twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.negf %a : f32
    linalg.yield %n : f32
  } -> tensor<4xf32>
  return %0, %0 : tensor<4xf32>, tensor<4xf32>
}

// A 0-d constant held in a resource blob (kiln.onnx and CompiledModel.save
// write weights so) takes its value inline: upstream's LLVM lowering of a
// 0-d memref.global cannot read a resource. (The global is printed first,
// checked at the top of the file.)
// CHECK-LABEL: func.func @scalar_resource(
// CHECK: memref.get_global @[[SCALAR]] : memref<f32>
func.func @scalar_resource(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant dense_resource<scalar> : tensor<f32>
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> ()>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x, %c : tensor<4xf32>, tensor<f32>) outs(%e : tensor<4xf32>) {
  ^bb0(%v: f32, %s: f32, %out: f32):
    %y = arith.addf %v, %s : f32
    linalg.yield %y : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      scalar: "0x0400000000002040"
    }
  }
#-}
