//===- NativeModule.cpp - kiln._native, the Python extension -------------===//
//
// A thin pybind11 layer over lib/Runtime: compile a module of kiln IR, call
// an entry point over numpy arrays (inputs read in place, outputs written
// into arrays the caller allocated, the GIL released while the kernel runs),
// and ask the dialect for an op's result types.
//
//===----------------------------------------------------------------------===//

#include "kiln/InitKiln.h"
#include "kiln/Runtime/Allocator.h"
#include "kiln/Runtime/OpenMP.h"
#include "kiln/Runtime/AotCompiler.h"
#include "kiln/Runtime/AotLibrary.h"
#include "kiln/Runtime/IRStages.h"
#include "kiln/Runtime/InferTypes.h"
#include "kiln/Runtime/JitModule.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "llvm/TargetParser/Host.h"


#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace kiln::runtime;

namespace {

const mlir::DialectRegistry &registry() {
  static mlir::DialectRegistry *r = [] {
    auto *reg = new mlir::DialectRegistry();
    kiln::registerAllDialects(*reg);
    return reg;
  }();
  return *r;
}

// One context per compile, without MLIR's thread pool (a process may hold
// thousands of kernels; each context's pool would cost threads).
std::unique_ptr<mlir::MLIRContext> newContext() {
  return std::make_unique<mlir::MLIRContext>(registry(),
                                             mlir::MLIRContext::Threading::DISABLED);
}

const char *numpyName(DType d) { return dtypeName(d); }

/// Parses and verifies kiln IR in `ctx`; ValueError with the diagnostics if
/// it does not.
mlir::OwningOpRef<mlir::ModuleOp> parseKiln(mlir::MLIRContext &ctx, const std::string &source) {
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
    diagnostics += (diagnostics.empty() ? "" : "\n") + d.str();
    return mlir::success();
  });
  auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &ctx);
  if (!module)
    throw py::value_error(diagnostics.empty() ? "invalid kiln IR" : diagnostics);
  return module;
}

/// Entry points with static signatures, called over numpy arrays. Arrays
/// are checked, never converted: a converted output would be a temporary and
/// the result lost.
class Runnable {
public:
  virtual ~Runnable() = default;

  py::dict entries() const {
    py::dict out;
    auto specs = [](const std::vector<TensorSpec> &v) {
      py::list l;
      for (const TensorSpec &s : v)
        l.append(py::make_tuple(numpyName(s.dtype), py::tuple(py::cast(s.shape))));
      return l;
    };
    for (auto &e : signatures)
      out[py::str(e.getKey().str())] =
          py::make_tuple(specs(e.second.inputs), specs(e.second.outputs));
    return out;
  }

