// Lowers kiln IR to the LLVM dialect with kiln-pipeline, through the
// installed Kiln libraries.
#include "kiln/InitKiln.h"
#include "kiln/Pipeline/Pipeline.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <cstdio>

int main() {
  kiln::registerAllPasses(); // the pipeline is built from its passes' names
  mlir::DialectRegistry registry;
  kiln::registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(
      "func.func @relu(%x: tensor<8xf32>) -> tensor<8xf32> {\n"
      "  %r = kiln.relu %x : tensor<8xf32>\n  return %r : tensor<8xf32>\n}\n",
      &ctx);
  if (!module)
    return 1;
  mlir::PassManager pm(&ctx);
  kiln::PipelineOptions options;
  if (mlir::failed(kiln::buildKilnPipeline(pm, options)) || mlir::failed(pm.run(*module)))
    return 1;
  int functions = 0;
  module->walk([&](mlir::LLVM::LLVMFuncOp) { ++functions; });
  std::printf("lower: ok (%d llvm.func)\n", functions);
  return functions > 0 ? 0 : 1;
}
