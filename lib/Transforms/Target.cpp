//===- Target.cpp - TargetInfo and kiln-set-target ------------------------===//
//
// The host is read here and nowhere else in the passes: its CPU and
// features from LLVM (llvm::sys::getHostCPUName / getHostCPUFeatures), a
// named CPU's features from LLVM's MCSubtargetInfo, cache sizes from sysfs.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Target.h"

#include "kiln/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include <memory>
#include <thread>

namespace kiln {
#define GEN_PASS_DEF_KILNSETTARGET
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace kiln {

// A cache size from sysfs ("32K", "512K", "16M"), or 0.
static int64_t sysfsCacheBytes(int level) {
  for (int index = 0; index < 8; ++index) {
    std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/";
    // As a stream: sysfs files claim a page's size, and a plain read pads
    // their few bytes with NULs to it.
    auto read = [&](const char *name) -> std::string {
      auto buffer = llvm::MemoryBuffer::getFileAsStream(dir + name);
      return buffer ? (*buffer)->getBuffer().trim().str() : "";
    };
    if (read("level") != std::to_string(level) || read("type") == "Instruction")
      continue;
    std::string text = read("size");
    llvm::StringRef size = text;
    int64_t scale = size.consume_back("K") ? 1 << 10 : size.consume_back("M") ? 1 << 20 : 1;
    int64_t value = 0;
    if (!size.getAsInteger(10, value))
      return value * scale;
  }
  return 0;
}

llvm::Expected<const llvm::Target *> nativeTarget() {
  static bool ready = [] {
    llvm::InitializeNativeTarget();
    return true;
  }();
  (void)ready;
  std::string triple = llvm::sys::getProcessTriple(), error;
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(llvm::Triple(triple), error);
  if (!target)
    return llvm::createStringError("no target for " + triple + ": " + error);
  return target;
}

// Vector width and register count from the SIMD features.
static void setVectors(TargetInfo &target, bool avx, bool avx512f) {
  target.vectorBits = avx512f ? 512 : avx ? 256 : 128;
  target.vectorRegisters = avx512f ? 32 : 16;
}

TargetInfo TargetInfo::host() {
  TargetInfo target;
  target.cpu = llvm::sys::getHostCPUName().str();
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  for (const char *feature : {"avx", "avx2", "fma", "avx512f"})
    if (features.lookup(feature))
      target.features += (target.features.empty() ? "+" : ",+") + std::string(feature);
  setVectors(target, features.lookup("avx"), features.lookup("avx512f"));
  if (int64_t l1 = sysfsCacheBytes(1))
    target.l1Bytes = l1;
  if (int64_t l2 = sysfsCacheBytes(2))
    target.l2Bytes = l2;
  target.threads = std::max(1u, std::thread::hardware_concurrency());
  return target;
}

llvm::Expected<TargetInfo> TargetInfo::forCpu(llvm::StringRef cpu, llvm::StringRef features) {
  TargetInfo host = TargetInfo::host();
  if ((cpu.empty() || cpu == "host" || cpu == "native") && features.empty())
    return host;
  llvm::Expected<const llvm::Target *> llvmTarget = nativeTarget();
  if (!llvmTarget)
    return llvmTarget.takeError();
  std::string triple = llvm::sys::getProcessTriple();
  TargetInfo target;
  target.cpu = (cpu.empty() || cpu == "host" || cpu == "native") ? host.cpu : cpu.str();
  target.features = features.str();
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      (*llvmTarget)->createMCSubtargetInfo(llvm::Triple(triple), target.cpu, target.features));
  if (!info || !info->isCPUStringValid(target.cpu))
    return llvm::createStringError("unknown CPU '" + target.cpu + "' for " + triple +
                                   " (try 'host', or a CPU llc-22 -mcpu=help lists)");
  setVectors(target, info->checkFeatures("+avx"), info->checkFeatures("+avx512f"));
  if (target.cpu == host.cpu) {
    target.l1Bytes = host.l1Bytes;
    target.l2Bytes = host.l2Bytes;
  }
  target.threads = host.threads;
  return target;
}

TargetInfo TargetInfo::of(Operation *op) {
  auto module = dyn_cast<ModuleOp>(op);
  if (!module)
    module = op->getParentOfType<ModuleOp>();
  auto attr = module ? module->getAttrOfType<DictionaryAttr>(kTargetAttr) : nullptr;
  TargetInfo target;
  if (!attr)
    return target;
  auto text = [&](StringRef name, std::string &field) {
    if (auto value = attr.getAs<StringAttr>(name))
      field = value.str();
  };
  auto number = [&](StringRef name, auto &field) {
    if (auto value = attr.getAs<IntegerAttr>(name))
      field = value.getInt();
  };
  text("cpu", target.cpu);
  text("features", target.features);
  number("vector_bits", target.vectorBits);
  number("vector_registers", target.vectorRegisters);
  number("l1_bytes", target.l1Bytes);
  number("l2_bytes", target.l2Bytes);
  number("threads", target.threads);
  return target;
}

Attribute TargetInfo::toAttr(MLIRContext *ctx) const {
  Builder b(ctx);
  return b.getDictionaryAttr({
      b.getNamedAttr("cpu", b.getStringAttr(cpu)),
      b.getNamedAttr("features", b.getStringAttr(features)),
      b.getNamedAttr("vector_bits", b.getI64IntegerAttr(vectorBits)),
      b.getNamedAttr("vector_registers", b.getI64IntegerAttr(vectorRegisters)),
      b.getNamedAttr("l1_bytes", b.getI64IntegerAttr(l1Bytes)),
      b.getNamedAttr("l2_bytes", b.getI64IntegerAttr(l2Bytes)),
      b.getNamedAttr("threads", b.getI64IntegerAttr(threads)),
  });
}

} // namespace kiln

namespace {

struct KilnSetTargetPass : kiln::impl::KilnSetTargetBase<KilnSetTargetPass> {
  using KilnSetTargetBase::KilnSetTargetBase;

  void runOnOperation() override {
    llvm::Expected<kiln::TargetInfo> target = kiln::TargetInfo::forCpu(cpu, features);
    if (!target) {
      getOperation().emitError("kiln-set-target: ") << llvm::toString(target.takeError());
      return signalPassFailure();
    }
    if (threads > 0)
      target->threads = threads;
    if (l2KiB > 0)
      target->l2Bytes = int64_t(l2KiB) << 10;
    getOperation()->setAttr(kiln::kTargetAttr, target->toAttr(&getContext()));
  }
};

} // namespace