  void run(const std::string &entry, const py::list &inputs, const py::list &outputs) {
    auto it = signatures.find(entry);
    if (it == signatures.end())
      throw py::value_error("unknown entry '" + entry + "'");
    const Signature &sig = it->second;
    if (inputs.size() != sig.inputs.size() || outputs.size() != sig.outputs.size())
      throw py::value_error("entry '" + entry + "' takes " + std::to_string(sig.inputs.size()) +
                            " inputs and " + std::to_string(sig.outputs.size()) + " outputs");
    auto check = [&](py::handle h, const TensorSpec &want, const char *what, size_t i,
                     bool writable) -> py::array {
      if (!py::isinstance<py::array>(h))
        throw py::type_error(std::string(what) + " #" + std::to_string(i) +
                             " must be a numpy array");
      py::array a = py::reinterpret_borrow<py::array>(h);
      std::vector<int64_t> shape(a.shape(), a.shape() + a.ndim());
      // Kind, width and native byte order, not the dtype's name: a call's
      // checks cost microseconds when each builds a Python string.
      bool isFloat = want.dtype == DType::f32 || want.dtype == DType::f64;
      py::dtype dtype = a.dtype();
      if (dtype.kind() != (isFloat ? 'f' : 'i') ||
          size_t(dtype.itemsize()) != byteSize(want.dtype) || dtype.byteorder() != '=' ||
          shape != want.shape)
        throw py::value_error(std::string(what) + " #" + std::to_string(i) + " must be " +
                              numpyName(want.dtype) + " " + shapeString(want.shape) +
                              ", got " + std::string(py::str(a.dtype())) + " " +
                              shapeString(shape));
      if (!(a.flags() & py::array::c_style))
        throw py::value_error(std::string(what) + " #" + std::to_string(i) +
                              " must be C-contiguous");
      if (writable && !a.writeable())
        throw py::value_error(std::string(what) + " #" + std::to_string(i) + " is read-only");
      return a;
    };
    std::vector<py::array> keep;
    std::vector<const void *> in;
    std::vector<void *> out;
    for (size_t i = 0; i < inputs.size(); ++i) {
      keep.push_back(check(inputs[i], sig.inputs[i], "input", i, false));
      in.push_back(keep.back().data());
    }
    for (size_t i = 0; i < outputs.size(); ++i) {
      keep.push_back(check(outputs[i], sig.outputs[i], "output", i, true));
      out.push_back(keep.back().mutable_data());
    }
    std::string failure;
    {
      py::gil_scoped_release release;
      failure = invoke(entry, in, out);
    }
    if (!failure.empty())
      throw std::runtime_error(failure);
  }

protected:
  /// Runs a checked call; returns an error message or "".
  virtual std::string invoke(const std::string &entry, const std::vector<const void *> &in,
                             const std::vector<void *> &out) = 0;
  llvm::StringMap<Signature> signatures;
};

/// Kiln IR compiled by kiln-pipeline and the JIT.
class CompiledModule : public Runnable {
public:
  CompiledModule(const std::string &source, int optLevel) {
    auto ctx = newContext();
    auto module = parseKiln(*ctx, source);
    kiln::PipelineOptions options;
    options.optLevel = optLevel;
    auto jit = JitModule::compile(*module, options);
    if (!jit)
      throw std::runtime_error(llvm::toString(jit.takeError()));
    module_ = std::move(*jit);
    signatures = module_->entries();
  }

private:
  std::string invoke(const std::string &entry, const std::vector<const void *> &in,
                     const std::vector<void *> &out) override {
    llvm::Error e = module_->run(entry, in, out);
    return e ? llvm::toString(std::move(e)) : "";
  }
  std::unique_ptr<JitModule> module_;
};

/// A shared object from kiln-compile (or kiln.compile), called through its
/// C ABI; its signatures come from its metadata functions.
class SharedLibrary : public Runnable {
public:
  explicit SharedLibrary(const std::string &path) {
    auto lib = AotLibrary::load(path);
    if (!lib)
      throw std::runtime_error(llvm::toString(lib.takeError()));
    library_ = std::move(*lib);
    signatures = library_->entries();
  }

private:
  std::string invoke(const std::string &entry, const std::vector<const void *> &in,
                     const std::vector<void *> &out) override {
    llvm::Error e = library_->run(entry, in, out);
    return e ? llvm::toString(std::move(e)) : "";
  }
  std::unique_ptr<AotLibrary> library_;
};

} // namespace

