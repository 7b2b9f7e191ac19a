//===- Strategy.cpp - tile sizes from the target, and kiln-strategy -------===//
//
// The cost model is deliberately small: register tiles fill the SIMD
// registers without spilling (a 4 x 2-vector accumulator for contractions
// on AVX2, 8 x 2 on AVX-512; convolutions up to three quarters of the
// registers), outer tiles give every thread a few tiles and keep a tile's
// output within half of L2, so a fused consumer reads its producer from
// cache. Every size divides its loop, so tiles keep static shapes.
//
// Each decision is reported, with its reason, as an MLIR optimization
// remark of category kiln-strategy (`kiln-opt --remarks-filter=kiln-strategy
// --remark-format=emitRemark`): Debian's LLVM is built without assertions,
// so LLVM_DEBUG and -debug-only do not exist in it.
//
//===----------------------------------------------------------------------===//

#include "kiln/Transforms/Strategy.h"

#include "kiln/Transforms/Passes.h"

#include "StaticConv.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/Remarks.h"
#include "llvm/Support/FormatVariadic.h"

namespace kiln {
#define GEN_PASS_DEF_KILNSTRATEGY
#include "kiln/Transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;
using llvm::SmallVector;

namespace kiln {

// The cost model's constants, each with the reason for its value.

/// Outer tiles per thread: with a few each, an uneven last tile or a core
/// busy elsewhere does not leave the other threads idle at the end.
constexpr int64_t kTilesPerThread = 4;
/// An op of fewer iterations is not split for threads, nor worth
/// recomputing what it reads in every tile of its own (a running
/// statistics update).
constexpr int64_t kMinTiledWork = 4096;
/// Longest reduction row reduced in registers (whole, or a vector per step
/// into a vector accumulator); a longer one goes in chunks of kRowChunk.
constexpr int64_t kLongestRegisterRow = 4096;
/// A long row's chunk: each chunk a tree of vector adds, faster than one
/// accumulator's chain of dependent adds along the whole row.
constexpr int64_t kRowChunk = 1024;
/// A parallel row with no divisor of a vector or more (201 = 3 x 67) is
/// taken whole up to this many vectors: a few vectors and a masked tail,
/// not slivers of 3.
constexpr int64_t kWholeRowVectors = 32;
/// A pooling row's register tile, in vectors: a strided row is read once
/// and its taps shuffled out, so the longer the row, the fewer reads.
constexpr int64_t kPoolVectors = 4;
/// GEMM blocking in Goto's manner: a reduction slice of 256 keeps the A
/// block (rows x 256) in L2 and a 256 x 2-vector panel of B in L1.
constexpr int64_t kGemmSlice = 256;
/// Rows of C per block of A (a cache tile of m): 128 x 256 floats of A,
/// 128 KiB, half of a 256 KiB L2.
constexpr int64_t kGemmRowBlock = 128;
/// Columns of C per outer tile: with kGemmRowBlock rows, 128 KiB of C.
constexpr int64_t kGemmColumns = 256;
/// Rows of a packed GEMM's outer tile: every block of them reads B's slice
/// packed once, so the more rows, the better the packing pays.
constexpr int64_t kPackedRows = 2048;
/// Input channels a channels-last convolution takes at a time: all the
/// taps' weights for them (36 KiB at 64 output channels, f32) stay in L1
/// while the register tile walks the row.
constexpr int64_t kConvChannelSlice = 16;

void forgetReasons(SmallVector<std::string> &why, StringRef field) {
  llvm::erase_if(why, [&](const std::string &reason) {
    return StringRef(reason).starts_with((field + ":").str());
  });
}

// The largest divisor of `range` that is at most `size`.
static int64_t largestDivisor(int64_t range, int64_t size) {
  for (int64_t d = std::min(size, range); d > 1; --d)
    if (range % d == 0)
      return d;
  return 1;
}

// The largest multiple of `step` that divides `range` (a multiple of it)
// and is at most `size` (at least `step`): a tile of whole register steps
// or vectors. fitTile keeps an alignment of at most 8 elements, half a
// vector of f32 on AVX-512, which is why its callers that need whole
// vectors take this instead.
static int64_t wholeSteps(int64_t range, int64_t step, int64_t size) {
  return step * largestDivisor(range / step, std::max<int64_t>(1, size / step));
}

// The tile size for `range` nearest below `tile` that divides it, keeping
// the alignment of `tile` (up to 8) when it can: 56 columns asked in
// 16s get 8s (whole vectors), not 14s.
static int64_t fitTile(int64_t tile, int64_t range) {
  int64_t align = std::min<int64_t>(tile & -tile, 8);
  for (int64_t d = std::min(tile, range); d > 1; --d)
    if (range % d == 0 && d % align == 0)
      return d;
  return largestDivisor(range, tile);
}

SmallVector<int64_t> fitTiles(llvm::ArrayRef<int64_t> tiles, llvm::ArrayRef<int64_t> ranges) {
  SmallVector<int64_t> fitted;
  for (auto [tile, range] : llvm::zip(tiles, ranges))
    fitted.push_back(tile == 0 || tile >= range ? 0 : fitTile(tile, range));
  return fitted;
}

bool isTileable(linalg::LinalgOp op) {
  for (AffineMap map : op.getIndexingMapsArray())
    for (AffineExpr expr : map.getResults()) {
      bool divides = false;
      expr.walk([&](AffineExpr e) {
        divides |= e.getKind() == AffineExprKind::Mod ||
                   e.getKind() == AffineExprKind::FloorDiv ||
                   e.getKind() == AffineExprKind::CeilDiv;
      });
      if (divides)
        return false;
    }
  return true;
}

static bool isParallel(utils::IteratorType t) { return t == utils::IteratorType::parallel; }

// A convolution's register tile: `rows` output channels by `vectors`
// vectors of output columns, as many accumulators as fit in three
// quarters of the SIMD registers (the rest hold an input row and the
// broadcast weights), both dividing their loops. Channel counts without a
// small divisor (33 = 3 x 11) take more rows and one vector rather than a
// 3 x 2 tile too small to hide the FMA latency.
static SmallVector<int64_t> convRegisterTiles(int64_t channels, int64_t width, int64_t lanes,
                                              const TargetInfo &target) {
  int64_t budget = target.vectorRegisters * 3 / 4;
  int64_t bestRows = 1, bestVectors = 1;
  for (int64_t vectors : {2, 1}) {
    if (vectors > 1 && width % (vectors * lanes) != 0)
      continue;
    int64_t rows = largestDivisor(channels, budget / vectors);
    if (rows * vectors > bestRows * bestVectors)
      bestRows = rows, bestVectors = vectors;
  }
  return {1, bestRows, 1, bestVectors * lanes, 1, 1, 1};
}

std::optional<ChannelsLastTile> channelsLastTile(int64_t channels, int64_t width, int64_t window,
                                                 int64_t lanes, const TargetInfo &target) {
  if (lanes <= 1 || channels % lanes != 0)
    return std::nullopt;
  // The most vectors of channels (the fewest loads per FMA) that leave
  // room for 12 accumulators on AVX-512, else for 8: rows of 7 take 7 x 2,
  // not 1 x 4: the larger tile is the faster, its more independent
  // accumulators hiding the FMA latency. Beside the accumulators and the
  // weights' vectors, LLVM keeps a row's broadcast inputs in registers
  // (columns + window - 1 of them: a tap's inputs are the last tap's
  // shifted by one); past 32, rows of 14 as 14 x 2 spilled and ran 1.4-1.7x
  // slower than as 7 x 2 on a Zen 4 (256 -> 256 channels, 3 x 3).
  for (int64_t wanted : {std::max(8, target.vectorRegisters * 3 / 8), 8}) {
    for (int64_t vectors : {4, 2, 1}) {
      if ((channels / lanes) % vectors != 0)
        continue;
      int64_t most = window == 0
                         ? (target.vectorRegisters - vectors - 1) / vectors
                         : (target.vectorRegisters - vectors - (window - 1)) / (vectors + 1);
      int64_t columns = largestDivisor(width, std::max<int64_t>(1, most));
      if (columns * vectors >= wanted)
        return ChannelsLastTile{columns, vectors};
    }
  }
  return std::nullopt;
}

bool isDepthwiseConv(Operation *op) {
  auto conv = dyn_cast_or_null<linalg::Conv2DNgchwGfchwOp>(op);
  return conv && cast<ShapedType>(conv.getDpsInits()[0].getType()).getDimSize(2) == 1;
}

// Whether `op` is a windowed op over `loops` loops, the first four
// parallel (n, oh, ow, and the channels of its NHWC result), the others
// reductions, reading its weight by dims `weight` and its input's dim
// `channelDim` by loop `channel` (the input's dim 0 by n).
static bool isChannelsLastWindow(linalg::LinalgOp op, unsigned loops, ArrayRef<unsigned> weight,
                                 unsigned channelDim, unsigned channel) {
  using utils::IteratorType;
  if (op.getNumLoops() != loops || op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return false;
  SmallVector<IteratorType> iterators = op.getIteratorTypesArray();
  if (!llvm::all_of(ArrayRef(iterators).take_front(4), isParallel) ||
      llvm::any_of(ArrayRef(iterators).drop_front(4), isParallel))
    return false;
  MLIRContext *ctx = op.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineExpr> weightExprs = llvm::map_to_vector(weight, d);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  AffineMap input = maps[0];
  return maps[2] == AffineMap::get(loops, 0, {d(0), d(1), d(2), d(3)}, ctx) &&
         maps[1] == AffineMap::get(loops, 0, weightExprs, ctx) && input.getNumResults() == 4 &&
         input.getResult(0) == d(0) && input.getResult(channelDim) == d(channel);
}

bool isChannelsLastConv(linalg::LinalgOp op) { // n oh ow f kh kw c
  return isChannelsLastWindow(op, 7, {6, 4, 5, 3}, 1, 6);
}

bool isChannelsLastDepthwise(linalg::LinalgOp op) { // n oh ow c kh kw
  return isChannelsLastWindow(op, 6, {4, 5, 3}, 3, 3);
}

std::optional<std::pair<int64_t, int64_t>> stridedRowGather(linalg::LinalgOp op) {
  unsigned loops = op.getNumLoops();
  if (loops == 0 || op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != loops ||
      !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity())
    return std::nullopt;
  // Whole bytes per element: a vector of i1 would be read as packed bits.
  Type element = getElementTypeOrSelf(op.getDpsInitOperand(0)->get().getType());
  if (!element.isIntOrFloat() || element.getIntOrFloatBitWidth() < 8)
    return std::nullopt;
  Block *body = op.getBlock();
  auto yield = cast<linalg::YieldOp>(body->getTerminator());
  if (&body->front() != yield.getOperation() ||
      yield.getValues() != ValueRange(body->getArgument(0)))
    return std::nullopt;
  AffineMap read = op.getMatchingIndexingMap(op.getDpsInputOperand(0));
  if (read.getNumResults() != loops)
    return std::nullopt;
  for (unsigned d = 0; d + 1 < loops; ++d)
    if (read.getResult(d) != getAffineDimExpr(d, op.getContext()))
      return std::nullopt;
  // s·i + o: a sum of (i · s) and o, or i · s alone.
  AffineExpr inner = read.getResults().back();
  int64_t offset = 0;
  if (auto sum = dyn_cast<AffineBinaryOpExpr>(inner);
      sum && sum.getKind() == AffineExprKind::Add) {
    auto constant = dyn_cast<AffineConstantExpr>(sum.getRHS());
    if (!constant)
      return std::nullopt;
    offset = constant.getValue();
    inner = sum.getLHS();
  }
  auto product = dyn_cast<AffineBinaryOpExpr>(inner);
  if (!product || product.getKind() != AffineExprKind::Mul ||
      product.getLHS() != getAffineDimExpr(loops - 1, op.getContext()))
    return std::nullopt;
  auto stride = dyn_cast<AffineConstantExpr>(product.getRHS());
  if (!stride || stride.getValue() <= 1 || offset < 0)
    return std::nullopt;
  return std::make_pair(stride.getValue(), offset);
}

// Whether every row `op` reads is in cache when it runs: computed by an op
// fused before it, or read already by an earlier op (a second pass over the
// same rows, as layer_norm's variance after its mean).
static bool readsCachedRows(linalg::LinalgOp op) {
  return llvm::all_of(op.getDpsInputOperands(), [&](OpOperand *input) {
    Value rows = input->get();
    if (!isa<RankedTensorType>(rows.getType()) || rows.getDefiningOp<linalg::LinalgOp>())
      return true;
    return llvm::any_of(rows.getUsers(), [&](Operation *user) {
      return user != op && isa<linalg::LinalgOp>(user) && user->getBlock() == op->getBlock() &&
             user->isBeforeInBlock(op);
    });
  });
}

// For a pointwise op whose output is in loop order, the loop innermost in
// an input it reads by a permutation that does not keep the op's innermost
// loop innermost.
static std::optional<unsigned> transposedLoop(linalg::LinalgOp op) {
  unsigned loops = op.getNumLoops();
  if (op.getNumReductionLoops() != 0 || op.getNumDpsInits() != 1 || loops < 2 ||
      !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity())
    return std::nullopt;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (!map.isPermutation())
      continue;
    unsigned across = cast<AffineDimExpr>(map.getResults().back()).getPosition();
    if (across != loops - 1)
      return across;
  }
  return std::nullopt;
}

// Register tiles: the shape one vectorized step computes, or nothing when
// the vectorizer cannot take the op.
static std::optional<SmallVector<int64_t>>
chooseRegisterTiles(linalg::LinalgOp op, ArrayRef<int64_t> ranges, int64_t lanes,
                    const TargetInfo &target, SmallVector<std::string> &why) {
  auto because = [&](auto &&...args) { why.push_back(llvm::formatv(args...).str()); };
  size_t loops = ranges.size();
  if (loops == 0)
    return std::nullopt;
  // Accumulators take half the SIMD registers, two vectors per row (the
  // rest hold the operands): 4 rows on AVX2, 8 on AVX-512.
  int64_t rows = std::max(1, target.vectorRegisters / 4);
  // 2-D windows: one output row and one kernel tap per step, so the tile
  // is a 1-D convolution / pooling (or, at stride 1, a pointwise update)
  // that the vectorizer takes. Convolutions accumulate vectors of output
  // columns by output channels in registers; a pooling has one channel and
  // a row of up to 4 vectors (a strided row is read once, its taps
  // shuffled out: the longer the row, the fewer reads).
  if (isa<linalg::Conv2DNchwFchwOp>(op)) { // n f oh ow c kh kw
    because("registers: NCHW convolution, output channels by vectors of columns in 3/4 of "
            "{0} registers",
            target.vectorRegisters);
    return convRegisterTiles(ranges[1], ranges[3], lanes, target);
  }
  // Grouped (depthwise at one channel per group): the same tile per group,
  // and where a group's output channels leave registers over (a depthwise
  // convolution's one), rows of several groups, each reading its own input
  // row. Width-strided ones were split into phases of stride 1
  // (kiln-decompose-strided-conv) unless a phase would read past the input.
  if (auto grouped = dyn_cast<linalg::Conv2DNgchwGfchwOp>(op.getOperation());
      grouped && alongWidth(grouped.getStrides()) == 1) { // n g f oh ow c kh kw
    SmallVector<int64_t> perGroup = convRegisterTiles(ranges[2], ranges[4], lanes, target);
    int64_t channels = perGroup[1], columns = perGroup[3];
    int64_t budget = target.vectorRegisters * 3 / 4;
    int64_t groups = largestDivisor(ranges[1], budget / (channels * (columns / lanes)));
    because("registers: grouped convolution, {0} groups x {1} output channels by vectors of "
            "columns in 3/4 of {2} registers",
            groups, channels, target.vectorRegisters);
    return SmallVector<int64_t>{1, groups, channels, 1, columns, 1, 1, 1};
  }
  // Channels-last: a block of output columns by up to 4 vectors of output
  // channels per input channel and tap, the inputs broadcast one by one.
  if (isChannelsLastConv(op)) // n oh ow f kh kw c
    if (std::optional<ChannelsLastTile> tile =
            channelsLastTile(ranges[3], ranges[2], ranges[5], lanes, target)) {
      because("registers: channels-last convolution, {0} columns x {1} vectors of output "
              "channels",
              tile->columns, tile->vectors);
      return SmallVector<int64_t>{1, 1, tile->columns, tile->vectors * lanes, 1, 1, 1};
    }
  // A channels-last depthwise convolution: a block of output columns by
  // vectors of channels, each tap's input vectors read (not broadcast) and
  // multiplied by the tap's weight vector, broadcast across the columns.
  if (isChannelsLastDepthwise(op)) // n oh ow c kh kw
    if (std::optional<ChannelsLastTile> tile =
            channelsLastTile(ranges[3], ranges[2], /*window=*/0, lanes, target)) {
      because("registers: channels-last depthwise convolution, {0} columns x {1} vectors of "
              "channels",
              tile->columns, tile->vectors);
      return SmallVector<int64_t>{1, 1, tile->columns, tile->vectors * lanes, 1, 1};
    }
  // A strided copy of rows: a row per step, 16 lanes at a time picked out
  // of reads of the row (kiln-vectorize).
  if (stridedRowGather(op)) {
    because("registers: a strided copy, a row per step, its lanes picked out of whole reads");
    SmallVector<int64_t> tiles(loops, 1);
    tiles.back() = 0;
    return tiles;
  }
  if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op)) { // n c oh ow kh kw
    because("registers: pooling, a row of {0} vectors per step", kPoolVectors);
    return SmallVector<int64_t>{1, 1, 1, kPoolVectors * lanes, 1, 0};
  }
  if (failed(linalg::vectorizeOpPrecondition(op, {}, {}, /*vectorizeNDExtract=*/true))) {
    because("registers: none, linalg::vectorize does not take this op (it lowers to loops)");
    return std::nullopt;
  }

  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> tiles(loops, 1);
  // Contractions: a rows x 2-vector block of the result per reduction
  // step, the accumulator kept in registers.
  if (linalg::isaContractionOpInterface(op)) {
    FailureOr<linalg::ContractionDimensions> dims = linalg::inferContractionDims(op);
    if (succeeded(dims) && !dims->m.empty() && !dims->n.empty()) {
      tiles[dims->m.back()] = rows;
      tiles[dims->n.back()] = 2 * lanes;
      because("registers: contraction, {0} rows x 2 vectors of accumulators (half of {1} "
              "registers)",
              rows, target.vectorRegisters);
      return tiles;
    }
  }
  // A pointwise op reading an input with another loop innermost (a
  // channels-last convolution's result, read back as NCHW): squares of
  // lanes x lanes, each read as whole rows and transposed by shuffles
  // (kiln-vectorize), not gathered element by element along the row.
  if (std::optional<unsigned> across = transposedLoop(op)) {
    tiles.back() = lanes;
    tiles[*across] = lanes;
    because("registers: reads an input transposed, squares of {0} x {0} transposed by shuffles",
            lanes);
    return tiles;
  }
  // Anything else: vectors along the innermost loop. A parallel one gives
  // 4 independent vectors per step. A lone reduction over 8 vectors to 4096
  // contiguous elements (each input reads it as its innermost dim, or not
  // at all) runs a vector per step into a vector accumulator (kiln-vectorize
  // splits a reduction loop tiled to 2..64), merged once after the loop:
  // as one vector<768xf32> a layer_norm row took 48 registers and spilled.
  // One accumulator for rows streamed from memory: with it a layer_norm
  // keeps pace with a relu over the same rows, while with 4 it was clearly
  // slower on an AMD EPYC. Rows already in cache take 4 (4 vectors a step):
  // one accumulator's add latency would bound the pass (softmax's sum of
  // its exps).
  // Longer rows keep chunks of 1024, each a tree of vector adds, faster
  // than one accumulator's chain of dependent adds along the whole row;
  // strided ones, whose vectors would be gathered, are not split.
  // Shorter reductions are vectorized whole (a tree of vector adds). A row
  // whose length has no divisor of a vector or more (201 = 3 x 67) is
  // taken whole, a few vectors and a masked tail, not in slivers of 3.
  unsigned inner = loops - 1;
  auto innermostWhereRead = [&](unsigned dim) {
    AffineExpr expr = getAffineDimExpr(dim, op.getContext());
    return llvm::all_of(op.getIndexingMapsArray(), [&](AffineMap map) {
      return !map.isFunctionOfDim(dim) ||
             (map.getNumResults() > 0 && map.getResults().back() == expr);
    });
  };
  if (isParallel(iterators[inner])) {
    bool whole =
        fitTile(4 * lanes, ranges[inner]) < lanes && ranges[inner] <= kWholeRowVectors * lanes;
    tiles[inner] = whole ? 0 : 4 * lanes;
    because(whole ? "registers: innermost loop of {0} whole (no divisor of a vector or more)"
                  : "registers: 4 vectors along the innermost loop of {0}",
            ranges[inner]);
  } else if (op.getNumReductionLoops() == 1 && op.getNumDpsInits() == 1 &&
             ranges[inner] > 8 * lanes && ranges[inner] <= kLongestRegisterRow &&
             ranges[inner] % lanes == 0 && innermostWhereRead(inner)) {
    bool cached = readsCachedRows(op) && ranges[inner] % (4 * lanes) == 0;
    tiles[inner] = cached ? 4 * lanes : lanes;
    because(cached ? "registers: row of {0} in cache, 4 vector accumulators"
                   : "registers: row of {0} streamed from memory, one vector accumulator",
            ranges[inner]);
  } else if (ranges[inner] > kLongestRegisterRow) {
    tiles[inner] = kRowChunk;
    because("registers: row of {0}, in chunks of {1}", ranges[inner], kRowChunk);
  } else {
    // Innermost reductions that are every input's innermost dims, in order,
    // taken whole together: a mean over 7 x 7 is one vector reduction of 49
    // (kiln-vectorize flattens the transfer), not 7 of 7.
    auto trailingInAllInputs = [&](int64_t first) {
      return llvm::all_of(op.getDpsInputOperands(), [&](OpOperand *input) {
        AffineMap map = op.getMatchingIndexingMap(input);
        int64_t count = loops - first, results = map.getNumResults();
        if (results < count)
          return false;
        for (int64_t i = 0; i < count; ++i)
          if (map.getResult(results - count + i) != getAffineDimExpr(first + i, op.getContext()))
            return false;
        return true;
      });
    };
    int64_t whole = ranges[inner];
    tiles[inner] = 0;
    for (int64_t d = int64_t(inner) - 1; d >= 0 && !isParallel(iterators[d]) &&
                                         whole * ranges[d] <= kLongestRegisterRow &&
                                         trailingInAllInputs(d);
         --d) {
      whole *= ranges[d];
      tiles[d] = 0;
    }
    because("registers: reduction of {0} taken whole (a tree of vector adds)", whole);
  }
  return tiles;
}

