//===- StrategyTest.cpp - the strategy sees the host's caches -------------===//
//
// kiln-strategy sizes tiles from the host's L2, read from sysfs. A read
// that fails keeps the defaults without a word (sysfs files claim a page's
// size; read as a plain file, "2048K" came back padded with NULs and never
// parsed), so the sizes are checked against sysfs read another way here.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Strategy.h"

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

TEST(TargetInfo, OptionsOverrideTheHost) {
  kiln::TargetInfo target =
      kiln::TargetInfo::host(/*threads=*/3, /*vectorBits=*/512, /*l2KiB=*/768);
  EXPECT_EQ(target.threads, 3);
  EXPECT_EQ(target.vectorBits, 512);
  EXPECT_EQ(target.vectorRegisters, 32);
  EXPECT_EQ(target.l2Bytes, 768 << 10);
}

} // namespace
