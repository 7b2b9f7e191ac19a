//===- Bufferize.cpp - kiln-bufferize -------------------------------------===//
//
// Upstream one-shot module bufferization + buffer-results-to-out-params,
// configured for Kiln (see KilnBufferize in Passes.td): no Kiln-specific
// bufferization logic lives here, only two guards around upstream's limits.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotModuleBufferize.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/DialectResourceBlobManager.h"

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

// Upstream's promotion replaces a returned allocation by its out-parameter
// once, so a buffer returned twice (`return %0, %0`) would be replaced twice
// (a use of an erased op). Each repeat is copied into a buffer of its own
// first, which the promotion then turns into its out-parameter.
void copyRepeatedResults(ModuleOp module) {
  module.walk([](func::ReturnOp ret) {
    OpBuilder b(ret);
    for (OpOperand &operand : ret->getOpOperands()) {
      Value v = operand.get();
      auto type = dyn_cast<MemRefType>(v.getType());
      unsigned i = operand.getOperandNumber();
      if (!type || !type.hasStaticShape() ||
          !llvm::is_contained(ret->getOperands().take_front(i), v))
        continue;
      Value copy = memref::AllocOp::create(
          b, ret.getLoc(), MemRefType::get(type.getShape(), type.getElementType()));
      linalg::CopyOp::create(b, ret.getLoc(), v, copy);
      operand.set(copy);
    }
  });
}

// A 0-d constant whose value is a resource blob (`dense_resource<w> :
// tensor<f32>`, as kiln.onnx and CompiledModel.save write every weight)
// becomes a memref.global that upstream's LLVM lowering reads as one
// Attribute, which a resource cannot give (it aborts). Such constants take
// their blob's value inline; a blob with no data is an error.
LogicalResult inlineScalarResources(ModuleOp module) {
  WalkResult walk = module.walk([](arith::ConstantOp constant) {
    auto resource = dyn_cast<DenseResourceElementsAttr>(constant.getValue());
    if (!resource || resource.getType().getRank() != 0)
      return WalkResult::advance();
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    bool splat;
    if (!blob || !DenseElementsAttr::isValidRawBuffer(resource.getType(), blob->getData(), splat)) {
      constant.emitError() << "constant resource '" << resource.getRawHandle().getKey()
                           << "' has no data for its " << resource.getType();
      return WalkResult::interrupt();
    }
    constant.setValueAttr(DenseElementsAttr::getFromRawBuffer(resource.getType(), blob->getData()));
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

struct KilnBufferizePass : kiln::impl::KilnBufferizeBase<KilnBufferizePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bufferization::OneShotBufferizationOptions options;
    options.bufferizeFunctionBoundaries = true;
    options.setFunctionBoundaryTypeConversion(
        bufferization::LayoutMapOption::IdentityLayoutMap);
    options.memCpyFn = linalgCopy;
    if (failed(inlineScalarResources(module)))
      return signalPassFailure();
    bufferization::BufferizationState state;
    if (failed(bufferization::runOneShotModuleBufferize(module, options, state)))
      return signalPassFailure();

    copyRepeatedResults(module);
    bufferization::BufferResultsToOutParamsOpts outParams;
    outParams.hoistStaticAllocs = true;
    outParams.modifyPublicFunctions = true;
    outParams.memCpyFn = linalgCopy;
    if (failed(bufferization::promoteBufferResultsToOutParams(module, outParams)))
      return signalPassFailure();
  }
};

} // namespace
