#!/usr/bin/env python3
"""Static/dynamic mixes of every accel op, for the differential tests.

For an op and a seed, picks random static sizes that the verifier accepts
and a mix of dims to make dynamic, and prints a module with two functions of
the same static signature:
  @static   applies the op to the arguments as they are;
  @dynamic  casts every operand to its mixed type first (the cast survives
            accel-run's specialization of the arguments), declares the mixed
            result types, and casts the results back.
accel-run --entry=static --compare-entry=dynamic then checks that the
lowering of the dynamic form computes what the static one does.

--sweep instead prints one function per single dynamic dim (each dim of each
operand and result in turn) plus one with every dim dynamic, separated by
`// -----`, for accel-opt --split-input-file --accel-cpu-reference to lower.
"""

import argparse
import random
import sys


def ttype(shape, elem):
    return "tensor<" + "".join(f"{d}x" for d in shape) + elem + ">"


class Case:
    """One op application: operands (shape, elem), results, attributes."""

    def __init__(self, op, operands, results, attrs=""):
        self.op = op
        self.operands = operands
        self.results = results
        self.attrs = attrs

    def dims(self):
        """(kind, index, dim) of every operand and result dim."""
        out = []
        for kind, values in (("operand", self.operands), ("result", self.results)):
            for i, (shape, _) in enumerate(values):
                for d in range(len(shape)):
                    out.append((kind, i, d))
        return out


def sizes(rng, lo, hi):
    return rng.randint(lo, hi)


def float_type(rng):
    return rng.choice(["f32", "f32", "f16", "bf16"])


def sizes0(rng, lo, hi):
    """A size that may also be 0 (an empty dim), one time in eight."""
    return 0 if rng.random() < 0.125 else rng.randint(lo, hi)


def make_matmul(rng):
    ba = [rng.choice([1, 2, 3]) for _ in range(rng.randint(0, 2))]
    bb = [rng.choice([1, 2, 3]) for _ in range(rng.randint(0, 2))]
    # numpy broadcasting from the right: equal or 1.
    n = max(len(ba), len(bb))
    out_batch = []
    for i in range(n):
        la = i - (n - len(ba))
        lb = i - (n - len(bb))
        if la >= 0 and lb >= 0 and ba[la] != bb[lb] and ba[la] != 1 and bb[lb] != 1:
            bb[lb] = 1
        xa = ba[la] if la >= 0 else 1
        xb = bb[lb] if lb >= 0 else 1
        out_batch.append(max(xa, xb))
    m, k, nn = sizes0(rng, 1, 7), sizes0(rng, 1, 9), sizes0(rng, 1, 7)
    tb = rng.random() < 0.5
    t = float_type(rng)
    operands = [(ba + [m, k], t), (bb + ([nn, k] if tb else [k, nn]), t)]
    if rng.random() < 0.5:
        operands.append(([nn], rng.choice([t, "f32"])))
    attrs = "{transpose_b = true}" if tb else ""
    return Case("accel.matmul", operands, [(out_batch + [m, nn], rng.choice([t, "f32"]))],
                attrs)


def head_shard(rng):
    return (f"#accel.head_shard<num_shards = {rng.randint(1, 3)}, "
            f"block = {rng.randint(1, 4)}, local_blocks = {rng.randint(1, 2)}>")


def attention_attrs(rng):
    attrs = []
    if rng.random() < 0.5:
        attrs.append("causal = true")
    if rng.random() < 0.5:
        attrs.append("sparsity = " + head_shard(rng))
    return "{" + ", ".join(attrs) + "}" if attrs else ""


def make_attention(rng):
    b, hkv, g = sizes(rng, 1, 2), sizes(rng, 1, 2), sizes(rng, 1, 3)
    hq = hkv * g
    sq, sk, d, dv = sizes0(rng, 1, 9), sizes0(rng, 1, 9), sizes0(rng, 1, 8), sizes0(rng, 1, 8)
    t = float_type(rng)
    operands = [([b, hq, sq, d], t), ([b, hkv, sk, d], t), ([b, hkv, sk, dv], t)]
    if rng.random() < 0.6:
        full = [b, hq, sq, sk]
        rank = rng.randint(1, 4)
        bias = [1 if rng.random() < 0.4 else s for s in full[4 - rank:]]
        operands.append((bias, rng.choice([t, "f32"])))
    results = [([b, hq, sq, dv], t)]
    if rng.random() < 0.5:
        results.append(([b, hq, sq], "f32"))
    return Case("accel.attention", operands, results, attention_attrs(rng))


