//===- RelaxMinMax.cpp - kiln-relax-min-max -------------------------------===//
//
// NaN-propagating min/max without the signed-zero ordering PyTorch never
// asks for, the running value second (see KilnRelaxMinMax in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

namespace kiln {
#define GEN_PASS_DEF_KILNRELAXMINMAX
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

// A value that carries a running min/max: a loop's iter_arg, or the result
// of the same op (a chain of taps unrolled).
template <typename MinMaxOp> bool isRunning(Value v) {
  if (auto arg = dyn_cast<BlockArgument>(v))
    return isa<LoopLikeOpInterface>(arg.getOwner()->getParentOp());
  return v.getDefiningOp<MinMaxOp>() != nullptr;
}

template <typename MinMaxOp> void relax(MinMaxOp op) {
  op.setFastmath(op.getFastmath() | arith::FastMathFlags::nsz);
  // LLVM's x86 lowering checks the first operand for NaN off the second's
  // path: with the running value second, the loop-carried chain is one
  // max and one blend, not the NaN test too.
  if (isRunning<MinMaxOp>(op.getLhs()) && !isRunning<MinMaxOp>(op.getRhs())) {
    Value lhs = op.getLhs();
    op.getLhsMutable().assign(op.getRhs());
    op.getRhsMutable().assign(lhs);
  }
}

struct KilnRelaxMinMaxPass : kiln::impl::KilnRelaxMinMaxBase<KilnRelaxMinMaxPass> {
  void runOnOperation() override {
    getOperation().walk([](Operation *op) {
      if (auto max = dyn_cast<arith::MaximumFOp>(op))
        relax(max);
      else if (auto min = dyn_cast<arith::MinimumFOp>(op))
        relax(min);
    });
  }
};

} // namespace
