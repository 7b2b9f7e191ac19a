//===- Lower.cpp - kiln-pipeline with diagnosable failures ----------------===//
//
// The one place the runtime (JIT, AOT, IR stages) runs kiln-pipeline. A
// failure is made diagnosable as torch-mlir's are: the failing pass (from
// upstream's PassInstrumentation::runAfterPassFailed), the kiln op it failed
// on (the diagnostics' locations matched against the kiln ops' own, which
// the lowering carries onto what it creates), MLIR's diagnostics, and the
// input IR written to a file with the kiln-opt command that reproduces it.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/Lower.h"

#include "kiln/InitKiln.h"
#include "kiln/Runtime/Error.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace kiln::runtime {
namespace {

/// The first pass that failed: with nested pass managers, the innermost
/// pass is reported before the adaptors around it.
struct FailedPassRecorder : PassInstrumentation {
  std::string *name;
  explicit FailedPassRecorder(std::string *name) : name(name) {}
  void runAfterPassFailed(Pass *pass, Operation *) override {
    if (name->empty() && !pass->getArgument().empty())
      *name = pass->getArgument().str();
  }
};

/// `kiln.op : (operand types) -> (result types)`.
std::string describe(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << op->getName() << " : (";
  llvm::interleaveComma(op->getOperandTypes(), os);
  os << ") -> (";
  llvm::interleaveComma(op->getResultTypes(), os);
  os << ")";
  return text;
}

void addOnce(std::vector<std::string> &list, const std::string &item) {
  if (!llvm::is_contained(list, item))
    list.push_back(item);
}

/// The input IR in a new temporary file; its path, or empty if none could
/// be written.
std::string writeReproducer(const std::string &ir) {
  int fd;
  llvm::SmallString<128> path;
  if (llvm::sys::fs::createTemporaryFile("kiln-reproducer", "mlir", fd, path))
    return "";
  llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
  os << ir;
  os.close();
  return os.has_error() ? "" : std::string(path);
}

} // namespace

llvm::Error lowerToLLVM(ModuleOp module, const PipelineOptions &options,
                        llvm::StringRef stopAfter, llvm::StringMap<Signature> *entries) {
  if (std::optional<std::string> why = checkPipelineOptions(options))
    return error(*why);
  // The pipeline is parsed from text, so its passes must be registered.
  static bool passesRegistered = (registerAllPasses(), true);
  (void)passesRegistered;

  // What a failure report needs, taken before the pipeline rewrites it: the
  // input IR and each kiln op's description by its location.
  std::string input;
  llvm::raw_string_ostream(input) << module;
  llvm::DenseMap<Attribute, std::vector<std::string>> kilnOps;
  module.walk([&](Operation *op) {
    if (op->getDialect() && op->getDialect()->getNamespace() == "kiln")
      addOnce(kilnOps[LocationAttr(op->getLoc())], describe(op));
  });

  std::string diagnostics;
  std::vector<std::string> culprits;
  ScopedDiagnosticHandler handler(module.getContext(), [&](Diagnostic &d) {
    llvm::raw_string_ostream os(diagnostics);
    os << d.getLocation() << ": " << d << "\n";
    for (Diagnostic &note : d.getNotes())
      os << note.getLocation() << ": note: " << note << "\n";
    d.getLocation()->walk([&](Location loc) {
      auto it = kilnOps.find(LocationAttr(loc));
      // A location shared by several kiln ops names none of them.
      if (it != kilnOps.end() && it->second.size() == 1)
        addOnce(culprits, it->second.front());
      return WalkResult::advance();
    });
    return success();
  });

  // With `entries`, in two runs: through the stage after which the
  // entries' signatures are final, then the rest.
  std::string last = stopAfter.empty() ? options.stopAfter.getValue() : stopAfter.str();
  std::string split = entriesFinalAfter(options);
  std::vector<std::string> stages = pipelineStages(options);
  std::vector<std::string> runs = {kilnPipelineText(options, last)};
  if (entries && llvm::find(stages, split) < llvm::find(stages, last))
    runs = {kilnPipelineText(options, split), kilnPipelineText(options, last, split)};
  std::string failedPass;
  bool failedRun = false;
  for (const std::string &text : runs) {
    PassManager pm(module.getContext());
    pm.addInstrumentation(std::make_unique<FailedPassRecorder>(&failedPass));
    std::string pipelineError;
    llvm::raw_string_ostream pipelineErrors(pipelineError);
    if (failed(parsePassPipeline(text, pm, pipelineErrors)))
      return error("kiln-pipeline could not be built: " + pipelineError);
    if (failed(pm.run(module))) {
      failedRun = true;
      break;
    }
    if (entries && text == runs.front()) {
      auto signatures = entrySignatures(module);
      if (!signatures)
        return signatures.takeError();
      *entries = std::move(*signatures);
    }
  }
  if (!failedRun)
    return llvm::Error::success();

  // Only one kiln op in the module: it is the one, whatever the locations.
  if (culprits.empty() && kilnOps.size() == 1 && kilnOps.begin()->second.size() == 1)
    culprits.push_back(kilnOps.begin()->second.front());
  std::string message;
  llvm::raw_string_ostream os(message);
  os << "kiln-pipeline failed";
  if (!failedPass.empty())
    os << " in pass '" << failedPass << "'";
  if (!culprits.empty()) {
    os << " on ";
    llvm::interleave(culprits, os, " and on ");
  }
  os << "\n" << (diagnostics.empty() ? "(the pass gave no diagnostic)\n" : diagnostics);
  std::string flags = "opt-level=" + std::to_string(options.optLevel) +
                      " target-cpu=" + options.targetCpu.getValue();
  if (!options.targetFeatures.empty())
    flags += " target-features=" + options.targetFeatures.getValue();
  flags += " stop-after=" + (stopAfter.empty() ? options.stopAfter.getValue() : stopAfter.str());
  std::string path = writeReproducer(input);
  if (!path.empty())
    os << "reproduce with: kiln-opt " << path << " --kiln-pipeline=\"" << flags << "\"";
  return error(message);
}

} // namespace kiln::runtime
