//===- RuntimeTest.cpp - .npy I/O, golden comparison, the JIT module -----===//

#include "kiln/InitKiln.h"
#include "kiln/Runtime/Allocator.h"
#include "kiln/Runtime/Compare.h"
#include "kiln/Runtime/JitModule.h"
#include "kiln/Runtime/Npy.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <gtest/gtest.h>
#include <malloc.h>

using namespace kiln::runtime;

namespace {

HostTensor floats(std::vector<int64_t> shape, std::vector<float> values) {
  HostTensor t(DType::f32, std::move(shape));
  std::memcpy(t.data(), values.data(), values.size() * 4);
  return t;
}

std::string tempPath(const char *name) {
  llvm::SmallString<128> path;
  llvm::sys::path::system_temp_directory(true, path);
  llvm::sys::path::append(path, std::string("kiln-runtime-test-") + name);
  return std::string(path);
}

std::string errorOf(llvm::Expected<HostTensor> t) {
  return t ? "" : llvm::toString(t.takeError());
}

TEST(Npy, RoundTripsEveryDtypeAndRank) {
  for (DType dtype : {DType::f32, DType::f64, DType::i32, DType::i64})
    for (std::vector<int64_t> shape : {std::vector<int64_t>{}, {5}, {2, 3, 4}, {0, 3}}) {
      HostTensor t(dtype, shape);
      auto *bytes = reinterpret_cast<unsigned char *>(t.data());
      for (size_t i = 0; i < t.numBytes(); ++i)
        bytes[i] = (unsigned char)(i * 7 + 3);
      std::string path = tempPath("roundtrip.npy");
      ASSERT_FALSE(bool(writeNpy(path, t)));
      auto back = readNpy(path);
      ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
      EXPECT_EQ(back->dtype, dtype);
      EXPECT_EQ(back->shape, shape);
      if (t.numBytes()) // memcmp of empty (null) buffers is undefined
        EXPECT_EQ(0, std::memcmp(back->data(), t.data(), t.numBytes()));
    }
}

TEST(Npy, RejectsWhatItCannotRead) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  auto image = [](const std::string &h, size_t dataBytes) {
    std::string s = "\x93NUMPY";
    s += char(1);
    s += char(0);
    s += char(h.size() & 0xff);
    s += char(h.size() >> 8);
    return s + h + std::string(dataBytes, '\0');
  };
  EXPECT_EQ(errorOf(parseNpy(image(header, 24), "ok.npy")), "");
  EXPECT_NE(errorOf(parseNpy(image(header, 20), "t.npy")).find("truncated"),
            std::string::npos);
  EXPECT_NE(errorOf(parseNpy("PK\x03\x04 zip", "z.npy")).find("not a .npy file"),
            std::string::npos);
  std::string fortran = header;
  fortran.replace(fortran.find("False"), 5, "True");
  EXPECT_NE(errorOf(parseNpy(image(fortran, 24), "f.npy")).find("Fortran"),
            std::string::npos);
  std::string complex = header;
  complex.replace(complex.find("<f4"), 3, "<c8");
  EXPECT_NE(errorOf(parseNpy(image(complex, 48), "c.npy")).find("unsupported dtype '<c8'"),
            std::string::npos);
  std::string bigEndian = header;
  bigEndian.replace(bigEndian.find("<f4"), 3, ">f4");
  EXPECT_NE(errorOf(parseNpy(image(bigEndian, 24), "b.npy")).find("unsupported dtype"),
            std::string::npos);
  EXPECT_NE(errorOf(readNpy(tempPath("does-not-exist.npy"))).find("cannot read"),
            std::string::npos);
  // A header claiming more data than any file holds is refused before any
  // allocation (a fuzzer find).
  std::string huge = header;
  huge.replace(huge.find("(2, 3)"), 6, "(4294967296, 4294967296, 4)");
  EXPECT_NE(errorOf(parseNpy(image(huge, 24), "h.npy")).find("too large"), std::string::npos);
  std::string empty = header;
  empty.replace(empty.find("(2, 3)"), 6, "(0, 3)");
  EXPECT_EQ(errorOf(parseNpy(image(empty, 0), "e.npy")), "");
}