def make_attention_grad(rng):
    b, hkv, g = sizes(rng, 1, 2), sizes(rng, 1, 2), sizes(rng, 1, 3)
    hq = hkv * g
    sq, sk, d, dv = sizes0(rng, 1, 7), sizes0(rng, 1, 7), sizes0(rng, 1, 6), sizes0(rng, 1, 6)
    q, k, v = [b, hq, sq, d], [b, hkv, sk, d], [b, hkv, sk, dv]
    out, lse = [b, hq, sq, dv], [b, hq, sq]
    t = float_type(rng)
    operands = [(s, t) for s in (q, k, v, out)] + [(lse, "f32"), (out, t)]
    results = [(s, t) for s in (q, k, v)]
    return Case("accel.attention_grad", operands, results, attention_attrs(rng))


def batch(rng):
    return [sizes0(rng, 1, 4) for _ in range(rng.randint(0, 2))]


def make_block_diag(rng):
    bt, nb, q, p = batch(rng), sizes(rng, 1, 4), sizes(rng, 1, 4), sizes(rng, 1, 4)
    t = float_type(rng)
    return Case("accel.block_diag_matmul", [(bt + [nb * p], t), ([nb, q, p], t)],
                [(bt + [nb * q], t)])


def make_monarch(rng):
    bt = batch(rng)
    k, q, p = sizes(rng, 1, 4), sizes(rng, 1, 4), sizes(rng, 1, 3)
    kq = k * q
    divisors = [d for d in range(1, kq + 1) if kq % d == 0]
    l = rng.choice(divisors)
    r, s = kq // l, sizes(rng, 1, 4)
    t = float_type(rng)
    return Case("accel.monarch_matmul",
                [(bt + [k * p], t), ([k, q, p], t), ([l, s, r], t)],
                [(bt + [l * s], t)])


def index_type(rng):
    return rng.choice(["i32", "i64"])


def make_gather(rng):
    n, d, e = sizes(rng, 1, 9), sizes0(rng, 1, 5), sizes(rng, 0, 12)
    return Case("accel.gather_rows", [([n, d], "f32"), ([e], index_type(rng))],
                [([e, d], "f32")])


def make_typed(rng):
    e, k, r, n = sizes(rng, 0, 12), sizes0(rng, 1, 6), sizes(rng, 1, 4), sizes0(rng, 1, 5)
    return Case("accel.typed_matmul",
                [([e, k], "f32"), ([r, k, n], "f32"), ([e], index_type(rng))],
                [([e, n], "f32")])


def make_segment(rng):
    e, k, r, n = sizes(rng, 0, 12), sizes0(rng, 1, 6), sizes(rng, 1, 4), sizes0(rng, 1, 5)
    return Case("accel.segment_matmul",
                [([e, k], "f32"), ([r, k, n], "f32"), ([r + 1], index_type(rng))],
                [([e, n], "f32")])


def make_scatter(rng):
    e, d, rows = sizes(rng, 0, 12), sizes0(rng, 1, 5), sizes(rng, 0, 6)
    if e > 0:
        rows = max(rows, 1)
    reduce = rng.choice(["sum", "mean", "max"])
    return Case("accel.scatter_reduce", [([e, d], "f32"), ([e], index_type(rng))],
                [([rows, d], "f32")], f'{{num_rows = {rows} : i64, reduce = "{reduce}"}}')


def make_edge_softmax(rng):
    e, h, nodes = sizes(rng, 0, 12), sizes0(rng, 1, 4), sizes(rng, 1, 6)
    return Case("accel.edge_softmax", [([e, h], "f32"), ([e], index_type(rng))],
                [([e, h], "f32")], f"{{num_nodes = {nodes} : i64}}")


def granularity(rng, shape):
    """Attributes and scale shape of a random granularity of `shape`."""
    kind = rng.choice(["tensor", "channel", "group"])
    if kind == "tensor":
        return '{granularity = "tensor"}', []
    axis = rng.randrange(len(shape))
    if kind == "channel":
        return f'{{granularity = "channel", axis = {axis} : i64}}', [shape[axis]]
    g = rng.choice([d for d in range(1, shape[axis] + 1) if shape[axis] % d == 0])
    scale = list(shape)
    scale[axis] //= g
    return (f'{{granularity = "group", axis = {axis} : i64, group_size = {g} : i64}}',
            scale)


def make_quantize(rng):
    shape = [sizes(rng, 1, 6) for _ in range(rng.randint(1, 3))]
    attrs, scale = granularity(rng, shape)
    dtype = rng.choice(["i8", "i4", "f8E4M3FN"])
    attrs = attrs[:-1] + f", dtype = {dtype}}}"
    operands = [(shape, "f32")]
    if rng.random() < 0.5:
        operands.append((scale, "f32"))
    return Case("accel.quantize", operands, [(shape, dtype), (scale, "f32")], attrs)


def make_dequantize(rng):
    shape = [sizes(rng, 1, 6) for _ in range(rng.randint(1, 3))]
    attrs, scale = granularity(rng, shape)
    dtype = rng.choice(["i8", "i4", "f8E4M3FN"])
    return Case("accel.dequantize", [(shape, dtype), (scale, "f32")], [(shape, "f32")],
                attrs)


