//===- Passes.td - Kiln transform passes ------------------*- tablegen -*-===//

#ifndef KILN_TRANSFORMS_PASSES_TD
#define KILN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def KilnSetTarget : Pass<"kiln-set-target", "mlir::ModuleOp"> {
  let summary = "Describe the machine the module is compiled for, once";
  let description = [{
    Sets the module's `kiln.target` (a dictionary: CPU, features, vector
    width, register count, cache sizes, threads) from the host, or from a
    CPU LLVM names and features on top of it; kiln-pipeline runs it first.
    A dictionary, not an attribute of Kiln's own, so that every MLIR tool
    (mlir-translate on the pipeline's output among them) reads the module. Every pass that sizes tiles, vectors or registers reads that
    attribute (`kiln::TargetInfo::of`), none asks the host, so a library
    built for another CPU is tiled for it. For example
    `kiln-set-target{cpu=haswell}` gives

    ```mlir
    module attributes {kiln.target = {cpu = "haswell", features = "",
        l1_bytes = 32768 : i64, l2_bytes = 524288 : i64, threads = 2 : i64,
        vector_bits = 256 : i64, vector_registers = 16 : i64}}
    ```

    Cache sizes are the host's (sysfs) when the CPU is the host's, else
    32 KiB and 512 KiB; `threads` is how many the tiles are balanced over
    (the host's).

    An unknown CPU is an error naming it. This is where IREE's LLVMCPU reads
    its executable target; MLIR has no CPU target attribute of its own
    (`#llvm.target` carries no vector width or caches), hence this pass.
  }];
  let options = [
    Option<"cpu", "cpu", "std::string", /*default=*/"\"host\"",
           "LLVM's name of the CPU ('host': this machine's)">,
    Option<"features", "features", "std::string", /*default=*/"\"\"",
           "LLVM target features on top of the CPU's (+avx512f,...)">,
    Option<"threads", "threads", "int", /*default=*/"0",
           "threads to balance tiles over (0: the host's)">,
    Option<"l2KiB", "l2-kib", "int", /*default=*/"0",
           "L2 cache size in KiB (0: the CPU's, as far as known)">,
  ];
}

def KilnBufferize : Pass<"kiln-bufferize", "mlir::ModuleOp"> {
  let summary = "One-shot bufferization with caller-owned results and loop copies";
  let description = [{
    Runs upstream one-shot module bufferization (function boundaries with
    identity layouts) and then turns returned buffers into out-parameters
    (upstream promoteBufferResultsToOutParams, hoisting static allocations
    so a result is written in place, public functions included).

    The only difference from the upstream passes is their copy op: both are
    given linalg.copy instead of memref.copy, because a memref.copy between
    strided views lowers to a call into MLIR's C runner library, which
    neither the JIT nor AOT-compiled libraries should need. Upstream
    exposes that choice only through C++ options, hence this pass. And a
    value returned twice (`return %0, %0`, which upstream's promotion cannot
    take) is copied into a buffer of its own for each repeat. A 0-d
    `dense_resource` constant takes its blob's value inline (upstream's
    memref.global lowering reads a 0-d initializer as one attribute, which
    a resource cannot give).
  }];
  let dependentDialects = ["mlir::bufferization::BufferizationDialect",
                           "mlir::linalg::LinalgDialect", "mlir::memref::MemRefDialect"];
}

