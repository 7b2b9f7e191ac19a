//===- KilnPoolOps.td - pooling ops -----------------------*- tablegen -*-===//

#ifndef KILN_POOL_OPS_TD
#define KILN_POOL_OPS_TD

include "kiln/Dialect/KilnBase.td"

// Inputs are N×C×H×W or C×H×W, like torch. An empty `stride` means
// stride = kernel_size (torch's stride=None).
def Kiln_MaxPool2dOp : Kiln_Op<"max_pool2d"> {
  let summary = "torch.nn.functional.max_pool2d";
  let description = [{ With `return_indices true` a second result holds the
    argmax index within each H×W plane, as torch does. }];
  let arguments = (ins Kiln_FloatTensor:$input,
                   DenseI64ArrayAttr:$kernel_size,
                   Kiln_I64Array<"{}">:$stride,
                   Kiln_I64Array<"{0, 0}">:$padding,
                   Kiln_I64Array<"{1, 1}">:$dilation,
                   Kiln_Bool<"false">:$ceil_mode,
                   Kiln_Bool<"false">:$return_indices);
  let results = (outs Kiln_FloatTensor:$result, Optional<Kiln_IndexTensor>:$indices);
  let assemblyFormat = [{
    $input `kernel_size` $kernel_size (`stride` $stride^)? (`padding` $padding^)?
    (`dilation` $dilation^)? (`ceil_mode` $ceil_mode^)?
    (`return_indices` $return_indices^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_AvgPool2dOp : Kiln_Op<"avg_pool2d"> {
  let summary = "torch.nn.functional.avg_pool2d";
  let arguments = (ins Kiln_FloatTensor:$input,
                   DenseI64ArrayAttr:$kernel_size,
                   Kiln_I64Array<"{}">:$stride,
                   Kiln_I64Array<"{0, 0}">:$padding,
                   Kiln_Bool<"false">:$ceil_mode,
                   Kiln_Bool<"true">:$count_include_pad,
                   OptionalAttr<I64Attr>:$divisor_override);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `kernel_size` $kernel_size (`stride` $stride^)? (`padding` $padding^)?
    (`ceil_mode` $ceil_mode^)? (`count_include_pad` $count_include_pad^)?
    (`divisor_override` $divisor_override^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

// output_size holds (H, W); -1 stands for torch's None (keep the input size).
def Kiln_AdaptiveAvgPool2dOp : Kiln_Op<"adaptive_avg_pool2d"> {
  let summary = "torch.nn.functional.adaptive_avg_pool2d (output 1×1 = global average pooling)";
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$output_size);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `output_size` $output_size attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_AdaptiveMaxPool2dOp : Kiln_Op<"adaptive_max_pool2d"> {
  let summary = "torch.nn.functional.adaptive_max_pool2d";
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$output_size,
                   Kiln_Bool<"false">:$return_indices);
  let results = (outs Kiln_FloatTensor:$result, Optional<Kiln_IndexTensor>:$indices);
  let assemblyFormat = [{
    $input `output_size` $output_size (`return_indices` $return_indices^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

#endif // KILN_POOL_OPS_TD
