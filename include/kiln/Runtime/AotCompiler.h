//===- AotCompiler.h - kiln IR to a shared object with a C ABI -----------===//
//
// The library's C ABI, per entry point E of the module (shapes are static):
//
//   int kiln_E(const T *in0, ..., T *out0, ...);   // dense C-ordered arrays; 0
//   int kiln_E_packed(void **args);                // args[i]: array i, in order
//   int kiln_E_num_inputs(void);  int kiln_E_num_outputs(void);
//   int kiln_E_input_rank(int i); const int64_t *kiln_E_input_shape(int i);
//   const char *kiln_E_input_dtype(int i);          // "float32", "int64", ...
//   (and _output_rank/_output_shape/_output_dtype)  // -1 / NULL out of range
//   const char *kiln_version(void); int kiln_num_entries(void);
//   const char *kiln_entry_name(int i);
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_AOTCOMPILER_H
#define KILN_RUNTIME_AOTCOMPILER_H

#include "kiln/Pipeline/Pipeline.h"
#include "kiln/Runtime/Signature.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace kiln::runtime {

struct AotOptions {
  PipelineOptions pipeline;
  std::string targetCpu;      // empty: the host CPU (and its features)
  std::string targetFeatures; // LLVM features on top of the CPU's (+avx512f,...)
  std::string headerPath; // empty: no header
  std::string sourceName = "<input>";
};

/// Lowers `module` (kiln IR, changed in place), compiles it with LLVM's
/// TargetMachine and links a shared object at `outputPath` with the system
/// linker (cc -shared), libm linked so a plain dlopen works. Writes the C
/// header too when asked. On error nothing is left at either path.
llvm::Error compileSharedObject(mlir::ModuleOp module, const std::string &outputPath,
                                const AotOptions &options);

/// The C header of a library with `entries` (called by compileSharedObject).
std::string cHeader(const llvm::StringMap<Signature> &entries, const std::string &guardName,
                    const std::string &sourceName);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_AOTCOMPILER_H
