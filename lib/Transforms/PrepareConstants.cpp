//===- PrepareConstants.cpp - kiln-prepare-constants ----------------------===//
//
// Values an entry computes from its constant arguments alone moved into a
// `<entry>_prepare` entry run once, passed back as arguments (see
// KilnPrepareConstants in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseSet.h"

namespace kiln {
#define GEN_PASS_DEF_KILNPREPARECONSTANTS
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// Smaller values (a batch norm's per-channel scale) stay where they are:
/// computing them costs a call less than their kernels cost the compile
/// (resnet18 had 41 more kernels when every value moved).
constexpr int64_t kMinPreparedElements = 4096;

int64_t elements(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.hasStaticShape() ? type.getNumElements() : -1;
}

/// An element type an entry's arguments may have (kiln's dtypes).
bool isEntryElementType(Type t) {
  return t.isF32() || t.isF64() || t.isInteger(32) || t.isInteger(64);
}

/// The values `op` computes with: its operands and what its regions use
/// from above.
SmallVector<Value> inputsOf(Operation *op) {
  SmallVector<Value> inputs(op->getOperands());
  visitUsedValuesDefinedAbove(op->getRegions(),
                              [&](OpOperand *use) { inputs.push_back(use->get()); });
  return inputs;
}

} // namespace

bool kiln::isComputedFromConstants(Value value) {
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto entry = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp());
    return entry && entry.getArgAttr(arg.getArgNumber(), kConstantAttr);
  }
  Operation *def = value.getDefiningOp();
  return def && isMemoryEffectFree(def) && llvm::all_of(inputsOf(def), isComputedFromConstants);
}

namespace {

class Preparer {
public:
  explicit Preparer(func::FuncOp entry) : entry(entry), body(entry.getBody().front()) {}

  /// Moves what is worth preparing into `<entry>_prepare` (inserted into
  /// `symbols` after the entry); false if nothing is.
  bool run(SymbolTable &symbols) {
    for (BlockArgument arg : body.getArguments())
      if (entry.getArgAttr(arg.getArgNumber(), kiln::kConstantAttr))
        constants.push_back(arg);
    if (constants.empty())
      return false;
    findMovable();
    SmallVector<Value> prepared;
    llvm::DenseSet<Operation *> needed;
    for (Operation &op : body.without_terminator())
      if (movable.contains(&op))
        for (Value result : op.getResults())
          if (usedByWhatStays(result) && worthPreparing(result, needed))
            prepared.push_back(result);
    std::string name = (entry.getSymName() + "_prepare").str();
    if (prepared.empty() || symbols.lookup(name))
      return false;

    MLIRContext *context = entry.getContext();
    auto type = FunctionType::get(context, ValueRange(constants).getTypes(),
                                  ValueRange(prepared).getTypes());
    auto prepare = func::FuncOp::create(entry.getLoc(), name, type);
    prepare->setAttr(kiln::kRunOnceAttr, UnitAttr::get(context));
    symbols.insert(prepare, std::next(Block::iterator(entry)));
    Block *block = prepare.addEntryBlock();
    IRMapping map;
    map.map(constants, block->getArguments());
    OpBuilder b = OpBuilder::atBlockEnd(block);
    for (Operation &op : body)
      if (needed.contains(&op))
        b.clone(op, map);
    SmallVector<Value> results =
        llvm::map_to_vector(prepared, [&](Value v) { return map.lookup(v); });
    func::ReturnOp::create(b, entry.getLoc(), results);

    for (Value v : prepared) {
      unsigned index = entry.getNumArguments();
      if (failed(entry.insertArgument(index, v.getType(), DictionaryAttr(), v.getLoc())))
        return false;
      v.replaceAllUsesWith(body.getArgument(index));
    }
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (movable.contains(&op) && op.use_empty())
        op.erase();
    return true;
  }

private:
  Operation *topOf(OpOperand &use) { return body.findAncestorOpInBlock(*use.getOwner()); }

  /// The ops of the entry's block without memory effects whose inputs are
  /// all constant: constant arguments, constants, or what such ops compute.
  void findMovable() {
    llvm::DenseSet<Value> constant(constants.begin(), constants.end());
    for (Operation &op : body.without_terminator()) {
      if (!isMemoryEffectFree(&op) || isPaddingDropped(&op) ||
          !llvm::all_of(inputsOf(&op), [&](Value v) { return constant.contains(v); }))
        continue;
      movable.insert(&op);
      constant.insert(op.result_begin(), op.result_end());
    }
  }

  /// A slice at offset 0 and unit strides of a computed value: a layout
  /// padded for its readers (kiln-channels-last-conv's filter rows a cache
  /// line longer) read without its padding. It stays, a view of the padded
  /// value that is prepared, as a slice returned from the prepare entry
  /// would be copied whole, without the padding.
  bool isPaddingDropped(Operation *op) {
    auto slice = dyn_cast<tensor::ExtractSliceOp>(op);
    return slice && slice.getSource().getDefiningOp() && slice.hasUnitStride() &&
           llvm::all_of(slice.getStaticOffsets(), [](int64_t o) { return o == 0; });
  }

  bool usedByWhatStays(Value v) {
    return llvm::any_of(v.getUses(), [&](OpOperand &use) { return !movable.contains(topOf(use)); });
  }

  /// Whether `v` is large enough, its computation does real work (a linalg
  /// op or a pad) and gives no more elements than its largest constant; if
  /// so, the ops computing it join `needed`.
  bool worthPreparing(Value v, llvm::DenseSet<Operation *> &needed) {
    int64_t size = elements(v);
    if (size < kMinPreparedElements ||
        !isEntryElementType(cast<RankedTensorType>(v.getType()).getElementType()))
      return false;
    llvm::SetVector<Operation *> slice;
    SmallVector<Value> worklist = {v};
    bool works = false;
    int64_t largest = 0;
    while (!worklist.empty()) {
      Value input = worklist.pop_back_val();
      Operation *def = input.getDefiningOp();
      if (!def) {
        largest = std::max(largest, elements(input));
        continue;
      }
      if (def->hasTrait<OpTrait::ConstantLike>())
        largest = std::max(largest, elements(input));
      if (!slice.insert(def))
        continue;
      works |= isa<linalg::LinalgOp, tensor::PadOp>(def);
      for (Value in : inputsOf(def))
        worklist.push_back(in);
    }
    // No larger than the constants it comes from (a broadcast stays,
    // read from the small tensor), but for a padding of up to an eighth.
    if (!works || size > largest + largest / 8)
      return false;
    needed.insert(slice.begin(), slice.end());
    return true;
  }

  func::FuncOp entry;
  Block &body;
  SmallVector<Value> constants;
  llvm::DenseSet<Operation *> movable;
};

struct KilnPrepareConstantsPass
    : kiln::impl::KilnPrepareConstantsBase<KilnPrepareConstantsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    for (auto entry : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (!entry.isPrivate() && !entry.isExternal() && entry.getBody().hasOneBlock())
        Preparer(entry).run(symbols);
      // The marks are consumed: LLVM's translation would warn of each,
      // printing the whole function every time.
      for (unsigned i = 0, e = entry.getNumArguments(); i < e; ++i)
        entry.removeArgAttr(i, kiln::kConstantAttr);
    }
  }
};

} // namespace
