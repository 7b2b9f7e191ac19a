//===- InferTypes.h - result types of a kiln op from its operands ---------===//
//
// Front ends (Python, tests) ask the dialect itself for an op's result
// types rather than re-implementing PyTorch's shape rules.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_INFERTYPES_H
#define KILN_RUNTIME_INFERTYPES_H

#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace kiln::runtime {

/// The result types of `kiln.<op>` with operands of `operandTypes` (MLIR
/// type text) and `properties` (the inside of a generic-form `<{...}>`,
/// possibly empty), or the rule the call breaks, as the verifier words it.
/// The operands must be as many as the op takes (callers build them).
llvm::Expected<std::vector<std::string>>
inferResultTypes(mlir::MLIRContext &ctx, const std::string &op,
                 const std::vector<std::string> &operandTypes,
                 const std::string &properties);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_INFERTYPES_H
