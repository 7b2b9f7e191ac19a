//===- Signature.cpp - the static types of a module's entry points --------===//

#include "kiln/Runtime/Signature.h"

#include "kiln/Runtime/Error.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

using namespace mlir;

namespace kiln::runtime {

static std::optional<DType> dtypeOf(Type t) {
  if (t.isF32())
    return DType::f32;
  if (t.isF64())
    return DType::f64;
  if (t.isSignlessInteger(32))
    return DType::i32;
  if (t.isSignlessInteger(64))
    return DType::i64;
  return std::nullopt;
}

static llvm::Expected<TensorSpec> specOf(Type type, const llvm::Twine &what) {
  auto tensor = llvm::dyn_cast<RankedTensorType>(type);
  std::optional<DType> dtype = tensor ? dtypeOf(tensor.getElementType()) : std::nullopt;
  if (!tensor || !tensor.hasStaticShape() || !dtype) {
    std::string text;
    llvm::raw_string_ostream os(text);
    os << type;
    return error(what + " has type " + text +
                 "; entry points take and return statically shaped tensors of "
                 "f32, f64, i32 or i64");
  }
  return TensorSpec{*dtype, std::vector<int64_t>(tensor.getShape().begin(),
                                                  tensor.getShape().end())};
}

llvm::Expected<llvm::StringMap<Signature>> entrySignatures(ModuleOp module) {
  llvm::StringMap<Signature> signatures;
  for (auto fn : module.getOps<func::FuncOp>()) {
    if (fn.isPrivate() || fn.isExternal())
      continue;
    Signature sig;
    FunctionType type = fn.getFunctionType();
    for (auto [i, t] : llvm::enumerate(type.getInputs())) {
      auto spec = specOf(t, "entry '" + fn.getName() + "': argument #" + llvm::Twine(i));
      if (!spec)
        return spec.takeError();
      sig.inputs.push_back(*spec);
    }
    for (auto [i, t] : llvm::enumerate(type.getResults())) {
      auto spec = specOf(t, "entry '" + fn.getName() + "': result #" + llvm::Twine(i));
      if (!spec)
        return spec.takeError();
      sig.outputs.push_back(*spec);
    }
    signatures[fn.getName()] = std::move(sig);
  }
  return signatures;
}

} // namespace kiln::runtime