// Outer tiles over the parallel loops: enough tiles to balance the threads,
// then smaller until a tile's output fits in half of L2 (for a reduction,
// what one output reads: passes fused over the same rows, such as a max and
// then its index, find them in cache), in whole register tiles
// (`registers`, possibly empty) so the vectorized step keeps its shape.
static SmallVector<int64_t> chooseOuterTiles(ArrayRef<int64_t> ranges,
                                             ArrayRef<utils::IteratorType> iterators,
                                             ArrayRef<int64_t> registers, int64_t elementBytes,
                                             int64_t readPerOutput, const TargetInfo &target,
                                             SmallVector<std::string> &why) {
  size_t loops = ranges.size();
  SmallVector<int64_t> extents(ranges); // of one tile
  // A tiny op (say, a running-statistics update) is not worth a parallel
  // region, nor worth recomputing what it reads in every tile of its own.
  int64_t work = 1;
  for (int64_t r : ranges)
    work *= r;
  // The largest extent of loop d up to `bound` in whole register tiles
  // (any divisor when the register tile does not divide the loop).
  auto wholeTiles = [&](size_t d, int64_t bound) {
    int64_t step = d < registers.size() ? std::max<int64_t>(registers[d], 1) : 1;
    if (ranges[d] % step != 0)
      step = 1;
    return step * largestDivisor(ranges[d] / step, std::max<int64_t>(1, bound / step));
  };
  int64_t wanted =
      target.threads > 1 && work >= kMinTiledWork ? kTilesPerThread * target.threads : 1;
  int64_t tiles = 1;
  for (size_t d = 0; d < loops && tiles < wanted; ++d) {
    if (!isParallel(iterators[d]))
      continue;
    int64_t want = (wanted + tiles - 1) / tiles;
    extents[d] = wholeTiles(d, (ranges[d] + want - 1) / want);
    tiles *= ranges[d] / extents[d];
  }
  auto outputBytes = [&] {
    int64_t bytes = elementBytes * readPerOutput;
    for (size_t d = 0; d < loops; ++d)
      if (isParallel(iterators[d]))
        bytes *= extents[d];
    return bytes;
  };
  for (size_t d = 0; d + 1 < loops && outputBytes() > target.l2Bytes / 2; ++d) {
    if (!isParallel(iterators[d]) || extents[d] == 1)
      continue;
    int64_t rest = outputBytes() / extents[d];
    extents[d] = std::min(extents[d], wholeTiles(d, target.l2Bytes / 2 / rest));
  }
  why.push_back(llvm::formatv("outer: {0} tiles wanted for {1} threads, a tile's output "
                              "(and what it reads) {2} bytes, within half of L2 ({3})",
                              wanted, target.threads, outputBytes(), target.l2Bytes / 2)
                    .str());
  SmallVector<int64_t> sizes;
  for (size_t d = 0; d < loops; ++d)
    sizes.push_back(isParallel(iterators[d]) && extents[d] < ranges[d] ? extents[d] : 0);
  return sizes;
}

