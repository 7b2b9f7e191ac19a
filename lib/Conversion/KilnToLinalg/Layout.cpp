//===- Layout.cpp - reshape, transpose, ..., cat, stack, split, slice -----===//

#include "Patterns.h"

using namespace mlir;

namespace kiln::lowering {

namespace {

// Ops that only regroup the elements: reshape, flatten, squeeze, unsqueeze.
template <typename OpTy>
struct ReshapeLikeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), adaptor.getInput(),
                                     op.getType().getShape()));
    return success();
  }
};

// Result dim i is input dim perm[i].
Value permuted(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> perm,
               ArrayRef<int64_t> resultShape) {
  if (perm.size() < 2)
    return input;
  Value init = tensor::EmptyOp::create(b, loc, resultShape, elementType(input));
  return linalg::TransposeOp::create(b, loc, input, init, perm).getResult()[0];
}

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    int64_t rank = tensorType(adaptor.getInput()).getRank();
    SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rank));
    if (rank)
      std::swap(perm[normalizedDim(op.getDim0(), rank)],
                perm[normalizedDim(op.getDim1(), rank)]);
    rewriter.replaceOp(op, permuted(rewriter, op.getLoc(), adaptor.getInput(), perm,
                                    op.getType().getShape()));
    return success();
  }
};

struct PermuteLowering : OpConversionPattern<PermuteOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(PermuteOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    int64_t rank = tensorType(adaptor.getInput()).getRank();
    SmallVector<int64_t> perm;
    for (int64_t d : op.getDims())
      perm.push_back(normalizedDim(d, rank));
    rewriter.replaceOp(op, permuted(rewriter, op.getLoc(), adaptor.getInput(), perm,
                                    op.getType().getShape()));
    return success();
  }
};

// Tensors joined along `dim` of `resultType` by insert_slice.
Value concatenate(OpBuilder &b, Location loc, ValueRange parts, int64_t dim,
                  RankedTensorType resultType) {
  Value result = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                         resultType.getElementType());
  int64_t rank = resultType.getRank(), at = 0;
  for (Value part : parts) {
    ArrayRef<int64_t> shape = tensorType(part).getShape();
    SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), sizes, strides(rank, b.getIndexAttr(1));
    offsets[dim] = b.getIndexAttr(at);
    for (int64_t s : shape)
      sizes.push_back(b.getIndexAttr(s));
    result = tensor::InsertSliceOp::create(b, loc, part, result, offsets, sizes, strides);
    at += shape[dim];
  }
  return result;
}

struct CatLowering : OpConversionPattern<CatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(CatOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = op.getType();
    rewriter.replaceOp(op, concatenate(rewriter, op.getLoc(), adaptor.getTensors(),
                                       normalizedDim(op.getDim(), type.getRank()), type));
    return success();
  }
};

// stack = cat of the tensors, each with a unit dim inserted at `dim`.
struct StackLowering : OpConversionPattern<StackOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(StackOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    RankedTensorType type = op.getType();
    int64_t dim = op.getDim(); // I64Attr getters are unsigned: compare as int64
    if (dim < 0)
      dim += type.getRank();
    SmallVector<int64_t> unitShape(type.getShape());
    unitShape[dim] = 1;
    SmallVector<Value> parts;
    for (Value t : adaptor.getTensors())
      parts.push_back(reshapeTo(rewriter, op.getLoc(), t, unitShape));
    rewriter.replaceOp(op, concatenate(rewriter, op.getLoc(), parts, dim, type));
    return success();
  }
};

// A strided window of `input`: along `dims[i]`, `sizes[i]` elements from
// `offsets[i]` every `steps[i]`; other dims whole.
Value window(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims,
             ArrayRef<int64_t> offsets, ArrayRef<int64_t> sizes, ArrayRef<int64_t> steps,
             RankedTensorType resultType) {
  ArrayRef<int64_t> shape = tensorType(input).getShape();
  SmallVector<OpFoldResult> o, s, st;
  for (int64_t d = 0, e = shape.size(); d < e; ++d) {
    const int64_t *at = llvm::find(dims, d);
    size_t i = at - dims.begin();
    bool listed = at != dims.end();
    o.push_back(b.getIndexAttr(listed ? offsets[i] : 0));
    s.push_back(b.getIndexAttr(listed ? sizes[i] : shape[d]));
    st.push_back(b.getIndexAttr(listed ? steps[i] : 1));
  }
  return tensor::ExtractSliceOp::create(b, loc, resultType, input, o, s, st);
}

struct SplitLowering : OpConversionPattern<SplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput();
    int64_t dim = normalizedDim(op.getDim(), tensorType(input).getRank());
    SmallVector<Value> parts;
    int64_t at = 0;
    for (Value result : op.getResults()) {
      auto type = llvm::cast<RankedTensorType>(result.getType());
      int64_t size = type.getShape()[dim];
      parts.push_back(window(rewriter, op.getLoc(), input, {dim}, {at}, {size}, {1}, type));
      at += size;
    }
    rewriter.replaceOp(op, parts);
    return success();
  }
};

struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput();
    ArrayRef<int64_t> shape = tensorType(input).getShape();
    SmallVector<int64_t> dims, offsets, sizes;
    for (auto [i, d] : llvm::enumerate(op.getDims())) {
      int64_t dim = normalizedDim(d, shape.size());
      shape::SliceRange r = shape::pythonSlice(shape[dim], op.getStarts()[i],
                                               op.getEnds()[i], op.getSteps()[i]);
      dims.push_back(dim);
      offsets.push_back(r.length ? r.start : 0);
      sizes.push_back(r.length);
    }
    rewriter.replaceOp(op, window(rewriter, op.getLoc(), input, dims, offsets, sizes,
                                  op.getSteps(), op.getType()));
    return success();
  }
};

} // namespace

void populateLayoutPatterns(RewritePatternSet &patterns) {
  patterns.add<ReshapeLikeLowering<ReshapeOp>, ReshapeLikeLowering<FlattenOp>,
               ReshapeLikeLowering<SqueezeOp>, ReshapeLikeLowering<UnsqueezeOp>,
               TransposeLowering, PermuteLowering, CatLowering, StackLowering,
               SplitLowering, SliceLowering>(patterns.getContext());
  // expand: size-1 dims (and new leading dims) broadcast.
  addElementwise<ExpandOp>(patterns, [](OpBuilder &, Location, ExpandOp, ValueRange a) {
    return a[0];
  });
}

} // namespace kiln::lowering
