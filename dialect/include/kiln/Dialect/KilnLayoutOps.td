//===- KilnLayoutOps.td - layout ops ----------------------*- tablegen -*-===//

#ifndef KILN_LAYOUT_OPS_TD
#define KILN_LAYOUT_OPS_TD

include "kiln/Dialect/KilnBase.td"

// Dims may be negative (counted from the end), as in torch.

def Kiln_ReshapeOp : Kiln_Op<"reshape"> {
  let summary = "torch.reshape / Tensor.view; one -1 is inferred";
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $shape attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_TransposeOp : Kiln_Op<"transpose"> {
  let summary = "torch.transpose: swap dim0 and dim1";
  let arguments = (ins Kiln_FloatTensor:$input, I64Attr:$dim0, I64Attr:$dim1);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $dim0 `,` $dim1 attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Kiln_PermuteOp : Kiln_Op<"permute"> {
  let summary = "torch.permute: result dim i is input dim dims[i]";
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$dims);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $dims attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_SqueezeOp : Kiln_Op<"squeeze"> {
  let summary = "torch.squeeze: drop size-1 dims (all, or those of `dim`)";
  let description = [{ Listed dims whose size is not 1 are kept, as in torch. }];
  let arguments = (ins Kiln_FloatTensor:$input, OptionalAttr<DenseI64ArrayAttr>:$dim);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`dim` $dim^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Kiln_UnsqueezeOp : Kiln_Op<"unsqueeze"> {
  let summary = "torch.unsqueeze: insert a size-1 dim at `dim` (in [-rank-1, rank])";
  let arguments = (ins Kiln_FloatTensor:$input, I64Attr:$dim);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $dim attr-dict `:` functional-type(operands, results)";
}

def Kiln_FlattenOp : Kiln_Op<"flatten"> {
  let summary = "torch.flatten(input, start_dim=0, end_dim=-1)";
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_I64<"0">:$start_dim,
                   Kiln_I64<"-1">:$end_dim);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`start_dim` $start_dim^)? (`end_dim` $end_dim^)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def Kiln_ExpandOp : Kiln_Op<"expand"> {
  let summary = "Tensor.expand: broadcast size-1 dims; -1 keeps a dim; new leading dims";
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$sizes);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $sizes attr-dict `:` functional-type(operands, results)";
  let hasFolder = 1;
}

def Kiln_CatOp : Kiln_Op<"cat"> {
  let summary = "torch.cat along dim";
  let arguments = (ins Variadic<Kiln_FloatTensor>:$tensors, Kiln_I64<"0">:$dim);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $tensors (`dim` $dim^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_StackOp : Kiln_Op<"stack"> {
  let summary = "torch.stack along a new dim";
  let arguments = (ins Variadic<Kiln_FloatTensor>:$tensors, Kiln_I64<"0">:$dim);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $tensors (`dim` $dim^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_SplitOp : Kiln_Op<"split"> {
  let summary = "torch.split: chunks of `split_size` (last one smaller) or `sections`";
  let arguments = (ins Kiln_FloatTensor:$input, OptionalAttr<I64Attr>:$split_size,
                   OptionalAttr<DenseI64ArrayAttr>:$sections, Kiln_I64<"0">:$dim);
  let results = (outs Variadic<Kiln_FloatTensor>:$results);
  let assemblyFormat = [{
    $input (`split_size` $split_size^)? (`sections` $sections^)? (`dim` $dim^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_SliceOp : Kiln_Op<"slice"> {
  let summary = "Tensor[start:stop:step] along the listed dims";
  let description = [{
    For each listed dim, Python slicing: negative `starts`/`ends` count from
    the end, out-of-range bounds clamp, `steps` are positive.
    9223372036854775807 as an end means "to the end" (torch's None).
  }];
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$dims,
                   DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$ends,
                   DenseI64ArrayAttr:$steps);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `dims` $dims `starts` $starts `ends` $ends `steps` $steps
    attr-dict `:` functional-type(operands, results)
  }];
}

#endif // KILN_LAYOUT_OPS_TD
