//===- Error.h - the runtime's error values -------------------------------===//
#ifndef KILN_RUNTIME_ERROR_H
#define KILN_RUNTIME_ERROR_H

#include "llvm/Support/Error.h"

namespace kiln::runtime {

/// An llvm::Error carrying `message` (the runtime's errors are all text).
inline llvm::Error error(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

} // namespace kiln::runtime

#endif // KILN_RUNTIME_ERROR_H