TilingAttr tilingOf(Operation *op) { return op->getAttrOfType<TilingAttr>(kTilingAttrName); }

bool vectorizes(linalg::LinalgOp op) {
  TilingAttr tiling = tilingOf(op);
  return tiling && (!tiling.getRegisters().empty() || op.getNumLoops() == 0);
}

void setTiling(Operation *op, TilingAttr tiling) {
  if (tiling && !tiling.isEmpty())
    op->setAttr(kTilingAttrName, tiling);
  else
    op->removeAttr(kTilingAttrName);
}

std::optional<GemmB> plainGemm(linalg::LinalgOp op) {
  if (op.getNumLoops() != 3 || op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !op.hasPureTensorSemantics() || !linalg::isaContractionOpInterface(op) ||
      op.getIteratorTypesArray() !=
          ArrayRef<utils::IteratorType>{utils::IteratorType::parallel,
                                        utils::IteratorType::parallel,
                                        utils::IteratorType::reduction})
    return std::nullopt;
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  auto map = [&](ArrayRef<AffineExpr> exprs) { return AffineMap::get(3, 0, exprs, ctx); };
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps[0] != map({m, k}) || maps[2] != map({m, n}))
    return std::nullopt;
  if (maps[1] == map({k, n}))
    return GemmB::kn;
  if (maps[1] == map({n, k}))
    return GemmB::nk;
  return std::nullopt;
}

