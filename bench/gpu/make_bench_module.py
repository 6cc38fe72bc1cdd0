#!/usr/bin/env python3
"""Writes the accel module the GPU harness measures: every attention forward
variant of the benchmark grid, the S2 shard counts, the GEMM, 8-bit GEMM,
quantize and Monarch entries, and the tuning sweep's candidate kernel
configs (as typed accel.kernel_config attributes).

Usage: make_bench_module.py OUT.mlir [sm_80|sm_90a]
The target picks the forward kernel family the tuning candidates are for:
sm_80 translates the forward to the mma.sync kernel ("attention"), sm_90a to
the wgmma/TMA kernel ("attention_wgmma"). Function names encode the variant;
harness.py relies on them.
"""
import sys

# Heads such that H * d = 2048, as in the reference measurements.
HEADS = {64: 32, 128: 16}
# The forward family each target's translation uses.
FAMILY = {"sm_80": "attention", "sm_90a": "attention_wgmma"}
S2_SHARDS = (4, 8, 16)
# The CUDA-core forward's entries: (name, d, causal, dtype), 16 heads.
SIMT_ENTRIES = (("simt_f32_d64_full", 64, False, "f32"), ("simt_f32_d64_causal", 64, True, "f32"),
                ("simt_bf16_d96_causal", 96, True, "bf16"))
SIMT_HEADS = 16
S2_BLOCK, S2_LOCAL = 128, 2


def tune_configs(target, d):
    """Candidate (block_m, block_n, num_warps, num_stages) for --tune."""
    if target == "sm_90a":
        # A producer and two consumer warpgroups; the K/V ring in at most
        # 227 KiB: 1024 + (128 + 2 * stages * block_n) * d * 2 + barriers.
        return [(128, bn, 12, s) for bn in (64, 128) for s in (1, 2, 3, 4)
                if 1024 + (128 + 2 * s * bn) * d * 2 + (1 + 3 * s) * 8 <= 227 * 1024]
    # block_m = 16 * num_warps; (block_m + 2 * block_n) * d * 2 <= 48 KiB.
    candidates = [(64, 64, 4), (64, 32, 4), (32, 64, 2), (128, 32, 8), (32, 32, 2), (128, 64, 8)]
    return [(bm, bn, w, 2) for bm, bn, w in candidates if (bm + 2 * bn) * d * 2 <= 48 * 1024]


def gemm_tune_configs(target):
    """Typed GEMM configs --tune times (gemm_nt at the FFN shapes)."""
    if target == "sm_90a":
        return [f"#accel.gemm_sm90a_config<block_n = {bn}, num_stages = {s}>"
                for bn, s in ((256, 3), (256, 4), (128, 4), (128, 5), (128, 6))]
    return [f"#accel.gemm_sm80_config<block_m = {bm}, block_n = {bn}, block_k = {bk}, warps_m = {wm}, "
            f"warps_n = {wn}, num_stages = {st}>"
            for bm, bn, bk, wm, wn, st in ((128, 128, 32, 2, 4, 3), (128, 64, 32, 2, 2, 4),
                                           (64, 128, 32, 2, 2, 4), (64, 64, 64, 2, 2, 3))]


def gemm_tune_name(index):
    return f"tune_gemm_nt_{index}"


def tune_name(d, tag, config):
    bm, bn, w, s = config
    return f"tune_d{d}_{tag}_bm{bm}_bn{bn}_w{w}_s{s}"


def config_attr(target, config):
    """The typed config attribute of a (block_m, block_n, num_warps,
    num_stages) candidate: each family's attribute has only its own knobs."""
    bm, bn, w, s = config
    if target == "sm_90a":
        return f"#accel.attention_sm90a_config<block_n = {bn}, num_stages = {s}>"
    return f"#accel.attention_sm80_config<block_n = {bn}, num_warps = {w}>"


def attention(name, d, causal, dtype="bf16", extra_attrs=(), heads=None):
    h = heads or HEADS[d]
    q = f"tensor<?x{h}x?x{d}x{dtype}>"
    lse = f"tensor<?x{h}x?xf32>"
    attrs = (["causal = true"] if causal else []) + list(extra_attrs)
    attr = (" {" + ", ".join(attrs) + "}") if attrs else ""
    return (f"func.func @{name}(%q: {q}, %k: {q}, %v: {q}) -> ({q}, {lse}) {{\n"
            f"  %o, %lse = accel.attention %q, %k, %v{attr} : ({q}, {q}, {q}) -> ({q}, {lse})\n"
            f"  return %o, %lse : {q}, {lse}\n}}\n")


