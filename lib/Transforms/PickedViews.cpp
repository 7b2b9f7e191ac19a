//===- PickedViews.cpp - the views through which a loop picks its block ----===//

#include "PickedViews.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace kiln {

memref::SubViewOp PickedViews::pickAt(Value offset, OpBuilder &builder) const {
  memref::SubViewOp picked = pick();
  SmallVector<OpFoldResult> offsets = picked.getMixedOffsets();
  offsets[dim] = offset;
  return memref::SubViewOp::create(builder, picked.getLoc(), picked.getType(), picked.getSource(),
                                   offsets, picked.getMixedSizes(), picked.getMixedStrides());
}

Value PickedViews::viewsOver(memref::SubViewOp newPick, Value base, OpBuilder &builder) const {
  IRMapping mapping;
  mapping.map(pick().getResult(), newPick.getResult());
  for (memref::SubViewOp view : ArrayRef(chain).drop_front())
    builder.clone(*view, mapping);
  return mapping.lookup(base);
}

std::optional<Steps> constantSteps(scf::ForOp loop) {
  std::optional<int64_t> lower = getConstantIntValue(loop.getLowerBound()),
                         upper = getConstantIntValue(loop.getUpperBound()),
                         step = getConstantIntValue(loop.getStep());
  if (!lower || !upper || !step || *step <= 0)
    return std::nullopt;
  int64_t trips = (*upper - *lower + *step - 1) / *step;
  if (trips < 2)
    return std::nullopt;
  return Steps{*step, *lower + (trips - 1) * *step};
}

Value PickedViews::atNextStep(Value base, scf::ForOp loop, Steps steps,
                              OpBuilder &builder) const {
  Location loc = pick().getLoc();
  Value next = arith::MinUIOp::create(
      builder, loc,
      arith::AddIOp::create(builder, loc, loop.getInductionVar(),
                            arith::ConstantIndexOp::create(builder, loc, steps.step)),
      arith::ConstantIndexOp::create(builder, loc, steps.last));
  return viewsOver(pickAt(next, builder), base, builder);
}

std::optional<PickedViews> pickedViews(Value base, Value index, scf::ForOp loop) {
  SmallVector<memref::SubViewOp> chain;
  for (auto view = base.getDefiningOp<memref::SubViewOp>(); view;
       view = view.getSource().getDefiningOp<memref::SubViewOp>()) {
    chain.insert(chain.begin(), view);
    SmallVector<OpFoldResult> offsets = view.getMixedOffsets();
    auto at = llvm::find(offsets, OpFoldResult(index));
    if (at == offsets.end())
      continue;
    if (!loop.isDefinedOutsideOfLoop(view.getSource()))
      return std::nullopt;
    return PickedViews{chain, at - offsets.begin()};
  }
  return std::nullopt;
}

void prefetchLines(OpBuilder &builder, Location loc, Value base, ValueRange indices,
                   ArrayRef<int64_t> shape, Type element, bool isWrite, uint32_t locality) {
  int64_t lineElements = std::max<int64_t>(1, 512 / element.getIntOrFloatBitWidth());
  int64_t rank = shape.size(), rows = computeProduct(shape.drop_back());
  unsigned outer = indices.size() - rank;
  for (int64_t row = 0; row < rows; ++row) {
    SmallVector<int64_t> position = delinearize(row, computeStrides(shape.drop_back()));
    for (int64_t column = 0; column < shape.back(); column += lineElements) {
      SmallVector<Value> at(indices);
      for (int64_t d = 0; d < rank; ++d) {
        int64_t offset = d + 1 < rank ? position[d] : column;
        if (offset != 0)
          at[outer + d] = arith::AddIOp::create(builder, loc, at[outer + d],
                                                arith::ConstantIndexOp::create(builder, loc, offset));
      }
      memref::PrefetchOp::create(builder, loc, base, at, isWrite, locality,
                                 /*isDataCache=*/true);
    }
  }
}

} // namespace kiln
