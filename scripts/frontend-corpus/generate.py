#!/usr/bin/env python3
"""Generates test/FrontEnd/: IR that real front ends emit, with their outputs.

Each program is written by a front end (JAX, or an ONNX graph built with
onnx.helper), lowered by IREE's input phase to plain linalg-on-tensors
(`iree-compile --compile-to=input`), normalized to LLVM 22 upstream IR
(util.func/util.return/util.call -> func.*; anything else of IREE's dialects
is refused), and written as test/FrontEnd/<name>.mlir with lit RUN lines.
The program's inputs and the front end's own outputs (JAX on CPU; ONNX's
reference evaluator) go to test/FrontEnd/Inputs/<name>/{in,out}N.npy.

Needs the pinned wheels of requirements.txt (not run by CI):
  python3 -m venv /tmp/fe-venv
  /tmp/fe-venv/bin/pip install -r scripts/frontend-corpus/requirements.txt
  /tmp/fe-venv/bin/python scripts/frontend-corpus/generate.py
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "test", "FrontEnd")


# ---------------------------------------------------------------------------
# Normalization: IREE input-phase IR -> LLVM 22 upstream IR
# ---------------------------------------------------------------------------

RENAMES = [
    (re.compile(r"\butil\.func\b"), "func.func"),
    (re.compile(r"\butil\.return\b"), "func.return"),
    (re.compile(r"\butil\.call\b"), "func.call"),
]
# IREE's ABI bookkeeping on functions: carries no semantics for a plain run.
DROPPED_ATTRS = re.compile(r"\s*iree\.(abi\.\w+|reflection)\s*=\s*")
REFUSED = re.compile(r"\b(util|hal|flow|stream|iree_[a-z_]+|torch|tm_tensor)\.[a-z_]+")


def strip_attr(text, match):
    """Removes `name = <attribute>` at `match` (balanced brackets/quotes)."""
    i = match.end()
    depth = 0
    in_string = False
    while i < len(text):
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "{[(<":
            depth += 1
        elif c in "}])>":
            if depth == 0:
                break
            depth -= 1
        elif c == "," and depth == 0:
            break
        i += 1
    end = i + 1 if i < len(text) and text[i] == "," else i
    return text[: match.start()] + text[end:]


# IREE gives an i1 operand of a named contraction the meaning of a boolean
# (true = 1: its own runtime computes `onehot(bool) @ x` right), while the
# ops' upstream default, cast_signed, widens i1 true to -1 (sitofp). That is
# the one change beyond renaming that keeps the program's meaning: spell the
# cast out as cast_unsigned (uitofp). Other named ops with i1 inputs are
# refused rather than guessed.
NAMED_CONTRACTION = re.compile(
    r"(linalg\.(?:batch_)?matmul)( ins\([^:]*: ([^)]*)\) outs\([^:]*: ([^)]*)\))")
I1_TENSOR = re.compile(r"tensor<[^>]*xi1>")


def make_i1_casts_explicit(text):
    def fix(m):
        ins, out = m.group(3), m.group(4)
        if I1_TENSOR.search(ins) and not I1_TENSOR.search(out):
            return m.group(1) + " {cast = #linalg.type_fn<cast_unsigned>}" + m.group(2)
        return m.group(0)
    text = NAMED_CONTRACTION.sub(fix, text)
    for line in text.splitlines():
        if re.search(r"linalg\.(?!generic|yield|index|fill|matmul \{cast|batch_matmul \{cast)\w+ .*ins\([^)]*xi1>", line):
            raise SystemExit("refusing a named linalg op with i1 inputs: " + line.strip())
    return text


def normalize(text):
    for pattern, replacement in RENAMES:
        text = pattern.sub(replacement, text)
    text = make_i1_casts_explicit(text)
    while True:
        m = DROPPED_ATTRS.search(text)
        if not m:
            break
        text = strip_attr(text, m)
    # Attribute dictionaries the removal emptied.
    text = re.sub(r"\s*attributes\s*\{\s*,?\s*\}", "", text)
    text = re.sub(r"\{\s*,\s*", "{", text)
    text = re.sub(r",\s*\}", "}", text)
    # `func.func public @f`: func's syntax has no `public` (the default).
    text = re.sub(r"func\.func public @", "func.func @", text)
    bad = sorted(set(m.group(0) for m in REFUSED.finditer(text)))
    if bad:
        raise SystemExit("refusing IR with IREE-only ops: " + ", ".join(bad))
    return text


# ---------------------------------------------------------------------------
# Front ends
# ---------------------------------------------------------------------------

def venv_tool(name):
    path = os.path.join(os.path.dirname(sys.executable), name)
    return path if os.path.exists(path) else shutil.which(name)


def iree_input_phase(source, input_type, extra=()):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.mlir")
        with open(src, "w") as f:
            f.write(source)
        args = [venv_tool("iree-compile"), src, "--compile-to=input",
                "--iree-input-type=" + input_type, *extra]
        return subprocess.run(args, check=True, capture_output=True,
                              text=True).stdout


def is_low_precision(a):
    return a.dtype.name in ("float16", "bfloat16")


def jax_program(fn, args):
    """(IR, inputs, outputs, f32 references or None)."""
    import jax
    lowered = jax.jit(fn).lower(*args)
    ir = iree_input_phase(lowered.as_text(), "stablehlo")

    def run(xs):
        outs = jax.jit(fn)(*xs)
        return [np.asarray(o) for o in (outs if isinstance(outs, (tuple, list)) else [outs])]
    refs = None
    if any(is_low_precision(np.asarray(a)) for a in args):
        # The same program on the same (exactly widened) inputs in f32: the
        # reference of numerics.md's rule for low-precision programs.
        refs = run([np.asarray(a).astype(np.float32) if is_low_precision(np.asarray(a))
                    else a for a in args])
    return ir, [np.asarray(a) for a in args], run(args), refs


def onnx_program(model, inputs):
    import onnx
    from onnx import reference
    onnx.checker.check_model(model, full_check=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.onnx")
        onnx.save(model, path)
        torch_ir = os.path.join(tmp, "model.torch.mlir")
        subprocess.run([venv_tool("iree-import-onnx"), path, "-o", torch_ir],
                       check=True, capture_output=True, text=True)
        with open(torch_ir) as f:
            source = f.read()
    ir = iree_input_phase(source, "onnx",
                          ["--iree-torch-emit-async-entry-points=false"])
    feeds = {i.name: a for i, a in zip(model.graph.input, inputs)}
    outs = reference.ReferenceEvaluator(model).run(None, feeds)
    return ir, list(inputs), [np.asarray(o) for o in outs], None


# ---------------------------------------------------------------------------
# Programs
# ---------------------------------------------------------------------------

def rand(rng, *shape, dtype=np.float32, scale=1.0):
    return (rng.uniform(-1.0, 1.0, size=shape) * scale).astype(dtype)


def programs():
    import jax
    import jax.numpy as jnp

    rng = np.random.default_rng(20261202)
    B, S, H, D = 2, 8, 2, 8

    def explicit_attention(q, k, v, causal=False):
        # [B, H, S, D]
        s = jnp.einsum("bhqd,bhkd->bhqk", q, k) / jnp.sqrt(jnp.asarray(q.shape[-1], q.dtype))
        if causal:
            n = s.shape[-1]
            mask = jnp.arange(n)[:, None] >= jnp.arange(n)[None, :]
            s = jnp.where(mask, s, -jnp.inf)
        return jnp.einsum("bhqk,bhkd->bhqd", jax.nn.softmax(s, axis=-1), v)

    qkv = [rand(rng, B, S, H, D) for _ in range(3)]
    yield "attention_jax_sdpa", "JAX jax.nn.dot_product_attention, [B,S,H,D]", \
        jax_program(lambda q, k, v: jax.nn.dot_product_attention(q, k, v), qkv)
    yield "attention_jax_sdpa_causal", "JAX jax.nn.dot_product_attention(is_causal=True)", \
        jax_program(lambda q, k, v: jax.nn.dot_product_attention(q, k, v, is_causal=True), qkv)
    bhsd = [rand(rng, B, H, S, D) for _ in range(3)]
    yield "attention_jax_explicit", "JAX softmax(QK^T/sqrt(d))V, [B,H,S,D]", \
        jax_program(explicit_attention, bhsd)
    yield "attention_jax_explicit_causal", "JAX causal softmax(QK^T/sqrt(d) masked -inf)V", \
        jax_program(lambda q, k, v: explicit_attention(q, k, v, causal=True), bhsd)
    bhsd16 = [a.astype(np.float16) for a in bhsd]
    yield "attention_jax_explicit_f16", "JAX explicit attention in f16", \
        jax_program(explicit_attention, bhsd16)
    gqa = [rand(rng, B, S, 4, D), rand(rng, B, S, 2, D), rand(rng, B, S, 2, D)]
    yield "attention_jax_gqa", "JAX jax.nn.dot_product_attention with 4 query heads on 2 KV heads", \
        jax_program(lambda q, k, v: jax.nn.dot_product_attention(q, k, v), gqa)

    def repeat_kv_attention(q, k, v):
        # Hugging Face repeat_kv: [B, Hkv, S, D] -> [B, Hq, S, D]
        g = q.shape[1] // k.shape[1]
        return explicit_attention(q, jnp.repeat(k, g, axis=1), jnp.repeat(v, g, axis=1))
    gqa_bhsd = [rand(rng, B, 4, S, D), rand(rng, B, 2, S, D), rand(rng, B, 2, S, D)]
    yield "attention_jax_gqa_repeat_kv", "JAX GQA with explicit jnp.repeat of K/V (repeat_kv)", \
        jax_program(repeat_kv_attention, gqa_bhsd)

    d, f = 16, 32
    x = rand(rng, 4, d)
    w1, b1 = rand(rng, d, f, scale=0.5), rand(rng, f, scale=0.1)
    w2, b2 = rand(rng, f, d, scale=0.5), rand(rng, d, scale=0.1)

    def mlp(act):
        return lambda x, w1, b1, w2, b2: act(x @ w1 + b1) @ w2 + b2
    yield "mlp_gelu_erf_jax", "JAX MLP with jax.nn.gelu(approximate=False)", \
        jax_program(mlp(lambda h: jax.nn.gelu(h, approximate=False)), [x, w1, b1, w2, b2])
    yield "mlp_gelu_tanh_jax", "JAX MLP with jax.nn.gelu(approximate=True)", \
        jax_program(mlp(lambda h: jax.nn.gelu(h, approximate=True)), [x, w1, b1, w2, b2])
    yield "mlp_squared_relu_jax", "JAX MLP with squared ReLU", \
        jax_program(mlp(lambda h: jnp.square(jax.nn.relu(h))), [x, w1, b1, w2, b2])
    bf = [a.astype(jnp.bfloat16) for a in (x, w1, b1, w2, b2)]
    yield "mlp_gelu_tanh_jax_bf16", "JAX MLP with tanh GELU in bf16", \
        jax_program(mlp(lambda h: jax.nn.gelu(h, approximate=True)), bf)

    def layer_norm(x, g, b, eps=1e-5):
        mu = jnp.mean(x, axis=-1, keepdims=True)
        var = jnp.mean(jnp.square(x - mu), axis=-1, keepdims=True)
        return (x - mu) * jax.lax.rsqrt(var + eps) * g + b

    def block(x, g1, b1, wq, wk, wv, wo, g2, b2, w1, w2):
        # Pre-norm transformer block; x: [B, S, d], 2 heads.
        bs, s, dm = x.shape
        h = layer_norm(x, g1, b1)
        def heads(t):
            return t.reshape(bs, s, 2, dm // 2).transpose(0, 2, 1, 3)
        a = explicit_attention(heads(h @ wq), heads(h @ wk), heads(h @ wv), causal=True)
        x = x + a.transpose(0, 2, 1, 3).reshape(bs, s, dm) @ wo
        return x + jax.nn.gelu(layer_norm(x, g2, b2) @ w1, approximate=False) @ w2
    dm = 16
    block_args = [rand(rng, 2, S, dm), 1 + rand(rng, dm, scale=0.1), rand(rng, dm, scale=0.1)]
    block_args += [rand(rng, dm, dm, scale=0.4) for _ in range(4)]
    block_args += [1 + rand(rng, dm, scale=0.1), rand(rng, dm, scale=0.1),
                   rand(rng, dm, 2 * dm, scale=0.4), rand(rng, 2 * dm, dm, scale=0.4)]
    yield "transformer_block_prenorm_jax", "JAX pre-norm transformer block (LayerNorm with rsqrt, causal attention, erf GELU)", \
        jax_program(block, block_args)

    # RGCN: for each relation r (a fori_loop), gather the source rows of its
    # edges, transform by W[r], and scatter-add to destinations as a one-hot
    # matmul (scatter-add itself has no upstream form after IREE's input phase).
    N, E, R, F = 6, 10, 3, 4

    def rgcn(x, src, dst, rel, w, w_self):
        def body(r, acc):
            msg = x[src] @ w[r]                       # gather + matmul
            msg = jnp.where((rel == r)[:, None], msg, 0.0)
            onehot = (jnp.arange(N)[:, None] == dst[None, :]).astype(x.dtype)
            return acc + onehot @ msg                 # [N, E] x [E, F]
        return jax.nn.relu(jax.lax.fori_loop(0, R, body, x @ w_self))
    rgcn_args = [rand(rng, N, F), rng.integers(0, N, E).astype(np.int32),
                 rng.integers(0, N, E).astype(np.int32),
                 rng.integers(0, R, E).astype(np.int32),
                 rand(rng, R, F, F, scale=0.5), rand(rng, F, F, scale=0.5)]
    yield "rgcn_relation_loop_jax", "JAX RGCN layer: jax.lax.fori_loop over relations, gathers, one-hot scatter matmul", \
        jax_program(rgcn, rgcn_args)

    yield from onnx_programs(rng)


def onnx_programs(rng):
    import onnx
    from onnx import TensorProto, helper

    def model(nodes, inputs, outputs, opset=20, inits=()):
        graph = helper.make_graph(nodes, "main_graph", inputs, outputs, initializer=list(inits))
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
        m.ir_version = 9
        return m

    def vi(name, shape):
        return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)

    B, H, S, D = 2, 2, 8, 8
    scale = helper.make_tensor("scale", TensorProto.FLOAT, [], [1.0 / np.sqrt(D)])
    attn = model(
        [helper.make_node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
         helper.make_node("MatMul", ["q", "kt"], ["qk"]),
         helper.make_node("Mul", ["qk", "scale"], ["s"]),
         helper.make_node("Softmax", ["s"], ["p"], axis=-1),
         helper.make_node("MatMul", ["p", "v"], ["o"])],
        [vi("q", [B, H, S, D]), vi("k", [B, H, S, D]), vi("v", [B, H, S, D])],
        [vi("o", [B, H, S, D])], inits=[scale])
    yield "attention_onnx", "ONNX MatMul/Softmax attention (torch-mlir via iree-import-onnx)", \
        onnx_program(attn, [rand(rng, B, H, S, D) for _ in range(3)])

    d, f = 16, 32
    def gelu_mlp(approximate):
        return model(
            [helper.make_node("MatMul", ["x", "w1"], ["h0"]),
             helper.make_node("Add", ["h0", "b1"], ["h1"]),
             helper.make_node("Gelu", ["h1"], ["h2"], approximate=approximate),
             helper.make_node("MatMul", ["h2", "w2"], ["y0"]),
             helper.make_node("Add", ["y0", "b2"], ["y"])],
            [vi("x", [4, d]), vi("w1", [d, f]), vi("b1", [f]), vi("w2", [f, d]), vi("b2", [d])],
            [vi("y", [4, d])])
    mlp_args = [rand(rng, 4, d), rand(rng, d, f, scale=0.5), rand(rng, f, scale=0.1),
                rand(rng, f, d, scale=0.5), rand(rng, d, scale=0.1)]
    yield "mlp_gelu_erf_onnx", "ONNX MLP with Gelu(approximate=none): math.erf", \
        onnx_program(gelu_mlp("none"), mlp_args)
    yield "mlp_gelu_tanh_onnx", "ONNX MLP with Gelu(approximate=tanh): math.fpowi, math.tanh", \
        onnx_program(gelu_mlp("tanh"), mlp_args)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def save_npy(path, array):
    # bf16 has no .npy dtype: written as float32 (exact), which accel-run
    # reads into a bf16 argument exactly.
    if array.dtype.name == "bfloat16":
        array = array.astype(np.float32)
    np.save(path, np.ascontiguousarray(array))


def entry_name(ir):
    names = re.findall(r"func\.func @([\w$.]+)", ir)
    if "main" in names:
        return "main"
    if "main_graph" in names:
        return "main_graph"
    raise SystemExit("no entry function in " + ", ".join(names))


# Programs whose IR does not compute what the front end does, with why; the
# check is loosened for them only as far as the reason requires.
TOLERANCE_OVERRIDES = {
    "mlp_gelu_tanh_onnx": (
        "--atol=2e-4",
        "IREE 3.13's torch-mlir writes sqrt(2/pi) as 7.977240e-01 (it is "
        "0.7978846): the IR's GELU differs from ONNX's by up to 1e-4"),
}


def write_program(name, description, result, versions):
    ir, inputs, outputs, refs = result
    ir = normalize(ir)
    entry = entry_name(ir)
    data = os.path.join(OUT_DIR, "Inputs", name)
    os.makedirs(data, exist_ok=True)
    for i, a in enumerate(inputs):
        save_npy(os.path.join(data, f"in{i}.npy"), a)
    for i, a in enumerate(outputs):
        save_npy(os.path.join(data, f"out{i}.npy"), a)
    for i, a in enumerate(refs or []):
        save_npy(os.path.join(data, f"ref{i}.npy"), a)
    ins = " ".join(f"--input=@%S/Inputs/{name}/in{i}.npy" for i in range(len(inputs)))
    outs = " ".join(f"--output=@%t.out{i}.npy" for i in range(len(outputs)))
    lines = [
        f"// {description}.",
        f"// Generated by scripts/frontend-corpus/generate.py ({versions});",
        "// do not edit: regenerate (test/FrontEnd/README.md).",
        f"// RUN: accel-run %s --entry={entry} {ins} {outs} | FileCheck %s",
    ]
    override = TOLERANCE_OVERRIDES.get(name)
    if override:
        lines.append(f"// Tolerance {override[0]}: {override[1]}.")
    for i, a in enumerate(outputs):
        extra = " --dtype=bf16" if a.dtype.name == "bfloat16" else ""
        if refs:
            low = next(x for x in inputs if is_low_precision(x)).dtype.name
            extra = (f" --reference=%S/Inputs/{name}/ref{i}.npy --precision="
                     + {"float16": "f16", "bfloat16": "bf16"}[low])
        if override:
            extra += " " + override[0]
        lines.append(f"// RUN: %numpy_python %S/compare_npy.py %t.out{i}.npy "
                     f"%S/Inputs/{name}/out{i}.npy{extra}")
    lines.append(f"// CHECK: @{entry} ran in")
    with open(os.path.join(OUT_DIR, name + ".mlir"), "w") as f:
        f.write("\n".join(lines) + "\n\n" + ir.strip() + "\n")
    print(f"{name}: {len(ir)} bytes of IR, {len(inputs)} inputs, {len(outputs)} outputs")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="regenerate only programs whose name contains this")
    args = parser.parse_args()
    import jax
    import onnx
    from importlib.metadata import version
    jax.config.update("jax_platforms", "cpu")
    versions = (f"jax {jax.__version__}, onnx {onnx.__version__}, "
                f"iree-base-compiler {version('iree-base-compiler')}")
    for name, description, result in programs():
        if args.only and args.only not in name:
            continue
        write_program(name, description, result, versions)


if __name__ == "__main__":
    main()
