//===- Optimize.h - LLVM's optimizations of a translated module -----------===//
//
// The JIT's and the AOT compiler's LLVM IR optimization: LLVM's -O2
// (PassBuilder's default pipeline) with one pass skipped through pass
// instrumentation (as -opt-bisect skips passes), and the cheaper cleanup of
// entries generated at -O0.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_RUNTIME_OPTIMIZE_H
#define KILN_LIB_RUNTIME_OPTIMIZE_H

#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"

namespace kiln::runtime {

/// LLVM -O2 for `machine` (with a null machine, LLVM's target-independent
/// cost model, as the JIT has always had it), but for
/// CalledValuePropagation: it annotates indirect calls with the functions
/// they may call, and Kiln's code makes none (an OpenMP region's function is
/// passed to the runtime, not called), yet it is superlinear in a function's
/// size: a quarter of -O2's time on a model's kernels.
void optimize(llvm::Module &module, llvm::TargetMachine *machine);

/// What an entry generated at -O0 needs first: its memref descriptors'
/// insertvalue / extractvalue chains folded (SROA, EarlyCSE, InstCombine,
/// SimplifyCFG), a tenth of -O2's time and the input fast instruction
/// selection takes whole.
void simplifyEntries(llvm::Module &module, llvm::TargetMachine &machine);

} // namespace kiln::runtime

#endif // KILN_LIB_RUNTIME_OPTIMIZE_H
