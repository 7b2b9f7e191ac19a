//===- CAbi.h - the C ABI of an AOT library -------------------------------===//
//
// What kiln-compile adds to a lowered module so that C calls it over plain
// pointers (documented in kiln/Runtime/AotCompiler.h and in the header it
// writes).
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_RUNTIME_CABI_H
#define KILN_LIB_RUNTIME_CABI_H

#include "kiln/Runtime/Signature.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Module.h"
#include <string>
#include <vector>

namespace kiln::runtime {

/// Adds to `module` (the lowered kiln IR, whose entries have
/// `_mlir_ciface_<entry>` wrappers) for each entry of `order`:
/// `int kiln_<entry>(in..., out...)`, building a memref descriptor over each
/// dense array; `int kiln_<entry>_packed(void **args)`; and the metadata
/// getters (counts, ranks, shapes, dtypes); then `kiln_num_entries`,
/// `kiln_entry_name` and `kiln_version`.
void addCAbi(llvm::Module &module, const llvm::StringMap<Signature> &entries,
             const std::vector<std::string> &order, llvm::StringRef version);

} // namespace kiln::runtime

#endif // KILN_LIB_RUNTIME_CABI_H
