//===- InferTypes.cpp - result types of a kiln op from its operands -------===//

#include "kiln/Runtime/InferTypes.h"

#include "kiln/Runtime/Error.h"

#include "kiln/Dialect/KilnOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace kiln::runtime {

llvm::Expected<std::vector<std::string>>
inferResultTypes(MLIRContext &ctx, const std::string &op,
                 const std::vector<std::string> &operandTypes,
                 const std::string &properties) {
  ctx.loadDialect<kiln::KilnDialect, func::FuncDialect>();
  std::string args, uses;
  for (size_t i = 0; i < operandTypes.size(); ++i) {
    args += (i ? ", %a" : "%a") + std::to_string(i) + ": " + operandTypes[i];
    uses += (i ? ", %a" : "%a") + std::to_string(i);
  }
  // The op is parsed with no results and never verified: only inference runs.
  std::string text = "func.func @t(" + args + ") {\n  \"kiln." + op + "\"(" + uses + ")" +
                     (properties.empty() ? "" : " <{" + properties + "}>") + " : (" +
                     llvm::join(operandTypes, ", ") + ") -> ()\n}\n";
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    diagnostics += (diagnostics.empty() ? "" : "\n") + d.str();
    return success();
  });
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text, ParserConfig(&ctx, /*verifyAfterParse=*/false));
  if (!module)
    return error(diagnostics.empty() ? "cannot parse kiln." + op : diagnostics);
  Operation *kilnOp = nullptr;
  module->walk([&](Operation *o) {
    if (o->getName().getStringRef() == "kiln." + op)
      kilnOp = o;
  });
  auto iface = llvm::dyn_cast_or_null<InferTypeOpInterface>(kilnOp);
  if (!iface)
    return error("unknown op kiln." + op);
  SmallVector<Type> types;
  if (failed(iface.inferReturnTypes(&ctx, kilnOp->getLoc(), kilnOp->getOperands(),
                                    kilnOp->getRawDictionaryAttrs(),
                                    kilnOp->getPropertiesStorage(), kilnOp->getRegions(),
                                    types)))
    return error(diagnostics);
  std::vector<std::string> out;
  for (Type t : types) {
    std::string s;
    llvm::raw_string_ostream os(s);
    os << t;
    out.push_back(s);
  }
  return out;
}

} // namespace kiln::runtime
