#!/usr/bin/env python3
"""Static SASS report of accel's kernels: per kernel, its main loop's
instruction mix and a cycle estimate per loop trip (one tile), for the
sessions that have no GPU (issue 13 item 1).

Usage:
    bench/sass/report.py KERNELS.cubin [--filter REGEX] [--cuobjdump PATH]
        [--markdown]
KERNELS.cubin: nvcc -cubin -gencode arch=compute_90a,code=sm_90a of a
generated .cu (bench/gpu/prepare.sh writes .gpu-bench/bench_sm90a.cu and
bench_sm80.cu). cuobjdump: --cuobjdump, else $CUOBJDUMP, else the CUDA
toolkit's, else the one bench/sass/fetch-cuobjdump.sh unpacks (Debian's
and this project's CUDA install have none).

The main loop is the backward branch whose span holds the most
tensor-core instructions (HGMMA, HMMA), else the most FFMA, and of those
the shortest (the loop latch rather than an out-of-line block that jumps
back). Counts are
static: every instruction in the span once, both sides of a branch inside
it included (a masked and an unmasked path both count), so they bound a
trip from above. The cycle model, per SM and one resident block:
  tensor  = sum over HGMMA of 2*m*n*k x the warpgroups running the loop,
            at 4096 FLOP per cycle (the H100/H200 dense bf16/f16 rate: 989
            TFLOP/s over 132 SMs at 1.83 GHz); HMMA m16n8k16 (4096 FLOP) x
            the warps, at an assumed 2048 FLOP per cycle (mma.sync on
            Hopper; not a published figure);
  issue   = instructions of the span x warps that execute it / 4 (four
            schedulers, one instruction a cycle each);
  estimate = max(tensor, issue) when the two overlap perfectly,
             tensor + issue when they do not (the bounds of a trip).
Blocks/SM: resident blocks by registers, shared memory (static from
cuobjdump -res-usage plus the dynamic bytes the kernel's template
arguments imply) and threads. The cycle model assumes one resident block;
with more, their trips overlap. It is a model, calibrated against the first
H200 run in docs/performance.md
(the report prints the measured figure where the caller gives one with
--measured-us-per-trip).
"""
import argparse
import collections
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.expanduser("~/.cache/accel-deps/cuobjdump")

CLASSES = [
    ("HGMMA", r"^HGMMA"), ("HMMA", r"^HMMA"), ("MUFU.EX2", r"^MUFU\.EX2"),
    ("MUFU other", r"^MUFU"), ("FFMA", r"^FFMA"), ("FMUL", r"^FMUL"),
    ("FADD", r"^FADD"), ("FMNMX", r"^FMNMX"), ("FSEL/SEL", r"^(FSEL|SEL)"),
    ("F2F/pack", r"^(F2FP|F2F|PRMT)"), ("LDS/LDSM", r"^(LDS|LDSM)"),
    ("STS", r"^STS"), ("LDG/STG", r"^(LDG|STG)"),
    ("barrier/sync", r"^(BAR|SYNCS|WARPGROUP|DEPBAR|MEMBAR)"),
    ("int/address", r"^(IMAD|IADD3|LEA|SHF|LOP3|ISETP|IABS|I2F|F2I|MOV|UMOV|UIADD3|ULEA|USHF|ULOP3|R2UR|S2R|S2UR|CS2R)"),
    ("branch", r"^(BRA|BSSY|BSYNC|WARPSYNC|EXIT|CALL|RET)"),
]


def find_cuobjdump(explicit):
    for candidate in (explicit, os.environ.get("CUOBJDUMP"), shutil.which("cuobjdump"),
                      "/usr/local/cuda/bin/cuobjdump", os.path.join(CACHE, "cuobjdump")):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("report: no cuobjdump (run bench/sass/fetch-cuobjdump.sh, or pass --cuobjdump)")