// ctest runs each test in its own process, so this one sees a fresh malloc.
// Sanitizers replace malloc (and ignore mallopt): nothing to observe there.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST(Allocator, LargeTemporariesStayOnTheHeap) {
  ASSERT_EQ(std::getenv("GLIBC_TUNABLES"), nullptr) << "the user's tuning would win";
  tuneAllocator();
  size_t mappedBefore = mallinfo2().hblkhd;
  void *block = std::malloc(64 << 20); // above glibc's largest dynamic threshold
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(mallinfo2().hblkhd, mappedBefore); // no mmap of its own
  std::free(block);
}
#endif

TEST(Compare, ToleranceNaNAndWorstIndex) {
  HostTensor expected = floats({2, 2}, {1.0f, 2.0f, NAN, INFINITY});
  Comparison same = compare(expected, expected, 1e-5, 1e-6);
  EXPECT_TRUE(same.pass);
  EXPECT_EQ(same.mismatches, 0);

  HostTensor close = floats({2, 2}, {1.000001f, 2.0f, NAN, INFINITY});
  EXPECT_TRUE(compare(close, expected, 1e-5, 1e-6).pass);

  HostTensor off = floats({2, 2}, {1.0f, 2.5f, 0.0f, INFINITY});
  Comparison c = compare(off, expected, 1e-5, 1e-6);
  EXPECT_FALSE(c.pass);
  EXPECT_EQ(c.mismatches, 2);
  EXPECT_EQ(c.worstIndex, 2); // a number where NaN was expected is worst
  EXPECT_DOUBLE_EQ(c.maxAbsError, 0.5);
  EXPECT_EQ(indexString({2, 2}, 2), "(1, 0)");
}

// A JIT module compiled from kiln IR: signatures, a run over host buffers,
// input checking.
class Jit : public ::testing::Test {
protected:
  void SetUp() override {
    mlir::DialectRegistry registry;
    kiln::registerAllDialects(registry);
    ctx = std::make_unique<mlir::MLIRContext>(registry);
  }
  std::unique_ptr<JitModule> compile(const char *source, std::string *error = nullptr) {
    auto module = mlir::parseSourceString<mlir::ModuleOp>(source, ctx.get());
    if (!module)
      return nullptr;
    auto jit = JitModule::compile(*module, kiln::PipelineOptions());
    if (!jit) {
      std::string e = llvm::toString(jit.takeError());
      if (error)
        *error = e;
      return nullptr;
    }
    return std::move(*jit);
  }
  std::unique_ptr<mlir::MLIRContext> ctx;
};

TEST_F(Jit, RunsOverHostBuffers) {
  auto jit = compile(R"(
    func.func @axpy(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>) {
      %0 = kiln.add %y, %x alpha 2.0 : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
      %1 = kiln.sum %0 : (tensor<3xf32>) -> tensor<f32>
      return %0, %1 : tensor<3xf32>, tensor<f32>
    })");
  ASSERT_TRUE(jit);
  const Signature &sig = jit->entries().find("axpy")->second;
  ASSERT_EQ(sig.inputs.size(), 2u);
  ASSERT_EQ(sig.outputs.size(), 2u);
  EXPECT_EQ(sig.outputs[1].shape, std::vector<int64_t>{});

  float x[3] = {1, 2, 3}, y[3] = {10, 20, 30}, out[3] = {}, total = 0;
  ASSERT_FALSE(bool(jit->run("axpy", {x, y}, {out, &total})));
  EXPECT_FLOAT_EQ(out[0], 12);
  EXPECT_FLOAT_EQ(out[2], 36);
  EXPECT_FLOAT_EQ(total, 72);
  // Calls are repeatable and write only the caller's buffers.
  ASSERT_FALSE(bool(jit->run("axpy", {y, x}, {out, &total})));
  EXPECT_FLOAT_EQ(out[0], 21);
}

