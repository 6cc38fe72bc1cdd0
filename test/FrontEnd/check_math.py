"""check_math.py DTYPE X.npy Y.npy OP=OUT.npy...

Checks accel-run's results of math ops (test/FrontEnd/Lowering/math-*.mlir)
against Python's math module evaluated in f64 on the same inputs, rounded to
DTYPE, under docs/numerics.md's tolerance for DTYPE. Unary ops read X (or Y
for those needing a positive argument, ending in `@y`); powf is y**x;
fpowi2/fpowi3 are x**2, x**3.
"""

import math
import sys

import numpy as np

# docs/numerics.md's tolerances, without the absolute floor in f32/f64: a
# math function's result is not a cancellation, and the floor would hide a
# log1p or expm1 that loses the digits of tiny arguments. f16/bf16 keep it
# (their subnormals have too few digits for a relative check).
TOLERANCES = {"f64": (1e-12, 0.0), "f32": (1e-5, 0.0),
              "f16": (2e-3, 1e-4), "bf16": (1.6e-2, 1e-3)}


def round_to(values, dtype):
    if dtype == "f64":
        return values
    if dtype == "f32":
        return values.astype(np.float32).astype(np.float64)
    if dtype == "f16":
        return values.astype(np.float16).astype(np.float64)
    # bf16: round f32 to nearest even on the upper 16 bits.
    bits = values.astype(np.float32).view(np.uint32).astype(np.uint64)
    bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return bits.astype(np.uint32).view(np.float32).astype(np.float64)


FUNCTIONS = {
    "erf": math.erf, "erfc": math.erfc, "tanh": math.tanh, "exp": math.exp,
    "expm1": math.expm1, "log1p": math.log1p, "sin": math.sin,
    "cos": math.cos, "atan": math.atan, "sinh": math.sinh,
    "cosh": math.cosh, "absf": abs, "floor": math.floor, "ceil": math.ceil,
    "round": lambda v: math.copysign(math.floor(abs(v) + 0.5), v),
    "exp2": lambda v: 2.0 ** v, "fpowi2": lambda v: v * v,
    "fpowi3": lambda v: v * v * v, "log": math.log, "log2": math.log2,
    "log10": math.log10, "sqrt": math.sqrt,
    "rsqrt": lambda v: 1.0 / math.sqrt(v),
}


def main():
    dtype, xpath, ypath, *checks = sys.argv[1:]
    # The inputs as the program saw them (accel-run rounds to its type).
    x = round_to(np.load(xpath).astype(np.float64).reshape(-1), dtype)
    y = round_to(np.load(ypath).astype(np.float64).reshape(-1), dtype)
    rtol, atol = TOLERANCES[dtype]
    failed = 0
    for check in checks:
        op, path = check.split("=")
        got = np.load(path).astype(np.float64).reshape(-1)
        if op == "powf":
            want = np.array([b ** a for a, b in zip(x, y)])
        elif op.endswith("@y"):
            want = np.array([FUNCTIONS[op[:-2]](v) for v in y])
        else:
            want = np.array([FUNCTIONS[op](v) for v in x])
        want = round_to(want, dtype)
        bad = np.abs(got - want) > atol + rtol * np.abs(want)
        if bad.any():
            i = int(np.argmax(bad))
            print(f"{op} {dtype}: FAILED at {i}: {got[i]!r} vs {want[i]!r}")
            failed += 1
        else:
            print(f"{op} {dtype}: ok")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
