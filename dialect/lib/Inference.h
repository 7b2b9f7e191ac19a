//===- Inference.h - helpers shared by the ops' inferReturnTypes ----------===//
//
// Each op's inferReturnTypes checks PyTorch's rules and computes the result
// types. It runs when an op is built and again when it is verified (through
// InferTypeOpInterface), so every rule broken is reported from here, as
// "'kiln.<op>' op <operand>: <rule>" at the op's location.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_DIALECT_LIB_INFERENCE_H
#define KILN_DIALECT_LIB_INFERENCE_H

#include "kiln/Dialect/KilnOps.h"
#include "kiln/Dialect/ShapeRules.h"
#include "mlir/IR/Diagnostics.h"

namespace kiln::detail {

using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::SmallVectorImpl;
using mlir::LogicalResult;
using mlir::RankedTensorType;
using mlir::Type;
using mlir::Value;

/// Reports the rules an op breaks, prefixed with the op's name.
class Rules {
public:
  Rules(std::optional<mlir::Location> loc, llvm::StringRef opName)
      : loc(loc), opName(opName) {}

  template <typename... Args>
  LogicalResult fail(Args &&...args) const {
    return mlir::emitOptionalError(loc, "'", opName, "' op ",
                                   std::forward<Args>(args)...);
  }

  /// Normalizes `dim` of a `rank`-d tensor, or reports it as out of range.
  mlir::FailureOr<int64_t> dim(int64_t dim, int64_t rank,
                               llvm::StringRef what = "dim") const;
  /// Normalizes a list of distinct dims.
  mlir::FailureOr<SmallVector<int64_t>> dims(ArrayRef<int64_t> dims, int64_t rank,
                                             llvm::StringRef what = "dim") const;
  /// `operand` is 1-D with `n` elements.
  LogicalResult vector(Value operand, llvm::StringRef name, int64_t n,
                       llvm::StringRef nMeaning) const;
  /// `operand` has the element type of `like`.
  LogicalResult sameElementType(Value operand, llvm::StringRef name, Value like) const;
  /// `attr` holds `n` values, each at least `min`.
  LogicalResult window(ArrayRef<int64_t> attr, llvm::StringRef name, int64_t min) const;
  /// The rank of `operand` is one of `ranks`.
  LogicalResult rankIn(Value operand, llvm::StringRef name,
                       std::initializer_list<int64_t> ranks) const;

private:
  std::optional<mlir::Location> loc;
  llvm::StringRef opName;
};

inline RankedTensorType tensorType(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}
inline ArrayRef<int64_t> shapeOf(Value v) { return tensorType(v).getShape(); }
inline int64_t rankOf(Value v) { return tensorType(v).getRank(); }

/// A tensor of `shape` with the element type of `like`.
inline RankedTensorType tensorLike(Value like, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, tensorType(like).getElementType());
}
/// An int64 tensor of `shape` (indices).
inline RankedTensorType indexTensor(mlir::MLIRContext *ctx, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, mlir::IntegerType::get(ctx, 64));
}

/// Shape of a reduction of `shape` over normalized `dims`.
SmallVector<int64_t> reducedShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> dims,
                                  bool keepdim);

} // namespace kiln::detail

#endif // KILN_DIALECT_LIB_INFERENCE_H
