//===- fuzz_kiln_ir.cpp - libFuzzer target: parse, verify, lower ----------===//
//
// Any text must be rejected with diagnostics or be parsed, verified and
// lowered by kiln-pipeline to the LLVM dialect — never a crash. Seeds are
// the golden cases and the dialect tests (test/fuzz/corpus/ir).
//
//===----------------------------------------------------------------------===//

#include "kiln/InitKiln.h"
#include "kiln/Pipeline/Pipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::DialectRegistry *registry = [] {
    auto *r = new mlir::DialectRegistry();
    kiln::registerAllDialects(*r);
    kiln::registerAllPasses();
    return r;
  }();
  // Huge inputs only slow the search down.
  if (size > 4096)
    return 0;
  mlir::MLIRContext ctx(*registry, mlir::MLIRContext::Threading::DISABLED);
  mlir::ScopedDiagnosticHandler quiet(&ctx, [](mlir::Diagnostic &) { return mlir::success(); });
  std::string text(reinterpret_cast<const char *>(data), size);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &ctx);
  if (!module)
    return 0;
  // Bound the work: tensors of more than 2^16 elements are skipped.
  bool large = false;
  module->walk([&](mlir::Operation *op) {
    for (mlir::Type t : llvm::concat<const mlir::Type>(op->getOperandTypes(), op->getResultTypes()))
      if (auto s = llvm::dyn_cast<mlir::ShapedType>(t))
        if (!s.hasStaticShape() || s.getNumElements() > (1 << 16))
          large = true;
  });
  if (large)
    return 0;
  mlir::PassManager pm(&ctx);
  kiln::PipelineOptions options;
  if (mlir::succeeded(kiln::buildKilnPipeline(pm, options)))
    (void)pm.run(*module);
  return 0;
}
