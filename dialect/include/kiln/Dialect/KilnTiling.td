//===- KilnTiling.td - kiln-strategy's decision for one op -*- tablegen -*-===//
//
// The attribute the optimizer's passes communicate through: kiln-strategy
// writes one on each linalg op it tiles, the later passes read it (and
// refit or drop the parts they have applied). It lives in the dialect so
// that it is typed, verified and printed like the IR it annotates.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TILING_TD
#define KILN_TILING_TD

include "kiln/Dialect/KilnBase.td"

// How a plain GEMM, C[m, n] += A[m, k] * B, holds B.
def Kiln_GemmB : I32EnumAttr<"GemmB", "a GEMM's B layout", [
    I32EnumAttrCase<"kn", 0>, I32EnumAttrCase<"nk", 1>]> {
  let cppNamespace = "::kiln";
  let genSpecializedAttr = 0;
}

def Kiln_TilingAttr : AttrDef<Kiln_Dialect, "Tiling"> {
  let mnemonic = "tiling";
  let summary = "How one linalg op is tiled, packed and vectorized";
  let description = [{
    kiln-strategy's decision for one linalg op, attached to it as
    `kiln.tiling`. Every list has one entry per loop of the op, in loop
    order; a field that is absent was not chosen.

    - `outer`: tile sizes of the `scf.forall` kiln-tile-and-fuse makes
      (0 = the loop is not tiled). Only an op with `outer` roots a loop
      nest; the loop's fused ops lose it.
    - `cache`: tile sizes of the `scf.for` loops inside an outer tile that
      keep operand blocks in cache (a GEMM's reduction in slices, its rows
      in blocks; a channels-last convolution's input channels).
    - `registers`: the shape one vectorized step computes (0 = the whole
      loop); an op without it is not vectorized and lowers to loops (but
      for an op with no loops, which a `kiln.tiling` marks as vectorized
      whole).
    - `order`: the order of the register-tile loops, outermost first (a
      GEMM's batch, n, m, k: a panel of B stays in L1 while the tile walks
      down the rows of A); absent = the op's own order.
    - `pack_b`: a plain GEMM's B, held as `kn` (B[k, n]) or `nk` (B[n, k],
      a linear layer's weight), is packed into panels of the register
      tile's width, one slice of the reduction at a time.

    ```mlir
    %0 = linalg.matmul {kiln.tiling = #kiln.tiling<outer = [128, 64, 0],
                          cache = [0, 0, 256], registers = [8, 32, 1],
                          order = [1, 0, 2], pack_b = kn>}
           ins(%a, %b : tensor<256x512xf32>, tensor<512x256xf32>)
           outs(%c : tensor<256x256xf32>) -> tensor<256x256xf32>
    ```

    Passes that tile an op to part of its loops refit the inner sizes to
    the tile's shape (each size the largest divisor of its new range not
    above it), so every tiled op keeps a static shape.
  }];
  let parameters = (ins
    OptionalArrayRefParameter<"int64_t", "outer tile sizes">:$outer,
    OptionalArrayRefParameter<"int64_t", "cache tile sizes">:$cache,
    OptionalArrayRefParameter<"int64_t", "register tile sizes">:$registers,
    OptionalArrayRefParameter<"int64_t", "register-tile loop order">:$order,
    OptionalParameter<"std::optional<::kiln::GemmB>", "B's packing">:$packB
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// A copy with `outer`, `cache` or `registers` replaced (an empty list
    /// drops the field).
    TilingAttr withOuter(::llvm::ArrayRef<int64_t> sizes) const;
    TilingAttr withCache(::llvm::ArrayRef<int64_t> sizes) const;
    TilingAttr withRegisters(::llvm::ArrayRef<int64_t> sizes) const;
    /// Whether nothing is left to apply.
    bool isEmpty() const;
  }];
}

#endif // KILN_TILING_TD
