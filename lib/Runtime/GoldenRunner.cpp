//===- GoldenRunner.cpp - run an entry point against golden outputs ------===//

#include "kiln/Runtime/GoldenRunner.h"

#include "kiln/InitKiln.h"
#include "kiln/Runtime/Compare.h"
#include "kiln/Runtime/JitModule.h"
#include "kiln/Runtime/Npy.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/SourceMgr.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>

namespace kiln::runtime {

namespace {

// Seeded inputs: floats uniform in [-1, 1), integers in [0, 8).
HostTensor randomTensor(const TensorSpec &spec, std::mt19937_64 &rng) {
  HostTensor t(spec.dtype, spec.shape);
  std::uniform_real_distribution<double> real(-1.0, 1.0);
  std::uniform_int_distribution<int64_t> integer(0, 7);
  for (int64_t i = 0, n = t.numElements(); i < n; ++i) {
    char *p = reinterpret_cast<char *>(t.data()) + i * byteSize(t.dtype);
    switch (t.dtype) {
    case DType::f32: {
      float v = float(real(rng));
      std::memcpy(p, &v, 4);
      break;
    }
    case DType::f64: {
      double v = real(rng);
      std::memcpy(p, &v, 8);
      break;
    }
    case DType::i32: {
      int32_t v = int32_t(integer(rng));
      std::memcpy(p, &v, 4);
      break;
    }
    case DType::i64: {
      int64_t v = integer(rng);
      std::memcpy(p, &v, 8);
      break;
    }
    }
  }
  return t;
}

std::string typeString(const TensorSpec &spec) {
  static const char *names[] = {"f32", "f64", "i32", "i64"};
  std::string s = "tensor<";
  for (int64_t d : spec.shape)
    s += std::to_string(d) + "x";
  return s + names[int(spec.dtype)] + ">";
}

} // namespace

ExitCode runGolden(const RunOptions &o, llvm::raw_ostream &out, llvm::raw_ostream &err) {
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  llvm::SourceMgr sources;
  mlir::SourceMgrDiagnosticHandler diagnostics(sources, &ctx, err);
  std::string fileError;
  auto buffer = mlir::openInputFile(o.file, &fileError);
  if (!buffer) {
    err << "kiln-run: " << fileError << "\n";
    return kUsage;
  }
  sources.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sources, &ctx);
  if (!module)
    return kUsage; // the parser or verifier reported why

  // kiln-run passes every input at every call: it has no use for a prepare
  // entry, so the constant marks that would make one are dropped.
  module->walk([](mlir::func::FuncOp fn) {
    for (unsigned i = 0, e = fn.getNumArguments(); i < e; ++i)
      fn.removeArgAttr(i, "kiln.constant");
  });

  PipelineOptions pipeline;
  pipeline.optLevel = o.optLevel;
  auto start = std::chrono::steady_clock::now();
  auto jit = JitModule::compile(*module, pipeline);
  if (!jit) {
    err << "kiln-run: " << o.file << ": " << llvm::toString(jit.takeError()) << "\n";
    return kUsage;
  }
  double compileMs = std::chrono::duration<double, std::milli>(
                         std::chrono::steady_clock::now() - start)
                         .count();
  auto sig = (*jit)->entries().find(o.entry);
  if (sig == (*jit)->entries().end()) {
    err << "kiln-run: unknown entry '" << o.entry << "' in " << o.file
        << " (entries:";
    for (auto &e : (*jit)->entries())
      err << " " << e.getKey();
    err << ")\n";
    return kUsage;
  }
  const Signature &signature = sig->second;

