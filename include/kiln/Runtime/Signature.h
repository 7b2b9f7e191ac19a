//===- Signature.h - the static types of a module's entry points ----------===//
#ifndef KILN_RUNTIME_SIGNATURE_H
#define KILN_RUNTIME_SIGNATURE_H

#include "kiln/Runtime/HostTensor.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace kiln::runtime {

struct TensorSpec {
  DType dtype;
  std::vector<int64_t> shape;
};

/// The static types of an entry point: its inputs, then its results.
struct Signature {
  std::vector<TensorSpec> inputs, outputs;
};

/// Every public function of `module` with its signature; an error names the
/// first argument or result that is not a statically shaped f32/f64/i32/i64
/// tensor.
llvm::Expected<llvm::StringMap<Signature>> entrySignatures(mlir::ModuleOp module);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_SIGNATURE_H
