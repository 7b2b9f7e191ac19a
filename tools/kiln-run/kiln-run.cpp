//===- kiln-run.cpp - JIT a kiln function and check it against goldens ---===//
//
//   kiln-run FILE.mlir --entry=NAME --input=a.npy ... --golden=out.npy ...
//            [--rtol=R --atol=A] [--random-inputs --seed=N] [--repeat=N]
//            [--output=res.npy ...] [--opt-level=N]
//
// Exit status: 0 all results pass, 1 a result is outside tolerance, 2 bad
// input (missing or malformed file, unknown entry, wrong inputs).
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/GoldenRunner.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

using namespace llvm;

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // --help lists these alone, not the hundreds of LLVM options linked in.
  cl::OptionCategory toolOptions("kiln-run options");
  cl::opt<std::string> file(cl::Positional, cl::desc("<kiln IR file>"), cl::Required,
                            cl::cat(toolOptions));
  cl::opt<std::string> entry("entry", cl::desc("Function to run"), cl::Required,
                             cl::cat(toolOptions));
  cl::list<std::string> inputs("input", cl::desc(".npy for the next argument"),
                               cl::cat(toolOptions));
  cl::list<std::string> goldens("golden", cl::desc(".npy expected for the next result"),
                                cl::cat(toolOptions));
  cl::list<std::string> outputs("output", cl::desc(".npy to write the next result to"),
                                cl::cat(toolOptions));
  cl::opt<double> rtol("rtol", cl::desc("Relative tolerance"), cl::init(1e-4),
                       cl::cat(toolOptions));
  cl::opt<double> atol("atol", cl::desc("Absolute tolerance"), cl::init(1e-5),
                       cl::cat(toolOptions));
  cl::opt<bool> random("random-inputs", cl::desc("Seeded random inputs"), cl::cat(toolOptions));
  cl::opt<uint64_t> seed("seed", cl::desc("Seed of --random-inputs"), cl::init(0),
                         cl::cat(toolOptions));
  cl::opt<int> repeat("repeat", cl::desc("Timed runs after a warm-up"), cl::init(1),
                      cl::cat(toolOptions));
  cl::opt<int> optLevel("opt-level", cl::desc("kiln-pipeline opt-level: 3 optimized, 0 reference"),
                        cl::init(3), cl::cat(toolOptions));
  cl::HideUnrelatedOptions(toolOptions);
  if (!cl::ParseCommandLineOptions(argc, argv, "Kiln JIT runner\n", &errs()))
    return kiln::runtime::kUsage;
  if (random && !inputs.empty()) {
    errs() << "kiln-run: --random-inputs and --input exclude each other\n";
    return kiln::runtime::kUsage;
  }
  kiln::runtime::RunOptions options;
  options.file = file;
  options.entry = entry;
  options.inputs.assign(inputs.begin(), inputs.end());
  options.goldens.assign(goldens.begin(), goldens.end());
  options.outputs.assign(outputs.begin(), outputs.end());
  options.randomInputs = random;
  options.seed = seed;
  options.rtol = rtol;
  options.atol = atol;
  options.repeat = repeat;
  options.optLevel = optLevel;
  return kiln::runtime::runGolden(options, outs(), errs());
}
