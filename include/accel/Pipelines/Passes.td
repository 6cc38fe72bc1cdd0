//===- Passes.td - passes of the CPU reference pipeline -----*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_PIPELINES_PASSES_TD
#define ACCEL_PIPELINES_PASSES_TD

include "mlir/Pass/PassBase.td"

def CpuVectorizeContractionsPass
    : Pass<"accel-cpu-vectorize-contractions", "::mlir::func::FuncOp"> {
  let summary = "tile linalg contractions for the caches and registers and "
                "vectorize the register tiles";
  let description = [{
    For every linalg op on tensors that is a contraction (a mul-add body,
    optionally extending its operands, over projected-permutation maps:
    linalg.matmul, batch_matmul, contract and the equivalent generics of the
    reference lowering), picks the loops of a micro-kernel from the iterator
    roles: the output's innermost dim `n` (an N dim) as the vector lanes, the
    last M dim `m`, and the K dims. It tiles

    - for the caches: `n` by `cache-tile-n`, the K dims by `cache-tile-k`
      (the last) and 1, `m` by `cache-tile-m`, every other dim by 1, in the
      order (other dims, n, K dims, m);
    - for the registers: `n` by `register-tile-n`, `m` by `register-tile-m`
      and every K dim by 1, K innermost;

    peels the register loops so that full tiles have static shapes,
    vectorizes the register tiles (full tiles without masks, edge tiles with
    masked reads and writes) to `vector.contract` with one reduction element
    each, and hoists each tile's accumulator out of its K loop
    (`hoistLoopInvariantSubsets`), which then carries it as a vector.

    Profitability: contractions whose output's innermost dim is not an N dim,
    or that have a batch dim inside the output's M/N dims, stay linalg ops
    (the loops).

    Numerics: every output element still accumulates its products in the
    original order (the K dims keep their relative order and run one element
    at a time; only independent outputs are reordered), and
    `accel-cpu-lower-vectors` lowers each contraction to a separate multiply
    and add, so the result is bitwise that of the scalar loops.

    An operand that carries `n` but not as its innermost dim (the `k` of
    `q k^T`, `b` under `transpose_b`) is first copied with `n` innermost (a
    `linalg.transpose`), so that the register tile reads it with vector
    loads instead of gathers.
  }];
  let options = [
    Option<"registerTileM", "register-tile-m", "int64_t", /*default=*/"8",
           "rows of the register tile (the last M dim)">,
    Option<"registerTileN", "register-tile-n", "int64_t", /*default=*/"16",
           "columns of the register tile (the vector lanes)">,
    Option<"cacheTileM", "cache-tile-m", "int64_t", /*default=*/"64",
           "rows of a cache tile (a multiple of register-tile-m)">,
    Option<"cacheTileN", "cache-tile-n", "int64_t", /*default=*/"256",
           "columns of a cache tile (a multiple of register-tile-n)">,
    Option<"cacheTileK", "cache-tile-k", "int64_t", /*default=*/"256",
           "reduction elements of a cache tile">,
  ];
  let statistics = [
    Statistic<"numTiled", "num-tiled", "contractions tiled and vectorized">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def CpuLowerVectorsPass
    : Pass<"accel-cpu-lower-vectors", "::mlir::func::FuncOp"> {
  let summary = "hoist register-tile accumulators and lower vector "
                "contractions to multiplies and adds";
  let description = [{
    After bufferization: hoists any accumulator reads and writes of register
    tiles still inside their reduction loops, drops unit dims, and lowers `vector.contract` to outer
    products whose `vector.fma`s are split into `arith.mulf` and
    `arith.addf`: the reference formulas round the product and the sum
    separately (docs/numerics.md), and LLVM does not fuse separate
    operations under the JIT's default FP-contraction setting. Transfers,
    masks, transposes and broadcasts are lowered towards
    `convert-vector-to-scf` and `convert-vector-to-llvm`.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

#endif // ACCEL_PIPELINES_PASSES_TD