def functions(sass):
    """{mangled name: [(address, opcode text)]}"""
    result, name = {}, None
    for line in sass.splitlines():
        m = re.match(r"\s*Function : (\S+)", line)
        if m:
            name = m.group(1)
            result[name] = []
            continue
        m = re.match(r"\s*/\*([0-9a-f]{4,})\*/\s+(.*?)\s*;", line)
        if m and name:
            text = re.sub(r"^@!?U?P\w+\s+", "", m.group(2).strip())
            result[name].append((int(m.group(1), 16), text))
    return result


def main_loop(instructions):
    """(start, end) of the backward branch span with the most tensor ops."""
    best, best_key = None, (-1, -1)
    for address, text in instructions:
        m = re.match(r"BRA(?:\.\S+)?\s+(?:`?\(?\.?L?_?x?_?)?0x([0-9a-f]+)", text)
        if not m:
            continue
        target = int(m.group(1), 16)
        if target >= address:
            continue
        span = [t for a, t in instructions if target <= a <= address]
        tensor = sum(1 for t in span if t.startswith(("HGMMA", "HMMA")))
        ffma = sum(1 for t in span if t.startswith("FFMA"))
        # The most tensor ops (else FFMA), then the shortest span: the loop
        # latch, not a later out-of-line block that branches back too.
        key = (tensor, 0 if tensor else ffma, -len(span))
        if key > best_key:
            best, best_key = (target, address), key
    return best


def hgmma_flops(text):
    m = re.match(r"HGMMA\.(\d+)x(\d+)x(\d+)", text)
    return 2 * int(m.group(1)) * int(m.group(2)) * int(m.group(3)) if m else 0


def classify(span):
    counts = collections.Counter()
    for text in span:
        for label, pattern in CLASSES:
            if re.match(pattern, text):
                counts[label] += 1
                break
        else:
            counts["other"] += 1
    return counts


def demangle(name):
    try:
        return subprocess.run(["c++filt", name], capture_output=True, text=True).stdout.strip()
    except OSError:
        return name


def short(kernel):
    """`attentionForwardSm90Kernel<bf16, 128, ...>` from the demangled name."""
    kernel = re.sub(r"^void ", "", kernel)
    kernel = re.sub(r"\(.*\)$", "", kernel)
    kernel = re.sub(r"accelkern_\w+::", "", kernel)
    kernel = re.sub(r"AccelEpilogue_[0-9a-f]+", "E", kernel)
    return kernel.replace("__nv_bfloat16", "bf16").replace("__half", "f16")


def launch_of(name):
    """(threads a block, dynamic shared bytes, warps that run the main loop)
    from the template arguments (the kernels' own formulas:
    forwardSm90SharedBytes, gemmSm90SharedBytes; the sm_90a kernels' loop is
    their two consumer warpgroups'); None where the name does not say."""
    d = demangle(name)
    m = re.search(r"attentionForwardSm90Kernel<[^,]+, (\d+), (\d+), (\d+),", d)
    if m:
        dim, bn, st = map(int, m.groups())
        return 384, 1024 + (128 + 2 * st * bn) * dim * 2 + (1 + 3 * st) * 8, 8
    m = re.search(r"gemmSm90Kernel<[^,]+, [^,]+, [^,]+, (\d+), (\d+),", d)
    if m:
        bn, st = map(int, m.groups())
        return 384, 1024 + st * (128 + bn) * 64 * 2 + 2 * st * 8, 8
    m = re.search(r"attentionForwardKernel<[^,]+, \d+, \d+, \d+, (\d+)", d) or \
        re.search(r"attentionBackwardKernel<[^,]+, \d+, (\d+)", d)
    if m:
        return 32 * int(m.group(1)), 0, int(m.group(1))
    m = re.search(r"gemmKernel<[^,]+, [^,]+, [^,]+, \d+, \d+, \d+, (\d+), (\d+)", d)
    if m:
        warps = int(m.group(1)) * int(m.group(2))
        return 32 * warps, 0, warps
    if "gemmSimtKernel" in d:
        return 256, 0, 8
    return None


