//===- Patterns.h - the kiln-to-linalg patterns, one set per family ------===//
#ifndef KILN_LIB_CONVERSION_KILNTOLINALG_PATTERNS_H
#define KILN_LIB_CONVERSION_KILNTOLINALG_PATTERNS_H

#include "LinalgBuilders.h"
#include "kiln/Dialect/KilnOps.h"

#include <functional>

namespace kiln::lowering {

void populatePointwisePatterns(mlir::RewritePatternSet &patterns);
void populateActivationPatterns(mlir::RewritePatternSet &patterns);
void populateReducePatterns(mlir::RewritePatternSet &patterns);
void populateLinearPatterns(mlir::RewritePatternSet &patterns);
void populateLayoutPatterns(mlir::RewritePatternSet &patterns);
void populateNormPatterns(mlir::RewritePatternSet &patterns);
void populatePoolPatterns(mlir::RewritePatternSet &patterns);
void populateConvPatterns(mlir::RewritePatternSet &patterns);
void populateOtherPatterns(mlir::RewritePatternSet &patterns);

/// Lowers a one-result kiln op to one elementwise generic over its operands,
/// broadcast to the result, computing `body(op, scalar operands)`.
template <typename OpTy>
class ElementwiseLowering : public mlir::OpConversionPattern<OpTy> {
public:
  using Body = std::function<Value(OpBuilder &, Location, OpTy, ValueRange)>;
  ElementwiseLowering(mlir::MLIRContext *ctx, Body body)
      : mlir::OpConversionPattern<OpTy>(ctx), body(std::move(body)) {}

  mlir::LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  mlir::ConversionPatternRewriter &rewriter) const override {
    SmallVector<Operand> inputs;
    for (Value v : adaptor.getOperands())
      inputs.push_back({v});
    Value result = elementwise(
        rewriter, op.getLoc(), llvm::cast<RankedTensorType>(op.getType()), inputs,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return body(b, loc, op, args);
        });
    rewriter.replaceOp(op, result);
    return mlir::success();
  }

private:
  Body body;
};

template <typename OpTy>
void addElementwise(mlir::RewritePatternSet &patterns,
                    typename ElementwiseLowering<OpTy>::Body body) {
  patterns.add<ElementwiseLowering<OpTy>>(patterns.getContext(), std::move(body));
}

} // namespace kiln::lowering

#endif // KILN_LIB_CONVERSION_KILNTOLINALG_PATTERNS_H
