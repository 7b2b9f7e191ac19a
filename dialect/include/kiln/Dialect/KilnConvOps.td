//===- KilnConvOps.td - convolution and linear ops --------*- tablegen -*-===//

#ifndef KILN_CONV_OPS_TD
#define KILN_CONV_OPS_TD

include "kiln/Dialect/KilnBase.td"

def Kiln_Conv2dOp : Kiln_Op<"conv2d"> {
  let summary = "2-D convolution, torch.nn.functional.conv2d + nn.Conv2d padding_mode";
  let description = [{
    `input` is N×C×H×W (or C×H×W), `weight` is O×(C/groups)×kH×kW, `bias` O.
    `padding` is explicit (H, W) padding, or `padding <same>` / `padding
    <valid>` (torch's padding strings; 'same' requires stride 1).
    `padding_mode` applies to explicit padding as in nn.Conv2d.

    ```mlir
    %y = kiln.conv2d %x, %w, %b stride [2, 1] padding [4, 2] dilation [3, 1]
        : (tensor<20x16x50x100xf32>, tensor<33x16x3x5xf32>, tensor<33xf32>)
        -> tensor<20x33x26x100xf32>
    ```
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
                   Optional<Kiln_FloatTensor>:$bias,
                   Kiln_I64Array<"{1, 1}">:$stride,
                   Kiln_I64Array<"{0, 0}">:$padding,
                   OptionalAttr<Kiln_PaddingPresetAttr>:$padding_preset,
                   Kiln_I64Array<"{1, 1}">:$dilation,
                   Kiln_I64<"1">:$groups,
                   DefaultValuedAttr<Kiln_PaddingModeAttr,
                                     "::kiln::PaddingMode::zeros">:$padding_mode);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? (`stride` $stride^)?
    custom<ConvPadding>($padding, $padding_preset) (`dilation` $dilation^)?
    (`groups` $groups^)? (`padding_mode` $padding_mode^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_ConvTranspose2dOp : Kiln_Op<"conv_transpose2d"> {
  let summary = "2-D transposed convolution, torch.nn.functional.conv_transpose2d";
  let description = [{
    `weight` is C×(O/groups)×kH×kW. `output_size` is nn.ConvTranspose2d's
    call-time argument: the (H, W) or full (N, C, H, W) size wanted; it picks
    the output padding and excludes an explicit `output_padding`.
  }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
                   Optional<Kiln_FloatTensor>:$bias,
                   Kiln_I64Array<"{1, 1}">:$stride,
                   Kiln_I64Array<"{0, 0}">:$padding,
                   Kiln_I64Array<"{0, 0}">:$output_padding,
                   Kiln_I64<"1">:$groups,
                   Kiln_I64Array<"{1, 1}">:$dilation,
                   OptionalAttr<DenseI64ArrayAttr>:$output_size);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? (`stride` $stride^)? (`padding` $padding^)?
    (`output_padding` $output_padding^)? (`groups` $groups^)?
    (`dilation` $dilation^)? (`output_size` $output_size^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_LinearOp : Kiln_Op<"linear"> {
  let summary = "y = x·Wᵀ + b, torch.nn.functional.linear";
  let description = [{ `input` is (*, in), `weight` (out, in) or (in),
    `bias` (out) or a scalar. }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
                   Optional<Kiln_FloatTensor>:$bias);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_MatmulOp : Kiln_Op<"matmul"> {
  let summary = "torch.matmul: 1-D dot/vector cases and broadcast batched products";
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$other);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $other attr-dict `:` functional-type(operands, results)";
}

def Kiln_MmOp : Kiln_Op<"mm"> {
  let summary = "torch.mm: (n×m)·(m×p)";
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$mat2);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $mat2 attr-dict `:` functional-type(operands, results)";
}

def Kiln_BmmOp : Kiln_Op<"bmm"> {
  let summary = "torch.bmm: (b×n×m)·(b×m×p)";
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$mat2);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input `,` $mat2 attr-dict `:` functional-type(operands, results)";
}

#endif // KILN_CONV_OPS_TD
