//===- KilnOps.h - the kiln ops -------------------------------------------===//
#ifndef KILN_DIALECT_KILNOPS_H
#define KILN_DIALECT_KILNOPS_H

#include "kiln/Dialect/KilnDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace kiln::OpTrait {

/// Reports result types that differ from those the shape rules give.
mlir::LogicalResult verifyDeclaredTypes(mlir::Operation *op,
                                        mlir::TypeRange inferred);

/// See Kiln_ShapeRulesFirst in KilnBase.td.
template <typename ConcreteType>
class ShapeRulesFirst : public mlir::OpTrait::TraitBase<ConcreteType, ShapeRulesFirst> {
public:
  static mlir::LogicalResult verifyTrait(mlir::Operation *op) {
    llvm::SmallVector<mlir::Type> types;
    if (mlir::failed(ConcreteType::inferReturnTypes(
            op->getContext(), op->getLoc(), op->getOperands(),
            op->getRawDictionaryAttrs(), op->getPropertiesStorage(), op->getRegions(),
            types)))
      return mlir::failure(); // the broken rule was reported
    return verifyDeclaredTypes(op, types);
  }
};

} // namespace kiln::OpTrait

#define GET_OP_CLASSES
#include "kiln/Dialect/KilnOps.h.inc"

#endif // KILN_DIALECT_KILNOPS_H