// GEMM blocking in the manner of Goto's: an outer tile is a block of C of
// up to 128 x 256 (fewer rows when the threads need more tiles); its
// reduction runs in slices of 256, so the A block (rows x 256) stays in L2
// and a 256 x 2-vector panel of B in L1 while the register tile sweeps
// down the rows (see registerLoopOrder). A plain GEMM's slice of B is
// packed (kiln-vectorize), which pays when the packed slice serves many
// rows: its outer tiles take up to 2048 rows, in blocks of 128 (cache
// tiles) that all read the slice packed once.
static void blockContraction(linalg::LinalgOp op, ArrayRef<int64_t> ranges, int64_t elementBytes,
                             TileStrategy &strategy, const TargetInfo &target) {
  FailureOr<linalg::ContractionDimensions> dims = linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.empty() || dims->n.empty() || dims->k.empty())
    return;
  unsigned m = dims->m.back(), n = dims->n.back(), k = dims->k.back();
  int64_t rowsPerStep = std::max<int64_t>(strategy.registers[m], 1);
  // B's slices are packed when the reduction is long enough for a block
  // of B to leave the cache between uses; when tiles of 128 rows or more
  // share the packed copy, whose panels are aligned (numpy's arrays sit 16
  // bytes past a line, and each load of B's rows would span two; for
  // tiles of fewer rows the packing costs more than it saves); and always
  // when B is held as [n, k], where the register tile would otherwise
  // gather a column of B a step.
  std::optional<GemmB> gemm = plainGemm(op);
  bool packsB = gemm && (ranges[k] > kGemmSlice || ranges[m] >= 2 * kGemmRowBlock ||
                         *gemm == GemmB::nk);
  if (packsB) {
    strategy.packB = gemm;
    strategy.why.push_back(llvm::formatv("pack_b: B ({0}) packed into panels: {1}",
                                         stringifyGemmB(*gemm),
                                         *gemm == GemmB::nk ? "held as [n, k]"
                                         : ranges[k] > kGemmSlice
                                             ? "a long reduction"
                                             : "row tiles share the packed copy")
                               .str());
  }
  SmallVector<int64_t> outer(ranges.size(), 0);
  for (unsigned b : dims->batch)
    outer[b] = 1;
  auto extent = [&](unsigned d) { return outer[d] ? outer[d] : ranges[d]; };
  outer[m] = fitTile(std::min<int64_t>(ranges[m], packsB ? kPackedRows : kGemmRowBlock), ranges[m]);
  // Columns in whole register steps where the range has them: 960 in
  // fitted tiles of 240 got steps of 24 columns (a vector and a half, 40x
  // slower), 192 gets steps of 32.
  int64_t colsPerStep = std::max<int64_t>(strategy.registers[n], 1);
  outer[n] = ranges[n] % colsPerStep == 0
                 ? wholeSteps(ranges[n], colsPerStep, std::min<int64_t>(ranges[n], kGemmColumns))
                 : fitTile(std::min<int64_t>(ranges[n], kGemmColumns), ranges[n]);
  auto tiles = [&] {
    int64_t count = 1;
    for (size_t d = 0; d < ranges.size(); ++d)
      count *= ranges[d] / extent(d);
    return count;
  };
  int64_t wanted = target.threads > 1 ? kTilesPerThread * target.threads : 1;
  // Packed tiles split their rows first, down to a block: narrower tiles
  // would pack B's slices into fewer panels per block of A.
  while (packsB && tiles() < wanted && extent(m) > kGemmRowBlock && extent(m) % 2 == 0)
    outer[m] = extent(m) / 2;
  while (tiles() < wanted && extent(n) >= 4 * colsPerStep && extent(n) % 2 == 0)
    outer[n] = extent(n) / 2;
  while (tiles() < wanted && extent(m) >= 2 * rowsPerStep && extent(m) % 2 == 0)
    outer[m] = extent(m) / 2;
  for (size_t d = 0; d < ranges.size(); ++d)
    strategy.outer[d] = extent(d) < ranges[d] ? extent(d) : 0;
  forgetReasons(strategy.why, "outer");
  // Each slice of the reduction reloads the tile's block of C. Where that
  // block outgrows half of L2 (sgemm 2048: 2048 x 256, 2 MiB), the reloads
  // come from L3: slices as long as half of L2 holds B's packed slice
  // (1024 at 2 MiB) make a quarter of them, in blocks of rows whose A
  // block keeps to an eighth of L2 (64 rows). A smaller block (sgemm
  // 1024's, 512 KiB) is reloaded from L2, which longer slices do not
  // speed up: it keeps slices of 256.
  int64_t slice = kGemmSlice, block = kGemmRowBlock;
  if (packsB && extent(m) * extent(n) * elementBytes > target.l2Bytes / 2) {
    int64_t longer = fitTile(target.l2Bytes / 2 / (extent(n) * elementBytes), ranges[k]);
    if (longer > slice) {
      slice = longer;
      int64_t rows = target.l2Bytes / 8 / (slice * elementBytes);
      block = std::max(rowsPerStep, rows / rowsPerStep * rowsPerStep);
    }
  }
  // A short reduction is one slice (a cache tile of the whole loop: B is
  // still packed).
  strategy.cache[k] = ranges[k] > slice ? fitTile(slice, ranges[k]) : packsB ? ranges[k] : 0;
  if (packsB && extent(m) > block)
    strategy.cache[m] = fitTile(block, extent(m));
  strategy.why.push_back(llvm::formatv("outer, cache: GEMM blocks of {0} x {1}, the reduction "
                                       "in slices of {2}{3}",
                                       extent(m), extent(n), strategy.cache[k] ? strategy.cache[k] : ranges[k],
                                       strategy.cache[m]
                                           ? llvm::formatv(", rows in blocks of {0}",
                                                           strategy.cache[m])
                                                 .str()
                                           : std::string())
                             .str());
}

