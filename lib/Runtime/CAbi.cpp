//===- CAbi.cpp - the C ABI of an AOT library, built with IRBuilder -------===//
//
// Built as upstream's ExecutionEngine builds its wrappers (llvm::IRBuilder
// over the translated module): the entry shims fill a memref descriptor
// (allocated, aligned, offset, sizes, strides) for each dense C array and
// call the `_mlir_ciface_` wrapper MLIR emitted; the metadata are constant
// tables with range-checked getters.
//
//===----------------------------------------------------------------------===//

#include "CAbi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"

namespace kiln::runtime {
namespace {

class CAbiBuilder {
public:
  explicit CAbiBuilder(llvm::Module &module)
      : module(module), ctx(module.getContext()), b(ctx), ptr(b.getPtrTy()), i32(b.getInt32Ty()),
        i64(b.getInt64Ty()) {}

  void addEntry(const std::string &name, const Signature &sig) {
    std::vector<const TensorSpec *> arrays;
    for (const TensorSpec &s : sig.inputs)
      arrays.push_back(&s);
    for (const TensorSpec &s : sig.outputs)
      arrays.push_back(&s);
    llvm::Function *shim = addShim(name, arrays);
    addPacked(name, shim);
    addMetadata(name, "input", sig.inputs);
    addMetadata(name, "output", sig.outputs);
  }

  void addModuleMetadata(const std::vector<std::string> &order, llvm::StringRef version) {
    std::vector<llvm::Constant *> names;
    for (const std::string &e : order)
      names.push_back(string(e));
    addGetter("kiln_entry_name", table("kiln_entry_names", ptr, names), order.size(),
              llvm::ConstantPointerNull::get(ptr));
    addConstantFunction("kiln_num_entries", b.getInt32(order.size()));
    addConstantFunction("kiln_version", string(version));
  }

private:
  /// int kiln_E(ptr in0, ..., ptr outN): a descriptor per array, then
  /// _mlir_ciface_E(&descriptor0, ...).
  llvm::Function *addShim(const std::string &name, const std::vector<const TensorSpec *> &arrays) {
    llvm::SmallVector<llvm::Type *> ptrs(arrays.size(), ptr);
    llvm::FunctionCallee target = module.getOrInsertFunction(
        "_mlir_ciface_" + name, llvm::FunctionType::get(b.getVoidTy(), ptrs, false));
    llvm::Function *shim = define("kiln_" + name, i32, ptrs);
    llvm::SmallVector<llvm::Value *> descriptors;
    for (auto [array, spec] : llvm::zip(shim->args(), arrays)) {
      llvm::Value *descriptor = describe(&array, spec->shape);
      llvm::Value *slot = b.CreateAlloca(descriptor->getType());
      b.CreateStore(descriptor, slot);
      descriptors.push_back(slot);
    }
    b.CreateCall(target, descriptors);
    b.CreateRet(b.getInt32(0));
    return shim;
  }

  /// The memref descriptor of a dense, C-ordered array at `data`.
  llvm::Value *describe(llvm::Value *data, const std::vector<int64_t> &shape) {
    llvm::SmallVector<llvm::Type *> fields = {ptr, ptr, i64};
    llvm::ArrayType *dims = llvm::ArrayType::get(i64, shape.size());
    if (!shape.empty())
      fields.append({dims, dims});
    llvm::Value *d = llvm::PoisonValue::get(llvm::StructType::get(ctx, fields));
    d = b.CreateInsertValue(d, data, 0);
    d = b.CreateInsertValue(d, data, 1);
    d = b.CreateInsertValue(d, b.getInt64(0), 2);
    if (shape.empty())
      return d;
    std::vector<int64_t> strides(shape.size());
    int64_t stride = 1;
    for (size_t i = shape.size(); i-- > 0;) {
      strides[i] = stride;
      stride *= shape[i];
    }
    d = b.CreateInsertValue(d, i64Array(shape), 3);
    return b.CreateInsertValue(d, i64Array(strides), 4);
  }

  /// int kiln_E_packed(void **args): args[i] is array i (inputs, then
  /// outputs), for runtimes that call entries of any arity.
  void addPacked(const std::string &name, llvm::Function *shim) {
    llvm::Function *packed = define("kiln_" + name + "_packed", i32, {ptr});
    llvm::SmallVector<llvm::Value *> arrays;
    for (unsigned i = 0; i < shim->arg_size(); ++i)
      arrays.push_back(b.CreateLoad(ptr, b.CreateConstGEP1_64(ptr, packed->getArg(0), i)));
    b.CreateRet(b.CreateCall(shim, arrays));
  }

