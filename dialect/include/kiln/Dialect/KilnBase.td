//===- KilnBase.td - kiln dialect, types, enums, op classes -*- tablegen -*-===//
//
// The pieces every kiln op definition shares. Attribute defaults are
// PyTorch's; 2-D window attributes (stride, padding, ...) always hold two
// values (H, W) — the Python layer expands torch's int shorthand.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_BASE_TD
#define KILN_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Kiln_Dialect : Dialect {
  let name = "kiln";
  let cppNamespace = "::kiln";
  let summary = "Neural-network operators with PyTorch's semantics";
  let description = [{
    One op per operator of the Kiln catalogue (convolution, linear, norms,
    pooling, activations, layout, pointwise, reductions, embedding, dropout).
    Ops work on statically shaped ranked tensors; result types follow
    PyTorch's shape rules and are inferred.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 0;
  // kiln.tiling is checked against the op it annotates (one size per loop).
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Registers the attributes (dialect/lib/Attributes.cpp, where their
    /// storage is defined).
    void registerAttributes();
  }];
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

def Kiln_FloatTensor : StaticShapeTensorOf<[F16, BF16, F32, F64]>;
// Indices produced by max/min/pooling, as torch's int64.
def Kiln_IndexTensor : StaticShapeTensorOf<[I64]>;
// Indices consumed by embedding (torch accepts int32 and int64).
def Kiln_IdsTensor : StaticShapeTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Kiln_PaddingMode : I32EnumAttr<"PaddingMode", "nn.Conv2d padding_mode", [
    I32EnumAttrCase<"zeros", 0>, I32EnumAttrCase<"reflect", 1>,
    I32EnumAttrCase<"replicate", 2>, I32EnumAttrCase<"circular", 3>]> {
  let cppNamespace = "::kiln";
  let genSpecializedAttr = 0;
}
def Kiln_PaddingModeAttr : EnumAttr<Kiln_Dialect, Kiln_PaddingMode,
                                    "padding_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

// conv2d's padding='same' / padding='valid'.
def Kiln_PaddingPreset : I32EnumAttr<"PaddingPreset", "conv2d padding string", [
    I32EnumAttrCase<"same", 0>, I32EnumAttrCase<"valid", 1>]> {
  let cppNamespace = "::kiln";
  let genSpecializedAttr = 0;
}
def Kiln_PaddingPresetAttr : EnumAttr<Kiln_Dialect, Kiln_PaddingPreset,
                                      "padding_preset"> {
  let assemblyFormat = "`<` $value `>`";
}

def Kiln_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "gelu approximate=", [
    I32EnumAttrCase<"none", 0>, I32EnumAttrCase<"tanh", 1>]> {
  let cppNamespace = "::kiln";
  let genSpecializedAttr = 0;
}
def Kiln_GeluApproximationAttr : EnumAttr<Kiln_Dialect, Kiln_GeluApproximation,
                                          "approximate"> {
  let assemblyFormat = "`<` $value `>`";
}

// torch.div's rounding_mode ('trunc' or 'floor'; none is true division).
def Kiln_RoundingMode : I32EnumAttr<"RoundingMode", "torch.div rounding_mode=", [
    I32EnumAttrCase<"trunc", 0>, I32EnumAttrCase<"floor", 1>]> {
  let cppNamespace = "::kiln";
  let genSpecializedAttr = 0;
}
def Kiln_RoundingModeAttr : EnumAttr<Kiln_Dialect, Kiln_RoundingMode,
                                     "rounding_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

//===----------------------------------------------------------------------===//
// Attribute shorthands with PyTorch's defaults
//===----------------------------------------------------------------------===//

class Kiln_I64Array<string default> : DefaultValuedAttr<DenseI64ArrayAttr, default>;
class Kiln_F64<string default> : DefaultValuedAttr<F64Attr, default>;
class Kiln_I64<string default> : DefaultValuedAttr<I64Attr, default>;
class Kiln_Bool<string default> : DefaultValuedAttr<BoolAttr, default>;

//===----------------------------------------------------------------------===//
// Op classes
//===----------------------------------------------------------------------===//

// Verifies an op by running its shape rules (inferReturnTypes) before
// InferTypeOpInterface compares the inferred and declared result types, so
// that a broken rule is reported once, by its own message, rather than being
// followed by the interface's "failed to infer returned types".
def Kiln_ShapeRulesFirst : NativeOpTrait<"ShapeRulesFirst"> {
  let cppNamespace = "::kiln::OpTrait";
}

// Every kiln op is pure (dropout is a function of its seed) and infers its
// result types from its operands and attributes via an inferReturnTypes
// written in dialect/lib/*Ops.cpp.
class Kiln_Op<string mnemonic, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic,
         !listconcat([Pure, Kiln_ShapeRulesFirst, InferTypeOpAdaptor], traits)>;

// Elementwise float -> float of the same type; inference comes from the trait.
class Kiln_UnaryOp<string mnemonic, string summaryText, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic,
         !listconcat([Pure, SameOperandsAndResultType], traits)> {
  let summary = summaryText;
  let arguments = (ins Kiln_FloatTensor:$input);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

// Broadcasting binary pointwise op: torch.<name>(input, other).
class Kiln_BinaryOp<string mnemonic, string summaryText, dag extraArgs = (ins)>
    : Kiln_Op<mnemonic> {
  let summary = summaryText;
  let arguments = !con((ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$other),
                       extraArgs);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $other attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_BASE_TD