// A channels-last convolution's outer tiles. A tile reads the weights of
// its output channels and the input rows of its samples and rows. Where
// the weights are the smaller, tiles take whole rows of all channels:
// samples, then rows, never blocks of columns (the 28 x 28 rows of a
// stride-2 convolution cut into 4 x 4 blocks spent their time on the
// tiles' halos and phase copies); where rows were cut into blocks to give
// every thread tiles, the rows are cut finer instead. Where the weights
// are the larger (deep layers on small images), tiles take blocks of
// output channels, all samples and rows, so that each tile reads its
// channels' weights once instead of all the weights once per row (a 3x3
// 512->512 convolution on 7 x 7 has 9 MiB of them).
static void channelsLastTiles(linalg::LinalgOp op, ArrayRef<int64_t> ranges,
                              ArrayRef<int64_t> registers, SmallVector<int64_t> &outer,
                              const TargetInfo &target, SmallVector<std::string> &why) {
  int64_t wanted = target.threads > 1 ? kTilesPerThread * target.threads : 1;
  auto elements = [&](OpOperand *operand) {
    return cast<ShapedType>(operand->get().getType()).getNumElements();
  };
  if (elements(op.getDpsInputOperand(1)) > elements(op.getDpsInputOperand(0))) {
    int64_t step = registers[3] ? registers[3] : ranges[3];
    int64_t blocks = ranges[3] / step;
    int64_t channels = step * largestDivisor(blocks, std::max<int64_t>(1, blocks / wanted));
    outer.assign(ranges.size(), 0);
    outer[3] = channels < ranges[3] ? channels : 0;
    forgetReasons(why, "outer");
    why.push_back(llvm::formatv("outer: channels-last convolution whose weights outweigh its "
                                "input, in blocks of {0} output channels",
                                channels)
                      .str());
    return;
  }
  if (outer[2] == 0 && outer[3] == 0)
    return;
  forgetReasons(why, "outer");
  why.push_back("outer: channels-last convolution, whole rows of all channels");
  outer[2] = outer[3] = 0;
  int64_t samples = outer[0] ? ranges[0] / outer[0] : 1;
  int64_t rows = outer[1] ? outer[1] : ranges[1];
  int64_t perSample = (wanted + samples - 1) / samples;
  rows = largestDivisor(ranges[1], std::min(rows, std::max<int64_t>(1, ranges[1] / perSample)));
  outer[1] = rows < ranges[1] ? rows : 0;
}

