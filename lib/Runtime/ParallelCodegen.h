//===- ParallelCodegen.h - object code on several threads -----------------===//
//
// The AOT compiler's back end: LLVM -O2, Kiln's OpenMP routing and code
// generation of a translated module, split into parts generated at once.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_RUNTIME_PARALLELCODEGEN_H
#define KILN_LIB_RUNTIME_PARALLELCODEGEN_H

#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kiln::runtime {

/// Makes the target machine a part is generated for (one per thread: a
/// TargetMachine is not shared between threads).
using MachineFactory = std::function<std::unique_ptr<llvm::TargetMachine>()>;

/// Whether a function is an entry of the module (or its C ABI) rather than
/// a kernel: those without a loop are simplified and generated at -O0.
using EntryPredicate = std::function<bool(const llvm::Function &)>;

struct Objects {
  std::vector<std::string> paths; ///< temporary object files, in link order
  bool usesOpenMP = false;        ///< some part calls Kiln's OpenMP router
};

/// Writes `module`'s object code into temporary files, the caller's to link
/// and remove (also on failure: `objects` lists what was written). A module
/// of a few functions is one part; a larger one (a model's kernels) is
/// split, its functions balanced by size over up to twice `threads` parts
/// (LLVM's SplitModule balances by count, which a model's kernels, a few
/// to thousands of instructions each, do not fit), each optimized and
/// generated in an LLVMContext of its own on a pool of `threads` threads.
/// Its local symbols become hidden globals so that the parts link. The
/// entries without a loop and what runs once per model (LLVM's `cold`
/// kernels, with what only they reference) are a part of their own,
/// generated at -O0.
llvm::Error emitObjects(std::unique_ptr<llvm::Module> module, const MachineFactory &makeMachine,
                        const EntryPredicate &isEntry, unsigned threads, Objects &objects);

} // namespace kiln::runtime

#endif // KILN_LIB_RUNTIME_PARALLELCODEGEN_H
