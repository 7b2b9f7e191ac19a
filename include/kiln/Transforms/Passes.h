//===- Passes.h - Kiln transform passes -----------------------------------===//
#ifndef KILN_TRANSFORMS_PASSES_H
#define KILN_TRANSFORMS_PASSES_H

#include "kiln/Dialect/KilnDialect.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace kiln {

/// Below this many loop iterations a parallel region costs more than it
/// saves (the threads' wake-up is a few microseconds): kiln-strategy keeps
/// a lighter function on one thread, kiln-parallelize-copies a lighter copy.
inline constexpr int64_t kMinParallelWork = 1 << 15;

/// Marks a function called once per model (kiln-prepare-constants' prepare
/// entries): kiln-strategy gives its ops no tiling, so they lower to plain
/// loops.
inline constexpr llvm::StringLiteral kRunOnceAttr = "kiln.run_once";

/// Marks an entry's argument that does not change between calls (a model's
/// weight): kiln-prepare-constants moves what is computed from such
/// arguments alone into a prepare entry run once.
inline constexpr llvm::StringLiteral kConstantAttr = "kiln.constant";

/// Whether `value` is computed from its entry's constant arguments alone,
/// by ops without memory effects: what kiln-prepare-constants can lay out
/// once, not at every call.
bool isComputedFromConstants(mlir::Value value);

#define GEN_PASS_DECL
#include "kiln/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "kiln/Transforms/Passes.h.inc"

} // namespace kiln

#endif // KILN_TRANSFORMS_PASSES_H
