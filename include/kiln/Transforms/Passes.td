//===- Passes.td - Kiln transform passes ------------------*- tablegen -*-===//

#ifndef KILN_TRANSFORMS_PASSES_TD
#define KILN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def KilnBufferize : Pass<"kiln-bufferize", "mlir::ModuleOp"> {
  let summary = "One-shot bufferization with caller-owned results and loop copies";
  let description = [{
    Runs upstream one-shot module bufferization (function boundaries with
    identity layouts) and then turns returned buffers into out-parameters
    (upstream promoteBufferResultsToOutParams, hoisting static allocations
    so a result is written in place, public functions included).

    The only difference from the upstream passes is their copy op: both are
    given linalg.copy instead of memref.copy, because a memref.copy between
    strided views lowers to a call into MLIR's C runner library, which
    neither the JIT nor AOT-compiled libraries should need. Upstream
    exposes that choice only through C++ options, hence this pass.
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::linalg::LinalgDialect", "mlir::memref::MemRefDialect"];
}

#endif // KILN_TRANSFORMS_PASSES_TD
