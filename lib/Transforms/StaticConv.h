//===- StaticConv.h - a convolution's operands, statically shaped ---------===//
//
// What Kiln's convolution rewrites (kiln-pointwise-conv-to-matmul,
// kiln-pad-conv-width, kiln-decompose-strided-conv,
// kiln-decompose-transposed-conv, kiln-channels-last-conv) start from, and
// the transposes that take a result channels-last and back.
//
//===----------------------------------------------------------------------===//
#ifndef KILN_LIB_TRANSFORMS_STATICCONV_H
#define KILN_LIB_TRANSFORMS_STATICCONV_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include <optional>

namespace kiln {

/// The input, weight and accumulator of a 2-D NCHW convolution with their
/// tensor types (or of a grouped one, linalg.conv_2d_ngchw_gfchw: its
/// width is innermost in all three as well).
struct StaticConv {
  mlir::Value input, weight, acc;
  mlir::RankedTensorType inType, wType, outType;
};

/// `conv`'s operands, or nothing unless it is on statically shaped tensors.
template <typename ConvOp> std::optional<StaticConv> staticConv(ConvOp conv) {
  if (!conv.hasPureTensorSemantics())
    return std::nullopt;
  StaticConv c{conv.getInputs()[0], conv.getInputs()[1], conv.getOutputs()[0], {}, {}, {}};
  c.inType = mlir::cast<mlir::RankedTensorType>(c.input.getType());
  c.wType = mlir::cast<mlir::RankedTensorType>(c.weight.getType());
  c.outType = mlir::cast<mlir::RankedTensorType>(c.acc.getType());
  if (!c.inType.hasStaticShape() || !c.wType.hasStaticShape() || !c.outType.hasStaticShape())
    return std::nullopt;
  return c;
}

/// Whether convolutions writing `samples` images of `pixels` each compute
/// channels-last (a 1x1 one as one GEMM over all samples' pixels,
/// kiln-pointwise-conv-to-matmul; a depthwise one, kiln-channels-last-conv,
/// both where their channels fill vectors): where an image's pixels are not
/// whole vectors of `lanes` (14 x 14, 7 x 7), so that NCHW would pad them,
/// and the samples give 256 pixels or more. Both take the same test so that
/// the transposes between an inverted residual block's convolutions cancel
/// (a lone channels-last depthwise convolution between NCHW ones made
/// mobilenet_v2 at batch 8 slower). With fewer pixels (a 14 x 14 or 7 x 7
/// image alone) NCHW is the faster: the GEMM per sample has the weight as
/// its broadcast operand and the image's pixels in L1, where the
/// channels-last one streams the whole weight from L2 for a few rows.
inline bool channelsLastImages(int64_t samples, int64_t pixels, int64_t lanes) {
  constexpr int64_t kMinPixels = 256; // from which kiln-strategy packs B once
  return pixels % lanes != 0 && samples * pixels >= kMinPixels;
}

/// `length` rounded up to whole vectors of `lanes` when that adds at most
/// 1 / `wasteDivisor` of it; else `length`.
inline int64_t paddedToVectors(int64_t length, int64_t lanes, int64_t wasteDivisor) {
  int64_t padded = (length + lanes - 1) / lanes * lanes;
  return wasteDivisor * (padded - length) <= length ? padded : length;
}

/// The width kiln-pad-conv-width pads output rows of `width` columns to:
/// whole vectors of `lanes`, when that wastes at most a quarter of the
/// work; else `width`.
inline int64_t paddedRowWidth(int64_t width, int64_t lanes) {
  return paddedToVectors(width, lanes, 4);
}

/// `value` zero-padded by `low` and `high` (per dim).
inline mlir::Value padZeros(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                            llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high) {
  using namespace mlir;
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(type.getShape());
  for (size_t d = 0; d < shape.size(); ++d)
    shape[d] += low[d] + high[d];
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(type.getElementType()));
  return tensor::PadOp::create(b, loc, RankedTensorType::get(shape, type.getElementType()), value,
                               getAsIndexOpFoldResult(b.getContext(), low),
                               getAsIndexOpFoldResult(b.getContext(), high), zero)
      .getResult();
}

/// `value` with `extra` zero columns appended (its last dimension).
inline mlir::Value padColumns(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                              int64_t extra) {
  int64_t rank = mlir::cast<mlir::RankedTensorType>(value.getType()).getRank();
  llvm::SmallVector<int64_t> low(rank, 0), high(rank, 0);
  high.back() = extra;
  return padZeros(b, loc, value, low, high);
}

/// The stride (or dilation) along the width, the last of `attr`'s.
inline int64_t alongWidth(mlir::DenseIntElementsAttr attr) {
  return *(attr.value_begin<int64_t>() + (attr.getNumElements() - 1));
}

/// [n, c, h, w] read as [n, h, w, c], and back.
constexpr int64_t kToNhwc[] = {0, 2, 3, 1};
constexpr int64_t kToNchw[] = {0, 3, 1, 2};

/// `acc`'s fill made anew on a tensor of `shape` (an accumulator taken to
/// another layout: its fill's value needs no transpose), or null when `acc`
/// is not a fill's result.
inline mlir::Value refilled(mlir::OpBuilder &b, mlir::Location loc, mlir::Value acc,
                            llvm::ArrayRef<int64_t> shape) {
  using namespace mlir;
  auto fill = acc.getDefiningOp<linalg::FillOp>();
  if (!fill)
    return nullptr;
  Value empty = tensor::EmptyOp::create(b, loc, shape, getElementTypeOrSelf(acc.getType()));
  return linalg::FillOp::create(b, loc, fill.getInputs(), empty).getResult(0);
}

/// `type` with its dims permuted: dim i is `type`'s dim `permutation[i]`.
inline mlir::RankedTensorType permuted(mlir::RankedTensorType type,
                                       llvm::ArrayRef<int64_t> permutation) {
  llvm::SmallVector<int64_t> shape(type.getShape());
  mlir::applyPermutationToVector(shape, permutation);
  return mlir::RankedTensorType::get(shape, type.getElementType());
}

/// The map by which such a transpose's loops (its result's dims) read its
/// input.
inline mlir::AffineMap transposeReads(mlir::MLIRContext *ctx,
                                      llvm::ArrayRef<int64_t> permutation) {
  return mlir::inversePermutation(mlir::AffineMap::getPermutationMap(permutation, ctx));
}

/// `value` with its dims permuted, as a generic (elementwise fusion then
/// folds it into its producer or consumer: a bias add and a relu read a
/// convolution's result through it).
inline mlir::Value transposed(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                              llvm::ArrayRef<int64_t> permutation) {
  using namespace mlir;
  RankedTensorType type = permuted(cast<RankedTensorType>(value.getType()), permutation);
  Value empty = tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  MLIRContext *ctx = b.getContext();
  unsigned rank = permutation.size();
  SmallVector<AffineMap> maps = {transposeReads(ctx, permutation),
                                 AffineMap::getMultiDimIdentityMap(rank, ctx)};
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, type, value, empty, maps, iterators,
             [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
               linalg::YieldOp::create(nested, nestedLoc, args[0]);
             })
      .getResult(0);
}

} // namespace kiln

#endif // KILN_LIB_TRANSFORMS_STATICCONV_H
