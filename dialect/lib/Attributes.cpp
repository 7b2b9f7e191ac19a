//===- Attributes.cpp - the dialect's attributes --------------------------===//
//
// ODS generates the enum attributes whole. #kiln.tiling's syntax is
//
//   #kiln.tiling<outer = [0, 64, 0], registers = [8, 32, 1], pack_b = kn>
//
// Fields are printed in one fixed order and only when chosen; the parser
// takes them in any order. The dialect's verifier checks, on the op, that
// every list has one size per loop.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/KilnDialect.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace kiln;

#define GET_ATTRDEF_CLASSES
#include "kiln/Dialect/KilnAttrs.cpp.inc"

void KilnDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "kiln/Dialect/KilnAttrs.cpp.inc"
      >();
}

namespace {
// The list fields, in printing order.
constexpr llvm::StringLiteral kListFields[] = {"outer", "cache", "registers", "order"};
} // namespace

Attribute TilingAttr::parse(AsmParser &parser, Type) {
  SmallVector<int64_t> lists[4];
  std::optional<GemmB> packB;
  llvm::StringSet<> seen;
  auto parseField = [&]() -> ParseResult {
    SMLoc at = parser.getCurrentLocation();
    StringRef key;
    if (parser.parseKeyword(&key) || parser.parseEqual())
      return failure();
    if (!seen.insert(key).second)
      return parser.emitError(at, "#kiln.tiling has `") << key << "` twice";
    if (key == "pack_b") {
      StringRef layout;
      if (parser.parseKeyword(&layout))
        return failure();
      packB = symbolizeGemmB(layout);
      if (!packB)
        return parser.emitError(at, "pack_b is `kn` or `nk`, not `") << layout << "`";
      return success();
    }
    const auto *field = llvm::find(kListFields, key);
    if (field == std::end(kListFields))
      return parser.emitError(at, "#kiln.tiling has no field `")
             << key << "` (outer, cache, registers, order, pack_b)";
    SmallVector<int64_t> &list = lists[field - std::begin(kListFields)];
    return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&] {
      return parser.parseInteger(list.emplace_back());
    });
  };
  if (parser.parseLess())
    return {};
  if (failed(parser.parseOptionalGreater()) &&
      (parser.parseCommaSeparatedList(parseField) || parser.parseGreater()))
    return {};
  return getChecked([&] { return parser.emitError(parser.getNameLoc()); },
                    parser.getContext(), lists[0], lists[1], lists[2], lists[3], packB);
}

void TilingAttr::print(AsmPrinter &printer) const {
  ArrayRef<int64_t> lists[] = {getOuter(), getCache(), getRegisters(), getOrder()};
  printer << "<";
  llvm::ListSeparator comma;
  for (auto [key, list] : llvm::zip(kListFields, lists))
    if (!list.empty()) {
      printer << StringRef(comma) << key << " = [";
      llvm::interleaveComma(list, printer);
      printer << "]";
    }
  if (getPackB())
    printer << StringRef(comma) << "pack_b = " << stringifyGemmB(*getPackB());
  printer << ">";
}

LogicalResult TilingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<int64_t> outer, ArrayRef<int64_t> cache,
                                 ArrayRef<int64_t> registers, ArrayRef<int64_t> order,
                                 std::optional<GemmB>) {
  for (ArrayRef<int64_t> sizes : {outer, cache, registers})
    if (llvm::any_of(sizes, [](int64_t size) { return size < 0; }))
      return emitError() << "#kiln.tiling sizes are 0 (untiled) or positive";
  SmallVector<int64_t> sorted(order);
  llvm::sort(sorted);
  for (auto [i, loop] : llvm::enumerate(sorted))
    if (loop != static_cast<int64_t>(i))
      return emitError() << "#kiln.tiling order is a permutation of the loops";
  return success();
}

TilingAttr TilingAttr::withOuter(ArrayRef<int64_t> sizes) const {
  return get(getContext(), sizes, getCache(), getRegisters(), getOrder(), getPackB());
}

TilingAttr TilingAttr::withCache(ArrayRef<int64_t> sizes) const {
  return get(getContext(), getOuter(), sizes, getRegisters(), getOrder(), getPackB());
}

TilingAttr TilingAttr::withRegisters(ArrayRef<int64_t> sizes) const {
  return get(getContext(), getOuter(), getCache(), sizes, getOrder(), getPackB());
}

bool TilingAttr::isEmpty() const {
  return getOuter().empty() && getCache().empty() && getRegisters().empty();
}

LogicalResult KilnDialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  if (attr.getName() == kReductionSlicesAttrName) {
    if (!isa<UnitAttr>(attr.getValue()) || op->getName().getStringRef() != "scf.for")
      return op->emitOpError() << kReductionSlicesAttrName << " is a unit attribute of scf.for";
    return success();
  }
  if (attr.getName() != kTilingAttrName)
    return success();
  auto tiling = dyn_cast<TilingAttr>(attr.getValue());
  if (!tiling)
    return op->emitOpError() << kTilingAttrName << " must be a #kiln.tiling";
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp)
    return op->emitOpError() << kTilingAttrName << " belongs on a linalg op";
  // The dialect's attributes are verified before the op itself: a malformed
  // op (say, iterator types that are not iterator types) must not be asked
  // its loops.
  if (std::optional<RegisteredOperationName> info = op->getRegisteredInfo())
    if (failed(info->verifyInvariants(op)))
      return failure();
  int64_t loops = linalgOp.getNumLoops();
  ArrayRef<int64_t> lists[] = {tiling.getOuter(), tiling.getCache(), tiling.getRegisters(),
                               tiling.getOrder()};
  for (auto [key, list] : llvm::zip(kListFields, lists))
    if (!list.empty() && static_cast<int64_t>(list.size()) != loops)
      return op->emitOpError() << "has " << list.size() << " " << key
                               << " sizes in its #kiln.tiling for " << loops << " loops";
  return success();
}