def blocks_per_sm(registers, static_shared, launch):
    """Resident blocks on one Hopper SM: 64K registers (allocated per warp
    in units of 256), 228 KiB of shared memory (1 KiB reserved a block),
    2048 threads, 32 blocks."""
    if not launch or registers is None:
        return None
    threads, dynamic, _ = launch
    warps = (threads + 31) // 32
    per_warp = (registers * 32 + 255) // 256 * 256
    by_registers = 65536 // (per_warp * warps)
    by_shared = (228 * 1024) // (static_shared + dynamic + 1024)
    return max(0, min(by_registers, by_shared, 2048 // threads, 32))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cubin")
    parser.add_argument("--filter", default="")
    parser.add_argument("--cuobjdump")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    tool = find_cuobjdump(args.cuobjdump)
    sass = subprocess.run([tool, "-sass", args.cubin], capture_output=True, text=True, check=True).stdout
    usage = subprocess.run([tool, "-res-usage", args.cubin], capture_output=True, text=True).stdout
    registers, shared = {}, {}
    for m in re.finditer(r"Function (\S+):\s*\n\s*REG:(\d+).*?SHARED:(\d+)", usage):
        registers[m.group(1)] = int(m.group(2))
        shared[m.group(1)] = int(m.group(3))
    rows = []
    for name, instructions in functions(sass).items():
        if args.filter and not re.search(args.filter, demangle(name)):
            continue
        loop = main_loop(instructions)
        if not loop:
            continue
        span = [t for a, t in instructions if loop[0] <= a <= loop[1]]
        counts = classify(span)
        launch = launch_of(name)
        # Without a known launch shape, one warpgroup.
        warps = launch[2] if launch else 4
        # An HGMMA is one warpgroup's (its four warps issue it together);
        # an HMMA one warp's.
        tensor_cycles = sum(hgmma_flops(t) for t in span) * (warps / 4) / 4096.0
        tensor_cycles += counts["HMMA"] * warps * 2 * 16 * 8 * 16 / 2048.0
        issue_cycles = len(span) * warps / 4.0
        blocks = blocks_per_sm(registers.get(name), shared.get(name, 0), launch)
        rows.append(dict(kernel=demangle(name), registers=registers.get(name), span=len(span),
                         counts=counts, warps=warps, tensor=tensor_cycles, issue=issue_cycles,
                         blocks=blocks))
    shown = ["HGMMA", "HMMA", "MUFU.EX2", "FFMA", "FMUL", "FADD", "FMNMX", "FSEL/SEL", "LDS/LDSM",
             "barrier/sync", "int/address"]
    if args.markdown:
        print("| kernel | regs | blocks/SM | loop instrs | " + " | ".join(shown) +
              " | warps | tensor cyc | issue cyc | tensor busy (overlap / none) |")
        print("|" + "---|" * (len(shown) + 8))
    for r in rows:
        busy_overlap = r["tensor"] / max(r["tensor"], r["issue"]) if r["tensor"] else 0
        busy_serial = r["tensor"] / (r["tensor"] + r["issue"]) if r["tensor"] else 0
        cells = [str(r["counts"].get(c, 0)) for c in shown]
        if args.markdown:
            print(f"| `{short(r['kernel'])}` | {r['registers']} | {r['blocks'] if r['blocks'] is not None else '?'} | "
                  f"{r['span']} | " + " | ".join(cells) +
                  f" | {r['warps']} | {r['tensor']:.0f} | {r['issue']:.0f} | "
                  f"{100 * busy_overlap:.0f}% / {100 * busy_serial:.0f}% |")
        else:
            print(f"{r['kernel']}\n  registers {r['registers']}, {r['blocks']} blocks/SM, "
                  f"main loop {r['span']} instructions, "
                  f"{r['warps']} warps: " + ", ".join(f"{c} {v}" for c, v in zip(shown, cells)) +
                  f"\n  per trip: tensor {r['tensor']:.0f} cycles, issue {r['issue']:.0f} cycles; "
                  f"tensor cores busy {100 * busy_overlap:.0f}% (overlapped) to {100 * busy_serial:.0f}% (serial)")


if __name__ == "__main__":
    main()
