//===- CodegenTest.cpp - LLVM optimization and parallel code generation ---===//
//
// kiln::runtime::optimize (-O2 without CalledValuePropagation) and
// emitObjects' parts: a model's straight-line entries and the kernels run
// once per model are a part of their own (generated at -O0), its other
// kernels and any entry with a loop the others.
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

/// The host's target machine (the factory emitObjects calls from its
/// threads: the target is initialized once, before).
std::unique_ptr<llvm::TargetMachine> hostMachine() {
  static const llvm::Target *target = [] {
    llvm::Expected<const llvm::Target *> native = kiln::nativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    if (!native) {
      llvm::consumeError(native.takeError());
      return static_cast<const llvm::Target *>(nullptr);
    }
    return *native;
  }();
  if (!target)
    return nullptr;
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      llvm::Triple(llvm::sys::getProcessTriple()), "x86-64-v3", "", llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Aggressive));
}

/// `kernels` kernels of a loop over `additions` additions each, an entry
/// `model` calling each of them `calls` times, and an entry `looping` with a
/// loop of its own.
std::string modelIR(int kernels, int additions, int calls) {
  std::string text;
  for (int k = 0; k < kernels; ++k) {
    text += "define void @kernel" + std::to_string(k) + "(ptr %x, i64 %n) noinline {\n"
            "entry:\n  br label %loop\nloop:\n"
            "  %i = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
            "  %p = getelementptr double, ptr %x, i64 %i\n  %v0 = load double, ptr %p\n";
    for (int j = 1; j <= additions; ++j)
      text += "  %v" + std::to_string(j) + " = fadd double %v" + std::to_string(j - 1) +
              ", " + std::to_string(j) + ".0\n";
    text += "  store double %v" + std::to_string(additions) + ", ptr %p\n"
            "  %next = add i64 %i, 1\n"
            "  %done = icmp eq i64 %next, %n\n  br i1 %done, label %exit, label %loop\n"
            "exit:\n  ret void\n}\n";
  }
  text += "define void @model(ptr %x) {\n";
  for (int c = 0; c < calls; ++c)
    for (int k = 0; k < kernels; ++k)
      text += "  call void @kernel" + std::to_string(k) + "(ptr %x, i64 8)\n";
  text += "  ret void\n}\n"
          "define void @looping(ptr %x, i64 %n) {\n"
          "entry:\n  br label %loop\nloop:\n"
          "  %i = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
          "  call void @kernel0(ptr %x, i64 %i)\n  %next = add i64 %i, 1\n"
          "  %done = icmp eq i64 %next, %n\n  br i1 %done, label %exit, label %loop\n"
          "exit:\n  ret void\n}\n";
  return text;
}

/// emitObjects on `text`, on 2 threads, kernels told apart by their name.
Objects emit(const std::string &text) {
  llvm::LLVMContext context;
  auto module = parse(text, context);
  Objects objects;
  if (!module)
    return objects;
  llvm::Error e = emitObjects(
      std::move(module), hostMachine,
      [](const llvm::Function &f) { return !f.getName().starts_with("kernel"); }, 2, objects);
  EXPECT_FALSE(bool(e)) << llvm::toString(std::move(e));
  return objects;
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

TEST(Optimize, VectorizesStraightLineCode) {
  // Four adjacent scalar additions: one vector addition (SLP) for a target
  // with vectors, as upstream's transformer and clang -O2 make them.
  llvm::LLVMContext context;
  auto module = parse(R"(
    define void @f(ptr %x) {
      %p1 = getelementptr float, ptr %x, i64 1
      %p2 = getelementptr float, ptr %x, i64 2
      %p3 = getelementptr float, ptr %x, i64 3
      %a0 = load float, ptr %x
      %a1 = load float, ptr %p1
      %a2 = load float, ptr %p2
      %a3 = load float, ptr %p3
      %b0 = fadd float %a0, 1.0
      %b1 = fadd float %a1, 2.0
      %b2 = fadd float %a2, 3.0
      %b3 = fadd float %a3, 4.0
      store float %b0, ptr %x
      store float %b1, ptr %p1
      store float %b2, ptr %p2
      store float %b3, ptr %p3
      ret void
    })",
                      context);
  auto machine = hostMachine();
  ASSERT_TRUE(module && machine);
  module->setDataLayout(machine->createDataLayout());
  module->setTargetTriple(machine->getTargetTriple());
  optimize(*module, machine.get());
  unsigned vectorAdds = 0, scalarAdds = 0;
  for (llvm::Instruction &inst : llvm::instructions(*module->getFunction("f")))
    if (inst.getOpcode() == llvm::Instruction::FAdd)
      (inst.getType()->isVectorTy() ? vectorAdds : scalarAdds)++;
  EXPECT_EQ(vectorAdds, 1u);
  EXPECT_EQ(scalarAdds, 0u);
}

TEST(ParallelCodegen, StraightLineEntriesAreAPartOfTheirOwn) {
  // Enough kernel instructions for two parts, and the entries' part first.
  Objects objects = emit(modelIR(16, 600, 1));
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

TEST(ParallelCodegen, KernelsRunOnceJoinTheEntries) {
  // A cold kernel (a prepare entry's) and the function only it references
  // go with the entries, at -O0, though the kernel has a loop.
  std::string text = modelIR(16, 600, 1) +
                     "define void @kernel_once(ptr %x, i64 %n) noinline cold {\n"
                     "entry:\n  br label %loop\nloop:\n"
                     "  %i = phi i64 [ 0, %entry ], [ %next, %loop ]\n"
                     "  call void @kernel_once_body(ptr %x, i64 %i)\n"
                     "  %next = add i64 %i, 1\n"
                     "  %done = icmp eq i64 %next, %n\n  br i1 %done, label %exit, label %loop\n"
                     "exit:\n  ret void\n}\n"
                     "define void @kernel_once_body(ptr %x, i64 %i) noinline {\n"
                     "  %p = getelementptr double, ptr %x, i64 %i\n"
                     "  store double 1.0, ptr %p\n  ret void\n}\n";
  Objects objects = emit(text);
  ASSERT_EQ(objects.paths.size(), 3u);
  EXPECT_EQ(definedFunctions(objects.paths[0]),
            (std::set<std::string>{"model", "kernel_once", "kernel_once_body"}));
  for (const std::string &path : objects.paths)
    llvm::sys::fs::remove(path);
}

TEST(ParallelCodegen, ALargeEntryIsAPartBesideFewKernels) {
  // Two small kernels called 3,000 times: one kernels' part and the entry's.
  Objects objects = emit(modelIR(2, 10, 3000));
  ASSERT_EQ(objects.paths.size(), 2u);
  EXPECT_EQ(definedFunctions(objects.paths[0]), std::set<std::string>{"model"});
  for (const std::string &path : objects.paths)
    llvm::sys::fs::remove(path);
}

TEST(ParallelCodegen, ASmallModuleIsOnePart) {
  Objects objects = emit(modelIR(2, 10, 1));
  EXPECT_EQ(objects.paths.size(), 1u);
  for (const std::string &path : objects.paths)
    llvm::sys::fs::remove(path);
}

} // namespace
