//===- KilnNormOps.td - normalization ops -----------------*- tablegen -*-===//

#ifndef KILN_NORM_OPS_TD
#define KILN_NORM_OPS_TD

include "kiln/Dialect/KilnBase.td"

// batch_norm and instance_norm share torch's operand list; with batch
// statistics and running stats given they also return the updated running
// mean and variance (momentum update, unbiased batch variance).
class Kiln_RunningStatsNormOp<string mnemonic, string statsFlag, string statsDefault>
    : Kiln_Op<mnemonic, [AttrSizedOperandSegments]> {
  let arguments = !con(
      (ins Kiln_FloatTensor:$input,
           Optional<Kiln_FloatTensor>:$running_mean,
           Optional<Kiln_FloatTensor>:$running_var,
           Optional<Kiln_FloatTensor>:$weight,
           Optional<Kiln_FloatTensor>:$bias),
      !dag(ins, [Kiln_Bool<statsDefault>], [statsFlag]),
      (ins Kiln_F64<"0.1">:$momentum, Kiln_F64<"1e-05">:$eps));
  let results = (outs Kiln_FloatTensor:$output,
                      Variadic<Kiln_FloatTensor>:$new_running_stats);
  let assemblyFormat = !strconcat([{
    $input (`running_mean` $running_mean^)? (`running_var` $running_var^)?
    (`weight` $weight^)? (`bias` $bias^)? (`}], statsFlag, "` $", statsFlag, [{^)?
    (`momentum` $momentum^)? (`eps` $eps^)?
    attr-dict `:` functional-type(operands, results)
  }]);
}

def Kiln_BatchNormOp : Kiln_RunningStatsNormOp<"batch_norm", "training", "false"> {
  let summary = "torch.nn.functional.batch_norm (training and eval)";
  let description = [{
    Normalizes over every dim but 1 (channels). In training it uses batch
    statistics and, when running stats are given, also returns
    `(1-momentum)·running + momentum·batch` for mean and unbiased variance.
  }];
}

def Kiln_InstanceNormOp : Kiln_RunningStatsNormOp<"instance_norm", "use_input_stats", "true"> {
  let summary = "torch.nn.functional.instance_norm";
  let description = [{
    Normalizes each (sample, channel) over the spatial dims. With
    `use_input_stats false` it normalizes with the running stats instead.
  }];
}

def Kiln_LayerNormOp : Kiln_Op<"layer_norm", [AttrSizedOperandSegments]> {
  let summary = "torch.nn.functional.layer_norm over the trailing normalized_shape";
  let arguments = (ins Kiln_FloatTensor:$input,
                   Optional<Kiln_FloatTensor>:$weight,
                   Optional<Kiln_FloatTensor>:$bias,
                   DenseI64ArrayAttr:$normalized_shape,
                   Kiln_F64<"1e-05">:$eps);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)? `normalized_shape` $normalized_shape
    (`eps` $eps^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_GroupNormOp : Kiln_Op<"group_norm", [AttrSizedOperandSegments]> {
  let summary = "torch.nn.functional.group_norm";
  let arguments = (ins Kiln_FloatTensor:$input,
                   Optional<Kiln_FloatTensor>:$weight,
                   Optional<Kiln_FloatTensor>:$bias,
                   I64Attr:$num_groups,
                   Kiln_F64<"1e-05">:$eps);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? (`bias` $bias^)? `num_groups` $num_groups
    (`eps` $eps^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_RmsNormOp : Kiln_Op<"rms_norm"> {
  let summary = "x / sqrt(mean(x², normalized dims) + eps) · weight";
  let description = [{ Without `eps`, eps is the machine epsilon of the
    element type (torch's rule). }];
  let arguments = (ins Kiln_FloatTensor:$input,
                   Optional<Kiln_FloatTensor>:$weight,
                   DenseI64ArrayAttr:$normalized_shape,
                   OptionalAttr<F64Attr>:$eps);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`weight` $weight^)? `normalized_shape` $normalized_shape
    (`eps` $eps^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_SwitchNormOp : Kiln_Op<"switch_norm"> {
  let summary = "Switchable Normalization (Luo et al. 2018)";
  let description = [{
    Mixes instance, layer and batch statistics with softmax(mean_weight) and
    softmax(var_weight) (3 logits each, in that IN, LN, BN order). In
    training the batch statistics come from the batch and the updated
    running mean and variance are returned as two more results.
  }];
  let arguments = (ins Kiln_FloatTensor:$input,
                   Kiln_FloatTensor:$running_mean, Kiln_FloatTensor:$running_var,
                   Kiln_FloatTensor:$weight, Kiln_FloatTensor:$bias,
                   Kiln_FloatTensor:$mean_weight, Kiln_FloatTensor:$var_weight,
                   Kiln_Bool<"false">:$training,
                   Kiln_F64<"0.1">:$momentum, Kiln_F64<"1e-05">:$eps);
  let results = (outs Kiln_FloatTensor:$output,
                      Variadic<Kiln_FloatTensor>:$new_running_stats);
  let assemblyFormat = [{
    $input `,` $running_mean `,` $running_var `,` $weight `,` $bias `,`
    $mean_weight `,` $var_weight (`training` $training^)?
    (`momentum` $momentum^)? (`eps` $eps^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_DeepNormOp : Kiln_Op<"deep_norm", [AttrSizedOperandSegments]> {
  let summary = "layer_norm(alpha·x + sublayer_out) (DeepNet, 2022)";
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$sublayer_out,
                   Optional<Kiln_FloatTensor>:$weight,
                   Optional<Kiln_FloatTensor>:$bias,
                   F64Attr:$alpha,
                   DenseI64ArrayAttr:$normalized_shape,
                   Kiln_F64<"1e-05">:$eps);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $sublayer_out (`weight` $weight^)? (`bias` $bias^)?
    `alpha` $alpha `normalized_shape` $normalized_shape (`eps` $eps^)?
    attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_DytOp : Kiln_Op<"dyt"> {
  let summary = "Dynamic tanh: weight·tanh(alpha·x) + bias (2025)";
  let description = [{ `alpha` is the learnable scalar (a 1-element tensor);
    `weight` and `bias` have the size of the last dim. }];
  let arguments = (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$alpha,
                   Kiln_FloatTensor:$weight, Kiln_FloatTensor:$bias);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $alpha `,` $weight `,` $bias attr-dict `:` functional-type(operands, results)
  }];
}

#endif // KILN_NORM_OPS_TD
