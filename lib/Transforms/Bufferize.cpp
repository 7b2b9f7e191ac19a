//===- Bufferize.cpp - kiln-bufferize -------------------------------------===//
//
// Upstream one-shot module bufferization + buffer-results-to-out-params,
// configured for Kiln (see KilnBufferize in Passes.td): no Kiln-specific
// bufferization logic lives here.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotModuleBufferize.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"

namespace kiln {
#define GEN_PASS_DEF_KILNBUFFERIZE
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

LogicalResult linalgCopy(OpBuilder &b, Location loc, Value from, Value to) {
  linalg::CopyOp::create(b, loc, from, to);
  return success();
}

struct KilnBufferizePass : kiln::impl::KilnBufferizeBase<KilnBufferizePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bufferization::OneShotBufferizationOptions options;
    options.bufferizeFunctionBoundaries = true;
    options.setFunctionBoundaryTypeConversion(
        bufferization::LayoutMapOption::IdentityLayoutMap);
    options.memCpyFn = linalgCopy;
    bufferization::BufferizationState state;
    if (failed(bufferization::runOneShotModuleBufferize(module, options, state)))
      return signalPassFailure();

    bufferization::BufferResultsToOutParamsOpts outParams;
    outParams.hoistStaticAllocs = true;
    outParams.modifyPublicFunctions = true;
    outParams.memCpyFn = linalgCopy;
    if (failed(bufferization::promoteBufferResultsToOutParams(module, outParams)))
      return signalPassFailure();
  }
};

} // namespace
