//===- IRStages.cpp - a module's IR at each stage of kiln-pipeline --------===//

#include "kiln/Runtime/IRStages.h"

#include "kiln/Runtime/Error.h"
#include "kiln/Runtime/Lower.h"

#include "kiln/InitKiln.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Module.h"

namespace kiln::runtime {

llvm::Expected<std::string> irAtStage(mlir::MLIRContext &ctx, const std::string &source,
                                      const std::string &stage,
                                      const PipelineOptions &options) {
  if (std::optional<std::string> why = checkPipelineOptions(options))
    return error(*why);
  std::vector<std::string> stages = pipelineStages(options);
  bool translate = stage == "llvm-ir";
  if (stage != "kiln" && !translate &&
      std::find(stages.begin(), stages.end(), stage) == stages.end())
    return error("unknown stage '" + stage + "' at opt-level=" +
                 std::to_string(options.optLevel) + " (stages: kiln, " +
                 llvm::join(stages, ", ") + ", llvm-ir)");
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
    diagnostics += (diagnostics.empty() ? "" : "\n") + d.str();
    return mlir::success();
  });
  auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &ctx);
  if (!module)
    return error(diagnostics);
  if (stage != "kiln")
    if (llvm::Error e = lowerToLLVM(*module, options, translate ? "" : stage))
      return std::move(e);
  std::string text;
  llvm::raw_string_ostream os(text);
  if (!translate) {
    module->print(os);
    return text;
  }
  registerLLVMTranslations(ctx);
  llvm::LLVMContext llvmContext;
  auto llvmModule = mlir::translateModuleToLLVMIR(*module, llvmContext);
  if (!llvmModule)
    return error("translation to LLVM IR failed:\n" + diagnostics);
  llvmModule->print(os, nullptr);
  return text;
}

} // namespace kiln::runtime