def KilnOutlineKernels : Pass<"kiln-outline-kernels", "mlir::ModuleOp"> {
  let summary = "Each loop nest of an entry as a kernel function, identical ones merged";
  let description = [{
    On buffers, an entry function of a whole model is a sequence of loop
    nests (the fused `scf.forall`s, loops, whole-buffer linalg ops) between
    its allocations. Each such op at the entry's top level becomes a call of
    a private kernel function that takes the buffers and values it uses
    (constants are cloned in, so kernels differ by them) and returns its
    results; kernels with equivalent bodies (upstream
    `OperationEquivalence`, locations ignored) are one function, marked
    `noinline` for LLVM (`passthrough`), which would otherwise copy it into
    each caller, and `cold` if only entries run once per model
    (`kiln.run_once`: kiln-prepare-constants' prepare entries) call it, for
    the AOT compiler to generate cheaply. The rest
    of the pipeline then lowers each distinct kernel once, the function
    passes over several kernels at a time (MLIR's multithreading), and the
    AOT compiler generates each kernel's code on its own thread. For example

    ```mlir
    func.func @model(%x: memref<64xf32>, %y: memref<64xf32>, %z: memref<64xf32>) {
      scf.forall (%i) in (4) { ... %x ... %y ... }
      scf.forall (%i) in (4) { ... %y ... %z ... }
      return
    }
    ```

    becomes

    ```mlir
    func.func @model(%x: memref<64xf32>, %y: memref<64xf32>, %z: memref<64xf32>) {
      call @model_kernel0(%x, %y) : (memref<64xf32>, memref<64xf32>) -> ()
      call @model_kernel0(%y, %z) : (memref<64xf32>, memref<64xf32>) -> ()
      return
    }
    func.func private @model_kernel0(%arg0: memref<64xf32>, %arg1: memref<64xf32>)
        attributes {passthrough = ["noinline"]} {
      scf.forall (%i) in (4) { ... %arg0 ... %arg1 ... }
      return
    }
    ```

    Allocations and views stay in the entry. A view that only linalg ops
    of the kernel use (they take any layout) is passed with its offset, and
    the strides of its unit dims, dynamic (a `memref.cast`): kernels that
    differ only in where their views start are one, such as each layer's
    copy into its slice of a concatenation (densenet121's hundreds), at no
    cost to the kernel (the offset moves its base pointer once; a unit dim's
    index is 0). Upstream's outlining utilities
    (`outlineSingleBlockRegion`, the GPU kernel outlining) outline regions
    or launch ops, not top-level ops, and no upstream pass merges
    identical functions, hence this pass.
  }];
  let dependentDialects = ["mlir::func::FuncDialect"];
}

def KilnDeallocAfterLastUse : Pass<"kiln-dealloc-after-last-use", "mlir::func::FuncOp"> {
  let summary = "Free each temporary buffer right after its last use";
  let description = [{
    Upstream's ownership-based deallocation frees a buffer at the end of the
    block that allocated it: in a model's entry, a straight sequence of
    kernels, every intermediate then lives until the model returns and the
    peak memory is the sum of them all. This pass moves a `memref.dealloc`
    of a buffer allocated in the same block up to just after the last op of
    the block that uses the buffer or a view of it (ops nested in a use
    count as that use). The allocator can then hand a dead buffer's memory
    to the next one. A buffer that escapes otherwise than through views
    (an op deriving a buffer from it that is not a view) keeps its
    deallocation where it was. For example

    ```mlir
    %t = memref.alloc() : memref<64xf32>
    call @k0(%x, %t) : (memref<64xf32>, memref<64xf32>) -> ()
    call @k1(%t, %y) : (memref<64xf32>, memref<64xf32>) -> ()
    %u = memref.alloc() : memref<64xf32>
    call @k2(%y, %u) : (memref<64xf32>, memref<64xf32>) -> ()
    ...
    memref.dealloc %t : memref<64xf32>
    ```

    frees `%t` right after the call of `@k1`, before `%u` is allocated.
    Upstream has no pass that places deallocations at last uses (the old
    BufferDeallocation pass, which did, was replaced by the ownership-based
    one), hence this pass.
  }];
  let dependentDialects = ["mlir::memref::MemRefDialect"];
}

def KilnPrepareConstants : Pass<"kiln-prepare-constants", "mlir::ModuleOp"> {
  let summary = "Work that depends only on a model's constants, moved to an entry run once";
  let description = [{
    A frontend that compiles a model passes its weights as arguments marked
    `kiln.constant` (they do not change between calls). The pipeline lays
    them out for its kernels (a convolution's filter transposed for a
    channels-last convolution, a batch norm's scale computed from its
    statistics): work that would otherwise be done again at every call.
    This pass moves each such value out of the entry `@f`: a new public
    function `@f_prepare`, taking `@f`'s constant arguments in order,
    computes and returns them, and `@f` takes them as arguments after its
    own. The `kiln.constant` marks are consumed (LLVM's translation would
    warn of each, printing the whole function each time). The caller runs
    `@f_prepare` once and
    passes its results to every call of `@f`. `@f_prepare` is marked
    `kiln.run_once`: kiln-strategy does not tile it, so it lowers to plain
    loops, the cheapest code to compile.

    A value moves if every value it is computed from is a constant argument
    or an operation's constant, the ops computing it have no memory
    effects, it is used by an op that does not move, its computation
    includes real work (a linalg op or a pad, not only reshapes), it has at
    least 4,096 elements (a per-channel scale costs a call less than its
    kernel costs the compile), and it is no larger than the largest
    constant it is computed from (a broadcast stays where it is, read from
    the small tensor) but for a padding of up to an eighth. A slice at
    offset 0 and unit strides of a computed value (a layout padded for its
    reader, read without the padding) stays, a view of the padded value,
    which is prepared: returned, the slice would be copied without the
    padding. For example

    ```mlir
    func.func @f(%x: tensor<1x64x14x14xf32>, %w: tensor<64x64x3x3xf32> {kiln.constant}) -> ... {
      %e = tensor.empty() : tensor<3x3x64x64xf32>
      %t = linalg.transpose ins(%w : ...) outs(%e : ...) permutation = [2, 3, 1, 0]
      %y = linalg.conv_2d_nhwc_hwcf ins(%xt, %t : ...) ...
    ```

    becomes

    ```mlir
    func.func @f(%x: tensor<1x64x14x14xf32>, %w: tensor<64x64x3x3xf32>,
                 %t: tensor<3x3x64x64xf32>) -> ... {
      %y = linalg.conv_2d_nhwc_hwcf ins(%xt, %t : ...) ...
    }
    func.func @f_prepare(%w: tensor<64x64x3x3xf32>) -> tensor<3x3x64x64xf32>
        attributes {kiln.run_once} {
      %e = tensor.empty() : tensor<3x3x64x64xf32>
      %t = linalg.transpose ins(%w : ...) outs(%e : ...) permutation = [2, 3, 1, 0]
      return %t : tensor<3x3x64x64xf32>
    }
    ```

    Constants inside the function (a library's embedded weights) are left
    alone: a library's C entry computes everything itself. This is the
    const-evaluation IREE does with its `util.initializer`s and PyTorch's
    frozen inference path with its folded weights; MLIR has no such pass
    for func-level arguments, hence this one.
  }];
  let dependentDialects = ["mlir::func::FuncDialect"];
}

def KilnPointwiseConvToMatmul : Pass<"kiln-pointwise-conv-to-matmul", "mlir::func::FuncOp"> {
  let summary = "1x1 convolutions as GEMM contractions";
  let description = [{
    A `linalg.conv_2d_nchw_fchw` with a 1x1 kernel is a GEMM of the F x C
    weight with the C x (OH·OW) pixels it reads of each sample. This pass
    writes it as that contraction (a generic over n, f, pixels, c, on
    reshaped views: at stride 1 no data moves), so it takes the contraction
    strategy: cache-blocked, the pixels as vectors. At a stride (a ResNet
    downsample) the pixels read are a strided `tensor.extract_slice` of the
    input, which bufferization copies once, a quarter of the input at
    stride 2, into the GEMM's contiguous columns. Upstream's im2col rewrite
    (linalg::rewriteInIm2Col) reaches the same GEMM but copies the whole
    input into an im2col buffer first, which a 1x1 kernel does not need.
    Pixels that are not a whole number of vectors (a 14 x 14 image's 196)
    are padded to one with zero columns and the GEMM's result sliced back:
    its register tiles are then whole vectors. On several such images
    (256 pixels or more in all) beside a depthwise convolution (an inverted
    residual block's, which kiln-channels-last-conv computes channels-last
    on the same images), with output channels in whole register steps, the
    GEMM is instead channels-last over all samples' pixels, out[n·p, f] +=
    x[n·p, c] · w[c, f]: the input transposed to NHWC, the weight to
    [c, f] (once, for a model's weight: kiln-prepare-constants), and the
    result back to NCHW, transposes that kiln-fuse-elementwise folds into
    the ops around and that cancel between the block's convolutions.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
                           "mlir::arith::ArithDialect"];
}

def KilnChannelsLastConv : Pass<"kiln-channels-last-conv", "mlir::func::FuncOp"> {
  let summary = "2-D convolutions of width stride 1 computed with output channels as the vectors";
  let description = [{
    Rewrites a `linalg.conv_2d_nchw_fchw` of width stride 1 (any height
    stride) on static f32/f64 tensors
    whose output channels fill whole vectors into a generic over
    (n, oh, ow, f, kh, kw, c) that reads the NCHW input as it is, a
    [c, kh, kw, f] copy of the weight (the 2-D `linalg.transpose` of its
    [f, c·kh·kw] rows) and writes an NHWC result, then a transposing
    generic back to NCHW. Its register tile
    (kiln-strategy) is a few output columns by up to 4 vectors of output
    channels: per input channel and tap, each input element is broadcast
    from memory once and multiplied into a row of channel vectors, as
    oneDNN's direct convolutions do. The NCHW kernel (vectors along the
    output row) pays unaligned row loads and rows padded to whole vectors,
    which make it the slower of the two.
    A constant weight (an entry argument marked `kiln.constant`, laid out
    once by kiln-prepare-constants) whose rows are a multiple of 512 bytes
    gets a cache line of zero filters more before the transpose, sliced off
    after it: a tile of fewer output channels than the row reads each tap's
    part of it a row apart, and at a multiple of 512 bytes an input channel's
    taps fall into an eighth of L1's sets or fewer and evict one another.
    Convolutions whose channel count is not a whole number of vectors, or
    whose rows leave fewer than 8 accumulators, keep the NCHW path. The
    accumulator of a convolution that follows another (the column phases
    of a width-strided one, kiln-decompose-strided-conv) is taken before
    the other's transpose back. A depthwise convolution
    (`linalg.conv_2d_ngchw_gfchw` of one channel per group, width stride 1)
    on several images whose pixels are not whole vectors (14 x 14, 7 x 7;
    256 pixels or more in all) whose channels fill vectors becomes a
    generic over (n, oh, ow, c, kh, kw) on an NHWC copy of its input (a
    zero pad in front of it moved after the transpose), a [kh, kw, c]
    weight and an NHWC result transposed back: its register tile is a row
    of columns by vectors of channels, where NCHW rows of 14 or 7 columns
    leave vectors part empty; the 1x1 convolutions beside it turn
    channels-last on the same images (kiln-pointwise-conv-to-matmul), and
    the transposes between them cancel. Upstream has no such rewrite
    (linalg's conv_2d_nhwc_hwcf and depthwise_conv_2d_nhwc_hwc want an NHWC
    input, which would be a copy of the whole input, and upstream
    vectorizes the depthwise one along columns), hence this pass.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def KilnPadConvWidth : Pass<"kiln-pad-conv-width", "mlir::func::FuncOp"> {
  let summary = "Pad 2-D convolutions' output rows to whole vectors";
  let description = [{
    A `linalg.conv_2d_nchw_fchw`, or a grouped `linalg.conv_2d_ngchw_gfchw`
    (depthwise at one channel per group), whose output rows are not a whole
    number of SIMD vectors (28 or 100 columns with 16 lanes, say) computes
    rows padded up to one (zero columns appended to its input and
    accumulator) and yields a slice of the real columns, when that wastes
    at most a quarter of the work. An accumulator that is such a slice
    already (the phases of a strided convolution accumulate into each
    other) is taken wide. Odd-length vectors cost LLVM several partial
    registers per row and ruin the register accumulation, which makes such
    rows many times slower than whole vectors; masking the tail instead is what
    upstream vectorization would do, but its masked broadcast reads did not
    verify. Upstream has no such padding, hence this pass.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
                           "mlir::arith::ArithDialect"];
}

def KilnPeelPaddedWindows : Pass<"kiln-peel-padded-windows", "mlir::func::FuncOp"> {
  let summary = "Split poolings over a padded input into interior and border";
  let description = [{
    A `linalg.pooling_nchw_max` or `linalg.pooling_nchw_sum` whose input is
    a `tensor.pad` with static padding by its combiner's identity
    (max_pool2d's -inf, average pooling's zeros) becomes one pooling per
    region of its output, each straight from a slice of the unpadded input:
    the outputs whose windows lie inside it, and each border row or column
    with its window clipped to the taps inside (the padded taps would pool
    the identity), the results inserted into the original init. Run after
    kiln-tile-and-fuse, it splits each tile, which no longer fills and
    copies its whole padded input. At most 25 regions (a 5 x 5 window's
    borders); else the op is left alone. Upstream tiles a pad with slices of
    it (`tensor::bubbleUpPadSlice`), which keeps a padded copy per border
    region; nothing clips windows, hence this pass.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def KilnDecomposeStridedConv : Pass<"kiln-decompose-strided-conv", "mlir::func::FuncOp"> {
  let summary = "A width-strided 2-D convolution as a sum of width-stride-1 ones over column phases";
  let description = [{
    Rewrites a `linalg.conv_2d_nchw_fchw` or a grouped
    `linalg.conv_2d_ngchw_gfchw` (its phases take all groups) with a stride
    above 1 along the width into one convolution per column phase of the
    input: the taps that read columns r, r + s, r + 2s, ... become a
    narrower kernel convolved, at width stride 1 (dilation d / gcd(s, d)),
    with a dense gather of those columns. The FLOPs are the same; each piece then takes
    the vectorizer's path for width stride 1 (whole output rows as
    vectors), which strided reads cannot. A stride along the height stays
    in each piece (a register tile reads one input row per output row,
    wherever it lies), and a convolution strided only along the height is
    left alone. The gathers are generics, tiled and fused into the
    convolution's tiles like any producer, and vectorized by kiln-vectorize
    a row at a time (lanes shuffled out of whole reads). Of an input
    zero-padded along its rows and columns (a convolution's padding), a
    phase gathers the columns it reads of the unpadded source and pads
    those, so the padded input is never copied whole. Upstream has no such rewrite,
    hence this pass.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect"];
}

def KilnDecomposeTransposedConv : Pass<"kiln-decompose-transposed-conv", "mlir::func::FuncOp"> {
  let summary = "A transposed convolution as one convolution per output row phase";
  let description = [{
    kiln-to-linalg lowers `kiln.conv_transpose2d` as PyTorch defines it: the
    input spread out by the stride into zeros (a strided `tensor.insert_slice`
    into a zero fill), convolved at stride 1 with the flipped kernel. At row
    stride s, all but 1/s of that convolution's products are with zero rows.
    This pass rewrites such a `linalg.conv_2d_nchw_fchw` into one
    convolution per output row phase (rows r, r + s, ...): the kernel rows
    that meet input rows for that phase (every s/gcd(s, d)-th, at dilation
    d/gcd(s, d)), convolved with the input rows they read (x spread along
    columns only, with one zero border of rows for all phases), each phase
    starting from zeros of its own and written into its rows of the output.
    The columns stay spread: split into phases too, each phase's output
    would be written column by column (a strided scatter, which measured
    slower than the products it saved). Upstream has no such rewrite, hence
    this pass.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect", "mlir::tensor::TensorDialect",
                           "mlir::arith::ArithDialect"];
}

def KilnFuseElementwise : Pass<"kiln-fuse-elementwise", "mlir::func::FuncOp"> {
  let summary = "Fuse chains of elementwise linalg ops, never through a broadcast";
  let description = [{
    Upstream elementwise fusion (the patterns of linalg-fuse-elementwise-ops)
    with one restriction: a producer is fused into its consumer only when
    the consumer reads it element for element. A producer read through a
    broadcast (a per-channel 1/sqrt(var + eps) feeding a per-element
    normalization, say) stays a small op of its own, computed once per
    channel rather than once per element. Upstream's pass offers no such
    control, hence this pass. A generic reading a keepdim result through
    the expand_shape that added its unit dims (at index 0) reads the
    reshape's source instead, so tile-and-fuse can fuse the producer.
    Then an elementwise generic reading a convolution's or contraction's
    result through a reshape takes the result's shape (upstream's
    linalg::populateFoldReshapeOpsByCollapsingPatterns and
    ...ByExpansionPatterns, controlled), its own result reshaped instead:
    a 1x1 convolution's batch norm and activation then read the GEMM over
    pixels that computes it, and tile-and-fuse computes the GEMM in their
    tiles rather than through memory:

    ```mlir
    %g = linalg.generic ... -> tensor<8x96x12544xf32>   // the 1x1 convolution
    %i = tensor.expand_shape %g [[0], [1], [2, 3]] ... into tensor<8x96x112x112xf32>
    %y = linalg.generic ins(%i, %scale, %shift ...)    // batch norm, ReLU6
    // becomes
    %y = linalg.generic ins(%g, %scale, %shift ...) -> tensor<8x96x12544xf32>
    %i = tensor.expand_shape %y [[0], [1], [2, 3]] ... into tensor<8x96x112x112xf32>
    ```

    The same holds through the result's bias add (a linear layer over a
    batch's rows: its GELU after the reshape joins the bias add). The fold
    reshapes the generic's other inputs that span the loops it merges or
    splits (a grouped convolution's per-channel scale, read as groups x
    channels) but for those read through the same reshape (undone); it is
    not made where that would reshape another convolution's or
    contraction's result (a residual sum of two convolutions: each fold
    would ask for the opposite one) or a reduction's (a layer norm's
    statistics would no longer fuse into its rows), nor where upstream
    would collapse only part of the reshape.

    A transpose of an elementwise generic's result (the copy of a residual
    sum that the next channels-last convolution reads) is computed by the
    generic itself, in the transpose's layout, where that leaves fewer reads
    of a value in another layout; the generic's other users, elementwise,
    read the result through the inverse transpose, fused into them. A stage
    of inverted residual blocks then keeps its residual stream channels-last
    (upstream's fusion only folds a transpose into its consumer; IREE's
    PropagateLinalgTranspose does this for linalg.transpose):

    ```mlir
    %s = linalg.generic ins(%x, %y_nhwc ...)  // reads %y_nhwc permuted
        -> tensor<8x32x14x14xf32>
    %t = linalg.generic ins(%s ...)           // a transpose, to NHWC
        -> tensor<8x14x14x32xf32>
    // becomes
    %t = linalg.generic ins(%x, %y_nhwc ...)  // reads %y_nhwc in order
        -> tensor<8x14x14x32xf32>
    ```
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def KilnStrategy : Pass<"kiln-strategy", "mlir::func::FuncOp"> {
  let summary = "Choose how every linalg op is tiled, from the target";
  let description = [{
    Records on each linalg op with static loop ranges one `#kiln.tiling`
    (attribute `kiln.tiling`): its outer tiles (one scf.forall iteration
    per tile), cache tiles, register tiles (one vectorized step), the
    register loops' order and whether a GEMM's B is packed, picked by Kiln's
    cost model (include/kiln/Transforms/Strategy.h) from the module's target
    (`kiln.target`, kiln-set-target): vector width, register count, cache
    sizes and thread count. A pointwise op over a GEMM's (batched or not), a
    channels-last convolution's or a grouped convolution's result (a bias,
    an activation; through kiln-pad-conv-width's slice), or over such an op's
    result (a strided convolution's column gather of it), takes the
    producer's outer tiles, so that the producer fused into them keeps its
    blocks. A depthwise convolution's tiles count the input they read (at
    stride 2, 4x their output). A function marked
    `kiln.run_once` (a prepare entry) is left untiled. For example, on AVX2
    with 2 threads:

    ```mlir
    %0 = linalg.matmul {kiln.tiling = #kiln.tiling<outer = [128, 64, 0],
                          cache = [0, 0, 256], registers = [4, 16, 1],
                          order = [1, 0, 2], pack_b = kn>}
           ins(%a, %b : tensor<256x512xf32>, tensor<512x256xf32>) ...
    ```

    The options replace the model's choice on every op whose rank they
    match; the fields of a `kiln.tiling` an op already carries are kept.
    Each decision and its reason is an optimization remark of category
    `kiln-strategy` (`--remarks-filter=kiln-strategy
    --remark-format=emitRemark`). Upstream has no cost model for CPU tile
    sizes, hence this pass.
  }];
  let options = [
    ListOption<"outerTiles", "tile-sizes", "int64_t",
               "outer tile sizes for every op of this rank (0 = untiled)">,
    ListOption<"registerTiles", "register-tiles", "int64_t",
               "register tile sizes for every op of this rank (0 = whole loop)">,
  ];
  let dependentDialects = ["::kiln::KilnDialect", "mlir::linalg::LinalgDialect"];
}

def KilnTileAndFuse : Pass<"kiln-tile-and-fuse", "mlir::func::FuncOp"> {
  let summary = "Tile each root linalg op into an scf.forall and fuse its producers";
  let description = [{
    Walks the function from its last linalg op to its first. Each op that
    has outer tiles in its `kiln.tiling` and is still outside a loop is a root: upstream
    `scf::tileConsumerAndFuseProducersUsingSCF` tiles it into an
    `scf.forall` and pulls into the loop every producer of which a tile needs
    only a part (fills, convolutions, reductions, elementwise ops), so
    conv + bias + activation or norm statistics + normalization become one
    loop nest. A producer of which every tile needs the whole result (e.g.
    batch statistics feeding a per-sample tile) is left outside and becomes
    a root of its own, computed once rather than once per tile. A fused
    producer also used after the loop (a max returned beside its index) is
    yielded by it rather than computed again. Consumers in a tile that read
    the same slice of a producer share one fused tile of it: upstream fuses
    once per slice, so a value read twice (softmax's exp by the sum and the
    division, x - mean by a layer norm's variance and normalization) would
    be computed once per reader, with everything above it, and diamonds in
    sequence multiply the work.

    Every value is computed once. A convolution, GEMM or reduction is fused
    only where the tiles partition its result (no halos computed twice). A
    fused producer that would still have to run outside the loop (a residual
    block's output, read by the next block's convolution and by its skip
    add; a GEMM read by two roots) stays outside, materialized, and the root
    is tiled again without it; only fills and pointwise ops over smaller
    operands (a broadcast bias), cheaper to compute again than to read, may
    be computed both in the loop and outside. For example:

    ```mlir
    %y1 = ... relu(conv(%r0) + %x) ...        // read by %c2 and by %s3
    %c2 = conv(pad(%y1)) ...
    %s3 = add(conv(%r2), %y1) {kiln.tiling = #kiln.tiling<outer = [0, 8, 0, 0]>}
    ```

    tiles `%s3` reading slices of `%y1`, which is a loop of its own, instead
    of computing `%y1` and its convolution again in `%s3`'s tiles.

    The tiled ops lose their outer tiles; their cache and register tiles
    are refitted to the tile shapes. Only the choice of roots and of
    what to fuse is Kiln's, and two rewrites: a tile's slice of a
    convolution's real columns (rows padded to whole vectors by
    kiln-pad-conv-width, sliced back) is taken from the tile's wide rows,
    so that upstream `scf::tileAndFuseProducerOfSlice` fuses the
    convolution and its fill at the wide shape (upstream fuses only through
    a slice of the producer's result itself); and a tile's slice of a
    constant pad that only the loop reads, of a value made by a copy (the column
    phases kiln-decompose-strided-conv gathers), becomes the pad of the
    copy's slice, with the copy fused in: each tile gathers and pads its
    own channels in cache, where the whole phases went through memory.
    Likewise, in a depthwise convolution's loop, a tile's slice of an
    expand_shape of a producer's result (a 1x1 convolution's GEMM over
    pixels split back into rows and columns, padded, split into groups) is
    taken from the expand_shape of one tile of that result, and the
    producer fused, where the loop's tiles partition it (tiles of samples
    and channels): each tile computes its channels of the expansion right
    before the convolution reads them.
    (Pads are otherwise left whole here and padded per tile by
    kiln-pad-in-tile: upstream's pad tiling has data-dependent sizes.)
  }];
  let dependentDialects = ["::kiln::KilnDialect", "mlir::scf::SCFDialect", "mlir::tensor::TensorDialect",
                           "mlir::affine::AffineDialect"];
}

def KilnInterleaveRows : Pass<"kiln-interleave-rows", "mlir::func::FuncOp"> {
  let summary = "Run a tile's row-wise passes row by row";
  let description = [{
    An `scf.forall` tile whose root (the elementwise generic it inserts) is
    fed only by fills and generics, among them reductions along the root's
    innermost loop used only in the tile (norm statistics, softmax's max and
    sum: a row's statistics come from that row alone), is tiled again to one
    row at a time, an `scf.for` with the producers fused in (Kiln's
    tile-and-fuse, upstream `scf::tileConsumerAndFuseProducersUsingSCF`):
    each row's passes run back to back while the row is in L1, instead of
    each pass sweeping the whole tile (faster for x / x.sum(-1,
    keepdim=True) and softmax). The index arithmetic the rows repeat for
    each reader is merged (upstream CSE).

    ```mlir
    scf.forall (%i) in (8) {          // a tile of 64 rows of a softmax
      %max = linalg.generic ... // over 64 x 768 -> 64
      %sum = linalg.generic ... // over 64 x 768 -> 64, reads %max
      %y = linalg.generic ...   // 64 x 768, reads %max and %sum
    // becomes
    scf.forall (%i) in (8) {
      scf.for %r = 0 to 64 {           // max, sum and the division of one row
    ```
  }];
  let dependentDialects = ["mlir::scf::SCFDialect", "mlir::tensor::TensorDialect"];
}

def KilnPadInTile : Pass<"kiln-pad-in-tile", "mlir::func::FuncOp"> {
  let summary = "A tile's slice of a constant pad as the pad of the input's slice";
  let description = [{
    In each `scf.forall` tile, a slice of a `tensor.pad` with a constant
    value, at static offsets along the padded dims, becomes the pad of the
    input's matching slice: each tile pads its own part (in cache) instead
    of all of it being padded up front and read back from memory (max_pool2d's
    -inf border, over a tile of channels). Only when the tiles together pad
    about the input once (a convolution's tiles over output channels all
    read the whole padded input: it stays whole). Upstream's pad tiling
    (`tensor::bubbleUpPadSlice`) takes any slice, with `scf.if` and dynamic
    sizes that the affine lowering cannot take; this is its static case.
  }];
  let dependentDialects = ["mlir::tensor::TensorDialect"];
}

def KilnTileCaches : Pass<"kiln-tile-caches", "mlir::func::FuncOp"> {
  let summary = "Tile linalg ops to their cache tiles and pack GEMM operands";
  let description = [{
    Each linalg op whose `kiln.tiling` has register tiles and cache tiles or
    `pack_b` is tiled with scf.for to its cache tiles (upstream
    `scf::tileUsingSCF`): a GEMM's reduction in slices, a channels-last
    convolution's input channels a block at a time. A GEMM with `pack_b` has
    each slice of B (along the reduction) packed into panels of the register
    tile's width, Bp[n / nr][k][n % nr], as Goto's GEMM does: a
    `linalg.transpose` of its expanded slice (a B held as [n, k], a linear
    layer's weight, is transposed on the way), after which the GEMM is a
    generic over (m, n / nr, n % nr, k) on the panels, run in blocks of rows
    (its cache tile of m) that all read the slice packed once. A reduction
    cut into slices whose accumulator starts from a `linalg.fill` first
    splits off its first slice (the op's tile over it, upstream
    TilingInterface), which takes the fill; the rest adds to it. What is
    left (the op inside the cache loops, the GEMM over the panels, the
    packing copy) carries the register tiles and their loop order for
    kiln-vectorize:

    ```mlir
    linalg.matmul {kiln.tiling = #kiln.tiling<cache = [8, 0, 8],
                     registers = [4, 16, 1], order = [1, 0, 2], pack_b = kn>}
    // becomes, per slice of 8 along k:
    linalg.transpose {kiln.tiling = #kiln.tiling<registers = [0, 0, 0]>}
      ins(... : tensor<8x2x16xf32>) outs(... : tensor<2x8x16xf32>)
    linalg.generic {kiln.tiling = #kiln.tiling<registers = [4, 0, 0, 0],
                      order = [1, 2, 0, 3]>} ...  // m, n / 16, n % 16, k
    ```

    Upstream has the tiling but no packing into panels for CPU register
    tiles driven by a cost model, hence this pass.
  }];
  let dependentDialects = ["::kiln::KilnDialect", "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect", "mlir::affine::AffineDialect"];
}

def KilnVectorize : Pass<"kiln-vectorize", "mlir::func::FuncOp"> {
  let summary = "Tile linalg ops to their register tiles and vectorize them";
  let description = [{
    Each linalg op whose `kiln.tiling` has register tiles (and no cache tiles
    or `pack_b` left: kiln-tile-caches applies those first) is tiled with
    scf.for to them, in the tiling's loop order (upstream
    `scf::tileUsingSCF`); strided 2-D convolutions and poolings whose tile
    has one output row and one kernel row are rewritten as 1-D ones
    (upstream DownscaleSizeOneWindowed2DConvolution); then upstream
    `linalg::vectorize` turns every tile into vector ops: contractions into
    `vector.contract`, reductions into `vector.multi_reduction`, gathers into
    `vector.gather`; stride-1 2-D convolutions (NCHW, or grouped: rows of
    several groups) are generalized and, once tiled, lose their unit loops
    (upstream dropUnitDims), which leaves a multiply-add of whole output
    rows; a strided pooling row is read once and each tap's lanes picked
    out with a `vector.shuffle` (upstream extracts strided windows one
    output at a time), and so is a strided copy's row (a column phase of a
    strided convolution), which upstream does not vectorize at all. A lone reduction loop
    tiled to 2 to 64 elements is split (upstream partial reduction tiling):
    a vector accumulator carried by the loop, reduced once after it; the
    loop carries an `llvm.loop_annotation` that keeps LLVM from unrolling
    it. A reduction whose accumulator starts from a `linalg.fill` (its only
    use) and whose register loops put the reductions innermost takes the
    fill into its register tiles (upstream
    `scf::tileConsumerAndFuseProducersUsingSCF` over the parallel loops,
    then the reduction loops tiled inside): once hoisted, the accumulator
    starts from the fill's value in registers, with no pass that fills the
    result and no load of it back. The reads of a transposing tile (a
    packing of B[n, k], a channels-last result read back as NCHW) are
    lowered to shuffles (upstream's 16 x 16 and 1-D transpose lowerings).
    Ops the vectorizer does not support stay linalg and lower to loops
    later. No unrolling happens here: that is left to vector lowering after
    bufferization.
  }];
  let dependentDialects = ["::kiln::KilnDialect", "mlir::scf::SCFDialect", "mlir::tensor::TensorDialect",
                           "mlir::vector::VectorDialect", "mlir::affine::AffineDialect",
                           "mlir::LLVM::LLVMDialect"];
}

def KilnFuseMultiplyAdd : Pass<"kiln-fuse-multiply-add", "mlir::func::FuncOp"> {
  let summary = "Vector multiply-adds as vector.fma";
  let description = [{
    `arith.addf(%acc, arith.mulf(%a, %b))` on vectors, the multiply used
    only there, becomes `vector.fma %a, %b, %acc`: the accumulations the
    vectorizer produced (a convolution tap, a scale and shift) and the
    polynomials of kiln-approximate-math. LLVM fuses a multiply and an add
    only when told it may; upstream has no such rewrite.
  }];
  let dependentDialects = ["mlir::vector::VectorDialect"];
}

def KilnSplatRows : Pass<"kiln-splat-rows", "mlir::func::FuncOp"> {
  let summary = "Row-broadcast reads of a 1-D tensor as one splat per row";
  let description = [{
    A `vector.transfer_read` of a 1-D tensor broadcast along the rows' minor
    dimension (map `(d0) -> (d0, 0)`: the vectorizer's read of a weight per
    output channel, of an input per output column when output channels are
    the vector), within the tensor's bounds, becomes a `tensor.extract` and
    a `vector.broadcast` per row: LLVM folds each into a broadcast from
    memory, a load-port operation. Read as a vector, lane i is broadcast by
    a shuffle, which on AVX-512 shares its port with the second FMA unit;
    lowered by upstream, the read is a broadcast and a shuffle transpose.
  }];
  let dependentDialects = ["mlir::vector::VectorDialect", "mlir::tensor::TensorDialect",
                           "mlir::ub::UBDialect"];
}

def KilnFlattenNarrowTransfers : Pass<"kiln-flatten-narrow-transfers", "mlir::func::FuncOp"> {
  let summary = "Reads of contiguous narrow rows of a buffer as one 1-D read";
  let description = [{
    On buffers, a `vector.transfer_read` of several contiguous rows, each
    narrower than a vector register of the target (a 7 x 7 pooling window),
    becomes one 1-D read (upstream `populateFlattenVectorTransferPatterns`,
    applied to those reads only): row by row, each would be a partial load
    and a reduction over them a tree of shuffles.
  }];
  let dependentDialects = ["mlir::vector::VectorDialect", "mlir::memref::MemRefDialect"];
}

def KilnParallelizeCopies : Pass<"kiln-parallelize-copies", "mlir::func::FuncOp"> {
  let summary = "Tile bufferization's whole-buffer copies and fills into scf.forall";
  let description = [{
    Bufferization leaves some work as linalg ops on whole buffers outside
    every loop: a `tensor.pad` becomes a fill and a copy into the interior,
    a slice returned or inserted becomes a copy. Left alone they lower to
    one thread's scalar loops. This pass gives each such op with all loops
    parallel and at least `min-elements` iterations the strategy's outer
    tiles as an `scf.forall` (upstream `scf::tileUsingSCF`, which takes ops on
    buffers) and its register tiles as a `kiln.tiling`, for
    kiln-vectorize to vectorize after it. A copy, fill or map already
    inside an scf.forall (a tile padding its own part of the input) only gets
    the register tiles. A pad's border fill and the copy into its interior,
    tiled alike along dims the interior spans whole, become one loop
    (upstream `fuseIndependentSiblingForallLoops`): each tile writes its
    border and interior while they are in cache. Upstream has the tiling,
    the sibling fusion and the vectorizer but no pass that applies them to
    bufferization's leftovers, hence this one.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"::kiln::kMinParallelWork",
           "smaller ops stay as they are">,
  ];
  let dependentDialects = ["::kiln::KilnDialect", "mlir::scf::SCFDialect", "mlir::memref::MemRefDialect",
                           "mlir::affine::AffineDialect"];
}

def KilnApproximateMath : Pass<"kiln-approximate-math", "mlir::func::FuncOp"> {
  let summary = "Polynomial approximations of f32 math functions";
  let description = [{
    Rewrites f32 tanh, erf, exp, expm1, log, log1p, log2, sin, cos, atan,
    ... into upstream MLIR's polynomial approximations (arith and vector ops
    only), so vectorized activations, softmax and norms stay vectors instead
    of one libm call per lane. The approximations are accurate to a few ulp;
    opt-level=0 keeps libm, and the golden and differential tests hold both
    to PyTorch. Upstream exposes these patterns through a test pass only,
    hence this pass.

    Where the module's target (`kiln.target`) has AVX-512F, exp of f32
    vectors of whole 512-bit registers is Kiln's own: the same range
    reduction and polynomial, but 2^k applied by `vscalefps`
    (x86vector.avx512.mask.scalef), which over- and underflows exactly
    (denormal results included). That drops upstream's clamp of k and its
    integer exponent arithmetic: fewer vector ops per exp, which dominates
    softmax's cost.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::math::MathDialect",
                           "mlir::ub::UBDialect", "mlir::vector::VectorDialect",
                           "mlir::x86vector::X86VectorDialect"];
}

def KilnCascadeSums : Pass<"kiln-cascade-sums", "mlir::func::FuncOp"> {
  let summary = "Long sums in blocks, as PyTorch's cascade summation";
  let description = [{
    A sum adds its terms one after another into one accumulator, so its
    rounding error grows with the number of terms; PyTorch sums by cascade
    (blocks of 16 or more terms, each block's sum added into the next level),
    and a sum of 561 terms feeding a layer norm came out 8x less accurate
    than PyTorch's against float64. This pass rewrites every linalg.generic
    that sums one tensor (it yields `addf` of a term and its accumulator, and
    exactly one input is read by the reduced loops, through plain dims) so
    that no accumulator adds more than `block` terms:

    - over several reduced loops, the innermost one (in the summed tensor's
      layout) is summed first into a partial result that keeps the others,
      which a second generic sums;
    - over one loop of N > `block` terms, the first `block` * (N / `block`)
      terms are read as N / `block` blocks (an `extract_slice` and an
      `expand_shape`: views, no copy), each summed into a partial result
      whose blocks a second generic sums, after the terms left over;

    and again on the generics it makes, until every one is short, so that a
    sum of N terms takes log_block(N) levels. GEMMs and convolutions (two
    inputs read by the reduction) are left alone, as are other reductions
    (max, ...) which round nothing. For example, a sum over 200 terms:

    ```mlir
    %s = linalg.generic {iterator_types = ["parallel", "reduction"]}
        ins(%x : tensor<8x200xf32>) outs(%zero : tensor<8xf32>) { addf }
    ```

    becomes the sum of its last 8 terms into `%zero`, 12 blocks of 16
    summed into a `tensor<8x12xf32>`, and those 12 added to the first.
    Blocks of 16 are PyTorch's (its cascade's level step below 2^16 terms).

    `rows-up-to` leaves a sum over the innermost, contiguous loop of an op
    with other (parallel) loops alone up to that many terms: the optimized
    pipeline's kiln-vectorize sums such rows in vector accumulators, a lane
    per block of terms, reduced by a tree, and its row fusion (norms,
    softmax) wants the rows whole. Upstream's
    `linalg::splitReduction` needs the block to divide the loop and splits
    it once; this pass takes any length and splits to every level.
  }];
  let options = [
    Option<"block", "block", "int64_t", /*default=*/"16",
           "The most terms one accumulator adds">,
    Option<"rowsUpTo", "rows-up-to", "int64_t", /*default=*/"0",
           "Leave sums over the innermost contiguous loop of up to this many terms">,
  ];
  let dependentDialects = ["mlir::tensor::TensorDialect"];
}

def KilnRelaxMinMax : Pass<"kiln-relax-min-max", "mlir::func::FuncOp"> {
  let summary = "NaN-propagating min/max without signed-zero ordering";
  let description = [{
    `arith.maximumf`/`minimumf` order -0 below +0, which costs LLVM's x86
    lowering of `llvm.maximum` three more instructions (a sign test and two
    blends) on top of the NaN test, all on the loop-carried chain of a
    max-pooling window or a row max. PyTorch propagates NaN, but its max
    and min kernels compare with `>` and `<`, which do not order -0 and +0;
    so this pass sets `nsz` on every `maximumf`/`minimumf`,
    and puts the running value (a loop's iter_arg or the previous op of a
    chain) second, as the lowering tests the first operand for NaN. What is
    left per tap is one max and one blend on the chain, the NaN test off it.
    Upstream has no pass that sets fast-math flags, hence this one.
  }];
}

def KilnPrefetchNextRow : Pass<"kiln-prefetch-next-row", "mlir::func::FuncOp"> {
  let summary = "Row loops prefetch the next row in their first pass over a row";
  let description = [{
    A norm or softmax tile walks its rows one at a time: a first reduction
    loop reads the row from memory, later loops read it again from L1. The
    hardware prefetcher does not run far enough ahead of that first loop,
    which then waits on memory, the more so when rows are not 64-byte
    aligned (numpy's large arrays are 16 bytes past a line): a load then
    spans two lines. In a row loop (`scf.for`, step 1, carrying nothing)
    this pass gives the first innermost loop carrying vectors that walks
    along a row of a buffer (a contiguous `vector.transfer_read` through a
    subview at the row index, its innermost index the loop's) a
    `memref.prefetch` of the same columns of the next row, one per 64-byte
    line read; later loops over the same buffer get none, and so do loops
    that carry values themselves or step across rows (a convolution's or a
    pooling's taps, in cache).

    With its first read, such a reduction loop also prefetches for writing
    the same columns of the next row of each other buffer the row loop
    writes rows of (picked alike: a norm's or softmax's output), so that the
    last pass's stores find their lines owned instead of waiting on memory
    for them.

    A pointwise loop (carrying nothing) that does at least 8 vector ops per
    vector read gets the read prefetches too: it would otherwise wait on
    each row before computing. Copies, relus and other light loops are
    left to the hardware prefetcher.

    Upstream has no pass that inserts prefetches, hence this one.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::memref::MemRefDialect"];
}

def KilnPrefetchNextSlice : Pass<"kiln-prefetch-next-slice", "mlir::func::FuncOp"> {
  let summary = "Loops over a reduction's slices prefetch the next slice of large buffers";
  let description = [{
    A channels-last convolution takes its input channels a slice at a time
    (kiln-tile-caches marks that loop `kiln.reduction_slices`), and each of
    the slice's register tiles reads, for every input channel and tap, a
    row of its output channels' weights: rows of the [c, kh, kw, f] weight,
    a whole row apart, which the hardware prefetcher does not follow. The
    first tile of a slice then waits on memory for each of them: deep
    layers' weights do not stay in cache (3x3 512 -> 512: 9 MiB; a model's
    weights, tens of MiB, come from DRAM at every call). In a loop so
    marked, with a constant step, this pass gives each read of a row of a
    1-D view (whole vectors, or one broadcast) nested in it, where the view
    picks the slice at the loop's index (the step's extent, along a dim
    other than the innermost) from a buffer larger than half of L2, and
    where the loops between them that do not move the view make the read
    at most 8 times per slice, a `memref.prefetch` into L2 of each 64-byte
    line it reads at the next slice (the last slice its own), so that the
    next slice arrives while this one computes. For example, in

    ```mlir
    scf.for %c = %c0 to %c496 step %c16 {  // {kiln.reduction_slices}
      %w = memref.subview %weight[%c, 0, 0, 0] [16, 3, 3, 64] [1, 1, 1, 1]
      scf.for %row = %c0 to %c7 step %c1 {
        ...
          %r = memref.subview %w[%i, %kh, %kw, 0] [1, 1, 1, 32] [1, 1, 1, 1]
              : ... to memref<32xf32, ...>
          %v = vector.transfer_read %r[%c0], %pad : memref<32xf32, ...>, vector<32xf32>
    ```

    the read (made 7 times per slice, once per row) is followed by the
    subviews again at min(%c + 16, 480) and two `memref.prefetch ... read,
    locality<2>`, one per line of the 32 floats. A row read more often
    waits on memory only the first time, and a buffer of half of L2 or less
    stays in cache: their prefetches would only take issue slots (a 3x3
    64 -> 64 convolution on 56 x 56, 147 KiB of weights, ran 4 % slower
    with such prefetches; 256 -> 256 on 14 x 14 no faster), where 512 ->
    512 on 7 x 7 ran 1.15-1.3x faster and resnet18 at batch 1 6-8 %.

    Upstream has no pass that inserts prefetches, hence this one.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::memref::MemRefDialect"];
}

def KilnPrefetchNextTile : Pass<"kiln-prefetch-next-tile", "mlir::func::FuncOp"> {
  let summary = "Register tile loops prefetch the next step's accumulators";
  let description = [{
    A register tile loop (a GEMM's steps down the rows of a block of C)
    reads each step's accumulators, a block of rows of the output, runs a
    reduction loop over them in registers, and writes them back. Between
    reduction slices the output's block is no longer in cache, and every
    step starts by waiting on memory for its rows, a large share of a big
    GEMM's time. In an `scf.for` with a constant step whose body reads an
    n-D vector through a view picked at the loop's index (with the step's
    extent) and passes it into an inner `scf.for` as an iteration argument,
    this pass prefetches for writing, before that inner loop, every 64-byte
    line of the next step's accumulators (the last step prefetches its
    own).

    Upstream has no pass that inserts prefetches, hence this one.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect", "mlir::memref::MemRefDialect"];
}

#endif // KILN_TRANSFORMS_PASSES_TD