  std::vector<HostTensor> inputs;
  if (o.randomInputs) {
    std::mt19937_64 rng(o.seed);
    for (const TensorSpec &spec : signature.inputs)
      inputs.push_back(randomTensor(spec, rng));
  } else {
    for (const std::string &path : o.inputs) {
      auto t = readNpy(path);
      if (!t) {
        err << "kiln-run: " << llvm::toString(t.takeError()) << "\n";
        return kUsage;
      }
      inputs.push_back(std::move(*t));
    }
  }
  std::vector<const HostTensor *> inputPtrs;
  for (const HostTensor &t : inputs)
    inputPtrs.push_back(&t);
  if (llvm::Error e = (*jit)->checkInputs(o.entry, inputPtrs)) {
    err << "kiln-run: " << llvm::toString(std::move(e)) << "\n";
    return kUsage;
  }
  if (!o.goldens.empty() && o.goldens.size() != signature.outputs.size()) {
    err << "kiln-run: entry '" << o.entry << "' has " << signature.outputs.size()
        << " results but " << o.goldens.size() << " --golden files were given\n";
    return kUsage;
  }
  std::vector<HostTensor> goldens;
  for (auto [i, path] : llvm::enumerate(o.goldens)) {
    auto t = readNpy(path);
    if (!t) {
      err << "kiln-run: " << llvm::toString(t.takeError()) << "\n";
      return kUsage;
    }
    const TensorSpec &want = signature.outputs[i];
    if (t->dtype != want.dtype || t->shape != want.shape) {
      err << "kiln-run: " << path << ": golden for result #" << i << " is "
          << dtypeName(t->dtype) << " " << shapeString(t->shape) << " but the result is "
          << dtypeName(want.dtype) << " " << shapeString(want.shape) << "\n";
      return kUsage;
    }
    goldens.push_back(std::move(*t));
  }

  std::vector<HostTensor> results;
  std::vector<const void *> in;
  std::vector<void *> res;
  for (const HostTensor &t : inputs)
    in.push_back(t.data());
  for (const TensorSpec &spec : signature.outputs)
    results.emplace_back(spec.dtype, spec.shape);
  for (HostTensor &t : results)
    res.push_back(t.data());

  // One warm-up (which is also the checked run), then the timed runs.
  std::vector<double> times;
  for (int i = 0; i <= std::max(o.repeat, 1); ++i) {
    auto t0 = std::chrono::steady_clock::now();
    if (llvm::Error e = (*jit)->run(o.entry, in, res)) {
      err << "kiln-run: " << llvm::toString(std::move(e)) << "\n";
      return kUsage;
    }
    if (i > 0)
      times.push_back(std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - t0)
                          .count());
  }
  std::sort(times.begin(), times.end());

  out << "entry " << o.entry << ": " << signature.inputs.size() << " inputs, "
      << signature.outputs.size() << " results, compiled in "
      << llvm::format("%.0f", compileMs) << " ms\n";
  bool pass = true;
  for (auto [i, r] : llvm::enumerate(results)) {
    out << "result #" << i << " " << typeString(signature.outputs[i]);
    if (i < goldens.size()) {
      Comparison c = compare(r, goldens[i], o.rtol, o.atol);
      out << llvm::format(": max abs error %.3g, max rel error %.3g, ", c.maxAbsError,
                          c.maxRelError)
          << (c.pass ? "PASS" : "FAIL");
      if (!c.pass) {
        pass = false;
        out << llvm::format(" (%lld of %lld elements outside rtol=%g atol=%g; worst at ",
                            (long long)c.mismatches, (long long)r.numElements(),
                            o.rtol, o.atol)
            << indexString(r.shape, c.worstIndex)
            << llvm::format(": got %.9g, expected %.9g)", r.at(c.worstIndex),
                            goldens[i].at(c.worstIndex));
      }
    }
    out << "\n";
    if (i < o.outputs.size())
      if (llvm::Error e = writeNpy(o.outputs[i], r)) {
        err << "kiln-run: " << llvm::toString(std::move(e)) << "\n";
        return kUsage;
      }
  }
  out << llvm::format("median time %.4f ms over %zu runs\n", times[times.size() / 2],
                      times.size());
  return pass ? kPass : kFail;
}

} // namespace kiln::runtime
