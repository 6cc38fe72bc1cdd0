#!/usr/bin/env python3
"""accel's GPU harness: validates accel's kernels (attention, GEMM, the 8-bit
quantized GEMM) against torch on fresh random inputs, then times them against
the best peers in the same run.

Runs on the GPU machine (torch, no MLIR) with the library prepare.sh built:
    python3 harness.py --lib .gpu-bench/libaccelbench_sm90a.so --target sm_90a \
        --out $OUT [--tune] [--quick]
(bench/gpu/run_on_device.sh runs it for each library prepare.sh built.)

Validation: poisoned (NaN) outputs, odd lengths, Sq != Sk, GQA-free MHA
grid plus causal; FlashAttention's rule: err(accel, ref64) <= 2 *
err(naive bf16, ref64) + 1e-4, lse against the float64 lse.
Timing: CUDA events, warm-up, median of 30. Peers: torch SDPA with the flash
(FlashAttention-2) and cuDNN backends, FlexAttention with the same block
mask for S2. Prints one line per case and a table last; JSON and (with
--tune) tuning-table.txt (entries for accel-translate --accel-tuning-table) goes to --out.
"""
import argparse
import ctypes
import datetime
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_bench_module import (FAMILY, SIMT_ENTRIES, SIMT_HEADS, config_attr,  # noqa: E402  (the grid prepare.sh compiled)
                               gemm_tune_configs, gemm_tune_name, tune_configs, tune_name)

HEADS = {64: 32, 128: 16}
TOTAL_TOKENS = 16384
S2_BLOCK, S2_LOCAL = 128, 2
RESULTS = []


def log(*args):
    print(*args, flush=True)


class Accel:
    """Calls the extern "C" entry points of libaccelbench.so."""

    def __init__(self, path):
        self.lib = ctypes.CDLL(path)

    def has(self, name):
        return hasattr(self.lib, "accel_" + name)

    def check(self, name, status):
        """Raises with the entry point's located message on a failed call."""
        if status != 0:
            self.lib.accel_last_error_message.restype = ctypes.c_char_p
            message = self.lib.accel_last_error_message().decode(errors="replace")
            raise RuntimeError(f"accel_{name} returned cudaError {status}: {message}")

    def attention(self, name, q, k, v, out, lse):
        fn = getattr(self.lib, "accel_" + name)
        fn.restype = ctypes.c_int
        b, _, sq, _ = q.shape
        sk = k.shape[2]
        ptrs = [ctypes.c_void_p(t.data_ptr()) for t in (q, k, v, out, lse)]
        # Dynamic dims in argument order: q (B, Sq), k (B, Sk), v (B, Sk).
        dims = [ctypes.c_int64(x) for x in (b, sq, b, sk, b, sk)]
        stream = ctypes.c_void_p(torch.cuda.current_stream().cuda_stream)
        self.check(name, fn(*ptrs, *dims, stream))


def gemm_call(accel, name, a, b, out, *extras):
    """accel_<name>(a, b, extras..., out, dims of a, b, extras..., stream)."""
    fn = getattr(accel.lib, "accel_" + name)
    fn.restype = ctypes.c_int
    ins = (a, b) + extras
    ptrs = [ctypes.c_void_p(t.data_ptr()) for t in ins + (out,)]
    dims = [ctypes.c_int64(x) for t in ins for x in t.shape]
    stream = ctypes.c_void_p(torch.cuda.current_stream().cuda_stream)
    accel.check(name, fn(*ptrs, *dims, stream))


def entry_call(accel, name, ins, out):
    """accel_<name>(inputs..., outputs..., every input's dims in order,
    stream); `out` is one tensor or a tuple of them."""
    fn = getattr(accel.lib, "accel_" + name)
    fn.restype = ctypes.c_int
    outs = out if isinstance(out, tuple) else (out,)
    ptrs = [ctypes.c_void_p(t.data_ptr()) for t in tuple(ins) + outs]
    dims = [ctypes.c_int64(x) for t in ins for x in t.shape]
    stream = ctypes.c_void_p(torch.cuda.current_stream().cuda_stream)
    accel.check(name, fn(*ptrs, *dims, stream))


def rows_call(accel, name, ins, out):
    """accel_<name>(inputs..., out, rows, stream) for an entry whose only
    dynamic dim is its first input's rows (the Monarch entries: static
    factors and bias)."""
    fn = getattr(accel.lib, "accel_" + name)
    fn.restype = ctypes.c_int
    ptrs = [ctypes.c_void_p(t.data_ptr()) for t in tuple(ins) + (out,)]
    stream = ctypes.c_void_p(torch.cuda.current_stream().cuda_stream)
    accel.check(name, fn(*ptrs, ctypes.c_int64(ins[0].shape[0]), stream))


def quantized_operands(kind, m, n, k):
    """Random 8-bit a [M, K] and b [N, K] (i8 uniform over its range; e4m3
    from normal values), per-token and per-channel scales."""
    if kind == "w8a8":
        a = torch.randint(-128, 128, (m, k), device="cuda", dtype=torch.int8)
        b = torch.randint(-128, 128, (n, k), device="cuda", dtype=torch.int8)
    else:
        a = torch.randn(m, k, device="cuda").to(torch.float8_e4m3fn)
        b = torch.randn(n, k, device="cuda").to(torch.float8_e4m3fn)
    a_scale = torch.rand(m, device="cuda") * 0.01 + 1e-3
    b_scale = torch.rand(n, device="cuda") * 0.01 + 1e-3
    return a, a_scale, b, b_scale


def torch_quantize_per_token(x, kind):
    """The contract's per-token quantization in torch: absmax / qmax per row
    (1 where 0), then round half to even and clamp (i8) or saturate and
    round to nearest even (e4m3)."""
    qmax = 127.0 if kind == "i8" else 448.0
    scale = x.float().abs().amax(dim=1) / qmax
    scale = torch.where(scale == 0, torch.ones_like(scale), scale)
    v = x.float() / scale[:, None]
    if kind == "i8":
        q = v.round().clamp(-128, 127).to(torch.int8)
    else:
        q = v.clamp(-448, 448).to(torch.float8_e4m3fn)
    return q, scale