PYBIND11_MODULE(_native, m) {
  m.doc() = "Kiln's native runtime: compile kiln IR, run it over numpy arrays";
  // Before any kernel runs, a library from the disk cache included (it
  // links libomp and mallocs its temporaries). A libomp that cannot load is
  // reported by the first compile that needs it.
  kiln::runtime::tuneAllocator();
  llvm::consumeError(kiln::runtime::startOpenMP());
  // MLIR's one-time start-up (the first context, the kiln dialect's ops)
  // happens at import, with the rest of loading libMLIR, not in the first
  // call of a traced function.
  {
    mlir::MLIRContext ctx(mlir::MLIRContext::Threading::DISABLED);
    (void)kiln::runtime::inferResultTypes(ctx, "relu", {"tensor<1xf32>"}, "");
  }
  m.def(
      "infer_result_types",
      [](const std::string &op, const std::vector<std::string> &operandTypes,
         const std::string &properties) {
        // Only the kiln and func dialects, loaded on demand: building the
        // full registry (every upstream dialect and extension) costs a
        // first call several milliseconds, a disk-cache hit most of its time.
        mlir::MLIRContext ctx(mlir::MLIRContext::Threading::DISABLED);
        auto types = inferResultTypes(ctx, op, operandTypes, properties);
        if (!types)
          throw py::value_error(llvm::toString(types.takeError()));
        return *types;
      },
      py::arg("op"), py::arg("operand_types"), py::arg("properties") = "",
      "Result types of kiln.<op> by the dialect's own shape rules; ValueError "
      "with the verifier's message for a call the rules reject.");
  m.def(
      "ir_at_stage",
      [](const std::string &source, const std::string &stage, int optLevel) {
        auto ctx = newContext();
        kiln::PipelineOptions options;
        options.optLevel = optLevel;
        auto text = irAtStage(*ctx, source, stage, options);
        if (!text)
          throw py::value_error(llvm::toString(text.takeError()));
        return *text;
      },
      py::arg("source"), py::arg("stage"), py::arg("opt_level") = 3,
      "The IR of kiln IR `source` after a stage: kiln, linalg, buffers, loops, "
      "llvm (LLVM dialect) or llvm-ir.");
  m.def(
      "compile_shared_object",
      [](const std::string &source, const std::string &path, int optLevel,
         const std::string &header, const std::string &targetCpu) {
        auto ctx = newContext();
        auto module = parseKiln(*ctx, source);
        AotOptions options;
        options.pipeline.optLevel = optLevel;
        options.headerPath = header;
        options.targetCpu = targetCpu;
        options.sourceName = "kiln.compile";
        llvm::Error e = llvm::Error::success();
        {
          py::gil_scoped_release release;
          e = compileSharedObject(*module, path, options);
        }
        if (e)
          throw std::runtime_error(llvm::toString(std::move(e)));
      },
      py::arg("source"), py::arg("path"), py::arg("opt_level") = 3, py::arg("header") = "",
      py::arg("target_cpu") = "native",
      "Compiles kiln IR into a shared object with Kiln's C ABI (and a header).");
  py::class_<Runnable>(m, "Runnable")
      .def_property_readonly("entries", &Runnable::entries,
                             "{name: ([(dtype, shape) of inputs], [(dtype, shape) of outputs])}")
      .def("run", &Runnable::run, py::arg("entry"), py::arg("inputs"), py::arg("outputs"),
           "Runs an entry point; arrays must match the signature exactly and be "
           "C-contiguous; outputs writable. The GIL is released while it runs.");
  py::class_<CompiledModule, Runnable>(m, "CompiledModule")
      .def(py::init<const std::string &, int>(), py::arg("source"), py::arg("opt_level") = 3,
           "Compiles kiln IR with kiln-pipeline and the JIT; ValueError for IR that "
           "does not parse or verify, RuntimeError if lowering fails.");
  py::class_<SharedLibrary, Runnable>(m, "SharedLibrary")
      .def(py::init<const std::string &>(), py::arg("path"),
           "Loads a library from kiln-compile / kiln.compile (RuntimeError if it "
           "cannot be loaded or is not one).");
  m.def(
      "host_cpu",
      [] {
        std::string s = llvm::sys::getHostCPUName().str();
        std::vector<std::string> features;
        for (auto &f : llvm::sys::getHostCPUFeatures())
          if (f.second)
            features.push_back(f.getKey().str());
        std::sort(features.begin(), features.end());
        for (auto &f : features)
          s += "," + f;
        return s;
      },
      "The host CPU and its features, as LLVM names them (part of cache keys).");
  m.def("openmp_pool", &kiln::runtime::openMPPool,
        "The thread pool kernels run their parallel loops on: 'libgomp' (the "
        "process's GNU OpenMP, PyTorch's), 'libomp' (LLVM's, Kiln's own) or "
        "'serial'.");
  m.attr("version") = KILN_VERSION;
}
