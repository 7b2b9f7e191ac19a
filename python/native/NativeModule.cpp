//===- NativeModule.cpp - kiln._native, the Python extension -------------===//
//
// A thin pybind11 layer over lib/Runtime: compile a module of kiln IR, call
// an entry point over numpy arrays (inputs read in place, outputs written
// into arrays the caller allocated, the GIL released while the kernel runs),
// and ask the dialect for an op's result types.
//
//===----------------------------------------------------------------------===//

#include "kiln/InitKiln.h"
#include "kiln/Runtime/AotCompiler.h"
#include "kiln/Runtime/IRStages.h"
#include "kiln/Runtime/InferTypes.h"
#include "kiln/Runtime/JitModule.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

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

class CompiledModule {
public:
  CompiledModule(const std::string &source, int optLevel) {
    auto ctx = newContext();
    std::string diagnostics;
    mlir::ScopedDiagnosticHandler handler(ctx.get(), [&](mlir::Diagnostic &d) {
      diagnostics += (diagnostics.empty() ? "" : "\n") + d.str();
      return mlir::success();
    });
    auto module = mlir::parseSourceString<mlir::ModuleOp>(source, ctx.get());
    if (!module)
      throw py::value_error(diagnostics.empty() ? "invalid kiln IR" : diagnostics);
    kiln::PipelineOptions options;
    options.optLevel = optLevel;
    auto jit = JitModule::compile(*module, options);
    if (!jit)
      throw std::runtime_error(llvm::toString(jit.takeError()));
    module_ = std::move(*jit);
  }

  py::dict entries() const {
    py::dict out;
    auto specs = [](const std::vector<TensorSpec> &v) {
      py::list l;
      for (const TensorSpec &s : v)
        l.append(py::make_tuple(numpyName(s.dtype), py::tuple(py::cast(s.shape))));
      return l;
    };
    for (auto &e : module_->entries())
      out[py::str(e.getKey().str())] =
          py::make_tuple(specs(e.second.inputs), specs(e.second.outputs));
    return out;
  }

  void run(const std::string &entry, const py::list &inputs, const py::list &outputs) {
    auto it = module_->entries().find(entry);
    if (it == module_->entries().end())
      throw py::value_error("unknown entry '" + entry + "'");
    const Signature &sig = it->second;
    if (inputs.size() != sig.inputs.size() || outputs.size() != sig.outputs.size())
      throw py::value_error("entry '" + entry + "' takes " + std::to_string(sig.inputs.size()) +
                            " inputs and " + std::to_string(sig.outputs.size()) + " outputs");
    std::vector<const void *> in;
    std::vector<void *> out;
    // Arrays are checked, never converted: a converted output would be a
    // temporary and the result lost.
    auto check = [&](py::handle h, const TensorSpec &want, const char *what, size_t i,
                     bool writable) -> py::array {
      if (!py::isinstance<py::array>(h))
        throw py::type_error(std::string(what) + " #" + std::to_string(i) +
                             " must be a numpy array");
      py::array a = py::reinterpret_borrow<py::array>(h);
      std::vector<int64_t> shape(a.shape(), a.shape() + a.ndim());
      if (std::string(py::str(a.dtype())) != numpyName(want.dtype) || shape != want.shape)
        throw py::value_error(std::string(what) + " #" + std::to_string(i) + " must be " +
                              numpyName(want.dtype) + " " + shapeString(want.shape) +
                              ", got " + std::string(py::str(a.dtype())) + " " +
                              shapeString(shape));
      if (!(a.flags() & py::array::c_style))
        throw py::value_error(std::string(what) + " #" + std::to_string(i) +
                              " must be C-contiguous");
      if (writable && !a.writeable())
        throw py::value_error(std::string(what) + " #" + std::to_string(i) +
                              " is read-only");
      return a;
    };
    std::vector<py::array> keep;
    for (size_t i = 0; i < inputs.size(); ++i) {
      keep.push_back(check(inputs[i], sig.inputs[i], "input", i, false));
      in.push_back(keep.back().data());
    }
    for (size_t i = 0; i < outputs.size(); ++i) {
      keep.push_back(check(outputs[i], sig.outputs[i], "output", i, true));
      out.push_back(keep.back().mutable_data());
    }
    llvm::Error e = llvm::Error::success();
    {
      py::gil_scoped_release release;
      e = module_->run(entry, in, out);
    }
    if (e)
      throw std::runtime_error(llvm::toString(std::move(e)));
  }

private:
  std::unique_ptr<JitModule> module_;
};

} // namespace

PYBIND11_MODULE(_native, m) {
  m.doc() = "Kiln's native runtime: compile kiln IR, run it over numpy arrays";
  m.def(
      "infer_result_types",
      [](const std::string &op, const std::vector<std::string> &operandTypes,
         const std::string &properties) {
        auto ctx = newContext();
        auto types = inferResultTypes(*ctx, op, operandTypes, properties);
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
      py::arg("source"), py::arg("stage"), py::arg("opt_level") = 0,
      "The IR of kiln IR `source` after a stage: kiln, linalg, buffers, loops, "
      "llvm (LLVM dialect) or llvm-ir.");
  m.def(
      "compile_shared_object",
      [](const std::string &source, const std::string &path, int optLevel,
         const std::string &header, const std::string &targetCpu) {
        auto ctx = newContext();
        std::string diagnostics;
        mlir::ScopedDiagnosticHandler handler(ctx.get(), [&](mlir::Diagnostic &d) {
          diagnostics += (diagnostics.empty() ? "" : "\n") + d.str();
          return mlir::success();
        });
        auto module = mlir::parseSourceString<mlir::ModuleOp>(source, ctx.get());
        if (!module)
          throw py::value_error(diagnostics);
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
      py::arg("source"), py::arg("path"), py::arg("opt_level") = 0, py::arg("header") = "",
      py::arg("target_cpu") = "native",
      "Compiles kiln IR into a shared object with Kiln's C ABI (and a header).");
  py::class_<CompiledModule>(m, "CompiledModule")
      .def(py::init<const std::string &, int>(), py::arg("source"), py::arg("opt_level") = 0,
           "Compiles kiln IR with kiln-pipeline; ValueError for IR that does not "
           "parse or verify, RuntimeError if lowering fails.")
      .def_property_readonly("entries", &CompiledModule::entries,
                             "{name: ([(dtype, shape) of inputs], [(dtype, shape) of outputs])}")
      .def("run", &CompiledModule::run, py::arg("entry"), py::arg("inputs"), py::arg("outputs"),
           "Runs an entry point; arrays must match the signature exactly and be "
           "C-contiguous; outputs writable. The GIL is released while it runs.");
}
