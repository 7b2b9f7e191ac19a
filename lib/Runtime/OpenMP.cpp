//===- OpenMP.cpp - the OpenMP runtime JIT-compiled kernels run on --------===//

#include "kiln/Runtime/OpenMP.h"

#include "OpenMPEnvironment.h"
#include "OpenMPRouter.h"
#include "kiln/Runtime/Error.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"
#include <dlfcn.h>
#include <mutex>

namespace kiln::runtime {

std::string openMPLibrary() { return KILN_LIBOMP; }

llvm::Error loadOpenMP() {
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    kiln_set_openmp_environment(); // libomp reads it when it starts
    // Local: kernels reach libomp through the router only. In the global
    // scope its GNU-ABI symbols would take the place of libgomp's for a
    // PyTorch imported later, whose operators would then run on libomp
    // while the router moves Kiln's to libgomp.
    if (!dlopen(KILN_LIBOMP, RTLD_NOW | RTLD_LOCAL))
      failure = "cannot load the OpenMP runtime " + openMPLibrary() + ": " + dlerror();
  });
  if (!failure.empty())
    return error(failure);
  return llvm::Error::success();
}

llvm::Error startOpenMP() {
  if (llvm::Error e = loadOpenMP())
    return e;
  kiln_omp_start();
  return llvm::Error::success();
}

std::string openMPPool() { return kiln_omp_start(); }

namespace {
bool constantIn(llvm::CallBase *call, unsigned operand, std::initializer_list<int64_t> values) {
  auto *value = llvm::dyn_cast<llvm::ConstantInt>(call->getArgOperand(operand));
  return value && llvm::is_contained(values, value->getSExtValue());
}

/// OpenMPIRBuilder passes a region's captures as one aggregate (or none).
bool capturesAsOne(llvm::CallBase *call) { return constantIn(call, 1, {0, 1}); }

/// schedule(static) without a chunk (libomp's kmp_sch_static, 34) over a
/// loop normalized to step 1 (OpenMPIRBuilder's canonical loops).
bool staticStepOne(llvm::CallBase *call) {
  return constantIn(call, 2, {34}) && constantIn(call, 7, {1});
}

/// A libomp entry point OpenMPIRBuilder calls, the router's function that
/// replaces it, and the form of call the router relies on.
struct RoutedCall {
  const char *kmpc, *kiln;
  void *address;
  bool (*takes)(llvm::CallBase *) = nullptr;
  const char *form = "";
};

const RoutedCall kRoutedCalls[] = {
    {"__kmpc_fork_call", "kiln_omp_fork_call", reinterpret_cast<void *>(kiln_omp_fork_call),
     capturesAsOne, "its captures as one aggregate"},
    {"__kmpc_global_thread_num", "kiln_omp_global_thread_num",
     reinterpret_cast<void *>(kiln_omp_global_thread_num)},
    {"__kmpc_for_static_init_8u", "kiln_omp_for_static_init_8u",
     reinterpret_cast<void *>(kiln_omp_for_static_init_8u), staticStepOne,
     "schedule(static), no chunk, step 1"},
    {"__kmpc_for_static_fini", "kiln_omp_for_static_fini",
     reinterpret_cast<void *>(kiln_omp_for_static_fini)},
    {"__kmpc_barrier", "kiln_omp_barrier", reinterpret_cast<void *>(kiln_omp_barrier)},
};
} // namespace

llvm::Error routeOpenMPCalls(llvm::Module &module) {
  // Every call checked before any is renamed: a module is routed whole or
  // not at all.
  llvm::SmallVector<std::pair<llvm::Function *, const char *>> renames;
  for (llvm::Function &fn : module.functions()) {
    if (!fn.isDeclaration() || !fn.getName().starts_with("__kmpc_") || fn.use_empty())
      continue;
    const RoutedCall *routed = nullptr;
    for (const RoutedCall &r : kRoutedCalls)
      if (fn.getName() == r.kmpc)
        routed = &r;
    if (!routed)
      return error("a kernel calls the OpenMP runtime's " + fn.getName() +
                   ", which Kiln's OpenMP router (lib/Runtime/OpenMPRouter.cpp) does not provide");
    for (llvm::User *user : fn.users()) {
      auto *call = llvm::dyn_cast<llvm::CallBase>(user);
      if (!call || call->getCalledFunction() != &fn || (routed->takes && !routed->takes(call)))
        return error("a kernel calls the OpenMP runtime's " + fn.getName() +
                     " other than as Kiln's OpenMP router takes it (" + routed->form + ")");
    }
    if (module.getFunction(routed->kiln))
      return error(llvm::Twine("a kernel defines ") + routed->kiln +
                   ", a name Kiln's OpenMP router uses");
    renames.emplace_back(&fn, routed->kiln);
  }
  for (auto [fn, name] : renames)
    fn->setName(name);
  return llvm::Error::success();
}

std::vector<std::pair<const char *, void *>> openMPRouterSymbols() {
  std::vector<std::pair<const char *, void *>> symbols;
  for (const RoutedCall &r : kRoutedCalls)
    symbols.emplace_back(r.kiln, r.address);
  return symbols;
}

} // namespace kiln::runtime
