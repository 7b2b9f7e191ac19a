//===- InitKiln.h - register Kiln and the upstream MLIR it uses -----------===//
#ifndef KILN_INITKILN_H
#define KILN_INITKILN_H

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace kiln {

/// The kiln dialect, every upstream dialect and their extensions/interfaces.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Translations to LLVM IR of what kiln-pipeline leaves: the builtin, LLVM
/// and OpenMP dialects.
void registerLLVMTranslations(mlir::MLIRContext &ctx);

/// Every upstream pass and pipeline plus Kiln's own.
void registerAllPasses();

} // namespace kiln

#endif // KILN_INITKILN_H
