//===- StrategyTest.cpp - the target the strategy reads -------------------===//
//
// kiln-strategy sizes tiles from the module's target, the host's by
// default, whose L2 is read from sysfs. A read that fails keeps the
// defaults without a word (sysfs files claim a page's size; read as a plain
// file, "2048K" came back padded with NULs and never parsed), so the sizes
// are checked against sysfs read another way here. Named CPUs take their
// vectors from LLVM.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Strategy.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include <fstream>
#include <gtest/gtest.h>
#include <string>

namespace {

// The size of cpu0's data or unified cache of `level`, or 0 if sysfs has none.
int64_t sysfsCacheBytes(int level) {
  for (int index = 0; index < 8; ++index) {
    std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/";
    int found = 0;
    std::string type, size;
    std::ifstream(dir + "level") >> found;
    std::ifstream(dir + "type") >> type;
    std::ifstream(dir + "size") >> size;
    if (found != level || type == "Instruction" || size.empty())
      continue;
    int64_t scale = size.back() == 'K' ? 1 << 10 : size.back() == 'M' ? 1 << 20 : 1;
    return std::stoll(size) * scale;
  }
  return 0;
}

TEST(TargetInfo, HostCachesAreSysfsOnes) {
  kiln::TargetInfo defaults, host = kiln::TargetInfo::host();
  int64_t l1 = sysfsCacheBytes(1), l2 = sysfsCacheBytes(2);
  EXPECT_EQ(host.l1Bytes, l1 ? l1 : defaults.l1Bytes);
  EXPECT_EQ(host.l2Bytes, l2 ? l2 : defaults.l2Bytes);
}

TEST(TargetInfo, NamedCpusHaveTheirVectorsAndTheHostsThreads) {
  kiln::TargetInfo host = kiln::TargetInfo::host();
  llvm::Expected<kiln::TargetInfo> haswell = kiln::TargetInfo::forCpu("haswell", "");
  ASSERT_TRUE(bool(haswell)) << llvm::toString(haswell.takeError());
  EXPECT_EQ(haswell->cpu, "haswell");
  EXPECT_EQ(haswell->vectorBits, 256);
  EXPECT_EQ(haswell->vectorRegisters, 16);
  EXPECT_EQ(haswell->threads, host.threads);
  llvm::Expected<kiln::TargetInfo> skx = kiln::TargetInfo::forCpu("skylake-avx512", "");
  ASSERT_TRUE(bool(skx)) << llvm::toString(skx.takeError());
  EXPECT_TRUE(skx->hasAvx512());
  EXPECT_EQ(skx->vectorRegisters, 32);
  // Features on top of the CPU's.
  llvm::Expected<kiln::TargetInfo> narrowed = kiln::TargetInfo::forCpu("skylake-avx512", "-avx512f");
  ASSERT_TRUE(bool(narrowed)) << llvm::toString(narrowed.takeError());
  EXPECT_EQ(narrowed->vectorBits, 256);
}

TEST(TargetInfo, AnUnknownCpuIsAnErrorNamingIt) {
  llvm::Expected<kiln::TargetInfo> target = kiln::TargetInfo::forCpu("pentium-9000", "");
  ASSERT_FALSE(bool(target));
  EXPECT_NE(llvm::toString(target.takeError()).find("pentium-9000"), std::string::npos);
}

TEST(TargetInfo, TheModuleAttributeRoundTrips) {
  mlir::MLIRContext ctx;
  mlir::OwningOpRef<mlir::ModuleOp> module = mlir::ModuleOp::create(mlir::UnknownLoc::get(&ctx));
  // No attribute: the generic defaults, whatever the host.
  kiln::TargetInfo defaults, none = kiln::TargetInfo::of(*module);
  EXPECT_EQ(none.vectorBits, defaults.vectorBits);
  EXPECT_EQ(none.threads, defaults.threads);
  kiln::TargetInfo target = *kiln::TargetInfo::forCpu("skylake-avx512", "");
  target.threads = 3;
  (*module)->setAttr(kiln::kTargetAttr, target.toAttr(&ctx));
  kiln::TargetInfo read = kiln::TargetInfo::of(*module);
  EXPECT_EQ(read.cpu, "skylake-avx512");
  EXPECT_EQ(read.vectorBits, 512);
  EXPECT_EQ(read.threads, 3);
  EXPECT_EQ(read.l2Bytes, target.l2Bytes);
}

} // namespace
