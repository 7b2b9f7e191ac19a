//===- Optimize.cpp - LLVM's optimizations of a translated module ---------===//
//
// PassBuilder's -O2 as mlir::makeOptimizingTransformer builds it, with a
// PassInstrumentationCallbacks "should run" filter: see Optimize.h.
//
//===----------------------------------------------------------------------===//

#include "Optimize.h"

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/InstCombine/InstCombine.h"
#include "llvm/Transforms/Scalar/EarlyCSE.h"
#include "llvm/Transforms/Scalar/SROA.h"
#include "llvm/Transforms/Scalar/SimplifyCFG.h"

namespace kiln::runtime {
namespace {

/// Runs `build`'s module pipeline with the analyses PassBuilder registers.
template <typename Build>
void run(llvm::Module &module, llvm::TargetMachine *machine, Build build) {
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PassInstrumentationCallbacks instrumentation;
  instrumentation.registerShouldRunOptionalPassCallback(
      [](llvm::StringRef pass, llvm::Any) { return pass != "CalledValuePropagationPass"; });
  // As makeOptimizingTransformer (and clang -O2): PipelineTuningOptions'
  // defaults leave the SLP vectorizer off.
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = tuning.LoopInterleaving = true;
  tuning.LoopVectorization = tuning.SLPVectorization = true;
  llvm::PassBuilder builder(machine, tuning, std::nullopt, &instrumentation);
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  llvm::ModulePassManager pipeline = build(builder);
  pipeline.run(module, modules);
}

} // namespace

void optimize(llvm::Module &module, llvm::TargetMachine *machine) {
  run(module, machine, [](llvm::PassBuilder &builder) {
    return builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O2);
  });
}

void simplifyEntries(llvm::Module &module, llvm::TargetMachine &machine) {
  run(module, &machine, [](llvm::PassBuilder &) {
    llvm::FunctionPassManager simplify;
    simplify.addPass(llvm::SROAPass(llvm::SROAOptions::ModifyCFG));
    simplify.addPass(llvm::EarlyCSEPass());
    simplify.addPass(llvm::InstCombinePass());
    simplify.addPass(llvm::SimplifyCFGPass());
    llvm::ModulePassManager pipeline;
    pipeline.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(simplify)));
    return pipeline;
  });
}

} // namespace kiln::runtime