def attention_grad(name, d, causal):
    h = HEADS[d]
    q = f"tensor<?x{h}x?x{d}xbf16>"
    lse = f"tensor<?x{h}x?xf32>"
    attr = " {causal = true}" if causal else ""
    return (f"func.func @{name}(%q: {q}, %k: {q}, %v: {q}, %o: {q}, %lse: {lse}, %do: {q}) -> ({q}, {q}, {q}) {{\n"
            f"  %dq, %dk, %dv = accel.attention_grad %q, %k, %v, %o, %lse, %do{attr}"
            f" : ({q}, {q}, {q}, {q}, {lse}, {q}) -> ({q}, {q}, {q})\n"
            f"  return %dq, %dk, %dv : {q}, {q}, {q}\n}}\n")


def gemm_modules():
    """The GEMM families: plain a . b^T and a . b, the FFN-up epilogue (f32
    bias, squared ReLU, a bf16 residual), and an f32 a . b^T (the CUDA-core
    kernel), all sizes dynamic."""
    t = "tensor<?x?xbf16>"
    plain = (f"func.func @gemm_nt(%a: {t}, %b: {t}) -> {t} {{\n"
             f"  %c = accel.matmul %a, %b {{transpose_b = true}} : ({t}, {t}) -> {t}\n"
             f"  return %c : {t}\n}}\n")
    fused = (f"func.func @gemm_nt_bias_sqrelu_residual(%a: {t}, %b: {t}, %bias: tensor<?xf32>, %r: {t}) -> {t} {{\n"
             f"  %c = accel.matmul %a, %b, %bias {{transpose_b = true}} : ({t}, {t}, tensor<?xf32>) -> {t}\n"
             f"  %c0 = arith.constant 0 : index\n"
             f"  %c1 = arith.constant 1 : index\n"
             f"  %m = tensor.dim %a, %c0 : {t}\n"
             f"  %n = tensor.dim %b, %c0 : {t}\n"
             f"  %init = tensor.empty(%m, %n) : {t}\n"
             f"  %y = linalg.generic {{indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],"
             f" iterator_types = [\"parallel\", \"parallel\"]}} ins(%c, %r : {t}, {t}) outs(%init : {t}) {{\n"
             f"  ^bb0(%x: bf16, %res: bf16, %o: bf16):\n"
             f"    %z = arith.constant 0.0 : bf16\n"
             f"    %p = arith.maximumf %x, %z : bf16\n"
             f"    %s = arith.mulf %p, %p : bf16\n"
             f"    %sum = arith.addf %s, %res : bf16\n"
             f"    linalg.yield %sum : bf16\n"
             f"  }} -> {t}\n"
             f"  return %y : {t}\n}}\n")
    nn = (f"func.func @gemm_nn(%a: {t}, %b: {t}) -> {t} {{\n"
          f"  %c = accel.matmul %a, %b : ({t}, {t}) -> {t}\n"
          f"  return %c : {t}\n}}\n")
    f = "tensor<?x?xf32>"
    f32 = (f"func.func @gemm_f32_nt(%a: {f}, %b: {f}) -> {f} {{\n"
           f"  %c = accel.matmul %a, %b {{transpose_b = true}} : ({f}, {f}) -> {f}\n"
           f"  return %c : {f}\n}}\n")
    return [plain, nn, fused, f32]


def quantized_gemm_modules(target):
    """The quantized_gemm family: W8A8 (i8 x i8, per-token a_scale,
    per-channel b_scale, bf16 out) with b as [N, K] and [K, N], and on
    sm_90a FP8 (e4m3, the same scales); all sizes dynamic."""
    out = []
    kinds = [("w8a8", "i8")] + ([("fp8", "f8E4M3FN")] if target == "sm_90a" else [])
    for tag, e in kinds:
        a = f"tensor<?x?x{e}>"
        s = "tensor<?xf32>"
        o = "tensor<?x?xbf16>"
        for layout, attr in (("nt", " {transpose_b = true}"), ("nn", "")):
            if tag == "fp8" and layout == "nn":
                continue
            out.append(f"func.func @qgemm_{tag}_{layout}(%a: {a}, %as: {s}, %b: {a}, %bs: {s}) -> {o} {{\n"
                       f"  %c = accel.quantized_matmul %a, %as, %b, %bs{attr} : ({a}, {s}, {a}, {s}) -> {o}\n"
                       f"  return %c : {o}\n}}\n")
    # accel.quantize per token (the activations of a W8A8 / FP8 layer).
    x = "tensor<?x?xbf16>"
    for tag, e in (("i8", "i8"), ("fp8", "f8E4M3FN")):
        q = f"tensor<?x?x{e}>"
        out.append(f"func.func @quantize_per_token_{tag}(%x: {x}) -> ({q}, tensor<?xf32>) {{\n"
                   f"  %q, %s = accel.quantize %x {{dtype = {e}, granularity = \"channel\", axis = 0 : i64}}"
                   f" : ({x}) -> ({q}, tensor<?xf32>)\n"
                   f"  return %q, %s : {q}, tensor<?xf32>\n}}\n")
    return out


