//===- AotLibrary.h - load a shared object kiln-compile wrote -------------===//
#ifndef KILN_RUNTIME_AOTLIBRARY_H
#define KILN_RUNTIME_AOTLIBRARY_H

#include "kiln/Runtime/Signature.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace kiln::runtime {

/// A shared object from kiln-compile (or kiln.compile / CompiledModel.save)
/// loaded with dlopen: its entries' signatures read from its metadata
/// functions, its entries called through their `kiln_<entry>_packed` form
/// (the C ABI of kiln/Runtime/AotCompiler.h).
class AotLibrary {
public:
  /// Loads `path`; an error says why it cannot be loaded or is not a Kiln
  /// library (a metadata function missing, a dtype Kiln does not know).
  static llvm::Expected<std::unique_ptr<AotLibrary>> load(const std::string &path);
  ~AotLibrary();

  /// The entry points, by name.
  const llvm::StringMap<Signature> &entries() const { return signatures; }

  /// Runs `entry` over dense C-ordered arrays of its signature's shapes and
  /// dtypes (unchecked).
  llvm::Error run(llvm::StringRef entry, llvm::ArrayRef<const void *> inputs,
                  llvm::ArrayRef<void *> outputs) const;

  /// The library's version string (kiln_version()).
  std::string version() const;

  /// The address of an exported symbol, or null.
  void *symbol(const std::string &name) const;

private:
  AotLibrary() = default;
  void *handle = nullptr;
  llvm::StringMap<Signature> signatures;
  llvm::StringMap<int (*)(void **)> packed;
};

} // namespace kiln::runtime

#endif // KILN_RUNTIME_AOTLIBRARY_H
