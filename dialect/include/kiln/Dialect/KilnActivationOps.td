//===- KilnActivationOps.td - activation ops --------------*- tablegen -*-===//

#ifndef KILN_ACTIVATION_OPS_TD
#define KILN_ACTIVATION_OPS_TD

include "kiln/Dialect/KilnBase.td"

def Kiln_ReluOp : Kiln_UnaryOp<"relu", "max(x, 0)">;
def Kiln_Relu6Op : Kiln_UnaryOp<"relu6", "min(max(x, 0), 6)">;
def Kiln_SeluOp : Kiln_UnaryOp<"selu", "scale·elu(x, 1.6732632…)">;
def Kiln_SigmoidOp : Kiln_UnaryOp<"sigmoid", "1 / (1 + exp(-x))">;
def Kiln_TanhOp : Kiln_UnaryOp<"tanh", "tanh(x)">;
def Kiln_SiluOp : Kiln_UnaryOp<"silu", "x·sigmoid(x)">;
def Kiln_MishOp : Kiln_UnaryOp<"mish", "x·tanh(softplus(x))">;
def Kiln_HardswishOp : Kiln_UnaryOp<"hardswish", "x·relu6(x + 3) / 6">;
def Kiln_HardsigmoidOp : Kiln_UnaryOp<"hardsigmoid", "relu6(x + 3) / 6">;
def Kiln_SoftsignOp : Kiln_UnaryOp<"softsign", "x / (1 + |x|)">;

def Kiln_LeakyReluOp : Kiln_UnaryOp<"leaky_relu", "x if x > 0 else negative_slope·x"> {
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_F64<"0.01">:$negative_slope);
  let assemblyFormat = [{
    $input (`negative_slope` $negative_slope^)? attr-dict `:` type($input)
  }];
}

def Kiln_EluOp : Kiln_UnaryOp<"elu", "x if x > 0 else alpha·(exp(x) - 1)"> {
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_F64<"1.0">:$alpha);
  let assemblyFormat = "$input (`alpha` $alpha^)? attr-dict `:` type($input)";
}

def Kiln_GeluOp : Kiln_UnaryOp<"gelu", "x·Φ(x), exact (erf) or tanh-approximated"> {
  let arguments = (ins Kiln_FloatTensor:$input,
                   DefaultValuedAttr<Kiln_GeluApproximationAttr,
                                     "::kiln::GeluApproximation::none">:$approximate);
  let assemblyFormat = [{
    $input (`approximate` $approximate^)? attr-dict `:` type($input)
  }];
}

def Kiln_SoftplusOp : Kiln_UnaryOp<"softplus",
    "log(1 + exp(beta·x)) / beta, linear above threshold"> {
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_F64<"1.0">:$beta,
                   Kiln_F64<"20.0">:$threshold);
  let assemblyFormat = [{
    $input (`beta` $beta^)? (`threshold` $threshold^)? attr-dict `:` type($input)
  }];
}

def Kiln_PreluOp : Kiln_Op<"prelu"> {
  let summary = "x if x > 0 else weight·x, weight of 1 or C (dim 1) elements";
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $weight attr-dict `:` functional-type(operands, results)";
}

def Kiln_SoftmaxOp : Kiln_UnaryOp<"softmax", "exp(x) / sum(exp(x)) along dim"> {
  let arguments = (ins Kiln_FloatTensor:$input, I64Attr:$dim);
  let assemblyFormat = "$input `dim` $dim attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Kiln_LogSoftmaxOp : Kiln_UnaryOp<"log_softmax", "log(softmax(x)) along dim"> {
  let arguments = (ins Kiln_FloatTensor:$input, I64Attr:$dim);
  let assemblyFormat = "$input `dim` $dim attr-dict `:` type($input)";
  let hasVerifier = 1;
}

#endif // KILN_ACTIVATION_OPS_TD
