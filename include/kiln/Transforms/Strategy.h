//===- Strategy.h - tile sizes chosen from the target ---------------------===//
//
// The one place where Kiln decides how to tile a linalg op: outer tiles
// (one scf.forall iteration each, spread over threads, sized to stay in
// cache), cache tiles, register tiles (the shape one vectorized step
// computes), their loop order and a GEMM's packing of B. The kiln-strategy
// pass records the choice on each op as one #kiln.tiling; the tiling and
// vectorization passes only read it, so pass options (or a hand-written
// attribute) override the model, as IREE's KernelDispatch attaches one
// lowering config that its passes follow.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TRANSFORMS_STRATEGY_H
#define KILN_TRANSFORMS_STRATEGY_H

#include "kiln/Dialect/KilnDialect.h"
#include "kiln/Transforms/Target.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace kiln {

/// Tile sizes per loop of a linalg op (0 = not tiled): what a #kiln.tiling
/// holds, while kiln-strategy builds it.
struct TileStrategy {
  /// Outer tiles, one scf.forall iteration each (parallel loops only).
  llvm::SmallVector<int64_t> outer;
  /// Register tiles inside an outer tile; empty when the op is not
  /// vectorized (it then lowers to plain loops).
  llvm::SmallVector<int64_t> registers;
  /// Cache tiles between the two (scf.for, e.g. a contraction's reduction
  /// in slices that keep its operand blocks in L1/L2); 0 = not tiled.
  llvm::SmallVector<int64_t> cache;
  /// The register-tile loops' order, outermost first; empty = the op's own.
  llvm::SmallVector<int64_t> order;
  /// How a plain GEMM's B is packed, if it is.
  std::optional<GemmB> packB;
  /// Why: one line per decision, for the kiln-strategy remarks.
  llvm::SmallVector<std::string> why;
};

/// Drops the reasons `why` gives for `field` ("outer", "registers"): a
/// later rule replaced its choice.
void forgetReasons(llvm::SmallVector<std::string> &why, llvm::StringRef field);

/// The #kiln.tiling `op` carries, or null.
TilingAttr tilingOf(mlir::Operation *op);

/// Whether kiln-vectorize vectorizes `op`: its tiling has register tiles,
/// or it has no loops and a tiling (a rank-0 op is its own register tile).
bool vectorizes(mlir::linalg::LinalgOp op);

/// Attaches `tiling` to `op`, or removes it when nothing is left in it.
void setTiling(mlir::Operation *op, TilingAttr tiling);

/// The strategy for `op` (on tensors, or on buffers after bufferization),
/// or nothing when it has dynamic loop ranges.
std::optional<TileStrategy> chooseStrategy(mlir::linalg::LinalgOp op,
                                           const TargetInfo &target);

/// The layout of B when `op` is a plain 2-D GEMM, C[m, n] += A[m, k] · B
/// over loops (m, n, k), with B[k, n] or B[n, k] (a linear layer's weight):
/// a linalg.matmul or a contraction generic, on tensors. Else nothing.
std::optional<GemmB> plainGemm(mlir::linalg::LinalgOp op);

/// A convolution's register tile with its output channels as the vectors:
/// `vectors` vectors of channels by `columns` output columns.
struct ChannelsLastTile {
  int64_t columns, vectors;
};

/// That tile for `channels` output channels (a whole number of vectors of
/// `lanes`) by rows of `width` columns: up to 4 vectors, and as many
/// columns as the SIMD registers hold beside the weights' vectors and the
/// inputs (a row of `window` taps' broadcasts, or one input for a
/// depthwise convolution: `window` 0), preferring 12 or more accumulators
/// on 32 registers;
/// or nothing when no such tile has 8 accumulators (too few to hide the
/// FMA latency) and the convolution stays on its NCHW path. Never 3
/// vectors: a row of 48 lanes, the weights broadcast across the columns,
/// LLVM assembled lane by lane (a 3x3 convolution 96 -> 96 on 14 x 14 ran
/// at 8 GFLOPS; a depthwise one 2.6x slower than with 2 vectors).
std::optional<ChannelsLastTile> channelsLastTile(int64_t channels, int64_t width, int64_t window,
                                                 int64_t lanes, const TargetInfo &target);

/// Whether `op` is a 2-D convolution over loops (n, oh, ow, f, kh, kw, c)
/// writing an NHWC result from a [c, kh, kw, f] weight, output channels
/// innermost in both (what kiln-channels-last-conv makes).
bool isChannelsLastConv(mlir::linalg::LinalgOp op);

/// Whether `op` is a depthwise 2-D convolution over loops (n, oh, ow, c,
/// kh, kw) writing an NHWC result from an NHWC input and a [kh, kw, c]
/// weight, channels innermost in all three (what kiln-channels-last-conv
/// makes of a depthwise convolution).
bool isChannelsLastDepthwise(mlir::linalg::LinalgOp op);

/// Whether `op` is a linalg.conv_2d_ngchw_gfchw of one output channel per
/// group (a depthwise convolution: each reads only its own input channels).
bool isDepthwiseConv(mlir::Operation *op);

/// For a copy whose innermost dim reads its input's with a stride,
/// out[..., i] = in[..., s·i + o] (a column phase
/// kiln-decompose-strided-conv gathers), the stride s > 1 and offset o;
/// its other dims read in place.
std::optional<std::pair<int64_t, int64_t>> stridedRowGather(mlir::linalg::LinalgOp op);

/// Whether upstream tiling takes `op`: its indexing maps must not divide
/// (floordiv/mod maps, e.g. a grouped weight reshuffle, get wrong slices).
bool isTileable(mlir::linalg::LinalgOp op);

/// `tiles` fitted to loop ranges `ranges`: each non-zero size becomes the
/// largest divisor of its range not above it, so every tile is full and
/// every tiled op keeps a static shape.
llvm::SmallVector<int64_t> fitTiles(llvm::ArrayRef<int64_t> tiles,
                                    llvm::ArrayRef<int64_t> ranges);

} // namespace kiln

#endif // KILN_TRANSFORMS_STRATEGY_H
