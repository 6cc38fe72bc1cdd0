//===- AccelOps.td - accel operations ----------------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// One section per op family of the IR contract (docs/spec/accel-ir.md).
// Shape and type rules are not written here: each verifier calls the shared
// helpers of its family in TypeInference.h, which builders reuse to infer
// result types.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELOPS_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELOPS_TD

include "accel/Dialect/Accel/IR/AccelDialect.td"
include "accel/Dialect/Accel/IR/AccelAttrs.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Accel_FloatTensor : RankedTensorOf<[F32, F16, BF16]>;
def Accel_AttentionTensor
    : RankedTensorOf<[F32, F16, BF16, F8E4M3FN, F8E5M2]>;
def Accel_IndexTensor : RankedTensorOf<[I32, I64]>;
def Accel_ScaleTensor : RankedTensorOf<[F32]>;
def Accel_QuantizedTensor : RankedTensorOf<[I8, I<4>, F8E4M3FN, F8E5M2]>;
def Accel_MatmulOperandTensor
    : RankedTensorOf<[I8, I<4>, F8E4M3FN, F16, BF16]>;
def Accel_AnyRankedTensor : RankedTensorOf<[AnyType]>;

/// A strictly positive / non-negative i64 attribute.
def Accel_PositiveI64Attr : ConfinedAttr<I64Attr, [IntPositive]>;
def Accel_NonNegativeI64Attr : ConfinedAttr<I64Attr, [IntNonNegative]>;

//===----------------------------------------------------------------------===//
// §1 Dense linear algebra
//===----------------------------------------------------------------------===//

