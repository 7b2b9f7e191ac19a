//===- SplatRows.cpp - kiln-splat-rows --------------------------------------===//
//
// The vectorizer's reads of a 1-D tensor broadcast along rows as one
// scalar splat per row (see KilnSplatRows in Passes.td). Upstream lowers
// such a read to a broadcast and a transpose.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {
#define GEN_PASS_DEF_KILNSPLATROWS
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// A read of a 1-D value broadcast along the rows' minor dimension (the
// vectorizer's read of a weight per output channel, map (d0) -> (d0, 0);
// of an input row per output column when output channels are the vector)
// as one splat per row of a scalar element: LLVM folds each into a
// broadcast from memory, a load-port operation. Read as a vector, lane i
// is broadcast by a shuffle, which on AVX-512 shares its port with the
// second FMA unit; lowered as is, the read becomes a broadcast and a
// shuffle transpose, expanded element by element for rows of odd length.
void splatRows(func::FuncOp func, RewriterBase &rewriter) {
  func.walk([&](vector::TransferReadOp read) {
    VectorType result = read.getVectorType();
    auto source = dyn_cast<RankedTensorType>(read.getBase().getType());
    MLIRContext *ctx = read.getContext();
    AffineMap minorBroadcast = AffineMap::get(
        1, 0, {getAffineDimExpr(0, ctx), getAffineConstantExpr(0, ctx)}, ctx);
    if (!source || source.getRank() != 1 || result.getRank() != 2 || read.getMask() ||
        read.getPermutationMap() != minorBroadcast)
      return;
    // Only rows known to lie within the source (as the vectorizer's reads
    // of a tile's static slices do): a scalar load has no padding.
    std::optional<int64_t> first = getConstantIntValue(read.getIndices()[0]);
    if (!first || source.isDynamicDim(0) || *first + result.getDimSize(0) > source.getDimSize(0))
      return;
    rewriter.setInsertionPoint(read);
    Location loc = read.getLoc();
    auto rowType = VectorType::get({result.getDimSize(1)}, result.getElementType());
    Value rows = ub::PoisonOp::create(rewriter, loc, result);
    for (int64_t i = 0; i < result.getDimSize(0); ++i) {
      Value index = arith::AddIOp::create(rewriter, loc, read.getIndices()[0],
                                          arith::ConstantIndexOp::create(rewriter, loc, i));
      Value element = tensor::ExtractOp::create(rewriter, loc, read.getBase(), index);
      Value row = vector::BroadcastOp::create(rewriter, loc, rowType, element);
      rows = vector::InsertOp::create(rewriter, loc, row, rows, i);
    }
    rewriter.replaceOp(read, rows);
  });
}

struct KilnSplatRowsPass : kiln::impl::KilnSplatRowsBase<KilnSplatRowsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    splatRows(getOperation(), rewriter);
  }
};

} // namespace
