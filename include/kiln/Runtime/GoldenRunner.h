//===- GoldenRunner.h - run an entry point against golden outputs --------===//
#ifndef KILN_RUNTIME_GOLDENRUNNER_H
#define KILN_RUNTIME_GOLDENRUNNER_H

#include "kiln/Pipeline/Pipeline.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace kiln::runtime {

struct RunOptions {
  std::string file;                 // kiln IR
  std::string entry;                // function to run
  std::vector<std::string> inputs;  // .npy, one per argument
  std::vector<std::string> goldens; // .npy, one per result (or none)
  std::vector<std::string> outputs; // .npy to write results to (or none)
  bool randomInputs = false;        // seeded uniform [-1, 1) inputs instead
  uint64_t seed = 0;
  double rtol = 1e-4, atol = 1e-5;
  int repeat = 1;                   // timed runs after one warm-up
  int optLevel = 3;
};

/// Exit codes of kiln-run.
enum ExitCode { kPass = 0, kFail = 1, kUsage = 2 };

/// Compiles `options.file`, runs the entry, compares each result with its
/// golden file and reports to `out` (errors to `err`). Returns kPass, kFail
/// when a result is outside tolerance, kUsage for bad input (missing file,
/// unknown entry, wrong number, shape or dtype of inputs, a module that
/// does not verify or lower).
ExitCode runGolden(const RunOptions &options, llvm::raw_ostream &out,
                   llvm::raw_ostream &err);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_GOLDENRUNNER_H