# (d, nblocks) of the Monarch entries: few large blocks (4, the published
# GPT-2 / M2 configs) and nblocks = sqrt(d).
MONARCH_SHAPES = ((1024, 4), (1024, 32), (4096, 4), (4096, 64), (16384, 4), (16384, 128))


def monarch_modules():
    """The monarch family: square Monarch matrices of MONARCH_SHAPES
    (tokens dynamic), a rectangular block-diagonal factor with an f32
    result, and a rectangular Monarch product (1024 -> 4096, the example
    MLP's up projection) with a bias and ReLU fused."""
    out = []
    for d, nb in MONARCH_SHAPES:
        b = d // nb
        x, w = f"tensor<?x{d}xbf16>", f"tensor<{nb}x{b}x{b}xbf16>"
        out.append(f"func.func @monarch_d{d}_nb{nb}(%x: {x}, %w1: {w}, %w2: {w}) -> {x} {{\n"
                   f"  %y = accel.monarch_matmul %x, %w1, %w2 : ({x}, {w}, {w}) -> {x}\n"
                   f"  return %y : {x}\n}}\n")
    x, w, y = "tensor<?x1024xbf16>", "tensor<8x96x128xbf16>", "tensor<?x768xf32>"
    out.append(f"func.func @blockdiag_d1024_nb8(%x: {x}, %w: {w}) -> {y} {{\n"
               f"  %y = accel.block_diag_matmul %x, %w : ({x}, {w}) -> {y}\n"
               f"  return %y : {y}\n}}\n")
    w1, w2, h = "tensor<32x128x32xbf16>", "tensor<32x128x128xbf16>", "tensor<?x4096xbf16>"
    out.append(f"func.func @monarch_up_bias_relu(%x: {x}, %w1: {w1}, %w2: {w2}, %bias: tensor<4096xf32>) -> {h} {{\n"
               f"  %c0 = arith.constant 0 : index\n"
               f"  %m = tensor.dim %x, %c0 : {x}\n"
               f"  %y = accel.monarch_matmul %x, %w1, %w2 : ({x}, {w1}, {w2}) -> {h}\n"
               f"  %init = tensor.empty(%m) : {h}\n"
               f"  %r = linalg.generic {{indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>,"
               f" affine_map<(i, j) -> (i, j)>], iterator_types = [\"parallel\", \"parallel\"]}}"
               f" ins(%y, %bias : {h}, tensor<4096xf32>) outs(%init : {h}) {{\n"
               f"  ^bb0(%v: bf16, %b: f32, %o: bf16):\n"
               f"    %f = arith.extf %v : bf16 to f32\n"
               f"    %s = arith.addf %f, %b : f32\n"
               f"    %z = arith.constant 0.0 : f32\n"
               f"    %p = arith.maximumf %s, %z : f32\n"
               f"    %t = arith.truncf %p : f32 to bf16\n"
               f"    linalg.yield %t : bf16\n"
               f"  }} -> {h}\n"
               f"  return %r : {h}\n}}\n")
    return out


