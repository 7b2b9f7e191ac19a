//===- DeallocAfterLastUse.cpp - kiln-dealloc-after-last-use --------------===//
//
// Deallocations moved up from the end of their block to just after the
// buffer's last use there (see KilnDeallocAfterLastUse in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Interfaces/ViewLikeInterface.h"

namespace kiln {
#define GEN_PASS_DEF_KILNDEALLOCAFTERLASTUSE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

bool givesBuffer(Operation *op) {
  return llvm::any_of(op->getResultTypes(), [](Type t) { return isa<BaseMemRefType>(t); });
}

/// Whether `user`, which reads `v` but is no view of it, may let it live on
/// past itself: it derives a buffer or a pointer from it, or yields it out
/// of a region (through the ops around it, up to `top`).
bool mayEscape(Operation *user, Operation *top) {
  if (givesBuffer(user) || user->hasTrait<OpTrait::IsTerminator>() ||
      isa<memref::ExtractAlignedPointerAsIndexOp, memref::ExtractStridedMetadataOp,
          UnrealizedConversionCastOp>(user))
    return true;
  for (Operation *op = user->getParentOp(); op && op != top->getParentOp();
       op = op->getParentOp())
    if (givesBuffer(op))
      return true;
  return false;
}

/// The last op of `block` that uses `buffer` or a view of it, other than
/// `dealloc`; null if a use may let it escape (it may live on through
/// another buffer) or lies outside the block.
Operation *lastUse(Value buffer, memref::DeallocOp dealloc, Block *block) {
  Operation *last = nullptr;
  SmallVector<Value> worklist = {buffer};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (Operation *user : v.getUsers()) {
      if (user == dealloc)
        continue;
      Operation *top = block->findAncestorOpInBlock(*user);
      if (!top)
        return nullptr;
      auto view = dyn_cast<ViewLikeOpInterface>(user);
      if (view && view.getViewSource() == v)
        worklist.append(user->result_begin(), user->result_end());
      else if (mayEscape(user, top))
        return nullptr;
      if (!last || last->isBeforeInBlock(top))
        last = top;
    }
  }
  return last;
}

struct KilnDeallocAfterLastUsePass
    : kiln::impl::KilnDeallocAfterLastUseBase<KilnDeallocAfterLastUsePass> {
  void runOnOperation() override {
    for (Block &block : getOperation().getBody())
      for (auto dealloc : llvm::to_vector(block.getOps<memref::DeallocOp>())) {
        Value buffer = dealloc.getMemref();
        if (!buffer.getDefiningOp<memref::AllocOp>() ||
            buffer.getDefiningOp()->getBlock() != &block)
          continue;
        Operation *last = lastUse(buffer, dealloc, &block);
        if (last && last->isBeforeInBlock(dealloc))
          dealloc->moveAfter(last);
      }
  }
};

} // namespace
