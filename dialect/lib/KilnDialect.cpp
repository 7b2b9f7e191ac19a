//===- KilnDialect.cpp - dialect registration and shared op helpers -------===//

#include "Inference.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace kiln;

#include "kiln/Dialect/KilnDialect.cpp.inc"
#include "kiln/Dialect/KilnEnums.cpp.inc"
void KilnDialect::initialize() {
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "kiln/Dialect/KilnOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// conv2d's padding: `padding [h, w]`, `padding same` or `padding valid`.
//===----------------------------------------------------------------------===//

static ParseResult parseConvPadding(OpAsmParser &parser, DenseI64ArrayAttr &padding,
                                    PaddingPresetAttr &preset) {
  if (failed(parser.parseOptionalKeyword("padding")))
    return success();
  StringRef keyword;
  if (succeeded(parser.parseOptionalKeyword(&keyword, {"same", "valid"}))) {
    preset = PaddingPresetAttr::get(parser.getContext(),
                                    *symbolizePaddingPreset(keyword));
    return success();
  }
  Attribute attr = DenseI64ArrayAttr::parse(parser, Type());
  if (!attr)
    return failure();
  padding = llvm::cast<DenseI64ArrayAttr>(attr);
  return success();
}

static void printConvPadding(OpAsmPrinter &printer, Operation *,
                             DenseI64ArrayAttr padding, PaddingPresetAttr preset) {
  if (preset) {
    printer << "padding " << stringifyPaddingPreset(preset.getValue());
    return;
  }
  if (padding && padding.asArrayRef() != ArrayRef<int64_t>{0, 0}) {
    printer << "padding ";
    padding.print(printer);
  }
}

#define GET_OP_CLASSES
#include "kiln/Dialect/KilnOps.cpp.inc"

LogicalResult kiln::OpTrait::verifyDeclaredTypes(Operation *op, TypeRange inferred) {
  if (op->getResultTypes() == inferred)
    return success();
  std::string declared, expected;
  llvm::raw_string_ostream d(declared), e(expected);
  llvm::interleaveComma(op->getResultTypes(), d);
  llvm::interleaveComma(inferred, e);
  return op->emitOpError("declares result types (")
         << declared << ") but PyTorch's shape rules give (" << expected << ")";
}

//===----------------------------------------------------------------------===//
// Rules
//===----------------------------------------------------------------------===//

namespace kiln::detail {

FailureOr<int64_t> Rules::dim(int64_t d, int64_t rank, StringRef what) const {
  if (auto n = shape::normalizeDim(d, rank))
    return *n;
  int64_t extent = rank == 0 ? 1 : rank;
  return fail(what, " ", d, " is out of range for a ", rank,
              "-d input (expected [", -extent, ", ", extent - 1, "])");
}

FailureOr<SmallVector<int64_t>> Rules::dims(ArrayRef<int64_t> ds, int64_t rank,
                                            StringRef what) const {
  SmallVector<int64_t> out;
  for (int64_t d : ds) {
    FailureOr<int64_t> n = dim(d, rank, what);
    if (failed(n))
      return failure();
    if (llvm::is_contained(out, *n))
      return fail(what, " ", *n, " appears more than once in ", shape::str(ds));
    out.push_back(*n);
  }
  return out;
}

LogicalResult Rules::vector(Value operand, StringRef name, int64_t n,
                            StringRef nMeaning) const {
  ArrayRef<int64_t> s = shapeOf(operand);
  if (s.size() != 1 || s[0] != n)
    return fail(name, " has shape ", shape::str(s), " but must be [", n, "] (",
                nMeaning, ")");
  return success();
}

LogicalResult Rules::sameElementType(Value operand, StringRef name, Value like) const {
  Type a = tensorType(operand).getElementType(), b = tensorType(like).getElementType();
  if (a != b)
    return fail(name, " has element type ", a, " but input has ", b);
  return success();
}

LogicalResult Rules::window(ArrayRef<int64_t> attr, StringRef name, int64_t min) const {
  if (attr.size() != 2)
    return fail(name, " must have 2 values (H, W), got ", shape::str(attr));
  for (int64_t v : attr)
    if (v < min)
      return fail(name, " values must be at least ", min, ", got ", shape::str(attr));
  return success();
}

LogicalResult Rules::rankIn(Value operand, StringRef name,
                            std::initializer_list<int64_t> ranks) const {
  int64_t r = rankOf(operand);
  if (llvm::is_contained(ranks, r))
    return success();
  std::string expected;
  llvm::raw_string_ostream os(expected);
  llvm::interleave(ranks, os, " or ");
  return fail(name, " must be ", expected, "-d, got shape ",
              shape::str(shapeOf(operand)));
}

SmallVector<int64_t> reducedShape(ArrayRef<int64_t> s, ArrayRef<int64_t> dims,
                                  bool keepdim) {
  SmallVector<int64_t> out;
  for (auto [i, size] : llvm::enumerate(s)) {
    if (!llvm::is_contained(dims, int64_t(i)))
      out.push_back(size);
    else if (keepdim)
      out.push_back(1);
  }
  return out;
}

} // namespace kiln::detail