// The order of the register-tile loops: for contractions batch, N, M, K (a
// panel of B stays in L1 while the tile walks down the rows of A); empty
// for the op's own order.
static SmallVector<int64_t> registerLoopOrder(linalg::LinalgOp op) {
  // A channels-last convolution walks the row for one block of output
  // channels at a time, reusing that block's weights from L1, and reads
  // its [c, kh, kw, f] weight in memory order: input channel, then taps
  // (faster than taps, then input channels, which stride across it).
  if (isChannelsLastConv(op)) {
    enum Loop : int64_t { n, oh, ow, f, kh, kw, c };
    return {n, oh, f, ow, c, kh, kw};
  }
  SmallVector<int64_t> order;
  if (!linalg::isaContractionOpInterface(op))
    return order;
  FailureOr<linalg::ContractionDimensions> dims = linalg::inferContractionDims(op);
  if (failed(dims))
    return order;
  for (auto group : {dims->batch, dims->n, dims->m, dims->k})
    order.append(group.begin(), group.end());
  // Contraction dims need not cover every loop (a reduction whose operand
  // reads it, say): then the op keeps its own order.
  if (order.size() != op.getNumLoops())
    order.clear();
  return order;
}

// `registers` fitted to `ranges`, a contraction's columns (its innermost
// n dim, the vectors) in whole vectors where its columns are: fitTiles
// keeps an alignment of at most 8, so 144 columns asked in steps of 32 got
// 24, a vector and a half of 16 lanes (inception_v3's 1x1 convolutions on
// 12 x 12 images ran at a fraction of their speed); 16 divides them.
static SmallVector<int64_t> wholeVectorColumns(linalg::LinalgOp op, ArrayRef<int64_t> registers,
                                               ArrayRef<int64_t> ranges, int64_t lanes) {
  SmallVector<int64_t> fitted = fitTiles(registers, ranges);
  if (!linalg::isaContractionOpInterface(op))
    return fitted;
  FailureOr<linalg::ContractionDimensions> dims = linalg::inferContractionDims(op);
  if (failed(dims) || dims->n.empty())
    return fitted;
  unsigned n = dims->n.back();
  if (fitted[n] % lanes != 0 && registers[n] % lanes == 0 && ranges[n] % lanes == 0)
    fitted[n] = wholeSteps(ranges[n], lanes, registers[n]);
  return fitted;
}

