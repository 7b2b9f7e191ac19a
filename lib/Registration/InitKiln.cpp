//===- InitKiln.cpp - register Kiln and the upstream MLIR it uses ---------===//
//
// The only file that includes MLIR's InitAll* headers: they are slow to
// compile (~35 s), so every tool shares this one translation unit.
//
//===----------------------------------------------------------------------===//

#include "kiln/InitKiln.h"

#include "kiln/Conversion/Passes.h"
#include "kiln/Dialect/KilnDialect.h"
#include "kiln/Pipeline/Pipeline.h"
#include "kiln/Transforms/Passes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"

void kiln::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<kiln::KilnDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
}

void kiln::registerAllPasses() {
  mlir::registerAllPasses();
  kiln::registerKilnConversionPasses();
  kiln::registerKilnTransformsPasses();
  kiln::registerKilnPipelines();
}

void kiln::registerLLVMTranslations(mlir::MLIRContext &ctx) {
  mlir::registerBuiltinDialectTranslation(ctx);
  mlir::registerLLVMDialectTranslation(ctx);
  mlir::registerOpenMPDialectTranslation(ctx);
}
