//===- KilnReduceOps.td - reductions, embedding, dropout --*- tablegen -*-===//

#ifndef KILN_REDUCE_OPS_TD
#define KILN_REDUCE_OPS_TD

include "kiln/Dialect/KilnBase.td"

// Without `dim` (or with an empty list) a reduction covers every dim.
class Kiln_ReduceOp<string mnemonic, string summaryText, dag extraArgs = (ins)>
    : Kiln_Op<mnemonic> {
  let summary = summaryText;
  let arguments = !con((ins Kiln_FloatTensor:$input,
                            OptionalAttr<DenseI64ArrayAttr>:$dim),
                       extraArgs, (ins Kiln_Bool<"false">:$keepdim));
  let results = (outs Kiln_FloatTensor:$result);
}

def Kiln_SumOp : Kiln_ReduceOp<"sum", "torch.sum over dims"> {
  let assemblyFormat = [{
    $input (`dim` $dim^)? (`keepdim` $keepdim^)? attr-dict `:` functional-type(operands, results)
  }];
}
def Kiln_MeanOp : Kiln_ReduceOp<"mean", "torch.mean over dims"> {
  let assemblyFormat = [{
    $input (`dim` $dim^)? (`keepdim` $keepdim^)? attr-dict `:` functional-type(operands, results)
  }];
}
def Kiln_VarOp : Kiln_ReduceOp<"var", "torch.var: Σ(x-mean)² / (N - correction)",
                               (ins Kiln_I64<"1">:$correction)> {
  let assemblyFormat = [{
    $input (`dim` $dim^)? (`correction` $correction^)? (`keepdim` $keepdim^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

// torch.max(input) → 0-d values; torch.max(input, dim) → (values, indices).
class Kiln_ArgReduceOp<string mnemonic, string summaryText> : Kiln_Op<mnemonic> {
  let summary = summaryText;
  let arguments = (ins Kiln_FloatTensor:$input, OptionalAttr<I64Attr>:$dim,
                   Kiln_Bool<"false">:$keepdim);
  let results = (outs Kiln_FloatTensor:$values, Optional<Kiln_IndexTensor>:$indices);
  let assemblyFormat = [{
    $input (`dim` $dim^)? (`keepdim` $keepdim^)? attr-dict `:` functional-type(operands, results)
  }];
}
def Kiln_MaxOp : Kiln_ArgReduceOp<"max", "torch.max, whole tensor or along dim with indices">;
def Kiln_MinOp : Kiln_ArgReduceOp<"min", "torch.min, whole tensor or along dim with indices">;

def Kiln_EmbeddingOp : Kiln_Op<"embedding"> {
  let summary = "torch.nn.functional.embedding: rows of weight picked by input";
  let description = [{ Result shape is input.shape + [embedding_dim].
    `padding_idx` may be negative (counted from the end). }];
  let arguments = (ins Kiln_IdsTensor:$input, Kiln_FloatTensor:$weight,
                   OptionalAttr<I64Attr>:$padding_idx);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`padding_idx` $padding_idx^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_DropoutOp : Kiln_UnaryOp<"dropout", "zero each element with probability p, scale the rest by 1/(1-p)"> {
  let description = [{ In training the mask comes from a counter-based RNG
    keyed by `seed`: the same seed gives the same mask on every run. In
    inference (or with p = 0) dropout is the identity and folds away. }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_F64<"0.5">:$p,
                   Kiln_Bool<"true">:$training, Kiln_I64<"0">:$seed);
  let assemblyFormat = [{
    $input (`p` $p^)? (`training` $training^)? (`seed` $seed^)? attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // KILN_REDUCE_OPS_TD
