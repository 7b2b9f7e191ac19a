//===- KilnOps.td - all kiln ops --------------------------*- tablegen -*-===//

#ifndef KILN_OPS_TD
#define KILN_OPS_TD

include "kiln/Dialect/KilnConvOps.td"
include "kiln/Dialect/KilnNormOps.td"
include "kiln/Dialect/KilnPoolOps.td"
include "kiln/Dialect/KilnActivationOps.td"
include "kiln/Dialect/KilnLayoutOps.td"
include "kiln/Dialect/KilnPointwiseOps.td"
include "kiln/Dialect/KilnReduceOps.td"
include "kiln/Dialect/KilnTiling.td"

#endif // KILN_OPS_TD
