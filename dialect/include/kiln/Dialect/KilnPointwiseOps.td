//===- KilnPointwiseOps.td - pointwise ops ----------------*- tablegen -*-===//

#ifndef KILN_POINTWISE_OPS_TD
#define KILN_POINTWISE_OPS_TD

include "kiln/Dialect/KilnBase.td"

// Binary ops broadcast like NumPy/PyTorch; a 0-d tensor is a scalar.
def Kiln_AddOp : Kiln_BinaryOp<"add", "input + alpha·other", (ins Kiln_F64<"1.0">:$alpha)> {
  let assemblyFormat = [{
    $input `,` $other (`alpha` $alpha^)? attr-dict `:` functional-type(operands, results)
  }];
}
def Kiln_SubOp : Kiln_BinaryOp<"sub", "input - alpha·other", (ins Kiln_F64<"1.0">:$alpha)> {
  let assemblyFormat = [{
    $input `,` $other (`alpha` $alpha^)? attr-dict `:` functional-type(operands, results)
  }];
}
def Kiln_MulOp : Kiln_BinaryOp<"mul", "input · other">;
def Kiln_DivOp : Kiln_BinaryOp<"div", "input / other, true or rounded division",
                               (ins OptionalAttr<Kiln_RoundingModeAttr>:$rounding_mode)> {
  let description = [{ Without `rounding_mode`, true division. `trunc`
    rounds the quotient toward zero; `floor` rounds it down as torch's floor
    division of floats does (from fmod, so that it agrees with Python's `//`
    where the quotient rounds up to an integer). }];
  let assemblyFormat = [{
    $input `,` $other (`rounding_mode` $rounding_mode^)? attr-dict
    `:` functional-type(operands, results)
  }];
}
def Kiln_PowOp : Kiln_BinaryOp<"pow", "input ^ other">;
def Kiln_MaximumOp : Kiln_BinaryOp<"maximum", "elementwise max, NaN-propagating">;
def Kiln_MinimumOp : Kiln_BinaryOp<"minimum", "elementwise min, NaN-propagating">;

def Kiln_SqrtOp : Kiln_UnaryOp<"sqrt", "√x">;
def Kiln_RsqrtOp : Kiln_UnaryOp<"rsqrt", "1/√x">;
def Kiln_ExpOp : Kiln_UnaryOp<"exp", "eˣ">;
def Kiln_LogOp : Kiln_UnaryOp<"log", "ln x">;
def Kiln_AbsOp : Kiln_UnaryOp<"abs", "|x|">;
def Kiln_NegOp : Kiln_UnaryOp<"neg", "-x">;
def Kiln_ReciprocalOp : Kiln_UnaryOp<"reciprocal", "1/x">;

def Kiln_ClampOp : Kiln_UnaryOp<"clamp", "min(max(x, min), max); at least one bound"> {
  let arguments = (ins Kiln_FloatTensor:$input, OptionalAttr<F64Attr>:$min,
                   OptionalAttr<F64Attr>:$max);
  let assemblyFormat = [{
    $input (`min` $min^)? (`max` $max^)? attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

#endif // KILN_POINTWISE_OPS_TD
