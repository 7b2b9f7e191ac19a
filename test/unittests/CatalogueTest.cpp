//===- CatalogueTest.cpp - no catalogue op can be forgotten ---------------===//
//
// dialect/catalogue.tsv lists the 68 ops Kiln promises. Each must be a
// registered kiln op with a round-trip and an invalid-input lit test, and
// the dialect must hold nothing the catalogue does not list.
//
//===----------------------------------------------------------------------===//

#include "kiln/Dialect/KilnOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>
#include <set>

using namespace mlir;

namespace {

std::vector<std::string> catalogueOps() {
  std::vector<std::string> ops;
  auto file = llvm::MemoryBuffer::getFile(KILN_SOURCE_DIR "/dialect/catalogue.tsv");
  if (!file)
    return ops;
  SmallVector<StringRef> lines;
  (*file)->getBuffer().split(lines, '\n', -1, false);
  for (StringRef line : lines)
    if (!line.starts_with("#"))
      ops.push_back(line.split('\t').first.str());
  return ops;
}

TEST(Catalogue, Has68Ops) { EXPECT_EQ(catalogueOps().size(), 68u); }

TEST(Catalogue, EveryOpIsRegistered) {
  MLIRContext ctx;
  ctx.loadDialect<kiln::KilnDialect>();
  for (const std::string &op : catalogueOps())
    EXPECT_TRUE(RegisteredOperationName::lookup("kiln." + op, &ctx)) << op;
}

TEST(Catalogue, DialectHasNoUncataloguedOp) {
  MLIRContext ctx;
  ctx.loadDialect<kiln::KilnDialect>();
  std::vector<std::string> listed = catalogueOps();
  std::set<std::string> catalogued(listed.begin(), listed.end());
  for (RegisteredOperationName name : ctx.getRegisteredOperations()) {
    auto [ns, op] = name.getStringRef().split('.');
    if (ns == "kiln")
      EXPECT_TRUE(catalogued.count(op.str())) << "kiln." << op.str();
  }
}

TEST(Catalogue, EveryOpHasRoundTripAndInvalidTests) {
  for (const std::string &op : catalogueOps())
    for (const char *suite : {"roundtrip", "invalid"}) {
      std::string path =
          std::string(KILN_SOURCE_DIR) + "/test/Dialect/" + suite + "/" + op + ".mlir";
      EXPECT_TRUE(llvm::sys::fs::exists(path)) << "missing " << path;
    }
}

// Every op's lowering is FileCheck'ed in test/Conversion/KilnToLinalg.
TEST(Catalogue, EveryOpHasAConversionTest) {
  std::string all;
  std::error_code ec;
  std::string dir = std::string(KILN_SOURCE_DIR) + "/test/Conversion/KilnToLinalg";
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec))
    if (auto file = llvm::MemoryBuffer::getFile(it->path()))
      all += (*file)->getBuffer().str();
  for (const std::string &op : catalogueOps())
    EXPECT_NE(all.find("kiln." + op + " "), std::string::npos)
        << "no conversion test uses kiln." << op;
}

} // namespace
