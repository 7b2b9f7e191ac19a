//===- KilnDialect.h - the kiln dialect, its enums and attributes ---------===//
#ifndef KILN_DIALECT_KILNDIALECT_H
#define KILN_DIALECT_KILNDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"

#include "kiln/Dialect/KilnDialect.h.inc"

namespace kiln {
/// The name under which a linalg op carries its #kiln.tiling.
inline constexpr llvm::StringLiteral kTilingAttrName = "kiln.tiling";
/// The unit attribute on an scf.for that walks a reduction in slices
/// (kiln-tile-caches), for kiln-prefetch-next-slice.
inline constexpr llvm::StringLiteral kReductionSlicesAttrName = "kiln.reduction_slices";
} // namespace kiln
#include "kiln/Dialect/KilnEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "kiln/Dialect/KilnAttrs.h.inc"

#endif // KILN_DIALECT_KILNDIALECT_H
