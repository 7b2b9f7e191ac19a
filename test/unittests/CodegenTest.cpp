//===- CodegenTest.cpp - LLVM optimization and parallel code generation ---===//
//
// kiln::runtime::optimize (-O2 without CalledValuePropagation) and
// emitObjects' parts: a model's straight-line entries are a part of their
// own (generated at -O0), its kernels and any entry with a loop the others.
//
//===----------------------------------------------------------------------===//

#include "Optimize.h"
#include "ParallelCodegen.h"
#include "kiln/Transforms/Target.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

using namespace kiln::runtime;

namespace {

std::unique_ptr<llvm::Module> parse(const std::string &text, llvm::LLVMContext &context) {
  llvm::SMDiagnostic diagnostic;
  auto module = llvm::parseAssemblyString(text, diagnostic, context);
  EXPECT_TRUE(module) << diagnostic.getMessage().str();
  return module;
}

std::unique_ptr<llvm::TargetMachine> hostMachine() {
  llvm::Expected<const llvm::Target *> target = kiln::nativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  EXPECT_TRUE(bool(target)) << llvm::toString(target.takeError());
  return std::unique_ptr<llvm::TargetMachine>((*target)->createTargetMachine(
      llvm::Triple(llvm::sys::getProcessTriple()), "generic", "", llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Aggressive));
}

/// The functions an object file defines.
std::set<std::string> definedFunctions(const std::string &path) {
  std::set<std::string> names;
  auto object = llvm::object::ObjectFile::createObjectFile(path);
  EXPECT_TRUE(bool(object)) << llvm::toString(object.takeError());
  if (!object)
    return names;
  for (const llvm::object::SymbolRef &symbol : object->getBinary()->symbols()) {
    auto type = symbol.getType();
    auto section = symbol.getSection();
    auto name = symbol.getName();
    if (type && section && name && *type == llvm::object::SymbolRef::ST_Function &&
        *section != object->getBinary()->section_end())
      names.insert(name->str());
  }
  return names;
}

TEST(Optimize, SkipsCalledValuePropagation) {
  // -O2 would mark the call with the functions it may reach (!callees).
  llvm::LLVMContext context;
  auto module = parse(R"(
    declare void @a()
    declare void @b()
    define void @f(i1 %c) {
      %p = select i1 %c, ptr @a, ptr @b
      call void %p()
      ret void
    })",
                      context);
  optimize(*module, nullptr);
  unsigned calls = 0;
  for (llvm::Instruction &inst : llvm::instructions(*module->getFunction("f")))
    if (auto *call = llvm::dyn_cast<llvm::CallInst>(&inst)) {
      ++calls;
      EXPECT_TRUE(call->isIndirectCall());
      EXPECT_EQ(call->getMetadata(llvm::LLVMContext::MD_callees), nullptr);
    }
  EXPECT_EQ(calls, 1u);
}

TEST(ParallelCodegen, StraightLineEntriesAreAPartOfTheirOwn) {
  // 16 kernels of a loop over 600 additions each (enough to split in two),
  // an entry calling them, and an entry with a loop of its own.
  std::string text;
  for (int k = 0; k < 16; ++k) {
    text += "define void @kernel" + std::to_string(k) + "(ptr %x, i64 %n) {\n"
            "entry:\n  br label %loop\nloop:\n"
            "  %i = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
            "  %p = getelementptr double, ptr %x, i64 %i\n  %v0 = load double, ptr %p\n";
    for (int j = 1; j <= 600; ++j)
      text += "  %v" + std::to_string(j) + " = fadd double %v" + std::to_string(j - 1) +
              ", " + std::to_string(j) + ".0\n";
    text += "  store double %v600, ptr %p\n  %next = add i64 %i, 1\n"
            "  %done = icmp eq i64 %next, %n\n  br i1 %done, label %exit, label %loop\n"
            "exit:\n  ret void\n}\n";
  }
  text += "define void @model(ptr %x) {\n";
  for (int k = 0; k < 16; ++k)
    text += "  call void @kernel" + std::to_string(k) + "(ptr %x, i64 8)\n";
  text += "  ret void\n}\n"
          "define void @looping(ptr %x, i64 %n) {\n"
          "entry:\n  br label %loop\nloop:\n"
          "  %i = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
          "  call void @kernel0(ptr %x, i64 %i)\n  %next = add i64 %i, 1\n"
          "  %done = icmp eq i64 %next, %n\n  br i1 %done, label %exit, label %loop\n"
          "exit:\n  ret void\n}\n";
  llvm::LLVMContext context;
  auto module = parse(text, context);
  ASSERT_TRUE(module);
  Objects objects;
  llvm::Error e = emitObjects(
      std::move(module), hostMachine,
      [](const llvm::Function &f) { return !f.getName().starts_with("kernel"); }, 2, objects);
  ASSERT_FALSE(bool(e)) << llvm::toString(std::move(e));
  ASSERT_EQ(objects.paths.size(), 3u);
  EXPECT_EQ(definedFunctions(objects.paths[0]), std::set<std::string>{"model"});
  std::set<std::string> rest;
  for (unsigned i = 1; i < objects.paths.size(); ++i)
    for (const std::string &name : definedFunctions(objects.paths[i]))
      rest.insert(name);
  EXPECT_EQ(rest.size(), 17u);
  EXPECT_TRUE(rest.count("looping"));
  for (const std::string &path : objects.paths)
    llvm::sys::fs::remove(path);
}

} // namespace
