"""compare_npy.py ACTUAL.npy EXPECTED.npy [--rtol R --atol A]
compare_npy.py ACTUAL.npy EXPECTED.npy --reference=REF.npy --precision=bf16

Exit 0 when ACTUAL agrees with EXPECTED under docs/numerics.md:
|a - e| <= atol + rtol * |e| elementwise, non-finite values identical, the
same shape, and integers exact. The tolerance is that of the program's
element type; a bf16 program's values come as float32 .npy files, so the
caller names it with --dtype=bf16.

With --reference (programs computed in f16/bf16), numerics.md's rule for
low-precision computations: ACTUAL's largest error against REF (the same
program run by the front end in f32) is at most twice EXPECTED's (the front
end's own low-precision run) plus the noise floor of --precision (1e-4).
"""

import argparse
import sys

import numpy as np

# docs/numerics.md, "Comparing two runs".
TOLERANCES = {
    "float64": (1e-12, 1e-12),
    "float32": (1e-5, 1e-6),
    "float16": (2e-3, 1e-4),
    "bf16": (1.6e-2, 1e-3),
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("actual")
    p.add_argument("expected")
    p.add_argument("--dtype", help="element type of the program (default: EXPECTED's)")
    p.add_argument("--rtol", type=float)
    p.add_argument("--atol", type=float)
    p.add_argument("--reference", help="f32 reference: low-precision rule")
    p.add_argument("--precision", choices=["f16", "bf16"])
    args = p.parse_args()
    a = np.load(args.actual)
    e = np.load(args.expected)
    if a.shape != e.shape:
        sys.exit(f"FAILED: shape {a.shape} != expected {e.shape}")
    if args.reference:
        r = np.load(args.reference).astype(np.float64)
        if not (np.isfinite(a).all() and np.isfinite(e).all() and np.isfinite(r).all()):
            sys.exit("FAILED: non-finite values in a low-precision comparison")
        ours = float(np.abs(a.astype(np.float64) - r).max())
        theirs = float(np.abs(e.astype(np.float64) - r).max())
        bound = 2 * theirs + 1e-4
        verdict = "ok" if ours <= bound else "FAILED"
        message = (f"{verdict}: {args.precision} program: max error {ours:.3g} vs the "
                   f"f32 reference; the front end's {theirs:.3g}; bound {bound:.3g}")
        if ours > bound:
            sys.exit(message)
        print(message)
        return
    if e.dtype.kind in "iub":
        bad = np.flatnonzero(a.reshape(-1) != e.reshape(-1))
        if bad.size:
            sys.exit(f"FAILED: {bad.size} of {e.size} integers differ")
        print(f"ok: {e.size} integers equal")
        return
    rtol, atol = TOLERANCES[args.dtype or e.dtype.name]
    rtol = args.rtol if args.rtol is not None else rtol
    atol = args.atol if args.atol is not None else atol
    a64 = a.astype(np.float64).reshape(-1)
    e64 = e.astype(np.float64).reshape(-1)
    finite = np.isfinite(e64)
    same_nonfinite = np.where(
        finite, np.isfinite(a64),
        (np.isnan(e64) & np.isnan(a64)) | (a64 == e64))
    err = np.where(finite & np.isfinite(a64), np.abs(a64 - e64), 0.0)
    bad = ~same_nonfinite | (err > atol + rtol * np.abs(np.where(finite, e64, 0.0)))
    if bad.any():
        i = int(np.argmax(np.where(bad, err + (~same_nonfinite) * np.inf, -1.0)))
        index = np.unravel_index(i, e.shape)
        sys.exit(f"FAILED: {int(bad.sum())} of {e.size} elements differ "
                 f"(rtol {rtol}, atol {atol}); worst at {list(map(int, index))}: "
                 f"{a64[i]!r} vs expected {e64[i]!r}")
    print(f"ok: {e.size} elements, max abs error {err.max() if err.size else 0.0:.3g}")


if __name__ == "__main__":
    main()
