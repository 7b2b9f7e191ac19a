//===- Target.h - the machine a module is compiled for --------------------===//
//
// One description of the target, set on the module once (kiln-set-target)
// as its kiln.target dictionary and read by every pass that sizes tiles,
// vectors or registers, as IREE's KernelDispatch reads its executable
// target: no pass asks the host.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TRANSFORMS_TARGET_H
#define KILN_TRANSFORMS_TARGET_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/Operation.h"
#include "llvm/Support/Error.h"
#include <string>

namespace llvm {
class Target;
} // namespace llvm

namespace kiln {

/// LLVM's target for this process's triple, initialized once; an error
/// names the triple.
llvm::Expected<const llvm::Target *> nativeTarget();

/// What the passes know of the machine. The defaults (no kiln.target on the
/// module) are a generic AVX2 machine of one thread.
struct TargetInfo {
  std::string cpu;           // LLVM's name ("haswell"); empty: generic
  std::string features;      // LLVM features on top of the CPU's
  int vectorBits = 256;      // widest SIMD register (AVX2: 256)
  int vectorRegisters = 16;  // architectural SIMD registers
  int64_t l1Bytes = 32 << 10;
  int64_t l2Bytes = 512 << 10;
  int threads = 1;

  /// Whether the target has AVX-512F (on x86, its 512-bit registers).
  bool hasAvx512() const { return vectorBits >= 512; }

  /// The machine this process runs on: its CPU, the features that decide
  /// Kiln's code (avx, avx2, fma, avx512f), cache sizes from sysfs,
  /// hardware threads.
  static TargetInfo host();

  /// A CPU LLVM names ("haswell", "skylake-avx512"; "host" for this one)
  /// with `features` on top. Its caches are the host's when it is the
  /// host's CPU, else the defaults; threads are the host's. An unknown CPU
  /// is an error naming it.
  static llvm::Expected<TargetInfo> forCpu(llvm::StringRef cpu, llvm::StringRef features);

  /// The target of the module holding `op` (its kiln.target), or the
  /// defaults when it has none.
  static TargetInfo of(mlir::Operation *op);

  /// As the module's kiln.target attribute.
  mlir::Attribute toAttr(mlir::MLIRContext *ctx) const;
};

/// The module attribute holding the target: {cpu, features, vector_bits,
/// vector_registers, l1_bytes, l2_bytes, threads}.
inline constexpr llvm::StringLiteral kTargetAttr = "kiln.target";

} // namespace kiln

#endif // KILN_TRANSFORMS_TARGET_H