// Whether `op` is a pooling that reads a channels-last convolution's result
// through pointwise ops only (a batch norm, an activation, the transpose
// back to NCHW): kiln-tile-and-fuse computes the convolution in the
// pooling's tiles, its output channels as its vectors.
static bool readsChannelsLastConv(linalg::LinalgOp op) {
  if (!isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op))
    return false;
  SmallVector<Value> values = {op.getDpsInputOperand(0)->get()};
  while (!values.empty()) {
    auto producer = values.pop_back_val().getDefiningOp<linalg::LinalgOp>();
    if (!producer)
      continue;
    if (isChannelsLastConv(producer))
      return true;
    if (producer.getNumReductionLoops() == 0 && isa<linalg::GenericOp>(producer))
      for (OpOperand *input : producer.getDpsInputOperands())
        values.push_back(input->get());
  }
  return false;
}

// Tiles of an NCHW op's channels (dim 1) in whole vectors of `lanes` where
// the channels are: a channels-last convolution fused into tiles of 24
// channels got register tiles of a vector and a half (inception_v3's 3x3
// convolution 80 -> 192 before its max pooling ran 6x slower than alone).
static void wholeVectorChannels(ArrayRef<int64_t> ranges, int64_t lanes,
                                SmallVector<int64_t> &outer, SmallVector<std::string> &why) {
  if (outer.size() < 2 || outer[1] % lanes == 0 || ranges[1] % lanes != 0)
    return;
  outer[1] = wholeSteps(ranges[1], lanes, outer[1] + lanes - 1); // rounded up
  why.push_back(llvm::formatv("outer: channels in tiles of whole vectors ({0}): a "
                              "channels-last convolution is computed in them",
                              outer[1])
                    .str());
}

std::optional<TileStrategy> chooseStrategy(linalg::LinalgOp op, const TargetInfo &target) {
  bool pure = op.hasPureTensorSemantics() || op.hasPureBufferSemantics();
  if (!pure || op.getNumDpsInits() == 0 || !isTileable(op))
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, [](int64_t r) { return r <= 0; })) // dynamic or empty
    return std::nullopt;
  Type element = getElementTypeOrSelf(op.getDpsInitOperand(0)->get().getType());
  int64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
  int64_t lanes = std::max<int64_t>(1, target.vectorBits / std::max<int64_t>(bits, 8));

  TileStrategy strategy;
  std::optional<SmallVector<int64_t>> registers =
      chooseRegisterTiles(op, ranges, lanes, target, strategy.why);
  if (registers)
    strategy.registers = wholeVectorColumns(op, *registers, ranges, lanes);
  // Elements of a plain reduction's input per output; a pooling window's
  // stride² (its tile pads its own input); a depthwise convolution's output
  // and its input, stride² times its group's input channels (its tiles of
  // channels read their own input, 4x the output at stride 2, and where
  // that input is a 1x1 convolution's result, kiln-tile-and-fuse computes
  // that tile of it too). The inputs of a dense convolution, or of a group
  // of several output channels, are shared between output channels.
  int64_t readPerOutput = 1;
  if (llvm::all_of(op.getIndexingMapsArray(),
                   [](AffineMap map) { return map.isProjectedPermutation(); })) {
    for (auto [range, iterator] : llvm::zip(ranges, op.getIteratorTypesArray()))
      if (!isParallel(iterator))
        readPerOutput *= range;
  } else if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNchwSumOp>(op)) {
    for (int64_t stride : op->getAttrOfType<DenseIntElementsAttr>("strides").getValues<int64_t>())
      readPerOutput *= stride;
  } else if (isDepthwiseConv(op)) {
    int64_t read = ranges[5]; // n g f oh ow c kh kw
    for (int64_t stride : op->getAttrOfType<DenseIntElementsAttr>("strides").getValues<int64_t>())
      read *= stride;
    readPerOutput = 1 + read;
  }
  int64_t elementBytes = std::max<int64_t>(bits / 8, 1);
  strategy.outer = chooseOuterTiles(ranges, op.getIteratorTypesArray(), strategy.registers,
                                    elementBytes, readPerOutput, target, strategy.why);
  if (registers && isChannelsLastConv(op))
    channelsLastTiles(op, ranges, strategy.registers, strategy.outer, target, strategy.why);
  if (readsChannelsLastConv(op))
    wholeVectorChannels(ranges, lanes, strategy.outer, strategy.why);
  strategy.cache.assign(ranges.size(), 0);
  if (registers && linalg::isaContractionOpInterface(op))
    blockContraction(op, ranges, elementBytes, strategy, target);
  // A channels-last convolution takes kConvChannelSlice input channels at a
  // time; over all channels at once, the weights came from L2 for every
  // tile.
  if (registers && isChannelsLastConv(op)) {
    strategy.cache[6] = fitTiles({kConvChannelSlice}, {ranges[6]}).front();
    strategy.why.push_back(
        llvm::formatv("cache: input channels {0} at a time (their weights in L1)",
                      strategy.cache[6] ? strategy.cache[6] : ranges[6])
            .str());
  }
  strategy.order = registerLoopOrder(op);
  return strategy;
}

} // namespace kiln

namespace {

struct KilnStrategyPass : kiln::impl::KilnStrategyBase<KilnStrategyPass> {
  using KilnStrategyBase::KilnStrategyBase;

