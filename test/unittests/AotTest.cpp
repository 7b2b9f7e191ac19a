//===- AotTest.cpp - shared objects from kiln-compile against goldens ----===//
//
// Compiles golden cases (test/golden) into shared objects through the AOT
// library, dlopens them, reads their metadata and runs their entry point
// over the golden inputs: results must match PyTorch's outputs. Libraries
// are read back with lib/Runtime's AotLibrary, as the Python package does.
//
//===----------------------------------------------------------------------===//

#include "kiln/InitKiln.h"
#include "kiln/Runtime/AotCompiler.h"
#include "kiln/Runtime/AotLibrary.h"
#include "kiln/Runtime/Compare.h"
#include "kiln/Runtime/Npy.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

using namespace kiln::runtime;

namespace {

class Aot : public ::testing::TestWithParam<std::pair<const char *, int>> {};

TEST_P(Aot, SharedObjectMatchesGolden) {
  auto [name, numOutputs] = GetParam();
  std::string dir = std::string(KILN_GOLDEN_DIR) + "/" + name;
  mlir::DialectRegistry registry;
  kiln::registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  auto module = mlir::parseSourceFile<mlir::ModuleOp>(dir + "/case.mlir", &ctx);
  ASSERT_TRUE(module);

  llvm::SmallString<128> so;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("kiln-aot-test", "so", so));
  AotOptions options;
  llvm::Error e = compileSharedObject(*module, std::string(so), options);
  ASSERT_FALSE(bool(e)) << llvm::toString(std::move(e));

  auto lib = AotLibrary::load(std::string(so));
  ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
  EXPECT_EQ((*lib)->version(), "0.1.0");
  auto entryName = reinterpret_cast<const char *(*)(int)>((*lib)->symbol("kiln_entry_name"));
  ASSERT_TRUE(entryName);
  EXPECT_STREQ(entryName(0), name);
  EXPECT_EQ(entryName(1), nullptr);
  auto outputRank = reinterpret_cast<int (*)(int)>((*lib)->symbol(std::string("kiln_") + name +
                                                                   "_output_rank"));
  ASSERT_TRUE(outputRank);
  EXPECT_EQ(outputRank(numOutputs), -1);
  const Signature &sig = (*lib)->entries().find(name)->second;
  ASSERT_EQ(int(sig.outputs.size()), numOutputs);

  std::vector<HostTensor> inputs, goldens, results;
  for (size_t i = 0; i < sig.inputs.size(); ++i) {
    auto t = readNpy(dir + "/in" + std::to_string(i) + ".npy");
    ASSERT_TRUE(bool(t));
    inputs.push_back(std::move(*t));
  }
  for (int i = 0; i < numOutputs; ++i) {
    auto t = readNpy(dir + "/out" + std::to_string(i) + ".npy");
    ASSERT_TRUE(bool(t));
    EXPECT_EQ(sig.outputs[i].shape, t->shape);
    EXPECT_EQ(sig.outputs[i].dtype, t->dtype);
    results.emplace_back(t->dtype, t->shape);
    goldens.push_back(std::move(*t));
  }
  // kiln_<entry>(in..., out...): dispatch on the pointer count used here.
  std::vector<void *> ptrs;
  for (auto &t : inputs)
    ptrs.push_back(t.data());
  for (auto &t : results)
    ptrs.push_back(t.data());
  void *fn = (*lib)->symbol(std::string("kiln_") + name);
  ASSERT_TRUE(fn);
  int rc = -1;
  switch (ptrs.size()) {
  case 2:
    rc = reinterpret_cast<int (*)(void *, void *)>(fn)(ptrs[0], ptrs[1]);
    break;
  case 3:
    rc = reinterpret_cast<int (*)(void *, void *, void *)>(fn)(ptrs[0], ptrs[1], ptrs[2]);
    break;
  case 4:
    rc = reinterpret_cast<int (*)(void *, void *, void *, void *)>(fn)(ptrs[0], ptrs[1],
                                                                       ptrs[2], ptrs[3]);
    break;
  default:
    FAIL() << "unexpected argument count " << ptrs.size();
  }
  EXPECT_EQ(rc, 0);
  // And through the packed form, as the Python package calls it.
  std::vector<HostTensor> packedResults;
  std::vector<const void *> in;
  std::vector<void *> out;
  for (auto &t : inputs)
    in.push_back(t.data());
  for (auto &t : goldens)
    out.push_back(packedResults.emplace_back(t.dtype, t.shape).data());
  llvm::Error runError = (*lib)->run(name, in, out);
  ASSERT_FALSE(bool(runError)) << llvm::toString(std::move(runError));
  for (int i = 0; i < numOutputs; ++i) {
    Comparison c = compare(results[i], goldens[i], 1e-4, 1e-4);
    EXPECT_TRUE(c.pass) << "result #" << i << " max abs error " << c.maxAbsError;
    EXPECT_TRUE(compare(packedResults[i], goldens[i], 1e-4, 1e-4).pass) << "packed #" << i;
  }
  llvm::sys::fs::remove(so);
}