def generic_modules():
    """The generic family: a layer norm over rows of 1024 (rows dynamic) as
    JAX writes it in linalg (fills, two row sums, the centered input used
    twice, the normalization with gamma and beta), which accel-translate
    compiles to generic kernels after accel-fuse-linalg."""
    x, r, v = "tensor<?x1024xf32>", "tensor<?xf32>", "tensor<1024xf32>"
    rows = "affine_map<(i, j) -> (i, j)>"
    row = "affine_map<(i, j) -> (i)>"
    col = "affine_map<(i, j) -> (j)>"
    par_red = '["parallel", "reduction"]'
    par_par = '["parallel", "parallel"]'
    return [f"func.func @generic_layer_norm(%x: {x}, %g: {v}, %b: {v}) -> {x} {{\n"
            f"  %c0 = arith.constant 0 : index\n"
            f"  %m = tensor.dim %x, %c0 : {x}\n"
            f"  %zero = arith.constant 0.0 : f32\n"
            f"  %n = arith.constant 1024.0 : f32\n"
            f"  %eps = arith.constant 1.0e-5 : f32\n"
            f"  %e1 = tensor.empty(%m) : {r}\n"
            f"  %init = linalg.fill ins(%zero : f32) outs(%e1 : {r}) -> {r}\n"
            f"  %sum = linalg.generic {{indexing_maps = [{rows}, {row}], iterator_types = {par_red}}}"
            f" ins(%x : {x}) outs(%init : {r}) {{\n"
            f"  ^bb0(%in: f32, %out: f32):\n"
            f"    %a = arith.addf %out, %in : f32\n"
            f"    linalg.yield %a : f32\n"
            f"  }} -> {r}\n"
            f"  %e2 = tensor.empty(%m) : {x}\n"
            f"  %xc = linalg.generic {{indexing_maps = [{rows}, {row}, {rows}], iterator_types = {par_par}}}"
            f" ins(%x, %sum : {x}, {r}) outs(%e2 : {x}) {{\n"
            f"  ^bb0(%in: f32, %s: f32, %out: f32):\n"
            f"    %mean = arith.divf %s, %n : f32\n"
            f"    %c = arith.subf %in, %mean : f32\n"
            f"    linalg.yield %c : f32\n"
            f"  }} -> {x}\n"
            f"  %init2 = linalg.fill ins(%zero : f32) outs(%e1 : {r}) -> {r}\n"
            f"  %var = linalg.generic {{indexing_maps = [{rows}, {row}], iterator_types = {par_red}}}"
            f" ins(%xc : {x}) outs(%init2 : {r}) {{\n"
            f"  ^bb0(%in: f32, %out: f32):\n"
            f"    %sq = arith.mulf %in, %in : f32\n"
            f"    %a = arith.addf %out, %sq : f32\n"
            f"    linalg.yield %a : f32\n"
            f"  }} -> {r}\n"
            f"  %e3 = tensor.empty(%m) : {x}\n"
            f"  %y = linalg.generic {{indexing_maps = [{rows}, {row}, {col}, {col}, {rows}], iterator_types = {par_par}}}"
            f" ins(%xc, %var, %g, %b : {x}, {r}, {v}, {v}) outs(%e3 : {x}) {{\n"
            f"  ^bb0(%in: f32, %vs: f32, %gi: f32, %bi: f32, %out: f32):\n"
            f"    %vm = arith.divf %vs, %n : f32\n"
            f"    %ve = arith.addf %vm, %eps : f32\n"
            f"    %rs = math.rsqrt %ve : f32\n"
            f"    %nx = arith.mulf %in, %rs : f32\n"
            f"    %sc = arith.mulf %nx, %gi : f32\n"
            f"    %t = arith.addf %sc, %bi : f32\n"
            f"    linalg.yield %t : f32\n"
            f"  }} -> {x}\n"
            f"  return %y : {x}\n}}\n"]


def main():
    target = sys.argv[2] if len(sys.argv) > 2 else "sm_80"
    out = gemm_modules() + quantized_gemm_modules(target) + monarch_modules() + generic_modules()
    t = "tensor<?x?xbf16>"
    for i, config in enumerate(gemm_tune_configs(target)):
        out.append(f"func.func @{gemm_tune_name(i)}(%a: {t}, %b: {t}) -> {t} {{\n"
                   f"  %c = accel.matmul %a, %b {{transpose_b = true, accel.kernel_config = {config}}}"
                   f" : ({t}, {t}) -> {t}\n"
                   f"  return %c : {t}\n}}\n")
    for d in (64, 128):
        for causal in (False, True):
            tag = "causal" if causal else "full"
            out.append(attention(f"fwd_d{d}_{tag}", d, causal))
            out.append(attention(f"fwd_d{d}_{tag}_f16", d, causal, dtype="f16"))
            out.append(attention_grad(f"bwd_d{d}_{tag}", d, causal))
            for config in tune_configs(target, d):
                cfg = f"accel.kernel_config = {config_attr(target, config)}"
                out.append(attention(tune_name(d, tag, config), d, causal, extra_attrs=[cfg]))
    # The CUDA-core forward (attention_simt): f32 (what the front ends
    # emit) at d = 64, and bf16 at a head dim the tensor cores do not take.
    for name, d, causal, dtype in SIMT_ENTRIES:
        out.append(attention(name, d, causal, dtype=dtype, heads=SIMT_HEADS))
    for shards in S2_SHARDS:
        shard = f"sparsity = #accel.head_shard<num_shards = {shards}, block = {S2_BLOCK}, local_blocks = {S2_LOCAL}>"
        out.append(attention(f"s2_d128_shards{shards}", 128, True, extra_attrs=[shard]))
    with open(sys.argv[1], "w") as f:
        f.write("// Generated by bench/gpu/make_bench_module.py; the GPU harness's kernels.\n\n")
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