  // A pointwise op over the result of a GEMM (batched or not: a 1x1
  // convolution is one over pixels), a channels-last or a grouped
  // convolution (a linear layer's bias, an activation after it, a batch
  // norm, the convolution's transpose back to NCHW) takes that producer's
  // outer tiles, through the map it reads the result by (and
  // kiln-pad-conv-width's slice): the producer is fused into its tiles, and
  // blocks as the producer picked them are what make its packing pay (as
  // its own, a linear layer's bias add had tiles of 16 rows, each packing
  // all of the weight) and keep its register tile whole (tiles over output
  // channels would cut it). So does an op over such an epilogue's result (a
  // strided convolution's column gather of a residual block's output, the
  // root that fuses the block's last convolution), where its loops that
  // read a tiled dim read it plainly, as `d2`, not `2 * d3`.
  std::optional<SmallVector<int64_t>> epilogueTiles(linalg::LinalgOp op) {
    if (op.getNumReductionLoops() != 0 || op.getNumDpsInits() != 1)
      return std::nullopt;
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    for (OpOperand *input : op.getDpsInputOperands()) {
      // Through kiln-pad-conv-width's slice of a convolution's rows padded
      // to whole vectors.
      Value result = input->get();
      if (auto slice = result.getDefiningOp<tensor::ExtractSliceOp>();
          slice && slice.hasZeroOffset() && slice.hasUnitStride() &&
          slice.getSourceType().getRank() == slice.getResultType().getRank())
        result = slice.getSource();
      auto producer = result.getDefiningOp<linalg::LinalgOp>();
      if (!producer ||
          !(linalg::isaContractionOpInterface(producer) || kiln::isChannelsLastConv(producer) ||
            isa<linalg::Conv2DNgchwGfchwOp>(producer) || epilogues.contains(producer)))
        continue;
      kiln::TilingAttr producerTiling = kiln::tilingOf(producer);
      if (!producerTiling ||
          llvm::all_of(producerTiling.getOuter(), [](int64_t t) { return t == 0; }))
        continue;
      ArrayRef<int64_t> tiles = producerTiling.getOuter();
      AffineMap read = op.getMatchingIndexingMap(input);
      AffineMap written = producer.getIndexingMapMatchingResult(cast<OpResult>(result));
      SmallVector<int64_t> sizes(op.getNumLoops(), 0);
      bool mapped = written.isProjectedPermutation();
      for (auto [loop, dim] : llvm::zip(read.getResults(), written.getResults())) {
        if (!mapped)
          break;
        int64_t tile = tiles[cast<AffineDimExpr>(dim).getPosition()];
        auto plain = dyn_cast<AffineDimExpr>(loop);
        if (tile == 0)
          continue;
        mapped = plain && ranges[plain.getPosition()] % tile == 0;
        if (mapped)
          sizes[plain.getPosition()] = tile;
      }
      if (mapped)
        return sizes;
    }
    return std::nullopt;
  }

  /// The ops whose outer tiles are those of the GEMM or convolution whose
  /// result they read, directly or through another of them.
  llvm::SmallPtrSet<Operation *, 16> epilogues;

  // The model's choice, with what the options force and what `op` already
  // carries (field by field) taking precedence.
  kiln::TilingAttr decide(linalg::LinalgOp op, kiln::TileStrategy &strategy) {
    size_t loops = op.getNumLoops();
    bool vectorized = strategy.registers.size() == loops;
    if (registerTiles.size() == loops) {
      strategy.registers.assign(registerTiles.begin(), registerTiles.end());
      kiln::forgetReasons(strategy.why, "registers");
      strategy.why.push_back("registers: from the register-tiles option");
      vectorized = true;
    }
    if (outerTiles.size() == loops) {
      strategy.outer.assign(outerTiles.begin(), outerTiles.end());
      kiln::forgetReasons(strategy.why, "outer");
      strategy.why.push_back("outer: from the tile-sizes option");
    } else if (std::optional<SmallVector<int64_t>> tiles = epilogueTiles(op)) {
      strategy.outer = *tiles;
      epilogues.insert(op);
      kiln::forgetReasons(strategy.why, "outer");
      strategy.why.push_back("outer: those of the GEMM or convolution whose result it reads");
    }
    kiln::TilingAttr given = kiln::tilingOf(op);
    auto pick = [&](ArrayRef<int64_t> held, ArrayRef<int64_t> chosen) {
      return !held.empty() ? held : chosen;
    };
    bool anyCache = llvm::any_of(strategy.cache, [](int64_t t) { return t != 0; });
    ArrayRef<int64_t> none;
    return kiln::TilingAttr::get(
        op.getContext(), pick(given ? given.getOuter() : none, strategy.outer),
        pick(given ? given.getCache() : none, vectorized && anyCache ? strategy.cache : none),
        pick(given ? given.getRegisters() : none, vectorized ? strategy.registers : none),
        pick(given ? given.getOrder() : none, vectorized ? strategy.order : none),
        given && given.getPackB() ? given.getPackB()
                                  : (vectorized ? strategy.packB : std::nullopt));
  }

  void runOnOperation() override {
    epilogues.clear();
    // A function run once (a model's prepare entry) lowers to plain loops:
    // tiling and vectorizing it would cost more compile time than it saves.
    if (getOperation()->hasAttr(kiln::kRunOnceAttr))
      return;
    kiln::TargetInfo target = kiln::TargetInfo::of(getOperation());
    // A function is one kernel: its ops share the decision to use threads,
    // so a light consumer still roots the nest of a heavy producer.
    int64_t work = 0;
    getOperation().walk([&](linalg::LinalgOp op) {
      int64_t iterations = 1;
      for (int64_t r : op.getStaticLoopRanges())
        iterations *= ShapedType::isDynamic(r) ? 1 : r;
      work += iterations;
    });
    bool serial = work < kiln::kMinParallelWork && target.threads > 1;
    if (serial)
      target.threads = 1;
    StringRef function = getOperation().getSymName();
    getOperation().walk([&](linalg::LinalgOp op) {
      std::optional<kiln::TileStrategy> strategy = kiln::chooseStrategy(op, target);
      if (!strategy)
        return;
      if (serial)
        strategy->why.insert(strategy->why.begin(),
                             llvm::formatv("threads: 1, the function's {0} iterations are "
                                           "below {1}",
                                           work, kiln::kMinParallelWork)
                                 .str());
      kiln::TilingAttr tiling = decide(op, *strategy);
      op->setAttr(kiln::kTilingAttrName, tiling);
      if (!getContext().getRemarkEngine())
        return;
      auto remark = remark::analysis(op.getLoc(), remark::RemarkOpts::name("tiling")
                                                      .category("kiln-strategy")
                                                      .function(function));
      std::string text;
      llvm::raw_string_ostream os(text);
      os << op->getName() << " " << tiling;
      for (const std::string &reason : strategy->why)
        os << "; " << reason;
      remark << text;
    });
  }
};

} // namespace