TEST_F(Jit, ChecksInputsAndEntries) {
  auto jit = compile(R"(
    func.func @neg(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
      %0 = kiln.neg %x : tensor<2x2xf32>
      return %0 : tensor<2x2xf32>
    })");
  ASSERT_TRUE(jit);
  HostTensor good(DType::f32, {2, 2}), wrongShape(DType::f32, {4}), wrongType(DType::f64, {2, 2});
  EXPECT_FALSE(bool(jit->checkInputs("neg", {&good})));
  EXPECT_NE(llvm::toString(jit->checkInputs("neg", {&wrongShape})).find("must be float32 [2, 2]"),
            std::string::npos);
  EXPECT_NE(llvm::toString(jit->checkInputs("neg", {&wrongType})).find("got float64"),
            std::string::npos);
  EXPECT_NE(llvm::toString(jit->checkInputs("neg", {})).find("takes 1 inputs, got 0"),
            std::string::npos);
  EXPECT_NE(llvm::toString(jit->checkInputs("pos", {&good})).find("unknown entry 'pos'"),
            std::string::npos);
  float buffer[4];
  EXPECT_NE(llvm::toString(jit->run("neg", {}, {buffer})).find("takes 1 inputs"),
            std::string::npos);
}

TEST_F(Jit, RejectsDynamicShapesAndBadOptLevels) {
  std::string error;
  EXPECT_FALSE(compile(R"(
    func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
      return %x : tensor<?xf32>
    })", &error));
  EXPECT_NE(error.find("argument #0 has type tensor<?xf32>"), std::string::npos) << error;

  auto module = mlir::parseSourceString<mlir::ModuleOp>(
      "func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> { return %x : tensor<2xf32> }",
      ctx.get());
  kiln::PipelineOptions options;
  options.optLevel = 7;
  auto jit = JitModule::compile(*module, options);
  ASSERT_FALSE(bool(jit));
  EXPECT_NE(llvm::toString(jit.takeError()).find("opt-level=7"), std::string::npos);
}


// A pipeline failure names the pass and the kiln op, carries MLIR's
// diagnostic, and writes a reproducer that kiln-opt takes. The op that
// fails here stands for one the lowering made from kiln.relu: it carries
// kiln.relu's location, as lowered ops do.
TEST_F(Jit, PipelineFailuresNameThePassTheOpAndAReproducer) {
  ctx->allowUnregisteredDialects();
  std::string error;
  EXPECT_FALSE(compile(R"(
    func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
      %0 = kiln.relu %x : tensor<4xf32> loc("model.py":7:3)
      %1 = kiln.neg %0 : tensor<4xf32> loc("model.py":8:3)
      %2 = "test.unlowerable"(%1) : (tensor<4xf32>) -> tensor<4xf32> loc("model.py":7:3)
      return %2 : tensor<4xf32>
    })", &error));
  EXPECT_NE(error.find("kiln-pipeline failed in pass 'kiln-bufferize' on kiln.relu : "
                       "(tensor<4xf32>) -> (tensor<4xf32>)"),
            std::string::npos) << error;
  EXPECT_EQ(error.find("kiln.neg"), std::string::npos) << error;
  EXPECT_NE(error.find("op was not bufferized"), std::string::npos) << error;
  size_t at = error.find("reproduce with: kiln-opt ");
  ASSERT_NE(at, std::string::npos) << error;
  std::string path = error.substr(at + 25, error.find(' ', at + 25) - at - 25);
  auto reproducer = llvm::MemoryBuffer::getFile(path);
  ASSERT_TRUE(bool(reproducer)) << path;
  EXPECT_NE((*reproducer)->getBuffer().find("kiln.relu"), llvm::StringRef::npos);
  EXPECT_NE(error.find("--kiln-pipeline=\"opt-level=3 target-cpu=host stop-after=llvm\""), std::string::npos) << error;
  llvm::sys::fs::remove(path);
}

} // namespace
