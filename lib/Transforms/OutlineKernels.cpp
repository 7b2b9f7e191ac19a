//===- OutlineKernels.cpp - kiln-outline-kernels --------------------------===//
//
// Each top-level loop nest of an entry function outlined into a private
// kernel function; kernels equivalent under upstream OperationEquivalence
// merged into one (see KilnOutlineKernels in Passes.td).
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SetVector.h"

namespace kiln {
#define GEN_PASS_DEF_KILNOUTLINEKERNELS
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

/// A loop nest or a whole-buffer linalg op: the work between an entry's
/// allocations and views.
bool isKernel(Operation *op) {
  return op->getNumRegions() > 0 || isa<linalg::LinalgOp>(op);
}

bool isConstant(Value v) {
  Operation *def = v.getDefiningOp();
  return def && def->getNumOperands() == 0 && def->hasTrait<OpTrait::ConstantLike>();
}

/// The type a kernel takes `v` as: a view that only linalg ops use (they
/// take any layout) with its offset, and the strides of its unit dims,
/// dynamic. Kernels that differ only by where their views start (each
/// layer's copy into its slice of a concatenation) are then one kernel; an
/// offset costs a kernel nothing (it moves the base pointer once), nor does
/// a unit dim's stride (its index is 0).
Type kernelArgumentType(Value v, Operation *op) {
  auto type = dyn_cast<MemRefType>(v.getType());
  if (!type || !type.hasStaticShape() || type.getLayout().isIdentity())
    return v.getType();
  bool onlyLinalg = llvm::all_of(v.getUses(), [&](OpOperand &use) {
    Operation *user = use.getOwner();
    return !op->isAncestor(user) || isa<linalg::LinalgOp>(user);
  });
  SmallVector<int64_t> strides;
  int64_t offset;
  if (!onlyLinalg || failed(type.getStridesAndOffset(strides, offset)))
    return type;
  for (auto [size, stride] : llvm::zip(type.getShape(), strides))
    if (size == 1)
      stride = ShapedType::kDynamic;
  auto layout = StridedLayoutAttr::get(type.getContext(), ShapedType::kDynamic, strides);
  return MemRefType::get(type.getShape(), type.getElementType(), layout, type.getMemorySpace());
}

/// LLVM's attributes for `kernel`: `noinline`, since a kernel stays one
/// function (LLVM's inliner would otherwise copy it into each caller defined
/// beside it and compile it again at every call), and `cold` when it runs
/// once per model, which the AOT compiler generates cheaply.
void setPassthrough(func::FuncOp kernel, bool cold) {
  MLIRContext *context = kernel.getContext();
  SmallVector<Attribute> attributes = {StringAttr::get(context, "noinline")};
  if (cold)
    attributes.push_back(StringAttr::get(context, "cold"));
  kernel->setAttr("passthrough", ArrayAttr::get(context, attributes));
}

/// `op` moved into a new private function `name` (inserted into `symbols`,
/// renamed if taken; `cold` if its entry runs once) that takes the values
/// it uses from around it, constants cloned in; `op` itself becomes a call.
/// Returns both.
std::pair<func::FuncOp, func::CallOp> outline(Operation *op, StringRef name, bool cold,
                                              SymbolTable &symbols) {
  llvm::SetVector<Value> used(op->getOperands().begin(), op->getOperands().end());
  visitUsedValuesDefinedAbove(op->getRegions(),
                              [&](OpOperand *use) { used.insert(use->get()); });
  SmallVector<Value> arguments, constants;
  for (Value v : used)
    (isConstant(v) ? constants : arguments).push_back(v);

  MLIRContext *context = op->getContext();
  OpBuilder at(op);
  SmallVector<Type> types;
  SmallVector<Value> passed;
  for (Value v : arguments) {
    types.push_back(kernelArgumentType(v, op));
    passed.push_back(types.back() == v.getType()
                         ? v
                         : memref::CastOp::create(at, op->getLoc(), types.back(), v));
  }
  auto type = FunctionType::get(context, types, op->getResultTypes());
  auto kernel = func::FuncOp::create(op->getLoc(), name, type);
  kernel.setPrivate();
  setPassthrough(kernel, cold);
  symbols.insert(kernel);
  Block *body = kernel.addEntryBlock();
  IRMapping map;
  map.map(arguments, body->getArguments());
  OpBuilder b = OpBuilder::atBlockBegin(body);
  for (Value c : constants)
    map.map(c, b.clone(*c.getDefiningOp())->getResult(cast<OpResult>(c).getResultNumber()));
  Operation *moved = b.clone(*op, map);
  func::ReturnOp::create(b, op->getLoc(), moved->getResults());

  auto call = func::CallOp::create(at, op->getLoc(), kernel, passed);
  op->replaceAllUsesWith(call.getResults());
  op->erase();
  return {kernel, call};
}

/// A hash of `kernel`'s body that equivalent bodies share: each op's name,
/// attributes, properties and types, in order, not which values it uses.
llvm::hash_code structuralHash(func::FuncOp kernel) {
  llvm::hash_code hash = hash_value(kernel.getFunctionType());
  kernel.getBody().walk([&](Operation *op) {
    hash = llvm::hash_combine(
        hash, OperationEquivalence::computeHash(op, OperationEquivalence::ignoreHashValue,
                                                OperationEquivalence::ignoreHashValue,
                                                OperationEquivalence::IgnoreLocations));
  });
  return hash;
}

struct KilnOutlineKernelsPass : kiln::impl::KilnOutlineKernelsBase<KilnOutlineKernelsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    // The first kernel of each body hash, with the later ones equivalent to it.
    llvm::DenseMap<llvm::hash_code, SmallVector<func::FuncOp>> kept;
    for (auto entry : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (entry.isPrivate() || entry.isExternal())
        continue;
      bool once = entry->hasAttr(kiln::kRunOnceAttr);
      int count = 0;
      for (Block &block : entry.getBody())
        for (Operation &op : llvm::make_early_inc_range(block)) {
          if (!isKernel(&op))
            continue;
          std::string name = (entry.getSymName() + "_kernel" + llvm::Twine(count++)).str();
          func::FuncOp kernel;
          func::CallOp call;
          std::tie(kernel, call) = outline(&op, name, once, symbols);
          SmallVector<func::FuncOp> &same = kept[structuralHash(kernel)];
          func::FuncOp *twin = llvm::find_if(same, [&](func::FuncOp other) {
            return other.getFunctionType() == kernel.getFunctionType() &&
                   OperationEquivalence::isRegionEquivalentTo(
                       &other.getBody(), &kernel.getBody(),
                       OperationEquivalence::IgnoreLocations);
          });
          if (twin == same.end()) {
            same.push_back(kernel);
            continue;
          }
          // Called once per call of a model too: not cold.
          if (!once)
            setPassthrough(*twin, /*cold=*/false);
          call.setCallee(twin->getSymName());
          symbols.erase(kernel);
        }
    }
  }
};

} // namespace
