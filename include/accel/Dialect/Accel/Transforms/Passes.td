//===- Passes.td - accel's transforms ----------------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FormDispatchesPass : Pass<"accel-form-dispatches"> {
  let summary = "wrap every kernel-bearing accel op that is in no "
                "accel.dispatch into a dispatch of one";
  let description = [{
    After fusion has formed its dispatches (a GEMM and its epilogue, ...),
    each remaining accel op becomes an `accel.dispatch` whose inputs are its
    distinct operands and whose results are its results; its attributes
    (an `accel.kernel_config` among them) stay on it. The CUDA backend
    compiles one kernel instance per dispatch.

    With `include-linalg`, every linalg op in no dispatch that is not a
    transpose (`linalg.transpose`, or a `linalg.generic` that only copies
    its one input through permutation maps: the CUDA host program reads
    those as strided views) becomes a dispatch of one as well, its scalar
    constant operands and the constants its body uses cloned inside (a
    dispatch is isolated from above). The CUDA backend's `generic` family
    computes such dispatches.
  }];
  let options = [
    Option<"includeLinalg", "include-linalg", "bool", /*default=*/"false",
           "also wrap the linalg ops that are in no dispatch (not transposes)">
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def FuseLinalgPass : Pass<"accel-fuse-linalg"> {
  let summary = "fuse the elementwise linalg.generic chains that are in no "
                "dispatch (upstream's elementwise fusion)";
  let description = [{
    What fusion into accel ops leaves (a layer norm's broadcasts and
    divisions, the pieces of a GELU) is a chain of linalg.generic ops. This
    pass fuses elementwise producers into their consumers (upstream's
    `populateElementwiseOpsFusionPatterns`), also into a reduction, so that
    a chain becomes one op: one kernel of the CUDA backend's `generic`
    family instead of one per op. It fuses only where that duplicates no
    work and the fused op stays one the generic kernel takes: a producer
    with one use that reads no init, read element for element (not
    through a broadcast), outside every accel.dispatch (a GEMM's epilogue
    is the epilogue writer's), into an op of at most 8 inputs. The fused body holds the same scalar
    ops in the same order, so it computes the same values (each op still
    rounds to its own type). accel-translate runs it before
    accel-form-dispatches.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def FuseEpiloguePass : Pass<"accel-fuse-epilogue"> {
  let summary = "fuse chains of elementwise consumers into the matmul, "
                "attention or quantized_matmul that produces their input";
  let description = [{
    A producer (accel.matmul, attention, quantized_matmul,
    block_diag_matmul, monarch_matmul, segment_matmul, typed_matmul) and
    the chain of elementwise ops consuming its first result (bias, residual
    add, scaling, ReLU, squared ReLU, GELU, SiLU, casts, quantize and
    dequantize; as tensor arith/math ops, all-parallel linalg ops that read
    the value with the identity map, or accel.quantize/dequantize) become
    one `accel.dispatch`: the epilogue of the producer's kernel. A value
    used by several ops continues the chain when those ops reconverge into
    one value (GELU's tanh form reads x four times); otherwise the chain
    stops at the first value that is used outside it, which the dispatch
    returns (contract section 7, v1.2). Other operands of the chain's ops
    (a residual, a broadcast bias) are inputs of the dispatch; scalar and
    splat constants are cloned into it. Numerics do not change: the plain
    ops are kept inside the dispatch and the CPU reference inlines it.
    With `remarks`, every place where a chain stops says why.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark where an epilogue chain stops and why">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def MonarchProjectPass : Pass<"accel-monarch-project"> {
  let summary = "replace dense constant matmul weights by their optimal "
                "Monarch factors, where an option or attribute asks";
  let description = [{
    An accel.matmul whose weight is a constant `[K, M]` (or `[M, K]` with
    `transpose_b`) becomes an accel.monarch_matmul with `w1: [N, N, K/N]`
    and `w2: [N, M/N, N]`, the Frobenius-optimal Monarch approximation of
    the weight (the Monarch paper's closed form: every `(a, c)` sub-block
    `W[a*p + j, o*N + c]` is replaced by its best rank-1 approximation).
    It applies to every such matmul when `nblocks` is set, and to a matmul
    carrying `accel.monarch = {nblocks = N : i64}` (optionally with
    `rank = r : i64`) in any case. Each projection reports its relative
    Frobenius error as a remark; a weight that does not fit (not constant,
    not 2-d, N not dividing both dims) is left alone with a remark. With
    `rank = r` every block keeps its best rank-r approximation
    (`w1: [N, r*N, K/N]`, `w2: [N, M/N, r*N]`). A bias is added after the
    product, rounded once. Numerics change by design (the projection
    error); a weight that is exactly Monarch is recovered to rounding.

    The other direction: with `densify-below = D`, a monarch_matmul whose
    factors are constants and whose input and output widths are both at
    most D becomes an accel.matmul with the dense product (exact up to
    rounding).
  }];
  let options = [
    Option<"nblocks", "nblocks", "int64_t", /*default=*/"0",
           "project every matmul with a constant weight onto N blocks "
           "(0: only matmuls carrying accel.monarch)">,
    Option<"rank", "rank", "int64_t", /*default=*/"1",
           "rank of each block's approximation (1: the contract's Monarch "
           "class)">,
    Option<"densifyBelow", "densify-below", "int64_t", /*default=*/"0",
           "materialize constant monarch_matmuls whose widths are at most "
           "this as a dense matmul (0: never)">,
  ];
  let statistics = [
    Statistic<"numProjected", "num-projected",
              "matmuls projected onto Monarch factors">,
    Statistic<"numLeftAlone", "num-left-alone",
              "matmuls asked for but left alone (see the remarks)">,
    Statistic<"numDensified", "num-densified",
              "monarch_matmuls materialized as dense matmuls">,
  ];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def ReparameterizePass : Pass<"accel-reparameterize"> {
  let summary = "RePaViT's structural reparameterization of FFNs whose "
                "activation touches only part of the hidden channels";
  let description = [{
    Recognizes `x + act_idle(x W1 + b1) W2 + b2` (the residual optional)
    written with the split in upstream ops: the first layer (accel.matmul
    or linalg.matmul, constant weight and bias), `tensor.extract_slice` of
    its leading A channels into any side-effect-free activation, the rest
    `[A, H)` untouched, `tensor.concat` of both along the last dim, the
    second layer, and `arith.addf` with x. The idle channels' linear path
    folds into one constant weight (`W1[:, A:] W2[A:, :]`, plus the identity
    when the residual is folded in) and their bias path into the second
    layer's bias, leaving a smaller FFN over the active channels:

      y = act(x W1[:, :A] + b1[:A]) W2[:A, :] + (b2 + b1[A:] W2[A:, :])
          + x (I + W1[:, A:] W2[A:, :])

    Exact up to rounding (the folded constants are computed in double and
    rounded once to the weights' element type). A candidate that does not
    fit (non-constant weights, a split that is not leading/rest) is left
    alone with a remark; every rewrite is reported as a remark.
  }];
  let statistics = [
    Statistic<"numReparameterized", "num-reparameterized",
              "FFNs reparameterized">,
    Statistic<"numLeftAlone", "num-left-alone",
              "split FFNs left alone (see the remarks)">,
  ];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect"];
}

def LayoutPass : Pass<"accel-layout"> {
  let summary = "give matmul weights the layout the tensor-core kernels read";
  let description = [{
    Two exact rewrites of the B operand of accel.matmul and
    accel.quantized_matmul (a permutation of the weight, never a change of
    value):

    - A `linalg.transpose` that swaps B's last two dims (and keeps the
      leading ones) folds into `transpose_b`: the matmul reads the
      transpose's input with the flag flipped, and the copy is gone once it
      has no other use.
    - A constant B read K-contiguous-last (`transpose_b = false`, `[..., K,
      N]`) is stored transposed (`[..., N, K]`, `transpose_b = true`): both
      operands K-major, the "TN" GEMM that ldmatrix reads without `.trans`
      and that wgmma requires for 8-bit operands. A quantized_matmul's
      group-wise `b_scale` (b's shape with K replaced by K/g) is transposed
      with its weight; a non-constant group-wise scale leaves the matmul
      alone.

    With `remarks`, every rewrite and every weight left alone says so.
    Not done yet (contract section 7 lists them too): i4 packing and the
    relation-sorted edge segments of the RGNN ops.
  }];
  let options = [
    Option<"weightsKMajor", "weights-k-major", "bool", /*default=*/"true",
           "store constant matmul weights transposed ([N, K], "
           "transpose_b = true)">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark for every rewrite and every weight left alone">,
  ];
  let statistics = [
    Statistic<"numTransposesFolded", "num-transposes-folded",
              "linalg.transpose ops folded into transpose_b">,
    Statistic<"numWeightsTransposed", "num-weights-transposed",
              "constant weights stored K-major">,
  ];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect"];
}

def RgnnOptimizePass : Pass<"accel-rgnn-optimize"> {
  let summary = "PIGEON's linear operator reordering of relational GNN layers";
  let description = [{
    A typed linear layer applied to gathered node features,
    `typed_matmul(gather_rows(x, src), w, etype)` (x: [N, K], w: [R, K,
    Nout], E edges), computes one [K] x [K, Nout] product per edge. When
    there are fewer (node, relation) pairs than edges (R * N < E), it is
    cheaper to compute every node's features under every relation once,
    `t = matmul(x, w)`: [R, N, Nout] (R * N * K * Nout multiply-adds
    instead of E * K * Nout), and gather row `etype[e] * N + src[e]` of it
    per edge. The rewrite is exact: the same products, summed in the same
    order, rounded once. The run-time checks of the rewritten ops stay,
    with their messages and locations: an id outside its range (`src` not
    in [0, N), `etype` not in [0, R)), or a type count that differs from the
    edge count, is still a located error, never a read of another
    relation's row.

    `reorder=auto` (the default) decides by the cost model, which needs N,
    R and E static; `always` and `never` override it. With `remarks`, every
    typed linear layer says what was decided and why.
  }];
  let options = [
    Option<"reorder", "reorder", "std::string", /*default=*/"\"auto\"",
           "auto (cost model), always, or never">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark for every typed linear layer">,
  ];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::cf::ControlFlowDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def SparsifyPass : Pass<"accel-sparsify"> {
  let summary = "structured sparsity: S2 head-shard coverage, and opt-in 2:4 "
                "pruning of constant matmul weights";
  let description = [{
    - **S2 head shards** (`#accel.head_shard<num_shards = S, ...>` on
      accel.attention and accel.attention_grad): the contract's pattern
      relies on S consecutive query heads covering the context together
      (head h sees key blocks kb with kb mod S == h mod S). With fewer than
      S query heads, key blocks whose kb mod S is no head's class are seen
      by none outside the local window; that is a warning at the op (valid
      IR, almost surely not what the model meant).
    - **2:4 pruning** (`prune-2-4`, off by default: it changes numerics):
      every accel.matmul with a constant f32/f16/bf16 weight whose K is a
      multiple of 4 keeps, in every group of 4 consecutive K elements of
      each output column, the 2 of largest magnitude (the earlier on a tie)
      and zeroes the other 2, Mishra et al.'s magnitude pruning for the
      sparse tensor cores. The matmul is marked `accel.sparse_2_4` (which
      the verifier checks against the constant). Fine-tuning after pruning
      is the user's business; the pass reports the relative Frobenius
      error of each pruned weight as a remark.
    Not yet: explicit block tables for head_shard (the kernels read the
    pattern's closed form today), and other structured patterns.
  }];
  let options = [
    Option<"prune24", "prune-2-4", "bool", /*default=*/"false",
           "prune constant matmul weights to 2:4 along K (changes numerics)">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark for every weight pruned or left alone">,
  ];
  let statistics = [
    Statistic<"numPruned", "num-pruned", "weights pruned to 2:4">,
    Statistic<"numUncoveredShards", "num-uncovered-shards",
              "head_shard patterns whose heads do not cover the context">,
  ];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect"];
}

def QuantizePass : Pass<"accel-quantize"> {
  let summary = "rewrite matmuls with constant weights into quantized "
                "matmuls (W8A8, FP8, W4A16, W4A8)";
  let description = [{
    Every accel.matmul whose weight is a 2-d float constant becomes an
    accel.quantized_matmul. The weight is quantized once, at compile time,
    symmetrically: scale = absmax / qmax (an all-zero group gets 1) per
    output channel (`w8a8`, `fp8`) or per group of `group-size` K elements
    and channel (`w4a16`, `w4a8`; the whole K when it is smaller), in f32,
    then round-half-even and clamp (i8, i4) or a saturating conversion
    (f8E4M3FN), as accel.quantize defines it. Activations are quantized at
    run time by an inserted accel.quantize with dynamic per-token scales
    (i8 or f8E4M3FN), except in `w4a16`, where f16/bf16 activations stay
    as they are (scale 1). The matmul's bias and `transpose_b` carry over.
    With `calibration=FILE` (written by `accel-run --calibrate=FILE` over
    sample inputs), a matmul the file names gets a static per-tensor
    activation scale, absmax / qmax of the calibrated range, as an
    accel.quantize with a scale operand (values beyond the range
    saturate); the others keep dynamic per-token scales.
    With `hadamard`, a matmul whose K is a power of two (up to 4096)
    computes y = (x H)(H^T W) with H the orthonormal Hadamard matrix, as
    Quamba/Quamba2 do before out_proj: H^T W is formed at compile time (a
    fast Walsh-Hadamard transform per column) and quantized, x H is an
    accel.matmul with a constant H that runs before the activation's
    quantization. Outliers of x and W spread over all K channels, so their
    absmax scales shrink; the product is unchanged up to rounding.
    `mode=auto` chooses per matmul between `w8a8` and `fp8` ("FP8 versus
    INT8"): the format whose per-channel quantization of the weight has the
    smaller relative error ||W - W'|| / ||W|| (INT8 wins on well-behaved
    weights, FP8 E4M3 where outliers dominate); with `remarks`, each choice
    says both errors. Activations do not enter the choice (they are only
    known at run time: `accel-run --quant-report` measures them).
    Numerics change by design (the quantization error). A matmul that
    cannot be quantized (a batched weight, K not a multiple of the group,
    f32 activations in w4a16, a non-finite weight) is left alone with a
    remark.
  }];
  let options = [
    Option<"mode", "mode", "std::string", /*default=*/"\"w8a8\"",
           "w8a8, fp8, w4a16, w4a8, or auto (w8a8 or fp8 per matmul)">,
    Option<"groupSize", "group-size", "int64_t", /*default=*/"128",
           "K elements per weight scale in the 4-bit modes">,
    Option<"hadamard", "hadamard", "bool", /*default=*/"false",
           "rotate activations and weights by the Hadamard matrix along K "
           "before quantizing (Quamba): y = (x H)(H^T W)">,
    Option<"calibration", "calibration", "std::string", /*default=*/"\"\"",
           "a calibration file (accel-run --calibrate): static per-tensor "
           "activation scales for the matmuls it names">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark for every matmul quantized">,
  ];
  let statistics = [
    Statistic<"numQuantized", "num-quantized", "matmuls quantized">,
    Statistic<"numLeftAlone", "num-left-alone",
              "constant-weight matmuls left alone (see the remarks)">,
  ];
  let dependentDialects = ["::accel::AccelDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
