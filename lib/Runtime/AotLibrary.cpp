//===- AotLibrary.cpp - load a shared object kiln-compile wrote -----------===//

#include "kiln/Runtime/AotLibrary.h"

#include "kiln/Runtime/Error.h"

#include <dlfcn.h>

namespace kiln::runtime {

static std::optional<DType> dtypeNamed(llvm::StringRef name) {
  for (DType d : {DType::f32, DType::f64, DType::i32, DType::i64})
    if (name == dtypeName(d))
      return d;
  return std::nullopt;
}

llvm::Expected<std::unique_ptr<AotLibrary>> AotLibrary::load(const std::string &path) {
  std::unique_ptr<AotLibrary> lib(new AotLibrary());
  lib->handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib->handle)
    return error("cannot load " + path + ": " + dlerror());
  std::string missing;
  auto sym = [&](const std::string &name, auto type) {
    void *p = lib->symbol(name);
    if (!p && missing.empty())
      missing = name;
    return reinterpret_cast<decltype(type)>(p);
  };
  auto numEntries = sym("kiln_num_entries", (int (*)()) nullptr);
  auto entryName = sym("kiln_entry_name", (const char *(*)(int)) nullptr);
  for (int e = 0; missing.empty() && e < numEntries(); ++e) {
    std::string entry = entryName(e), base = "kiln_" + entry + "_";
    Signature sig;
    for (auto [kind, specs] : {std::make_pair("input", &sig.inputs),
                               std::make_pair("output", &sig.outputs)}) {
      auto count = sym(base + "num_" + kind + "s", (int (*)()) nullptr);
      auto rank = sym(base + kind + "_rank", (int (*)(int)) nullptr);
      auto shape = sym(base + kind + "_shape", (const int64_t *(*)(int)) nullptr);
      auto dtype = sym(base + kind + "_dtype", (const char *(*)(int)) nullptr);
      if (!missing.empty())
        break;
      for (int i = 0; i < count(); ++i) {
        std::optional<DType> d = dtypeNamed(dtype(i));
        if (!d)
          return error(path + " is not a Kiln library: " + base + kind + "_dtype(" +
                       std::to_string(i) + ") is '" + dtype(i) + "'");
        specs->push_back({*d, std::vector<int64_t>(shape(i), shape(i) + rank(i))});
      }
    }
    lib->packed[entry] = sym(base + "packed", (int (*)(void **)) nullptr);
    lib->signatures[entry] = std::move(sig);
  }
  if (!missing.empty())
    return error(path + " is not a Kiln library: no symbol " + missing);
  return lib;
}

AotLibrary::~AotLibrary() {
  if (handle)
    dlclose(handle);
}

llvm::Error AotLibrary::run(llvm::StringRef entry, llvm::ArrayRef<const void *> inputs,
                            llvm::ArrayRef<void *> outputs) const {
  auto fn = packed.find(entry);
  if (fn == packed.end())
    return error("no entry '" + entry.str() + "'");
  std::vector<void *> args;
  for (const void *p : inputs)
    args.push_back(const_cast<void *>(p));
  args.insert(args.end(), outputs.begin(), outputs.end());
  if (fn->second(args.data()) != 0)
    return error("entry '" + entry.str() + "' failed");
  return llvm::Error::success();
}

std::string AotLibrary::version() const {
  auto fn = reinterpret_cast<const char *(*)()>(symbol("kiln_version"));
  return fn ? fn() : "";
}

void *AotLibrary::symbol(const std::string &name) const { return dlsym(handle, name.c_str()); }

} // namespace kiln::runtime