def Accel_MatmulOp : Accel_Op<"matmul", [Pure]> {
  let summary = "batched matrix product with an optional per-column bias";
  let description = [{
    `a: [B..., M, K]`, `b: [B..., K, N]` (or `[B..., N, K]` with
    `transpose_b = true`), optional `bias: [N]`. Batch dims broadcast like
    numpy (from the right, size-1 dims stretch); the result is
    `[broadcast(B...), M, N]`.

      out[.., m, n] = sum_k a[.., m, k] * b[.., k, n] (+ bias[n])

    `a` and `b` share one element type (f32, f16, bf16); the products
    accumulate in f32 and are rounded once to the result element type, which
    may differ from the inputs' (e.g. f16 x f16 -> f32). `bias` is f32 or
    the inputs' or the result's element type.

    ```mlir
    %c = accel.matmul %a, %b, %bias {transpose_b = true}
        : (tensor<8x?x64xf16>, tensor<128x64xf16>, tensor<128xf32>) -> tensor<8x?x128xf32>
    ```

    `transpose_b` is a `BoolAttr` (default false).
  }];
  let arguments = (ins Accel_FloatTensor:$a, Accel_FloatTensor:$b,
                       Optional<Accel_FloatTensor>:$bias,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $a `,` $b (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// §2 Attention
//===----------------------------------------------------------------------===//

def Accel_AttentionOp : Accel_Op<"attention", [Pure]> {
  let summary = "scaled dot-product attention (FlashAttention-2, S2-Attention)";
  let description = [{
    `q: [B, Hq, Sq, D]`, `k: [B, Hkv, Sk, D]`, `v: [B, Hkv, Sk, Dv]` with
    `Hq % Hkv == 0` (GQA/MQA: query head h reads kv head `h / (Hq/Hkv)`),
    optional additive `bias` broadcastable to `[B, Hq, Sq, Sk]` (f32 or the
    input type). Results: `out: [B, Hq, Sq, Dv]` and optionally
    `lse: [B, Hq, Sq]` in f32.

      s[i, j] = scale * dot(q[i], k[j]) (+ bias[i, j]); masked entries -inf
      p = softmax_j(s); out[i] = sum_j p[i, j] * v[j]
      lse[i] = log(sum_j exp(s[i, j]))

    With `causal`, key j is visible to query i iff `j <= i + (Sk - Sq)`
    (bottom-right aligned). A row that sees no key yields `out = 0` and
    `lse = -inf`. `sparsity` (`#accel.head_shard`) restricts each head to its
    S2-Attention shard plus `local_blocks` local key blocks.

    Attribute types: `scale` is an `F32Attr` (default `1/sqrt(D)`), `causal`
    a `BoolAttr` (default false), `sparsity` an `#accel.head_shard`.

    ```mlir
    %o, %lse = accel.attention %q, %k, %v {causal = true, scale = 0.125 : f32}
        : (tensor<2x8x?x64xbf16>, tensor<2x2x?x64xbf16>, tensor<2x2x?x64xbf16>)
        -> (tensor<2x8x?x64xbf16>, tensor<2x8x?xf32>)
    ```
  }];
  let arguments = (ins Accel_AttentionTensor:$q, Accel_AttentionTensor:$k,
                       Accel_AttentionTensor:$v,
                       Optional<Accel_AttentionTensor>:$bias,
                       OptionalAttr<F32Attr>:$scale,
                       DefaultValuedAttr<BoolAttr, "false">:$causal,
                       OptionalAttr<Accel_HeadShardAttr>:$sparsity);
  let results = (outs Accel_AttentionTensor:$out,
                      Optional<Accel_ScaleTensor>:$lse);
  let assemblyFormat = [{
    $q `,` $k `,` $v (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The softmax scale: the `scale` attribute, else 1/sqrt(D); none when
    /// D is dynamic and no scale is given.
    std::optional<float> getEffectiveScale();
  }];
}

def Accel_AttentionGradOp : Accel_Op<"attention_grad", [Pure]> {
  let summary = "gradient of accel.attention (FlashAttention-2 backward)";
  let description = [{
    The exact gradient of `accel.attention` with the same attributes:
    given `q, k, v`, the forward's `out: [B, Hq, Sq, Dv]` and
    `lse: [B, Hq, Sq]` (f32), and `dout` shaped like `out`, returns
    `dq, dk, dv` shaped like `q, k, v`. With P = softmax(S) recomputed from
    lse and D_i = rowsum(dout_i * out_i):

      dv = P^T dout;  dP = dout v^T;  dS = P * (dP - D);
      dq = scale * dS k;  dk = scale * dS^T q

    (GQA: dk and dv sum over the query heads of each kv head.) Attributes
    are typed as on `accel.attention`.

    ```mlir
    %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do {causal = true}
        : (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>,
           tensor<1x4x128x64xf16>, tensor<1x4x128xf32>, tensor<1x4x128x64xf16>)
        -> (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>)
    ```
  }];
  let arguments = (ins Accel_AttentionTensor:$q, Accel_AttentionTensor:$k,
                       Accel_AttentionTensor:$v, Accel_AttentionTensor:$out,
                       Accel_ScaleTensor:$lse, Accel_AttentionTensor:$dout,
                       OptionalAttr<F32Attr>:$scale,
                       DefaultValuedAttr<BoolAttr, "false">:$causal,
                       OptionalAttr<Accel_HeadShardAttr>:$sparsity);
  let results = (outs Accel_AttentionTensor:$dq, Accel_AttentionTensor:$dk,
                      Accel_AttentionTensor:$dv);
  let assemblyFormat = [{
    $q `,` $k `,` $v `,` $out `,` $lse `,` $dout attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    /// The softmax scale: the `scale` attribute, else 1/sqrt(D); none when
    /// D is dynamic and no scale is given.
    std::optional<float> getEffectiveScale();
  }];
}

//===----------------------------------------------------------------------===//
// §3 Structured matrices (Monarch)
//===----------------------------------------------------------------------===//

def Accel_BlockDiagMatmulOp : Accel_Op<"block_diag_matmul", [Pure]> {
  let summary = "product with a block-diagonal matrix";
  let description = [{
    `x: [B..., nb * p]`, `w: [nb, q, p]`; result `[B..., nb * q]`.

      out[.., b*q + i] = sum_j w[b, i, j] * x[.., b*p + j]

    ```mlir
    %y = accel.block_diag_matmul %x, %w
        : (tensor<?x256xf16>, tensor<4x32x64xf16>) -> tensor<?x128xf16>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$x, Accel_FloatTensor:$w);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $x `,` $w attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Value":$x, "::mlir::Value":$w)>
  ];
}

def Accel_MonarchMatmulOp : Accel_Op<"monarch_matmul", [Pure]> {
  let summary = "Monarch product: two block-diagonal factors and a permutation";
  let description = [{
    `x: [B..., n]`, `w1: [k, q, p]` with `k*p = n`, `w2: [l, s, r]` with
    `l*r = k*q`; result `[B..., l*s]`. With
    `t1 = block_diag_matmul(x, w1)` viewed as `[B..., r, l]` and transposed
    to `t2: [B..., l, r]`:

      u[.., c, o] = sum_j w2[c, o, j] * t2[.., c, j]   (c < l, o < s)
      out[.., o*l + c] = u[.., c, o]

    ```mlir
    %y = accel.monarch_matmul %x, %w1, %w2
        : (tensor<16x64xf32>, tensor<8x8x8xf32>, tensor<8x8x8xf32>) -> tensor<16x64xf32>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$x, Accel_FloatTensor:$w1,
                       Accel_FloatTensor:$w2);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $x `,` $w1 `,` $w2 attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Value":$x, "::mlir::Value":$w1, "::mlir::Value":$w2)>
  ];
}

//===----------------------------------------------------------------------===//
// §4 Relational graphs
//===----------------------------------------------------------------------===//

def Accel_GatherRowsOp : Accel_Op<"gather_rows", [Pure]> {
  let summary = "gather rows of a node feature matrix by index";
  let description = [{
    `x: [N, D]`, `idx: [E]` (i32 or i64) -> `[E, D]`; `out[e] = x[idx[e]]`.
    An index outside `[0, N)` is a run-time error reported by the generated
    code.

    ```mlir
    %h = accel.gather_rows %x, %src : (tensor<?x64xf32>, tensor<?xi64>) -> tensor<?x64xf32>
    ```
  }];
  let arguments = (ins Accel_AnyRankedTensor:$x, Accel_IndexTensor:$idx);
  let results = (outs Accel_AnyRankedTensor:$result);
  let assemblyFormat = [{
    $x `,` $idx attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Value":$x, "::mlir::Value":$idx)>
  ];
}

def Accel_TypedMatmulOp : Accel_Op<"typed_matmul", [Pure]> {
  let summary = "per-row relation-typed linear layer";
  let description = [{
    `x: [E, K]`, `w: [R, K, Nout]`, `types: [E]` (relation ids in `[0, R)`,
    i32 or i64) -> `[E, Nout]`; `out[e] = x[e] @ w[types[e]]`.

    ```mlir
    %y = accel.typed_matmul %x, %w, %etype
        : (tensor<?x64xf32>, tensor<8x64x32xf32>, tensor<?xi32>) -> tensor<?x32xf32>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$x, Accel_FloatTensor:$w,
                       Accel_IndexTensor:$types);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $x `,` $w `,` $types attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Value":$x, "::mlir::Value":$w, "::mlir::Value":$types)>
  ];
}

def Accel_SegmentMatmulOp : Accel_Op<"segment_matmul", [Pure]> {
  let summary = "linear layer over rows grouped by relation";
  let description = [{
    `x: [E, K]` with rows grouped by relation, `w: [R, K, Nout]`,
    `offsets: [R+1]` (i32/i64, non-decreasing, `offsets[0] = 0`,
    `offsets[R] = E`) -> `[E, Nout]`; rows `offsets[r] .. offsets[r+1]-1`
    use `w[r]`. The verifier checks the offsets' values when they are a
    constant.

    ```mlir
    %y = accel.segment_matmul %x, %w, %offsets
        : (tensor<?x64xf32>, tensor<8x64x32xf32>, tensor<9xi64>) -> tensor<?x32xf32>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$x, Accel_FloatTensor:$w,
                       Accel_IndexTensor:$offsets);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $x `,` $w `,` $offsets attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let builders = [
    OpBuilder<(ins "::mlir::Value":$x, "::mlir::Value":$w, "::mlir::Value":$offsets)>
  ];
}

def Accel_ScatterReduceOp : Accel_Op<"scatter_reduce", [Pure]> {
  let summary = "reduce edge messages into destination rows";
  let description = [{
    `msg: [E, D]`, `idx: [E]` -> `[num_rows, D]`. Row r combines the
    messages `msg[e]` with `idx[e] == r` by `reduce` ("sum", "mean" or
    "max"); rows that receive nothing are 0.

    Attribute types: `num_rows` is an `I64Attr` (>= 0), `reduce` a
    `StrAttr` naming the reduction (default "sum").

    ```mlir
    %agg = accel.scatter_reduce %msg, %dst {num_rows = 100 : i64, reduce = "mean"}
        : (tensor<?x64xf32>, tensor<?xi64>) -> tensor<100x64xf32>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$msg, Accel_IndexTensor:$idx,
                       Accel_NonNegativeI64Attr:$num_rows,
                       DefaultValuedStrAttr<StrAttr, "sum">:$reduce);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $msg `,` $idx attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The reduction named by `reduce` (valid once verified).
    ::accel::ReduceKind getReduceKind();
  }];
}

def Accel_EdgeSoftmaxOp : Accel_Op<"edge_softmax", [Pure]> {
  let summary = "softmax over the edges that share a destination";
  let description = [{
    `score: [E, H]`, `dst: [E]` -> `[E, H]`; for each column h, softmax of
    `score[e, h]` over the edges e with the same `dst[e]`.

      out[e, h] = exp(score[e, h]) / sum_{e' : dst[e'] = dst[e]} exp(score[e', h])

    `num_nodes` is an `I64Attr` (>= 0): destinations lie in `[0, num_nodes)`.

    ```mlir
    %a = accel.edge_softmax %s, %dst {num_nodes = 1000 : i64}
        : (tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x4xf32>
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$score, Accel_IndexTensor:$dst,
                       Accel_NonNegativeI64Attr:$num_nodes);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $score `,` $dst attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// §5 Quantization
//===----------------------------------------------------------------------===//

def Accel_QuantizeOp : Accel_Op<"quantize", [Pure]> {
  let summary = "symmetric quantization with static or dynamic scales";
  let description = [{
    `q = clamp(round_half_even(x / scale), qmin, qmax)` for i8 ([-128, 127])
    and i4 ([-8, 7]); `q = to_f8(x / scale)` saturating for fp8. With a
    `scale` operand the scale is static; without, it is computed at run
    time as `absmax / qmax` of each group (qmax = 127, 7, 448 for
    f8E4M3FN, 57344 for f8E5M2; an all-zero group gets scale 1).

    Attribute types: `dtype` a `TypeAttr` (i8, i4, f8E4M3FN, f8E5M2; the
    result's element type), `granularity` a `StrAttr` ("tensor" (default),
    "channel", "group"), `axis` and `group_size` `I64Attr`s. The scale's
    shape follows from the granularity: "tensor" -> `tensor<f32>`;
    "channel" -> `[dim(axis)]`; "group" -> x's shape with `dim(axis)`
    replaced by `dim(axis) / group_size`.

    ```mlir
    %q, %s = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64,
                                group_size = 64 : i64}
        : (tensor<?x256xf16>) -> (tensor<?x256xi8>, tensor<?x4xf32>)
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$x,
                       Optional<Accel_ScaleTensor>:$scale,
                       TypeAttr:$dtype,
                       DefaultValuedStrAttr<StrAttr, "tensor">:$granularity,
                       OptionalAttr<I64Attr>:$axis,
                       OptionalAttr<I64Attr>:$group_size);
  let results = (outs Accel_QuantizedTensor:$q, Accel_ScaleTensor:$scale_out);
  let assemblyFormat = [{
    $x (`,` $scale^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The granularity named by `granularity` (valid once verified).
    ::accel::QuantGranularity getGranularityKind();
  }];
}

def Accel_DequantizeOp : Accel_Op<"dequantize", [Pure]> {
  let summary = "x' = q * scale";
  let description = [{
    `q` (i8, i4, f8E4M3FN, f8E5M2) times its scale, whose shape follows
    from `granularity`/`axis`/`group_size` as for `accel.quantize`; the
    result has q's shape and a floating element type.

    ```mlir
    %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
        : (tensor<128x64xi8>, tensor<128xf32>) -> tensor<128x64xf32>
    ```
  }];
  let arguments = (ins Accel_QuantizedTensor:$q, Accel_ScaleTensor:$scale,
                       DefaultValuedStrAttr<StrAttr, "tensor">:$granularity,
                       OptionalAttr<I64Attr>:$axis,
                       OptionalAttr<I64Attr>:$group_size);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $q `,` $scale attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The granularity named by `granularity` (valid once verified).
    ::accel::QuantGranularity getGranularityKind();
  }];
}

def Accel_QuantizedMatmulOp : Accel_Op<"quantized_matmul", [Pure]> {
  let summary = "matmul of quantized operands with fused dequantization";
  let description = [{
    `out = dequant(a) @ dequant(b) (+ bias)`. `a: [B..., M, K]`,
    `b: [K, N]` (or `[N, K]` with `transpose_b`). i8 x i8 accumulates
    exactly in i32, fp8 in f32. Supported (a, b) pairs: (i8, i8) W8A8;
    (f8E4M3FN, f8E4M3FN) FP8; (f16 or bf16, i4) W4A16; (i8, i4) W4A8.

    Scales are f32. `a_scale` is `tensor<f32>` (per tensor) or
    `[B..., M]` (per row / token). `b_scale` is `tensor<f32>` (per tensor),
    `[N]` (per output channel), or b's shape with K replaced by `K / g`
    (groups of g along K; g must divide K).

    ```mlir
    %y = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true}
        : (tensor<?x4096xi8>, tensor<?xf32>, tensor<11008x4096xi8>, tensor<11008xf32>)
        -> tensor<?x11008xbf16>
    ```
  }];
  let arguments = (ins Accel_MatmulOperandTensor:$a, Accel_ScaleTensor:$a_scale,
                       Accel_MatmulOperandTensor:$b, Accel_ScaleTensor:$b_scale,
                       Optional<Accel_FloatTensor>:$bias,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_b);
  let results = (outs Accel_FloatTensor:$result);
  let assemblyFormat = [{
    $a `,` $a_scale `,` $b `,` $b_scale (`,` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// §5b State-space scans (Mamba-1, Mamba-2)
//===----------------------------------------------------------------------===//

def Accel_SelectiveScanOp : Accel_Op<"selective_scan",
                                     [Pure, AttrSizedOperandSegments]> {
  let summary = "Mamba-1's selective scan";
  let description = [{
    `u, delta, z: [Bt, Dm, L]`, `A: [Dm, N]`, `B, C: [Bt, G, N, L]` with
    `Dm % G == 0` (channel d uses group `d / (Dm/G)`), `D, delta_bias: [Dm]`.
    Results: `y: [Bt, Dm, L]` in u's element type and optionally
    `last_state: [Bt, Dm, N]` in f32.

      dt = delta (+ delta_bias), then softplus(dt) when delta_softplus
      x_t[d, n] = exp(dt[d, t] * A[d, n]) * x_{t-1}[d, n]
                  + dt[d, t] * B[g, n, t] * u[d, t],     x_{-1} = 0
      y[d, t] = sum_n C[g, n, t] * x_t[d, n] (+ D[d] * u[d, t])
      y *= silu(z[d, t]) when z is given;  last_state = x_{L-1}

    u, delta, z, B and C share one element type (f32, f16, bf16); A, D,
    delta_bias are f32. Arithmetic is f32; y is rounded once.
    `delta_softplus` is a `BoolAttr` (default false). In the custom form the
    optional operands are named (`D(%d)`, `z(%z)`, `delta_bias(%b)`); in the
    generic form `operandSegmentSizes` has 8 entries.

    ```mlir
    %y, %s = accel.selective_scan %u, %dt, %A, %B, %C D(%d) z(%z) {delta_softplus = true}
        : (tensor<2x64x?xf16>, tensor<2x64x?xf16>, tensor<64x16xf32>,
           tensor<2x1x16x?xf16>, tensor<2x1x16x?xf16>, tensor<64xf32>, tensor<2x64x?xf16>)
        -> (tensor<2x64x?xf16>, tensor<2x64x16xf32>)
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$u, Accel_FloatTensor:$delta,
                       Accel_ScaleTensor:$A, Accel_FloatTensor:$B,
                       Accel_FloatTensor:$C,
                       Optional<Accel_ScaleTensor>:$D,
                       Optional<Accel_FloatTensor>:$z,
                       Optional<Accel_ScaleTensor>:$delta_bias,
                       DefaultValuedAttr<BoolAttr, "false">:$delta_softplus);
  let results = (outs Accel_FloatTensor:$y,
                      Optional<Accel_ScaleTensor>:$last_state);
  let assemblyFormat = [{
    $u `,` $delta `,` $A `,` $B `,` $C (`D` `(` $D^ `)`)? (`z` `(` $z^ `)`)?
    (`delta_bias` `(` $delta_bias^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Accel_SsdScanOp : Accel_Op<"ssd_scan", [Pure, AttrSizedOperandSegments]> {
  let summary = "Mamba-2's state space duality (SSD) scan";
  let description = [{
    `x, z: [Bt, L, H, P]`, `dt: [Bt, L, H]`, `A: [H]` (one scalar per head),
    `B, C: [Bt, L, G, N]` with `H % G == 0` (head h uses group
    `h / (H/G)`), `D: [H]` or `[H, P]`, `dt_bias: [H]`,
    `initial_state: [Bt, H, P, N]`. Results: `y: [Bt, L, H, P]` in x's
    element type and optionally `final_state: [Bt, H, P, N]` in f32.

      dt_t = dt (+ dt_bias), then softplus(dt_t) when dt_softplus
      h_t[p, n] = exp(dt_t * A[h]) * h_{t-1}[p, n] + dt_t * x_t[p] * B_t[n]
      y_t[p] = sum_n C_t[n] * h_t[p, n] (+ D * x_t[p]), times silu(z_t[p])
      h_{-1} = initial_state (or 0)

    x, dt, z, B and C share one element type (f32, f16, bf16); A, D,
    dt_bias and the states are f32; y is rounded once. `dt_softplus` is a
    `BoolAttr` (default false). Custom form: `D(%d) z(%z) dt_bias(%b)
    initial_state(%s)`; generic form: `operandSegmentSizes` with 9 entries.

    ```mlir
    %y, %h = accel.ssd_scan %x, %dt, %A, %B, %C D(%d) {dt_softplus = true}
        : (tensor<1x?x8x64xbf16>, tensor<1x?x8xbf16>, tensor<8xf32>,
           tensor<1x?x1x128xbf16>, tensor<1x?x1x128xbf16>, tensor<8xf32>)
        -> (tensor<1x?x8x64xbf16>, tensor<1x8x64x128xf32>)
    ```
  }];
  let arguments = (ins Accel_FloatTensor:$x, Accel_FloatTensor:$dt,
                       Accel_ScaleTensor:$A, Accel_FloatTensor:$B,
                       Accel_FloatTensor:$C,
                       Optional<Accel_ScaleTensor>:$D,
                       Optional<Accel_FloatTensor>:$z,
                       Optional<Accel_ScaleTensor>:$dt_bias,
                       Optional<Accel_ScaleTensor>:$initial_state,
                       DefaultValuedAttr<BoolAttr, "false">:$dt_softplus);
  let results = (outs Accel_FloatTensor:$y,
                      Optional<Accel_ScaleTensor>:$final_state);
  let assemblyFormat = [{
    $x `,` $dt `,` $A `,` $B `,` $C (`D` `(` $D^ `)`)? (`z` `(` $z^ `)`)?
    (`dt_bias` `(` $dt_bias^ `)`)? (`initial_state` `(` $initial_state^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// The kernel boundary
//===----------------------------------------------------------------------===//

def Accel_DispatchOp : Accel_Op<"dispatch", [
    IsolatedFromAbove, RecursiveMemoryEffects, SingleBlock]> {
  let summary = "the ops that one GPU kernel computes";
  let description = [{
    A region isolated from above whose entry block takes one argument per
    input (same types) and whose `accel.yield` gives the results: what the
    CUDA backend compiles into one kernel instance (docs/codegen.md). Fusion
    forms dispatches of several ops (a GEMM and its epilogue, gather ->
    segment GEMM -> scatter, Monarch factors and their permutation);
    `accel-form-dispatches` wraps every other kernel-bearing op in a
    dispatch of one. On the CPU the reference lowering inlines the body, so
    a dispatch means exactly what its ops mean.

    ```mlir
    %o = accel.dispatch (%q, %k, %v : tensor<1x8x128x64xbf16>,
                          tensor<1x8x128x64xbf16>, tensor<1x8x128x64xbf16>)
        -> (tensor<1x8x128x64xbf16>) {
    ^bb0(%a: tensor<1x8x128x64xbf16>, %b: tensor<1x8x128x64xbf16>,
         %c: tensor<1x8x128x64xbf16>):
      %r = accel.attention %a, %b, %c : (tensor<1x8x128x64xbf16>,
          tensor<1x8x128x64xbf16>, tensor<1x8x128x64xbf16>)
          -> tensor<1x8x128x64xbf16>
      accel.yield %r : tensor<1x8x128x64xbf16>
    }
    ```
  }];
  let arguments = (ins Variadic<Accel_AnyRankedTensor>:$inputs);
  let results = (outs Variadic<Accel_AnyRankedTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `(` ($inputs^ `:` type($inputs))? `)` (`->` `(` type($results)^ `)`)?
    attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The ops of the body other than its terminator, in order.
    ::llvm::iterator_range<::mlir::Block::iterator> getComputeOps() {
      ::mlir::Block &block = getBody().front();
      return {block.begin(), ::std::prev(block.end())};
    }
  }];
}

def Accel_YieldOp : Accel_Op<"yield", [
    Pure, ReturnLike, Terminator, HasParent<"DispatchOp">]> {
  let summary = "the results of an accel.dispatch";
  let arguments = (ins Variadic<Accel_AnyRankedTensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELOPS_TD