def make_quantized_matmul(rng):
    pair = rng.choice([("i8", "i8"), ("f8E4M3FN", "f8E4M3FN"), ("f16", "i4"), ("i8", "i4")])
    bt = batch(rng)
    m, n = sizes0(rng, 1, 5), sizes0(rng, 1, 5)
    g, groups = sizes(rng, 1, 4), sizes(rng, 1, 3)
    k = g * groups
    tb = rng.random() < 0.5
    a_scale = rng.choice([[], bt + [m]])
    kind = rng.choice(["tensor", "channel", "group"])
    b_scale = {"tensor": [], "channel": [n],
               "group": [n, groups] if tb else [groups, n]}[kind]
    operands = [(bt + [m, k], pair[0]), (a_scale, "f32"),
                ([n, k] if tb else [k, n], pair[1]), (b_scale, "f32")]
    if rng.random() < 0.5:
        operands.append(([n], "f32"))
    return Case("accel.quantized_matmul", operands, [(bt + [m, n], "f32")],
                "{transpose_b = true}" if tb else "")


MAKERS = {
    "matmul": make_matmul,
    "attention": make_attention,
    "attention_grad": make_attention_grad,
    "block_diag_matmul": make_block_diag,
    "monarch_matmul": make_monarch,
    "gather_rows": make_gather,
    "typed_matmul": make_typed,
    "segment_matmul": make_segment,
    "scatter_reduce": make_scatter,
    "edge_softmax": make_edge_softmax,
    "quantize": make_quantize,
    "dequantize": make_dequantize,
    "quantized_matmul": make_quantized_matmul,
}


def mixed(shape, dynamic):
    return ["?" if d in dynamic else s for d, s in enumerate(shape)]


def emit_function(out, name, case, dynamic):
    """`dynamic`: set of (kind, index, dim) to make dynamic (empty: static)."""
    args = [f"%a{i}: {ttype(s, e)}" for i, (s, e) in enumerate(case.operands)]
    rtypes = [ttype(s, e) for s, e in case.results]
    out.append(f"func.func @{name}({', '.join(args)}) -> ({', '.join(rtypes)}) {{")
    names, types = [], []
    for i, (s, e) in enumerate(case.operands):
        dims = {d for kind, j, d in dynamic if kind == "operand" and j == i}
        if dims:
            t = ttype(mixed(s, dims), e)
            out.append(f"  %c{i} = tensor.cast %a{i} : {ttype(s, e)} to {t}")
            names.append(f"%c{i}")
            types.append(t)
        else:
            names.append(f"%a{i}")
            types.append(ttype(s, e))
    mixed_results = []
    for i, (s, e) in enumerate(case.results):
        dims = {d for kind, j, d in dynamic if kind == "result" and j == i}
        mixed_results.append(ttype(mixed(s, dims), e))
    results = [f"%r{i}" for i in range(len(case.results))]
    attrs = f" {case.attrs}" if case.attrs else ""
    rlist = mixed_results[0] if len(mixed_results) == 1 else f"({', '.join(mixed_results)})"
    out.append(f"  {', '.join(results)} = {case.op} {', '.join(names)}{attrs}")
    out.append(f"      : ({', '.join(types)}) -> {rlist}")
    finals = []
    for i, (t, (s, e)) in enumerate(zip(mixed_results, case.results)):
        if t != ttype(s, e):
            out.append(f"  %s{i} = tensor.cast %r{i} : {t} to {ttype(s, e)}")
            finals.append(f"%s{i}")
        else:
            finals.append(f"%r{i}")
    out.append(f"  return {', '.join(finals)} : {', '.join(rtypes)}")
    out.append("}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--op", required=True, choices=sorted(MAKERS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    rng = random.Random(f"{args.op}/{args.seed}")
    case = MAKERS[args.op](rng)
    dims = case.dims()
    out = [f"// {args.op}, seed {args.seed} (generated by dynamic_mixes.py)"]
    if args.sweep:
        for n, dim in enumerate(dims):
            out.append(f"// {dim[0]} {dim[1]} dim {dim[2]} dynamic")
            emit_function(out, f"dynamic_{n}", case, {dim})
            out.append("// -----")
        emit_function(out, "all_dynamic", case, set(dims))
    else:
        # At least one dynamic dim, each dim dynamic with probability 1/2.
        dynamic = {d for d in dims if rng.random() < 0.5}
        if not dynamic and dims:
            dynamic = {rng.choice(dims)}
        out.append("// dynamic: " + ", ".join(f"{k} {i} dim {d}" for k, i, d in sorted(dynamic)))
        emit_function(out, "static", case, set())
        emit_function(out, "dynamic", case, dynamic)
    print("\n".join(out))


if __name__ == "__main__":
    main()
