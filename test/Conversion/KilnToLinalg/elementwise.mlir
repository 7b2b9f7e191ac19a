// RUN: kiln-opt %s --kiln-to-linalg | FileCheck %s

// Every elementwise op is one parallel linalg.generic whose body computes
// the op's formula in arith/math (torch's definitions, constants included);
// the body is checked as a set, since independent ops may come in any order.

// CHECK-LABEL: func.func @relu(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.constant 0.000000e+00
// CHECK-DAG: arith.maximumf
// CHECK: linalg.yield
func.func @relu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.relu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @relu6(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.maximumf
// CHECK-DAG: arith.constant 6.000000e+00
// CHECK-DAG: arith.minimumf
// CHECK: linalg.yield
func.func @relu6(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.relu6 %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @leaky_relu(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.constant 0.00999999977
// CHECK-DAG: arith.cmpf ogt
// CHECK-DAG: arith.mulf
// CHECK-DAG: arith.select
// CHECK: linalg.yield
func.func @leaky_relu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.leaky_relu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @elu(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.expm1
// CHECK-DAG: arith.cmpf ogt
// CHECK-DAG: arith.select
// CHECK: linalg.yield
func.func @elu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.elu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @selu(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.expm1
// CHECK-DAG: arith.select
// CHECK-DAG: arith.constant 1.05070102
// CHECK-DAG: arith.mulf
// CHECK: linalg.yield
func.func @selu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.selu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @sigmoid(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.negf
// CHECK-DAG: math.exp
// CHECK-DAG: arith.addf
// CHECK-DAG: arith.divf
// CHECK: linalg.yield
func.func @sigmoid(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.sigmoid %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @tanh(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.tanh
// CHECK: linalg.yield
func.func @tanh(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.tanh %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @silu(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.negf
// CHECK-DAG: math.exp
// CHECK-DAG: arith.divf
// CHECK-DAG: arith.mulf
// CHECK: linalg.yield
func.func @silu(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.silu %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @mish(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.exp
// CHECK-DAG: math.log1p
// CHECK-DAG: arith.select
// CHECK-DAG: math.tanh
// CHECK-DAG: arith.mulf
// CHECK: linalg.yield
func.func @mish(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.mish %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @hardswish(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.addf
// CHECK-DAG: arith.maximumf
// CHECK-DAG: arith.minimumf
// CHECK-DAG: arith.mulf
// CHECK-DAG: arith.divf
// CHECK: linalg.yield
func.func @hardswish(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.hardswish %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @hardsigmoid(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.addf
// CHECK-DAG: arith.maximumf
// CHECK-DAG: arith.minimumf
// CHECK-DAG: arith.divf
// CHECK: linalg.yield
func.func @hardsigmoid(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.hardsigmoid %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @softplus(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.mulf
// CHECK-DAG: math.exp
// CHECK-DAG: math.log1p
// CHECK-DAG: arith.divf
// CHECK-DAG: arith.cmpf ogt
// CHECK-DAG: arith.select
// CHECK: linalg.yield
func.func @softplus(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.softplus %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @softsign(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.absf
// CHECK-DAG: arith.addf
// CHECK-DAG: arith.divf
// CHECK: linalg.yield
func.func @softsign(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.softsign %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @sqrt(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.sqrt
// CHECK: linalg.yield
func.func @sqrt(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.sqrt %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @rsqrt(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.rsqrt
// CHECK: linalg.yield
func.func @rsqrt(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.rsqrt %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @exp(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.exp
// CHECK: linalg.yield
func.func @exp(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.exp %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @log(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.log
// CHECK: linalg.yield
func.func @log(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.log %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @abs(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: math.absf
// CHECK: linalg.yield
func.func @abs(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.abs %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @neg(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.negf
// CHECK: linalg.yield
func.func @neg(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.neg %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @reciprocal(
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]
// CHECK-DAG: arith.constant 1.000000e+00
// CHECK-DAG: arith.divf
// CHECK: linalg.yield
func.func @reciprocal(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reciprocal %x : tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @add(
// CHECK: linalg.generic
// CHECK-DAG: arith.addf
func.func @add(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.add %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @sub(
// CHECK: linalg.generic
// CHECK-DAG: arith.subf
func.func @sub(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.sub %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @mul(
// CHECK: linalg.generic
// CHECK-DAG: arith.mulf
func.func @mul(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.mul %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @div(
// CHECK: linalg.generic
// CHECK-DAG: arith.divf
func.func @div(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.div %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @pow(
// CHECK: linalg.generic
// CHECK-DAG: math.powf
func.func @pow(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.pow %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @maximum(
// CHECK: linalg.generic
// CHECK-DAG: arith.maximumf
func.func @maximum(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.maximum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @minimum(
// CHECK: linalg.generic
// CHECK-DAG: arith.minimumf
func.func @minimum(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.minimum %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
