//===- ShapeInferenceTest.cpp - op shape rules against PyTorch ------------===//
//
// Each row of shape_cases.tsv (written by gen_shape_cases.py from PyTorch)
// builds one kiln op and asks its InferTypeOpInterface for the result types:
// they must be the shapes PyTorch produced, or, where PyTorch rejects the
// call, inference must fail with the expected message.
//
//===----------------------------------------------------------------------===//

#include "kiln/Runtime/InferTypes.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

struct ShapeCase {
  std::string name, op, operands, properties, expected;
};

// gtest shows a failing case by its name, not its bytes.
void PrintTo(const ShapeCase &c, std::ostream *os) { *os << c.name; }

std::vector<ShapeCase> loadCases() {
  std::vector<ShapeCase> cases;
  auto file = llvm::MemoryBuffer::getFile(KILN_SOURCE_DIR
                                          "/test/unittests/shape_cases.tsv");
  if (!file)
    return cases;
  SmallVector<StringRef> lines;
  (*file)->getBuffer().split(lines, '\n', -1, false);
  for (StringRef line : lines) {
    if (line.starts_with("#"))
      continue;
    SmallVector<StringRef> f;
    line.split(f, '\t');
    if (f.size() == 5)
      cases.push_back({f[0].str(), f[1].str(), f[2].str(), f[3].str(), f[4].str()});
  }
  return cases;
}

// Result types of `"kiln.<op>"(args) <{properties}>`, or the diagnostic
// inference emitted.
struct Inferred {
  std::string types, error;
};

Inferred infer(const ShapeCase &c) {
  MLIRContext ctx;
  std::vector<std::string> operandTypes;
  SmallVector<StringRef> parts;
  StringRef(c.operands).split(parts, ';', -1, false);
  for (StringRef t : parts)
    operandTypes.push_back(t.str());
  Inferred out;
  auto types = kiln::runtime::inferResultTypes(ctx, c.op, operandTypes, c.properties);
  if (!types)
    out.error = llvm::toString(types.takeError());
  else
    out.types = llvm::join(*types, ";");
  return out;
}

class ShapeInference : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(ShapeInference, MatchesPyTorch) {
  const ShapeCase &c = GetParam();
  Inferred got = infer(c);
  StringRef expected(c.expected);
  if (expected.consume_front("error: ")) {
    EXPECT_TRUE(got.types.empty()) << "inferred " << got.types << " for a call PyTorch rejects";
    EXPECT_NE(got.error.find(expected.str()), std::string::npos)
        << "diagnostic: " << got.error << "\nexpected it to contain: " << expected.str();
    EXPECT_NE(got.error.find("'kiln." + c.op + "' op"), std::string::npos)
        << "the diagnostic must name the op: " << got.error;
  } else {
    EXPECT_EQ(got.types, c.expected) << got.error;
  }
}

TEST(ShapeCases, TableIsPresent) { EXPECT_GE(loadCases().size(), 100u); }

INSTANTIATE_TEST_SUITE_P(PyTorch, ShapeInference, ::testing::ValuesIn(loadCases()),
                         [](const ::testing::TestParamInfo<ShapeCase> &info) {
                           return info.param.name;
                         });

} // namespace