  /// kiln_E_num_<kind>s(), and kiln_E_<kind>_rank/_shape/_dtype(i).
  void addMetadata(const std::string &entry, const std::string &kind,
                   const std::vector<TensorSpec> &specs) {
    std::string base = "kiln_" + entry + "_" + kind;
    addConstantFunction("kiln_" + entry + "_num_" + kind + "s", b.getInt32(specs.size()));
    std::vector<llvm::Constant *> ranks, shapes, dtypes;
    for (size_t i = 0; i < specs.size(); ++i) {
      const std::vector<int64_t> &shape = specs[i].shape;
      ranks.push_back(b.getInt32(shape.size()));
      // A 0-d shape is one unused element: every getter's result is a pointer.
      shapes.push_back(shape.empty() ? table(base + "_shape_" + std::to_string(i), i64,
                                             {b.getInt64(0)})
                                     : global(base + "_shape_" + std::to_string(i),
                                              i64Array(shape)));
      dtypes.push_back(string(dtypeName(specs[i].dtype)));
    }
    addGetter(base + "_rank", table(base + "_ranks", i32, ranks), specs.size(), b.getInt32(-1));
    addGetter(base + "_shape", table(base + "_shapes", ptr, shapes), specs.size(),
              llvm::ConstantPointerNull::get(ptr));
    addGetter(base + "_dtype", table(base + "_dtypes", ptr, dtypes), specs.size(),
              llvm::ConstantPointerNull::get(ptr));
  }

  /// `name(i32 i)`: table[i], or `fallback` when i is out of range.
  void addGetter(const std::string &name, llvm::GlobalVariable *values, size_t count,
                 llvm::Constant *fallback) {
    llvm::Type *type = fallback->getType();
    llvm::Function *getter = define(name, type, {i32});
    llvm::Value *i = getter->getArg(0);
    llvm::BasicBlock *in = llvm::BasicBlock::Create(ctx, "in", getter);
    llvm::BasicBlock *out = llvm::BasicBlock::Create(ctx, "out", getter);
    b.CreateCondBr(b.CreateICmpULT(i, b.getInt32(count)), in, out);
    b.SetInsertPoint(in);
    llvm::Value *slot = b.CreateInBoundsGEP(values->getValueType(), values, {b.getInt32(0), i});
    b.CreateRet(b.CreateLoad(type, slot));
    b.SetInsertPoint(out);
    b.CreateRet(fallback);
  }

  void addConstantFunction(const std::string &name, llvm::Constant *value) {
    define(name, value->getType(), {});
    b.CreateRet(value);
  }

  /// An external function `name`, the builder at the start of its body.
  llvm::Function *define(const std::string &name, llvm::Type *result,
                         llvm::ArrayRef<llvm::Type *> params) {
    llvm::Function *f =
        llvm::Function::Create(llvm::FunctionType::get(result, params, false),
                               llvm::GlobalValue::ExternalLinkage, name, module);
    b.SetInsertPoint(llvm::BasicBlock::Create(ctx, "entry", f));
    return f;
  }

  llvm::Constant *i64Array(const std::vector<int64_t> &values) {
    return llvm::ConstantDataArray::get(ctx, llvm::ArrayRef<uint64_t>(
                                                 reinterpret_cast<const uint64_t *>(values.data()),
                                                 values.size()));
  }

  llvm::GlobalVariable *table(const std::string &name, llvm::Type *element,
                              llvm::ArrayRef<llvm::Constant *> values) {
    auto *type = llvm::ArrayType::get(element, values.size());
    return global(name, llvm::ConstantArray::get(type, values));
  }

  llvm::GlobalVariable *global(const std::string &name, llvm::Constant *value) {
    auto *g = new llvm::GlobalVariable(module, value->getType(), /*isConstant=*/true,
                                       llvm::GlobalValue::PrivateLinkage, value, name);
    g->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
    return g;
  }

  /// A NUL-terminated string constant, one per text.
  llvm::Constant *string(llvm::StringRef text) {
    llvm::GlobalVariable *&g = strings[text];
    if (!g)
      g = global("kiln.str." + std::to_string(strings.size() - 1),
                 llvm::ConstantDataArray::getString(ctx, text));
    return g;
  }

  llvm::Module &module;
  llvm::LLVMContext &ctx;
  llvm::IRBuilder<> b;
  llvm::PointerType *ptr;
  llvm::IntegerType *i32, *i64;
  llvm::StringMap<llvm::GlobalVariable *> strings;
};

} // namespace

void addCAbi(llvm::Module &module, const llvm::StringMap<Signature> &entries,
             const std::vector<std::string> &order, llvm::StringRef version) {
  CAbiBuilder builder(module);
  for (const std::string &e : order)
    builder.addEntry(e, entries.find(e)->second);
  builder.addModuleMetadata(order, version);
}

} // namespace kiln::runtime