def validate_quantize(accel, kind, m, k):
    """accel.quantize per token against torch, exactly (q's bytes and the
    scales), on poisoned outputs; one all-zero row."""
    x = torch.randn(m, k, device="cuda", dtype=torch.bfloat16) * 3
    x[m // 2] = 0
    want_q, want_scale = torch_quantize_per_token(x, kind)
    q = torch.full((m, k), 0x55, device="cuda", dtype=torch.uint8)
    scale = torch.full((m,), float("nan"), device="cuda")
    entry_call(accel, f"quantize_per_token_{kind}", (x,), (q, scale))
    torch.cuda.synchronize()
    same_q = torch.equal(q, want_q.view(torch.uint8))
    same_scale = torch.equal(scale, want_scale)
    good = same_q and same_scale
    log(f"quantize_per_token_{kind} m={m} k={k}: q {'equal' if same_q else 'DIFFERS'}, "
        f"scales {'equal' if same_scale else 'DIFFER'} {'ok' if good else 'FAIL'}")
    RESULTS.append(dict(kind="quantize_validate", quant=kind, m=m, k=k, ok=bool(good)))
    return good


def time_quantize(accel, kind, m, k, table):
    """GB/s (bytes of x read once and q written) of the per-token kernel
    against the same computation in torch eager."""
    x = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
    q = torch.empty(m, k, device="cuda", dtype=torch.uint8)
    scale = torch.empty(m, device="cuda")
    moved = 3.0 * m * k
    row = dict(kind="quantize", quant=kind, m=m, k=k)
    row["accel"] = moved / bench(lambda: entry_call(accel, f"quantize_per_token_{kind}", (x,), (q, scale))) / 1e6
    row["torch"] = moved / bench(lambda: torch_quantize_per_token(x, kind)) / 1e6
    table.append(row)
    RESULTS.append(row)
    log(f"quantize {kind} {m}x{k}: accel {row['accel']:.0f} GB/s, torch eager {row['torch']:.0f} GB/s")


def validate_qgemm(accel, kind, m, n, k):
    """The quantized_gemm entries on poisoned bf16 outputs against float64
    (the products and, for i8, the sums are exact): within 2x the error of
    the same dequantization computed by torch in f32 and rounded to bf16,
    plus 1e-4 of the largest |result|."""
    a, a_scale, b, b_scale = quantized_operands(kind, m, n, k)
    ref = (a.double() @ b.double().T) * a_scale.double()[:, None] * b_scale.double()[None, :]
    naive = ((a.float() @ b.float().T) * (a_scale[:, None] * b_scale[None, :])).bfloat16()
    err_naive = (naive.double() - ref).abs().max().item()
    ok = True
    for layout, operand in (("nt", b), ("nn", b.T.contiguous())):
        name = f"qgemm_{kind}_{layout}"
        if not accel.has(name):
            continue
        out = torch.full((m, n), float("nan"), device="cuda", dtype=torch.bfloat16)
        entry_call(accel, name, (a, a_scale, operand, b_scale), out)
        torch.cuda.synchronize()
        err = (out.double() - ref).abs().max().item()
        bound = 2 * err_naive + 1e-4 * ref.abs().max().item() + 1e-30
        good = not out.isnan().any().item() and err <= bound
        log(f"{name} m={m} n={n} k={k}: max err {err:.3g} (torch f32 dequant {err_naive:.3g}) "
            f"{'ok' if good else 'FAIL'}")
        RESULTS.append(dict(kind="qgemm_validate", name=name, m=m, n=n, k=k, err=err, ok=bool(good)))
        ok &= good
    return ok


def time_qgemm(accel, kind, m, n, k, table):
    """TOPS of the fused 8-bit GEMM (bf16 out, per-token x per-channel
    dequantization in the epilogue) against torch's: torch._int_mm (i32
    out) for W8A8, plus the dequantization as torch ops, and
    torch._scaled_mm with row-wise scales for FP8."""
    name = f"qgemm_{kind}_nt"
    if not accel.has(name):
        return
    a, a_scale, b, b_scale = quantized_operands(kind, m, n, k)
    out = torch.empty(m, n, device="cuda", dtype=torch.bfloat16)
    ops = 2.0 * m * n * k
    row = dict(kind="qgemm", quant=kind, m=m, n=n, k=k)
    row["accel"] = ops / bench(lambda: entry_call(accel, name, (a, a_scale, b, b_scale), out)) / 1e9
    bt = b.T
    if kind == "w8a8":
        row["peer"] = ops / bench(lambda: torch._int_mm(a, bt)) / 1e9
        scale = a_scale[:, None] * b_scale[None, :]
        row["peer_dequant"] = ops / bench(lambda: (torch._int_mm(a, bt) * scale).bfloat16()) / 1e9
        row["peer_name"] = "torch._int_mm"
    else:
        sa, sb = a_scale[:, None].contiguous(), b_scale[None, :].contiguous()
        row["peer"] = ops / bench(lambda: torch._scaled_mm(a, bt, scale_a=sa, scale_b=sb,
                                                            out_dtype=torch.bfloat16)) / 1e9
        row["peer_dequant"] = row["peer"]
        row["peer_name"] = "torch._scaled_mm (row-wise)"
    table.append(row)
    RESULTS.append(row)
    log(f"qgemm {kind} {m}x{n}x{k}: accel {row['accel']:.0f} TOPS, {row['peer_name']} {row['peer']:.0f} "
        f"(with dequantization {row['peer_dequant']:.0f})")


def validate_gemm(accel, m, n, k):
    """Both GEMM entries on poisoned outputs against float64 torch: within
    2x the error of torch's own bf16 matmul (+ the epilogue's roundings)."""
    a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(n, k, device="cuda", dtype=torch.bfloat16)
    bias = torch.randn(n, device="cuda")
    r = torch.randn(m, n, device="cuda", dtype=torch.bfloat16)
    ok = True
    ref = a.double() @ b.double().T
    out = torch.full((m, n), float("nan"), device="cuda", dtype=torch.bfloat16)
    naive = ((a @ b.T).double() - ref).abs().max().item()
    # b as [N, K] (gemm_nt) and as [K, N] (gemm_nn: on sm_90a the MN-major
    # wgmma operand), each from a fresh poisoned output.
    for name, operand in (("gemm_nt", b), ("gemm_nn", b.T.contiguous())):
        if not accel.has(name):
            continue
        out.fill_(float("nan"))
        gemm_call(accel, name, a, operand, out)
        torch.cuda.synchronize()
        err = (out.double() - ref).abs().max().item()
        good = not out.isnan().any().item() and err <= 2 * naive + 1e-4
        log(f"{name} m={m} n={n} k={k}: max err {err:.3g} (torch bf16 {naive:.3g}) {'ok' if good else 'FAIL'}")
        ok &= good
    # The epilogue rounds to bf16 after the bias, after the square and after
    # the residual, as the IR's types say; a rounding that flips at the
    # bias (one bf16 ulp) is doubled by the square, so the bound is the
    # FlashAttention rule's again: within 2x the error of the same chain in
    # torch (f32 GEMM, the same bf16 roundings), against float64 without any.
    fused_ref = (ref + bias.double()).clamp(min=0) ** 2 + r.double()
    h = (a.float() @ b.float().T + bias).bfloat16()
    fused_naive = h.clamp(min=0) * h.clamp(min=0) + r
    rel = lambda x: ((x.double() - fused_ref).abs() / (fused_ref.abs() + 1)).max().item()  # noqa: E731
    out.fill_(float("nan"))
    gemm_call(accel, "gemm_nt_bias_sqrelu_residual", a, b, out, bias, r)
    torch.cuda.synchronize()
    err, err_naive = rel(out), rel(fused_naive)
    good = not out.isnan().any().item() and err <= 2 * err_naive + 1e-4
    log(f"gemm_nt_bias_sqrelu_residual m={m} n={n} k={k}: max rel err {err:.3g} "
        f"(torch chain {err_naive:.3g}) {'ok' if good else 'FAIL'}")
    RESULTS.append(dict(kind="gemm_validate", m=m, n=n, k=k, ok=bool(good)))
    return ok and good


def validate_gemm_f32(accel, m, n, k):
    """The f32 kernel against float64: within 2x the error of torch's own
    f32 matmul (TF32 off, torch's default), poisoned output."""
    a = torch.randn(m, k, device="cuda")
    b = torch.randn(n, k, device="cuda")
    ref = a.double() @ b.double().T
    out = torch.full((m, n), float("nan"), device="cuda")
    gemm_call(accel, "gemm_f32_nt", a, b, out)
    torch.cuda.synchronize()
    err = (out.double() - ref).abs().max().item()
    naive = ((a @ b.T).double() - ref).abs().max().item()
    good = not out.isnan().any().item() and err <= 2 * naive + 1e-5
    log(f"gemm_f32_nt m={m} n={n} k={k}: max err {err:.3g} (torch f32 {naive:.3g}) {'ok' if good else 'FAIL'}")
    RESULTS.append(dict(kind="gemm_f32_validate", m=m, n=n, k=k, err=err, naive=naive, ok=bool(good)))
    return good


def time_gemm_f32(accel, n, table):
    """TFLOP/s of the f32 kernel against torch's f32 matmul (cuBLAS SGEMM,
    TF32 off) at n^3."""
    a = torch.randn(n, n, device="cuda")
    b = torch.randn(n, n, device="cuda")
    out = torch.empty(n, n, device="cuda")
    flops = 2.0 * n ** 3
    row = dict(kind="gemm_f32", n=n)
    row["accel"] = flops / bench(lambda: gemm_call(accel, "gemm_f32_nt", a, b, out), rep=10) / 1e9
    row["cublas"] = flops / bench(lambda: torch.matmul(a, b.T), rep=10) / 1e9
    table.append(row)
    RESULTS.append(row)
    log(f"gemm_f32 n={n}: accel {row['accel']:.1f} TFLOP/s, cuBLAS SGEMM {row['cublas']:.1f}")


def time_gemm(accel, m, n, k, table):
    """TFLOP/s of accel's GEMM against cuBLAS (torch.matmul), and of the
    fused FFN-up epilogue against cuBLAS with the bias plus torch's
    elementwise ops for the rest (what an unfused framework runs)."""
    a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
    b = torch.randn(n, k, device="cuda", dtype=torch.bfloat16)
    bias = torch.randn(n, device="cuda")
    r = torch.randn(m, n, device="cuda", dtype=torch.bfloat16)
    bias16 = bias.bfloat16()
    out = torch.empty(m, n, device="cuda", dtype=torch.bfloat16)
    flops = 2.0 * m * n * k
    row = dict(kind="gemm", m=m, n=n, k=k)
    row["accel"] = flops / bench(lambda: gemm_call(accel, "gemm_nt", a, b, out)) / 1e9
    row["cublas"] = flops / bench(lambda: torch.matmul(a, b.T)) / 1e9
    bt = b.T.contiguous()
    row["accel_nn"] = flops / bench(lambda: gemm_call(accel, "gemm_nn", a, bt, out)) / 1e9
    row["cublas_nn"] = flops / bench(lambda: torch.matmul(a, bt)) / 1e9
    row["accel_fused"] = flops / bench(
        lambda: gemm_call(accel, "gemm_nt_bias_sqrelu_residual", a, b, out, bias, r)) / 1e9
    row["torch_fused"] = flops / bench(
        lambda: torch.relu(F.linear(a, b, bias16)).square_().add_(r)) / 1e9
    table.append(row)
    RESULTS.append(row)
    log(f"gemm {m}x{n}x{k}: accel {row['accel']:.0f} TFLOP/s, cuBLAS {row['cublas']:.0f}; "
        f"b [K, N]: accel {row['accel_nn']:.0f}, cuBLAS {row['cublas_nn']:.0f}; "
        f"bias+sqrelu+residual: accel {row['accel_fused']:.0f}, cuBLAS+torch {row['torch_fused']:.0f}")


# (d, nblocks) of the square Monarch entries (make_bench_module.py).
MONARCH_SHAPES = ((1024, 4), (1024, 32), (4096, 4), (4096, 64), (16384, 4), (16384, 128))


def monarch_reference(x, w1, w2):
    """accel.monarch_matmul as the contract states it (accel-ir.md section
    3), in x's dtype: t1 = block_diag(x, w1) read as [r, l] and transposed,
    the second factor per block c, u[.., c, o] stored at o*l + c."""
    m = x.shape[0]
    k, q, p = w1.shape
    l, s, r = w2.shape
    t1 = torch.einsum("mbj,bij->mbi", x.reshape(m, k, p), w1).reshape(m, r, l)
    u = torch.einsum("mcj,coj->mco", t1.transpose(1, 2), w2)
    return u.transpose(1, 2).reshape(m, s * l)


def monarch_dense(w1, w2):
    """The dense [n, n_out] matrix of the product (x @ W), float64: the
    product applied to the identity."""
    n = w1.shape[0] * w1.shape[2]
    return monarch_reference(torch.eye(n, dtype=torch.float64, device=w1.device), w1.double(), w2.double())


def torch_monarch(x, w1, w2):
    """The Monarch authors' formulation in torch: two torch.bmm calls with
    the permutation materialized between them (bf16 throughout)."""
    m = x.shape[0]
    k, q, p = w1.shape
    l, s, r = w2.shape
    t1 = torch.bmm(x.reshape(m, k, p).transpose(0, 1), w1.transpose(1, 2))  # [k, m, q]
    t2 = t1.transpose(0, 1).reshape(m, r, l).permute(2, 0, 1)  # [l, m, r]
    u = torch.bmm(t2, w2.transpose(1, 2))  # [l, m, s]
    return u.permute(1, 2, 0).reshape(m, s * l)


def monarch_factors(d, nb, dtype=torch.bfloat16):
    b = d // nb
    return [torch.randn(nb, b, b, device="cuda", dtype=dtype) / b ** 0.5 for _ in range(2)]


def validate_monarch(accel, d, nb, m):
    """A square Monarch entry on a poisoned output against x @ W with W the
    dense float64 matrix built from the factors (at d <= 4096; the
    contract's two-factor formula in float64 above): within 2x the error of
    the authors' bf16 torch.bmm formulation (which rounds the intermediate
    to bf16, as accel does) plus 1e-4 of the largest |result|."""
    name = f"monarch_d{d}_nb{nb}"
    x = torch.randn(m, d, device="cuda", dtype=torch.bfloat16)
    w1, w2 = monarch_factors(d, nb)
    ref = x.double() @ monarch_dense(w1, w2) if d <= 4096 else monarch_reference(x.double(), w1.double(),
                                                                                 w2.double())
    out = torch.full((m, d), float("nan"), device="cuda", dtype=torch.bfloat16)
    rows_call(accel, name, (x, w1, w2), out)
    torch.cuda.synchronize()
    err = (out.double() - ref).abs().max().item()
    naive = (torch_monarch(x, w1, w2).double() - ref).abs().max().item()
    good = not out.isnan().any().item() and err <= 2 * naive + 1e-4 * ref.abs().max().item()
    log(f"{name} m={m}: max err {err:.3g} (torch bmm {naive:.3g}) {'ok' if good else 'FAIL'}")
    RESULTS.append(dict(kind="monarch_validate", name=name, m=m, err=err, naive=naive, ok=bool(good)))
    return good


def validate_monarch_variants(accel, m):
    """The rectangular block-diagonal entry (f32 result) and the fused
    bias + ReLU Monarch entry against float64 (the contract's formulas)."""
    x = torch.randn(m, 1024, device="cuda", dtype=torch.bfloat16)
    w = torch.randn(8, 96, 128, device="cuda", dtype=torch.bfloat16) / 128 ** 0.5
    ref = torch.einsum("mbj,bij->mbi", x.double().reshape(m, 8, 128), w.double()).reshape(m, 768)
    out = torch.full((m, 768), float("nan"), device="cuda")
    rows_call(accel, "blockdiag_d1024_nb8", (x, w), out)
    torch.cuda.synchronize()
    err = (out.double() - ref).abs().max().item()
    naive = (torch.einsum("mbj,bij->mbi", x.float().reshape(m, 8, 128), w.float()).reshape(m, 768).double()
             - ref).abs().max().item()
    good = not out.isnan().any().item() and err <= 2 * naive + 1e-5 * ref.abs().max().item()
    log(f"blockdiag_d1024_nb8 m={m}: max err {err:.3g} (torch f32 {naive:.3g}) {'ok' if good else 'FAIL'}")
    w1 = torch.randn(32, 128, 32, device="cuda", dtype=torch.bfloat16) / 32 ** 0.5
    w2 = torch.randn(32, 128, 128, device="cuda", dtype=torch.bfloat16) / 128 ** 0.5
    bias = torch.randn(4096, device="cuda")
    fused_ref = (x.double() @ monarch_dense(w1, w2) + bias.double()).clamp(min=0)
    out2 = torch.full((m, 4096), float("nan"), device="cuda", dtype=torch.bfloat16)
    rows_call(accel, "monarch_up_bias_relu", (x, w1, w2, bias), out2)
    torch.cuda.synchronize()
    h = (torch_monarch(x, w1, w2).float() + bias).clamp(min=0).bfloat16()
    err2 = (out2.double() - fused_ref).abs().max().item()
    naive2 = (h.double() - fused_ref).abs().max().item()
    good2 = not out2.isnan().any().item() and err2 <= 2 * naive2 + 1e-4 * fused_ref.abs().max().item()
    log(f"monarch_up_bias_relu m={m}: max err {err2:.3g} (torch bmm chain {naive2:.3g}) "
        f"{'ok' if good2 else 'FAIL'}")
    RESULTS.append(dict(kind="monarch_validate", name="variants", m=m, ok=bool(good and good2)))
    return good and good2


def time_monarch(accel, d, nb, table, m=16384):
    """Milliseconds of accel's Monarch product at m tokens against dense
    cuBLAS at the same d (x @ W^T, bf16) and the authors' torch.bmm
    formulation; speedups over dense."""
    name = f"monarch_d{d}_nb{nb}"
    x = torch.randn(m, d, device="cuda", dtype=torch.bfloat16)
    w1, w2 = monarch_factors(d, nb)
    dense = torch.randn(d, d, device="cuda", dtype=torch.bfloat16)
    out = torch.empty(m, d, device="cuda", dtype=torch.bfloat16)
    row = dict(kind="monarch", d=d, nblocks=nb, m=m)
    row["accel_ms"] = bench(lambda: rows_call(accel, name, (x, w1, w2), out), rep=20)
    row["dense_ms"] = bench(lambda: torch.matmul(x, dense.T), rep=20)
    row["bmm_ms"] = bench(lambda: torch_monarch(x, w1, w2), rep=20)
    flops = 2.0 * m * (w1.numel() + w2.numel())
    row["accel_tflops"] = flops / row["accel_ms"] / 1e9
    table.append(row)
    RESULTS.append(row)
    log(f"monarch d={d} nb={nb} m={m}: accel {row['accel_ms']:.3f} ms ({row['accel_tflops']:.0f} TFLOP/s), "
        f"dense cuBLAS {row['dense_ms']:.3f} ms, torch bmm {row['bmm_ms']:.3f} ms; "
        f"{row['dense_ms'] / row['accel_ms']:.2f}x dense")


def attention_grad(accel, name, q, k, v, out, lse, dout):
    """Calls accel_<name> (attention_grad); returns dq, dk, dv."""
    fn = getattr(accel.lib, "accel_" + name)
    fn.restype = ctypes.c_int
    dq, dk, dv = torch.full_like(q, float("nan")), torch.full_like(k, float("nan")), torch.full_like(v, float("nan"))
    b, _, sq, _ = q.shape
    sk = k.shape[2]
    ptrs = [ctypes.c_void_p(t.data_ptr()) for t in (q, k, v, out, lse, dout, dq, dk, dv)]
    dims = [ctypes.c_int64(x) for x in (b, sq, b, sk, b, sk, b, sq, b, sq, b, sq)]
    accel.check(name, fn(*ptrs, *dims, ctypes.c_void_p(torch.cuda.current_stream().cuda_stream)))
    return dq, dk, dv


def validate_grad(accel, d, causal, b=2, sq=300, sk=300):
    """Gradients against float64 autograd, with FlashAttention's rule."""
    h = HEADS[d]
    tag = "causal" if causal else "full"
    q, k, v, dout = (torch.randn(b, h, s, d, device="cuda", dtype=torch.bfloat16) for s in (sq, sk, sk, sq))
    out, lse = torch.empty_like(q), torch.empty(b, h, sq, device="cuda")
    accel.attention(f"fwd_d{d}_{tag}", q, k, v, out, lse)
    got = attention_grad(accel, f"bwd_d{d}_{tag}", q, k, v, out, lse, dout)
    mask = visible_mask(sq, sk, h, causal)
    def grads(dtype):
        leaves = [t.detach().to(dtype).requires_grad_() for t in (q, k, v)]
        o, _ = reference(*leaves, mask, dtype)
        o.backward(dout.to(dtype))
        return [t.grad for t in leaves]
    ref, naive = grads(torch.float64), grads(torch.bfloat16)
    ok = True
    for name, g, r, n in zip(("dq", "dk", "dv"), got, ref, naive):
        err = (g.double() - r).abs().max().item()
        err_naive = (n.double() - r).abs().max().item()
        good = not torch.isnan(g).any().item() and err <= 2 * err_naive + 1e-3
        ok &= good
        log(f"validate | bwd_d{d}_{tag} {name} b={b} h={h} sq={sq} sk={sk} | err {err:.2e} naive {err_naive:.2e} | "
            f"{'ok' if good else 'FAILED'}")
        RESULTS.append(dict(kind="validate_grad", case=f"bwd_d{d}_{tag}_{name}", err=err, err_naive=err_naive, ok=good))
    return ok


def time_backward(accel, d, n, causal, table):
    from torch.nn.attention import SDPBackend, sdpa_kernel
    h, b = HEADS[d], max(1, TOTAL_TOKENS // n)
    tag = "causal" if causal else "full"
    q, k, v, dout = (torch.randn(b, h, n, d, device="cuda", dtype=torch.bfloat16) for _ in range(4))
    out, lse = torch.empty_like(q), torch.empty(b, h, n, device="cuda")
    accel.attention(f"fwd_d{d}_{tag}", q, k, v, out, lse)
    flops = 2.5 * 4 * b * h * n * n * d / (2 if causal else 1)
    row = dict(d=d, n=n, causal=causal, pass_="bwd")
    row["accel"] = flops / bench(lambda: attention_grad(accel, f"bwd_d{d}_{tag}", q, k, v, out, lse, dout)) / 1e9
    for backend, label in ((SDPBackend.FLASH_ATTENTION, "flash2"), (SDPBackend.CUDNN_ATTENTION, "cudnn")):
        try:
            leaves = [t.detach().requires_grad_() for t in (q, k, v)]
            with sdpa_kernel(backend):
                o = F.scaled_dot_product_attention(*leaves, is_causal=causal)
            row[label] = flops / bench(lambda: torch.autograd.grad(o, leaves, dout, retain_graph=True)) / 1e9
        except Exception as error:
            row[label] = None
            log(f"# {label} backward unavailable for d={d} n={n}: {error}")
    table.append(row)
    RESULTS.append(dict(kind="backward", **row))
    log(f"backward | d={d:3d} n={n:5d} {tag:6s} | accel {row['accel']:7.1f} flash2 {row.get('flash2') or 0:7.1f} "
        f"cudnn {row.get('cudnn') or 0:7.1f} TFLOP/s")


def visible_mask(sq, sk, h, causal, shards=None, device="cuda"):
    """[H or 1, Sq, Sk] boolean visibility per the IR contract."""
    i = torch.arange(sq, device=device)[:, None]
    j = torch.arange(sk, device=device)[None, :]
    mask = torch.ones(sq, sk, dtype=torch.bool, device=device)
    if causal:
        mask &= j <= i + (sk - sq)
    if shards is None:
        return mask[None]
    # Bottom-right positions (contract v1.1): query row i stands at key
    # position i + (Sk - Sq); `//` floors, also for negative positions.
    qb, kb = (i + (sk - sq)) // S2_BLOCK, j // S2_BLOCK
    local = ((qb - kb) >= 0) & ((qb - kb) < S2_LOCAL)
    heads = torch.arange(h, device=device)[:, None, None]
    return mask[None] & (((kb % shards)[None] == (heads % shards)) | local[None])


def reference(q, k, v, mask, dtype):
    """Attention in `dtype` (float64 reference or the naive same-precision one)."""
    scale = 1.0 / math.sqrt(q.shape[-1])
    s = (q.to(dtype) @ k.to(dtype).transpose(-1, -2)) * scale
    s = s.masked_fill(~mask[None], float("-inf"))
    lse = torch.logsumexp(s.double(), dim=-1)
    p = torch.softmax(s, dim=-1).nan_to_num(0.0)
    return (p @ v.to(dtype)), lse


def validate(accel, name, b, h, sq, sk, d, causal, shards=None, dtype=torch.bfloat16, floor=1e-4):
    q = torch.randn(b, h, sq, d, device="cuda", dtype=dtype)
    k = torch.randn(b, h, sk, d, device="cuda", dtype=dtype)
    v = torch.randn(b, h, sk, d, device="cuda", dtype=dtype)
    out = torch.full_like(q, float("nan"))
    lse = torch.full((b, h, sq), float("nan"), device="cuda")
    accel.attention(name, q, k, v, out, lse)
    torch.cuda.synchronize()
    mask = visible_mask(sq, sk, h, causal, shards)
    ref, ref_lse = reference(q, k, v, mask, torch.float64)
    naive, _ = reference(q, k, v, mask, dtype)
    err = (out.double() - ref).abs().max().item()
    err_naive = (naive.double() - ref).abs().max().item()
    finite = torch.isfinite(ref_lse)
    lse_err = (lse.double()[finite] - ref_lse[finite]).abs().max().item() if finite.any() else 0.0
    lse_ok = bool(torch.equal(torch.isneginf(lse), ~finite)) and lse_err <= 1e-3
    ok = (not torch.isnan(out).any().item()) and err <= 2 * err_naive + floor and lse_ok
    case = f"{name} b={b} h={h} sq={sq} sk={sk} d={d}" + (f" shards={shards}" if shards else "")
    log(f"validate | {case:60s} | err {err:.2e} naive {err_naive:.2e} lse {lse_err:.2e} | {'ok' if ok else 'FAILED'}")
    RESULTS.append(dict(kind="validate", case=case, err=err, err_naive=err_naive, lse_err=lse_err, ok=ok))
    return ok


def attempt(fn, *args, **kwargs):
    """A validation that raised (a failed launch, a CUDA error) is a failure
    with its message, not the end of the run."""
    try:
        return fn(*args, **kwargs)
    except RuntimeError as error:
        log(f"validate | {getattr(fn, '__name__', fn)}{args[1:]} | raised: {error} | FAILED")
        RESULTS.append(dict(kind="validate", case=str(args[1:]), error=str(error), ok=False))
        return False


def bench(fn, warmup=5, rep=30):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(rep):
        s, e = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        s.record()
        fn()
        e.record()
        e.synchronize()
        times.append(s.elapsed_time(e))
    times.sort()
    return times[len(times) // 2]


def time_forward(accel, d, n, causal, table):
    from torch.nn.attention import SDPBackend, sdpa_kernel
    h, b = HEADS[d], max(1, TOTAL_TOKENS // n)
    q, k, v = (torch.randn(b, h, n, d, device="cuda", dtype=torch.bfloat16) for _ in range(3))
    out, lse = torch.empty_like(q), torch.empty(b, h, n, device="cuda")
    flops = 4 * b * h * n * n * d / (2 if causal else 1)
    tag = "causal" if causal else "full"
    row = dict(d=d, n=n, causal=causal)
    row["accel"] = flops / bench(lambda: accel.attention(f"fwd_d{d}_{tag}", q, k, v, out, lse)) / 1e9
    for backend, label in ((SDPBackend.FLASH_ATTENTION, "flash2"), (SDPBackend.CUDNN_ATTENTION, "cudnn")):
        try:
            with sdpa_kernel(backend):
                row[label] = flops / bench(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal)) / 1e9
        except Exception as error:  # a backend may not take the shape
            row[label] = None
            log(f"# {label} unavailable for d={d} n={n}: {error}")
    table.append(row)
    RESULTS.append(dict(kind="forward", **row))
    log(f"forward  | d={d:3d} n={n:5d} {tag:6s} | accel {row['accel']:7.1f} flash2 {row.get('flash2') or 0:7.1f} "
        f"cudnn {row.get('cudnn') or 0:7.1f} TFLOP/s")


def time_simt(accel, name, d, n, causal, dtype, table):
    """The CUDA-core forward against torch SDPA's backends that take the
    dtype and head dim (memory-efficient, and the math one: two GEMMs and a
    softmax; TF32 off, as the IR's f32 means)."""
    from torch.nn.attention import SDPBackend, sdpa_kernel
    h, b = SIMT_HEADS, max(1, 4096 // n)
    q, k, v = (torch.randn(b, h, n, d, device="cuda", dtype=dtype) for _ in range(3))
    out, lse = torch.empty_like(q), torch.empty(b, h, n, device="cuda")
    flops = 4 * b * h * n * n * d / (2 if causal else 1)
    row = dict(name=name, d=d, n=n, causal=causal)
    row["accel"] = flops / bench(lambda: accel.attention(name, q, k, v, out, lse), rep=10) / 1e9
    for backend, label in ((SDPBackend.EFFICIENT_ATTENTION, "efficient"), (SDPBackend.MATH, "math")):
        try:
            with sdpa_kernel(backend):
                row[label] = flops / bench(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=causal),
                                           rep=10) / 1e9
        except Exception as error:  # a backend may not take the dtype or shape
            row[label] = None
            log(f"# {label} unavailable for {name} n={n}: {error}")
    table.append(row)
    RESULTS.append(dict(kind="simt_forward", **row))
    log(f"simt fwd | {name} n={n:5d} | accel {row['accel']:7.2f} efficient {row.get('efficient') or 0:7.2f} "
        f"math {row.get('math') or 0:7.2f} TFLOP/s")


def layer_norm_reference(x, g, b, dtype):
    """The layer norm of generic_layer_norm in `dtype` (float64: the
    reference; float32: torch's own, the naive same-precision one)."""
    x, g, b = x.to(dtype), g.to(dtype), b.to(dtype)
    mean = x.sum(-1, keepdim=True) / x.shape[-1]
    xc = x - mean
    var = (xc * xc).sum(-1, keepdim=True) / x.shape[-1]
    return xc * torch.rsqrt(var + 1e-5) * g + b


def validate_generic(accel, rows):
    """The generic family's layer norm against float64, within 2x torch's
    f32 error plus a floor (the kernels sum a row serially), poisoned
    output."""
    x = torch.randn(rows, 1024, device="cuda") * 3 + 1
    g, b = torch.randn(1024, device="cuda"), torch.randn(1024, device="cuda")
    out = torch.full_like(x, float("nan"))
    rows_call(accel, "generic_layer_norm", (x, g, b), out)
    torch.cuda.synchronize()
    ref = layer_norm_reference(x, g, b, torch.float64)
    err = (out.double() - ref).abs().max().item()
    naive = (layer_norm_reference(x, g, b, torch.float32).double() - ref).abs().max().item()
    good = not torch.isnan(out).any().item() and err <= 2 * naive + 1e-4
    log(f"generic_layer_norm rows={rows}: max err {err:.3g} (torch f32 {naive:.3g}) {'ok' if good else 'FAIL'}")
    RESULTS.append(dict(kind="generic_validate", rows=rows, err=err, naive=naive, ok=bool(good)))
    return good


def time_generic(accel, rows, table):
    """The generic family's layer norm (its generic kernels, one thread a
    row for the sums) against torch's fused F.layer_norm."""
    x = torch.randn(rows, 1024, device="cuda")
    g, b = torch.randn(1024, device="cuda"), torch.randn(1024, device="cuda")
    out = torch.empty_like(x)
    row = dict(rows=rows)
    row["accel_ms"] = bench(lambda: rows_call(accel, "generic_layer_norm", (x, g, b), out), rep=10)
    row["torch_ms"] = bench(lambda: F.layer_norm(x, (1024,), g, b), rep=10)
    table.append(row)
    RESULTS.append(dict(kind="generic", **row))
    log(f"generic_layer_norm rows={rows}: accel {row['accel_ms']:.3f} ms, torch layer_norm {row['torch_ms']:.3f} ms")


def time_s2(accel, table):
    from torch.nn.attention.flex_attention import create_block_mask, flex_attention
    flex = torch.compile(flex_attention)
    b, h, n, d = 1, 16, 16384, 128
    q, k, v = (torch.randn(b, h, n, d, device="cuda", dtype=torch.bfloat16) for _ in range(3))
    out, lse = torch.empty_like(q), torch.empty(b, h, n, device="cuda")
    dense_ms = bench(lambda: accel.attention("fwd_d128_causal", q, k, v, out, lse))
    dense_tflops = 4 * b * h * n * n * d / 2 / dense_ms / 1e9
    for shards in (4, 8, 16):
        def mask(bb, hh, qi, ki):
            kb, qb = ki // S2_BLOCK, qi // S2_BLOCK
            local = (qb - kb) < S2_LOCAL
            return (qi >= ki) & (((kb % shards) == (hh % shards)) | local)
        block_mask = create_block_mask(mask, B=None, H=h, Q_LEN=n, KV_LEN=n, BLOCK_SIZE=S2_BLOCK)
        ms = bench(lambda: accel.attention(f"s2_d128_shards{shards}", q, k, v, out, lse), warmup=3, rep=10)
        flex_ms = bench(lambda: flex(q, k, v, block_mask=block_mask), warmup=3, rep=10)
        # Work actually done: visible 128x128 blocks (each head).
        vis = visible_mask(n, n, h, True, shards).view(h, n // S2_BLOCK, S2_BLOCK, n // S2_BLOCK, S2_BLOCK)
        blocks = vis.any(dim=4).any(dim=2).sum().item()
        computed_tflops = 4 * b * blocks * S2_BLOCK * S2_BLOCK * d / ms / 1e9
        row = dict(shards=shards, accel_ms=ms, flex_ms=flex_ms, dense_ms=dense_ms,
                   computed_tflops=computed_tflops, dense_tflops=dense_tflops,
                   efficiency=computed_tflops / dense_tflops)
        table.append(row)
        RESULTS.append(dict(kind="s2", **row))
        log(f"s2       | shards={shards:2d} | accel {ms:7.3f} ms flex {flex_ms:7.3f} ms | over computed blocks "
            f"{computed_tflops:6.1f} TFLOP/s = {100 * row['efficiency']:5.1f}% of dense")


def tune(accel, out_dir, card, target):
    """Times every kernel config of each signature; writes tuning-table
    entries (docs/codegen.md) for accel-translate --accel-tuning-table."""
    rows = []
    for d in (64, 128):
        for causal in (False, True):
            tag = "causal" if causal else "full"
            h, n = HEADS[d], 4096
            b = TOTAL_TOKENS // n
            q, k, v = (torch.randn(b, h, n, d, device="cuda", dtype=torch.bfloat16) for _ in range(3))
            out, lse = torch.empty_like(q), torch.empty(b, h, n, device="cuda")
            best = None
            for config in tune_configs(target, d):
                name = tune_name(d, tag, config)
                if not accel.has(name):
                    continue
                ms = bench(lambda: accel.attention(name, q, k, v, out, lse))
                log(f"tune     | {name:40s} | {ms:.3f} ms")
                if best is None or ms < best[0]:
                    best = (ms, config)
            if best:
                sig = f"bf16.d{d}{'.causal' if causal else ''}.lse"
                rows.append(f'// {card}, {datetime.date.today()}: {best[0]:.3f} ms at b={b} h={h} n={n}\n'
                            f'{FAMILY[target]} {sig} {target} {config_attr(target, best[1])}')
    with open(os.path.join(out_dir, "tuning-table.txt"), "w") as f:
        f.write("\n".join(rows) + "\n")
    log("\n".join(rows))


def smoke(accel):
    """Every entry once at odd, unequal sizes, with no reference (for
    compute-sanitizer, where torch's own float64 references would take
    minutes): the sanitizer's report is the check."""
    for d in (64, 128):
        for tag in ("full", "causal"):
            q = torch.randn(1, HEADS[d], 77, d, device="cuda", dtype=torch.bfloat16)
            k, v = (torch.randn(1, HEADS[d], 301, d, device="cuda", dtype=torch.bfloat16) for _ in range(2))
            out, lse = torch.empty_like(q), torch.empty(1, HEADS[d], 77, device="cuda")
            accel.attention(f"fwd_d{d}_{tag}", q, k, v, out, lse)
            attention_grad(accel, f"bwd_d{d}_{tag}", q, k, v, out, lse, torch.randn_like(q))
    q = torch.randn(1, 16, 300, 128, device="cuda", dtype=torch.bfloat16)
    k, v = (torch.randn(1, 16, 1100, 128, device="cuda", dtype=torch.bfloat16) for _ in range(2))
    accel.attention("s2_d128_shards8", q, k, v, torch.empty_like(q), torch.empty(1, 16, 300, device="cuda"))
    for name, d, causal, dtype in SIMT_ENTRIES:
        torch_dtype = torch.float32 if dtype == "f32" else torch.bfloat16
        q = torch.randn(1, SIMT_HEADS, 77, d, device="cuda", dtype=torch_dtype)
        k, v = (torch.randn(1, SIMT_HEADS, 301, d, device="cuda", dtype=torch_dtype) for _ in range(2))
        accel.attention(name, q, k, v, torch.empty_like(q), torch.empty(1, SIMT_HEADS, 77, device="cuda"))
    for m, n, k in ((77, 45, 70), (1000, 1024, 517), (77, 45, 72), (1000, 1000, 520)):
        a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
        b = torch.randn(n, k, device="cuda", dtype=torch.bfloat16)
        out = torch.empty(m, n, device="cuda", dtype=torch.bfloat16)
        gemm_call(accel, "gemm_nt", a, b, out)
        gemm_call(accel, "gemm_nn", a, b.T.contiguous(), out)
        gemm_call(accel, "gemm_f32_nt", a.float(), b.float(), out.float())
        gemm_call(accel, "gemm_nt_bias_sqrelu_residual", a, b, out, torch.randn(n, device="cuda"),
                  torch.randn(m, n, device="cuda", dtype=torch.bfloat16))
        for kind in ("w8a8", "fp8"):
            qa, qas, qb, qbs = quantized_operands(kind, m, n, k)
            for layout, operand in (("nt", qb), ("nn", qb.T.contiguous())):
                if accel.has(f"qgemm_{kind}_{layout}"):
                    entry_call(accel, f"qgemm_{kind}_{layout}", (qa, qas, operand, qbs), out)
        for kind in ("i8", "fp8"):
            entry_call(accel, f"quantize_per_token_{kind}", (a,),
                       (torch.empty(m, k, device="cuda", dtype=torch.uint8), torch.empty(m, device="cuda")))
    x = torch.randn(77, 1024, device="cuda")
    rows_call(accel, "generic_layer_norm", (x, x[0], x[1]), torch.empty_like(x))
    for d, nb in MONARCH_SHAPES[:4]:
        x = torch.randn(77, d, device="cuda", dtype=torch.bfloat16)
        rows_call(accel, f"monarch_d{d}_nb{nb}", (x, *monarch_factors(d, nb)), torch.empty_like(x))
    torch.cuda.synchronize()
    log("smoke: every entry ran")


def tune_gemm(accel, out_dir, card, target):
    """Times every compiled GEMM config (gemm_nt) at the cube and FFN
    shapes; appends the winners to tuning-table.txt as comments (the GEMM
    signature has its sizes, so an entry per shape would only fit that
    shape: the measured choice belongs in the default instead)."""
    lines = []
    for m, n, k in ((8192,) * 3, (16384, 11008, 4096), (16384, 4096, 11008), (4096, 1024, 4096)):
        a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
        b = torch.randn(n, k, device="cuda", dtype=torch.bfloat16)
        out = torch.empty(m, n, device="cuda", dtype=torch.bfloat16)
        best = None
        for i, config in enumerate(gemm_tune_configs(target)):
            name = gemm_tune_name(i)
            if not accel.has(name):
                continue
            ms = bench(lambda: gemm_call(accel, name, a, b, out), rep=10)
            tflops = 2.0 * m * n * k / ms / 1e9
            log(f"tune     | gemm {m}x{n}x{k} {config:90s} | {ms:.3f} ms {tflops:.0f} TFLOP/s")
            RESULTS.append(dict(kind="tune_gemm", m=m, n=n, k=k, config=config, ms=ms))
            if best is None or ms < best[0]:
                best = (ms, config, tflops)
        if best:
            lines.append(f"// {card}, {datetime.date.today()}: gemm {m}x{n}x{k} best {best[1]} "
                         f"{best[0]:.3f} ms ({best[2]:.0f} TFLOP/s)")
    with open(os.path.join(out_dir, "tuning-table.txt"), "a") as f:
        f.write("\n".join(lines) + "\n")
    log("\n".join(lines))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", required=True)
    parser.add_argument("--out", default=os.environ.get("OUT", "/tmp"))
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--target", default="sm_80", choices=sorted(FAMILY),
                        help="the --accel-sm the library was translated for")
    parser.add_argument("--quick", action="store_true", help="validation only")
    parser.add_argument("--smoke", action="store_true",
                        help="run every entry once at odd sizes, nothing else (for compute-sanitizer)")
    parser.add_argument("--time", default="fwd,bwd,s2,gemm,qgemm,monarch,simt,generic",
                        help="comma-separated families to time after validation "
                             "(fwd, bwd, s2, gemm, qgemm, monarch, simt, generic); validation always covers all")
    args = parser.parse_args()
    torch.manual_seed(0)
    # The f32 peer is full f32 (cuBLAS SGEMM), as the IR's f32 means.
    torch.backends.cuda.matmul.allow_tf32 = False
    card = torch.cuda.get_device_name(0)
    log(f"# device {card} torch {torch.__version__}; accel kernels for {args.target} "
        f"(forward family {FAMILY[args.target]})")
    accel = Accel(args.lib)
    if args.smoke:
        smoke(accel)
        return 0

    # Validation per family; a family is timed only when it and what its
    # timing calls (the forward, for bwd's inputs and S2's dense baseline)
    # validated.
    valid = dict(fwd=True, s2=True, bwd=True, gemm=True, qgemm=True, monarch=True, simt=True, generic=True)
    for d in (64, 128):
        for causal in (False, True):
            tag = "causal" if causal else "full"
            for sq, sk in ((1, 1), (127, 127), (1000, 1000), (1023, 517), (77, 1023)):
                valid["fwd"] &= attempt(validate, accel, f"fwd_d{d}_{tag}", 2, HEADS[d], sq, sk, d, causal)
            valid["fwd"] &= attempt(validate, accel, f"fwd_d{d}_{tag}_f16", 1, HEADS[d], 300, 300, d, causal,
                                     dtype=torch.float16)
    # The CUDA-core forward: f32 within 2x torch's own f32 attention (TF32
    # off) plus an f32-sized floor; bf16 at d = 96 as the tensor-core entries.
    for name, d, causal, dtype in SIMT_ENTRIES:
        torch_dtype = torch.float32 if dtype == "f32" else torch.bfloat16
        floor = 1e-6 if dtype == "f32" else 1e-4
        for sq, sk in ((1, 1), (127, 127), (1023, 517), (77, 1023)):
            valid["simt"] &= attempt(validate, accel, name, 2, SIMT_HEADS, sq, sk, d, causal,
                                     dtype=torch_dtype, floor=floor)
    for shards in (4, 8, 16):
        valid["s2"] &= attempt(validate, accel, f"s2_d128_shards{shards}", 1, 16, 1100, 1100, 128, True, shards)
        # Sq != Sk both ways; decode (one query against a long cache) must
        # see the latest blocks as local.
        for sq, sk in ((1, 4000), (300, 1100), (1100, 300)):
            valid["s2"] &= attempt(validate, accel, f"s2_d128_shards{shards}", 1, 16, sq, sk, 128, True, shards)
    for d in (64, 128):
        for causal in (False, True):
            valid["bwd"] &= attempt(validate_grad, accel, d, causal)
            valid["bwd"] &= attempt(validate_grad, accel, d, causal, b=1, sq=77, sk=301)
    # K % 8 != 0 rows are not TMA-addressable: on sm_90a those take the
    # mma.sync fallback, the others the wgmma kernel (odd M and N: tails).
    for m, n, k in ((1, 1, 1), (77, 45, 70), (1000, 1024, 517), (1, 1, 8), (77, 45, 72),
                    (1000, 1000, 520), (300, 2000, 64), (4096, 4096, 4096)):
        valid["gemm"] &= attempt(validate_gemm, accel, m, n, k)
    for m, n, k in ((1, 1, 1), (77, 45, 70), (1000, 1024, 517), (2048, 2048, 2048)):
        valid["gemm"] &= attempt(validate_gemm_f32, accel, m, n, k)
    # The 8-bit kernel: odd sizes (byte-wise tails, K not a chunk multiple),
    # aligned ones, a K long enough for i8 sums past 2^24 (exact in i32).
    for kind in ("w8a8", "fp8"):
        for m, n, k in ((1, 1, 1), (77, 45, 70), (1000, 1024, 517), (300, 2000, 64),
                        (2048, 2048, 4096), (64, 64, 16384)):
            valid["qgemm"] &= attempt(validate_qgemm, accel, kind, m, n, k)
    for kind in ("i8", "fp8"):
        for m, k in ((1, 1), (77, 300), (1000, 4096)):
            valid["qgemm"] &= attempt(validate_quantize, accel, kind, m, k)
    # Monarch: every shape at 1 row, odd rows and a few tiles of rows.
    for d, nb in MONARCH_SHAPES:
        for m in (1, 77, 1000):
            valid["monarch"] &= attempt(validate_monarch, accel, d, nb, m)
    for m in (1, 77, 1000):
        valid["monarch"] &= attempt(validate_monarch_variants, accel, m)
    for rows in (1, 77, 1000):
        valid["generic"] &= attempt(validate_generic, accel, rows)
    ok = all(valid.values())
    for family, good in valid.items():
        log(f"validation | {family:4s} | {'ok' if good else 'FAILED: not timed'}")
    valid["bwd"] &= valid["fwd"]
    valid["s2"] &= valid["fwd"]
    if not args.quick:
        timed = {f for f in args.time.split(",") if valid.get(f)}
        forward, backward, s2 = [], [], []
        for d in (64, 128):
            for n in (512, 2048, 8192, 16384):
                for causal in (False, True):
                    if "fwd" in timed:
                        time_forward(accel, d, n, causal, forward)
                    if "bwd" in timed:
                        time_backward(accel, d, n, causal, backward)
        if "s2" in timed:
            time_s2(accel, s2)
        gemms, gemms_f32 = [], []
        if "gemm" in timed:
            # Cubes, then a transformer's FFN up and down projections at 16k tokens.
            for m, n, k in ((2048,) * 3, (4096,) * 3, (8192,) * 3, (16384, 11008, 4096), (16384, 4096, 11008)):
                time_gemm(accel, m, n, k, gemms)
            for n in (4096, 8192):
                time_gemm_f32(accel, n, gemms_f32)
        qgemms = []
        if "qgemm" in timed:
            for kind in ("w8a8", "fp8"):
                for m, n, k in ((4096,) * 3, (8192,) * 3, (16384, 11008, 4096), (16384, 4096, 11008)):
                    time_qgemm(accel, kind, m, n, k, qgemms)
            quantizes = []
            for kind in ("i8", "fp8"):
                time_quantize(accel, kind, 16384, 4096, quantizes)
        simts = []
        if "simt" in timed:
            for name, d, causal, dtype in SIMT_ENTRIES:
                for n in (512, 2048):
                    time_simt(accel, name, d, n, causal,
                              torch.float32 if dtype == "f32" else torch.bfloat16, simts)
        generics = []
        if "generic" in timed:
            time_generic(accel, 16384, generics)
        monarchs = []
        if "monarch" in timed:
            for d, nb in MONARCH_SHAPES:
                time_monarch(accel, d, nb, monarchs)
        if args.tune and valid["fwd"] and "fwd" in timed:
            tune(accel, args.out, card, args.target)
        if args.tune and "gemm" in timed:
            tune_gemm(accel, args.out, card, args.target)
        log(f"\n## accel attention forward on {card} (TFLOP/s; ratio = accel / best peer)")
        log("| pass | d | n | causal | accel | FA2 | cuDNN | ratio |")
        log("|---|---|---|---|---|---|---|---|")
        for r in forward + backward:
            peers = [x for x in (r.get("flash2"), r.get("cudnn")) if x]
            ratio = r["accel"] / max(peers) if peers else float("nan")
            log(f"| {r.get('pass_', 'fwd')} | {r['d']} | {r['n']} | {r['causal']} | {r['accel']:.0f} | {r.get('flash2') or 0:.0f} | "
                f"{r.get('cudnn') or 0:.0f} | {ratio:.2f} |")
        log("| S2 shards | accel ms | Flex ms | accel TFLOP/s over computed blocks | % of dense |")
        for r in s2:
            log(f"| {r['shards']} | {r['accel_ms']:.3f} | {r['flex_ms']:.3f} | {r['computed_tflops']:.0f} | "
                f"{100 * r['efficiency']:.0f}% |")
        log(f"\n## accel GEMM (bf16, {args.target}) on {card} (TFLOP/s)")
        log("| m x n x k | accel | cuBLAS | ratio | accel b [K, N] | cuBLAS b [K, N] | ratio | accel + epilogue "
            "| cuBLAS + torch epilogue | ratio |")
        log("|---|---|---|---|---|---|---|---|---|---|")
        for r in gemms:
            log(f"| {r['m']}x{r['n']}x{r['k']} | {r['accel']:.0f} | {r['cublas']:.0f} | {r['accel'] / r['cublas']:.2f} | "
                f"{r['accel_nn']:.0f} | {r['cublas_nn']:.0f} | {r['accel_nn'] / r['cublas_nn']:.2f} | "
                f"{r['accel_fused']:.0f} | {r['torch_fused']:.0f} | {r['accel_fused'] / r['torch_fused']:.2f} |")
        if gemms_f32:
            log(f"\n## accel f32 GEMM (CUDA cores) on {card} (TFLOP/s)")
            log("| n | accel | cuBLAS SGEMM | ratio |")
            log("|---|---|---|---|")
            for r in gemms_f32:
                log(f"| {r['n']} | {r['accel']:.1f} | {r['cublas']:.1f} | {r['accel'] / r['cublas']:.2f} |")
        if simts:
            log(f"\n## accel attention forward on the CUDA cores on {card} (TFLOP/s)")
            log("| entry | n | accel | SDPA efficient | SDPA math | ratio |")
            log("|---|---|---|---|---|---|")
            for r in simts:
                peers = [x for x in (r.get("efficient"), r.get("math")) if x]
                ratio = r["accel"] / max(peers) if peers else float("nan")
                log(f"| {r['name']} | {r['n']} | {r['accel']:.2f} | {r.get('efficient') or 0:.2f} | "
                    f"{r.get('math') or 0:.2f} | {ratio:.2f} |")
        if generics:
            log(f"\n## accel generic kernels (layer norm, rows of 1024 f32) on {card} (ms)")
            log("| rows | accel | torch layer_norm | x torch |")
            log("|---|---|---|---|")
            for r in generics:
                log(f"| {r['rows']} | {r['accel_ms']:.3f} | {r['torch_ms']:.3f} | "
                    f"{r['torch_ms'] / r['accel_ms']:.2f} |")
        if qgemms:
            log(f"\n## accel quantized GEMM ({args.target}, bf16 out, per-token x per-channel scales) "
                f"on {card} (TOPS)")
            log("| quant | m x n x k | accel | peer | peer TOPS | ratio | peer + torch dequant | ratio |")
            log("|---|---|---|---|---|---|---|---|")
            for r in qgemms:
                log(f"| {r['quant']} | {r['m']}x{r['n']}x{r['k']} | {r['accel']:.0f} | {r['peer_name']} | "
                    f"{r['peer']:.0f} | {r['accel'] / r['peer']:.2f} | {r['peer_dequant']:.0f} | "
                    f"{r['accel'] / r['peer_dequant']:.2f} |")
        if monarchs:
            log(f"\n## accel Monarch (bf16, {args.target}, {monarchs[0]['m']} tokens) on {card} (ms)")
            log("| d | nblocks | accel | dense cuBLAS | torch bmm | accel TFLOP/s | x dense | x bmm |")
            log("|---|---|---|---|---|---|---|---|")
            for r in monarchs:
                log(f"| {r['d']} | {r['nblocks']} | {r['accel_ms']:.3f} | {r['dense_ms']:.3f} | {r['bmm_ms']:.3f} | "
                    f"{r['accel_tflops']:.0f} | {r['dense_ms'] / r['accel_ms']:.2f} | "
                    f"{r['bmm_ms'] / r['accel_ms']:.2f} |")
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(dict(device=card, results=RESULTS), f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
