//===- Npy.h - numpy .npy files -------------------------------------------===//
//
// Reads and writes NPY format 1.0-3.0 for C-ordered little-endian float32,
// float64, int32 and int64 arrays; anything else is an error naming the file
// and what was found.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_RUNTIME_NPY_H
#define KILN_RUNTIME_NPY_H

#include "kiln/Runtime/HostTensor.h"
#include "llvm/Support/Error.h"

namespace kiln::runtime {

llvm::Expected<HostTensor> readNpy(const std::string &path);
llvm::Error writeNpy(const std::string &path, const HostTensor &tensor);

/// Parses an in-memory .npy image; `name` is used in messages.
llvm::Expected<HostTensor> parseNpy(llvm::StringRef bytes, const std::string &name);

} // namespace kiln::runtime

#endif // KILN_RUNTIME_NPY_H
