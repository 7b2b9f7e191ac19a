//===- Strategy.h - tile sizes chosen from the target ---------------------===//
//
// The one place where Kiln decides how to tile a linalg op: outer tiles
// (one scf.forall iteration each, spread over threads, sized to stay in
// cache) and register tiles (the shape one vectorized step computes). The
// kiln-strategy pass records the choice on each op as attributes; the
// tiling and vectorization passes only read them, so pass options (or a
// hand-written attribute) override the model, as IREE keeps strategy apart
// from pipeline.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_TRANSFORMS_STRATEGY_H
#define KILN_TRANSFORMS_STRATEGY_H

#include "kiln/Transforms/Target.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace kiln {

/// Tile sizes per loop of a linalg op (0 = not tiled).
struct TileStrategy {
  /// Outer tiles, one scf.forall iteration each (parallel loops only).
  llvm::SmallVector<int64_t> outer;
  /// Register tiles inside an outer tile; empty when the op is not
  /// vectorized (it then lowers to plain loops).
  llvm::SmallVector<int64_t> registers;
  /// Cache tiles between the two (scf.for, e.g. a contraction's reduction
  /// in slices that keep its operand blocks in L1/L2); 0 = not tiled.
  llvm::SmallVector<int64_t> cache;
};

/// The attributes the strategy leaves on an op.
inline constexpr llvm::StringLiteral kOuterTilesAttr = "kiln.tile_sizes";
inline constexpr llvm::StringLiteral kRegisterTilesAttr = "kiln.register_tiles";
inline constexpr llvm::StringLiteral kCacheTilesAttr = "kiln.cache_tiles";

/// The strategy for `op` (on tensors, or on buffers after bufferization),
/// or nothing when it has dynamic loop ranges.
std::optional<TileStrategy> chooseStrategy(mlir::linalg::LinalgOp op,
                                           const TargetInfo &target);

/// The order of the register-tile loops: for contractions batch, N, M, K
/// (a panel of B stays in L1 while the tile walks down the rows of A);
/// empty for the op's own order.
llvm::SmallVector<int64_t> registerLoopOrder(mlir::linalg::LinalgOp op);

/// How a plain 2-D GEMM, C[m, n] += A[m, k] · B over loops (m, n, k),
/// holds B: B[k, n], or B[n, k] (a linear layer's weight).
enum class GemmB { KN, NK };

/// The layout of B when `op` is such a GEMM (a linalg.matmul or a
/// contraction generic, on tensors), else nothing.
std::optional<GemmB> plainGemm(mlir::linalg::LinalgOp op);

/// A convolution's register tile with its output channels as the vectors:
/// `vectors` vectors of channels by `columns` output columns.
struct ChannelsLastTile {
  int64_t columns, vectors;
};

/// That tile for `channels` output channels (a whole number of vectors of
/// `lanes`) by rows of `width` columns: up to 4 vectors, and as many
/// columns as the SIMD registers hold beside the weights' vectors and a
/// broadcast input, preferring 12 or more accumulators on 32 registers;
/// or nothing when no such tile has 8 accumulators (too few to hide the
/// FMA latency) and the convolution stays on its NCHW path.
std::optional<ChannelsLastTile> channelsLastTile(int64_t channels, int64_t width,
                                                 int64_t lanes, const TargetInfo &target);

/// Whether `op` is a 2-D convolution over loops (n, oh, ow, f, kh, kw, c)
/// writing an NHWC result from a [c, kh, kw, f] weight, output channels
/// innermost in both (what kiln-channels-last-conv makes).
bool isChannelsLastConv(mlir::linalg::LinalgOp op);

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