TEST(AotLibrary, AnotherLibraryIsNotAKilnLibrary) {
  auto lib = AotLibrary::load("libm.so.6");
  ASSERT_FALSE(bool(lib));
  EXPECT_EQ(llvm::toString(lib.takeError()),
            "libm.so.6 is not a Kiln library: no symbol kiln_num_entries");
  lib = AotLibrary::load("/nonexistent/libnet.so");
  ASSERT_FALSE(bool(lib));
  EXPECT_NE(llvm::toString(lib.takeError()).find("cannot load /nonexistent/libnet.so"),
            std::string::npos);
}

// A library whose kernels call libomp sets its environment when it is
// loaded, before libomp starts: KILN_NUM_THREADS becomes OMP_NUM_THREADS.
TEST(AotLibrary, LoadingSetsOpenMPThreadsFromKilnNumThreads) {
  mlir::DialectRegistry registry;
  kiln::registerAllDialects(registry);
  mlir::MLIRContext ctx(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(
      "func.func @mm(%a: tensor<256x256xf32>, %b: tensor<256x256xf32>) -> tensor<256x256xf32> {\n"
      "  %r = \"kiln.matmul\"(%a, %b) : (tensor<256x256xf32>, tensor<256x256xf32>) -> "
      "tensor<256x256xf32>\n  return %r : tensor<256x256xf32>\n}\n",
      &ctx);
  ASSERT_TRUE(module);
  llvm::SmallString<128> so;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("kiln-aot-omp", "so", so));
  llvm::Error e = compileSharedObject(*module, std::string(so), AotOptions());
  ASSERT_FALSE(bool(e)) << llvm::toString(std::move(e));
  setenv("KILN_NUM_THREADS", "3", 1);
  unsetenv("OMP_NUM_THREADS");
  auto lib = AotLibrary::load(std::string(so));
  ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
  ASSERT_NE(getenv("OMP_NUM_THREADS"), nullptr);
  EXPECT_STREQ(getenv("OMP_NUM_THREADS"), "3");
  // The setter is the library's own, not exported.
  EXPECT_EQ((*lib)->symbol("kiln_set_openmp_environment"), nullptr);
  EXPECT_TRUE((*lib)->entries().count("mm"));
  llvm::sys::fs::remove(so);
}

INSTANTIATE_TEST_SUITE_P(
    Golden, Aot,
    ::testing::Values(std::make_pair("conv2d_seed_downsample", 1),
                      std::make_pair("max_pool2d_indices_unbatched", 2),
                      std::make_pair("split_seed_size", 3),
                      std::make_pair("embedding_seed", 1), std::make_pair("max_all", 1),
                      // No elements, 0-d tensors, a rounding mode.
                      std::make_pair("split_empty", 2), std::make_pair("cat_empty", 1),
                      std::make_pair("mean_empty_dim", 1), std::make_pair("max_0d_dim", 2),
                      std::make_pair("div_floor", 1)),
    [](const auto &info) { return std::string(info.param.first); });

} // namespace
