//===- kiln-compile.cpp - kiln IR to a shared object with a C ABI --------===//
//
//   kiln-compile FILE.mlir -o libNAME.so [--header NAME.h] [--opt-level N]
//                [--target-cpu CPU] [--target-features +F,-G]
//
// The C ABI is documented in kiln/Runtime/AotCompiler.h and in the header.
// Exit status 1 with a message on any error; no partial output is left.
//
//===----------------------------------------------------------------------===//

#include "kiln/InitKiln.h"
#include "kiln/Runtime/AotCompiler.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"

using namespace llvm;

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // --help lists these alone, not the hundreds of LLVM options linked in.
  cl::OptionCategory toolOptions("kiln-compile options");
  cl::opt<std::string> file(cl::Positional, cl::desc("<kiln IR file>"), cl::Required,
                            cl::cat(toolOptions));
  cl::opt<std::string> output("o", cl::desc("Shared object to write"), cl::Required,
                              cl::cat(toolOptions));
  cl::opt<std::string> header("header", cl::desc("C header to write"), cl::cat(toolOptions));
  cl::opt<int> optLevel("opt-level", cl::desc("kiln-pipeline opt-level: 3 optimized, 0 reference"),
                        cl::init(3), cl::cat(toolOptions));
  cl::opt<std::string> targetCpu("target-cpu", cl::desc("CPU to compile for (default: the host)"),
                                 cl::init("native"), cl::cat(toolOptions));
  cl::opt<std::string> targetFeatures(
      "target-features", cl::desc("LLVM features on top of the CPU's (+avx512f,-avx512f,...)"),
      cl::cat(toolOptions));
  cl::HideUnrelatedOptions(toolOptions);
  if (!cl::ParseCommandLineOptions(argc, argv, "Kiln ahead-of-time compiler\n", &errs()))
    return 1;

  mlir::DialectRegistry registry;
  kiln::registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  SourceMgr sources;
  mlir::SourceMgrDiagnosticHandler diagnostics(sources, &ctx, errs());
  std::string fileError;
  auto buffer = mlir::openInputFile(file, &fileError);
  if (!buffer) {
    errs() << "kiln-compile: " << fileError << "\n";
    return 1;
  }
  sources.AddNewSourceBuffer(std::move(buffer), SMLoc());
  auto module = mlir::parseSourceFile<mlir::ModuleOp>(sources, &ctx);
  if (!module)
    return 1; // the parser or verifier said why

  kiln::runtime::AotOptions options;
  options.pipeline.optLevel = optLevel;
  options.targetCpu = targetCpu;
  options.targetFeatures = targetFeatures;
  options.headerPath = header;
  options.sourceName = file;
  if (Error e = kiln::runtime::compileSharedObject(*module, output, options)) {
    errs() << "kiln-compile: " << toString(std::move(e)) << "\n";
    return 1;
  }
  return 0;
}
