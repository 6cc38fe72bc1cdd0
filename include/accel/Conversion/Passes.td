//===- Passes.td - accel conversion passes -----------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAccelToLinalgPass : Pass<"accel-to-linalg"> {
  let summary = "reference lowering of every accel op to linalg/tensor/arith/math/scf/cf";
  let description = [{
    Rewrites each accel op into upstream ops on tensors that follow the IR
    contract's formulas exactly (docs/spec/accel-ir.md). It is the CPU
    reference that every transform is checked against, and the exit to other
    compilers. Floating arithmetic accumulates in f32 and rounds once to the
    result element type.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def RaisePass : Pass<"accel-raise"> {
  let summary = "raise the linalg that front ends emit for contractions and "
                "attention to accel ops";
  let description = [{
    accel behind another compiler (contract section 7): the forms JAX /
    StableHLO and torch-mlir produce through IREE's input phase become accel
    ops (docs/raise.md has every recognized form):
    - `linalg.matmul`, `linalg.batch_matmul` and contraction generics on a
      zero-filled output become `accel.matmul`; a transpose of B becomes
      `transpose_b`, a broadcast of B over leading dims accel.matmul's batch
      broadcasting, and batch dims merged by `tensor.collapse_shape` around
      the contraction are split again;
    - softmax(scale * Q K^T [causally masked | + bias]) V, with the softmax
      written out or as `linalg.softmax`, becomes `accel.attention` (scale,
      causal, bias, and GQA when K/V heads are repeats).
    The raise is exact up to rounding: accel accumulates products in f32
    and computes attention's softmax in f32, which is never less accurate
    than a front end's f16/bf16 arithmetic. What does not match is left as
    it is, and still runs.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark on every accel.matmul and accel.attention after "
           "raising">,
  ];
  let dependentDialects = [
    "::accel::AccelDialect",
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def LowerRuntimeChecksPass : Pass<"accel-lower-runtime-checks", "::mlir::ModuleOp"> {
  let summary = "give run-time checks their op's location; optionally report them to the host";
  let description = [{
    The reference lowering checks what the verifier could not see (dynamic
    sizes, graph ids, offsets) with `cf.assert`, located at the accel op the
    check belongs to. This pass prefixes each assertion's message with that
    location in the compiler's diagnostic format, `FILE:LINE:COL: error: `,
    so that a failure names the op in the user's source.

    With `mode=abort` (the default) the assertions stay `cf.assert`: the LLVM
    lowering prints the message and aborts, as any program run under
    mlir-runner does. With `mode=report` each assertion becomes a branch to a
    call of the host function `__accel_runtime_check_failed(const char *)`,
    which does not return; accel-run provides it and turns the failure into
    an ordinary error (exit status 1, no crash report). Run it after the
    structured control flow has been lowered to `cf` (the failure branch
    splits the assertion's block).
  }];
  let options = [
    Option<"mode", "mode", "std::string", /*default=*/"\"abort\"",
           "abort: cf.assert prints the message and aborts; report: call "
           "__accel_runtime_check_failed(message) instead">,
  ];
  let dependentDialects = [
    "::mlir::cf::ControlFlowDialect",
    "::mlir::LLVM::LLVMDialect",
  ];
}

def DecomposeAggregatedOpsPass : Pass<"accel-decompose-aggregated-ops"> {
  let summary = "decompose linalg ops that are aggregates of simpler ops (softmax, Winograd transforms)";
  let description = [{
    Rewrites every op implementing `linalg::AggregatedOpInterface` into the
    ops its `decomposeOperation` returns (upstream's own decomposition; for
    `linalg.softmax`: a max reduction, `exp(x - max)`, a sum reduction and a
    division, as `linalg.generic`s), and the Winograd filter/input/output
    transforms with upstream's decomposition patterns (loops of matmuls by
    the constant transform matrices). One-shot bufferization and
    convert-linalg-to-loops do not handle such ops themselves, so the CPU
    pipeline runs this before bufferizing. An op whose decomposition fails is
    an error at the op.

    ```mlir
    %r = linalg.softmax dimension(1) ins(%x : tensor<2x4xf32>)
                                     outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def LowerStridedCopiesPass : Pass<"accel-lower-strided-copies"> {
  let summary = "make memref.copy between non-contiguous buffers a linalg.copy";
  let description = [{
    finalize-memref-to-llvm lowers a `memref.copy` between two contiguous
    buffers to a memcpy, and any other copy (a strided subview, e.g. what
    `tensor.concat` or an `insert_slice` into an inner dimension bufferizes
    to) to a call of `memrefCopy` from MLIR's runtime support library, which
    JIT-compiled code and plain executables do not link. This pass rewrites
    the copies that would become such a call into `linalg.copy`, which
    convert-linalg-to-loops makes loops; contiguous copies stay memcpys.
    Copies of unranked memrefs are left alone (linalg needs ranked operands).
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def LowerPackUnpackPass : Pass<"accel-lower-pack-unpack"> {
  let summary = "lower linalg.pack/linalg.unpack to pad, reshapes and transposes";
  let description = [{
    `linalg.pack` and `linalg.unpack` have no bufferization: this pass applies
    upstream's `linalg::lowerPack` (pad + expand_shape + transpose) and
    `linalg::lowerUnPack` (transpose + collapse_shape + extract_slice), which
    bufferize and lower to loops. An op the rewrite refuses is an error at
    the op.

    ```mlir
    %p = linalg.pack %x inner_dims_pos = [0, 1] inner_tiles = [2, 2]
        into %e : tensor<4x6xf32> -> tensor<2x3x2x2xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def LowerTensorGatherPass : Pass<"accel-lower-tensor-gather"> {
  let summary = "lower tensor.gather to a linalg.generic of tensor.extract";
  let description = [{
    `tensor.gather` has no bufferization and no lowering upstream. This pass
    rewrites it into a `linalg.generic` over the result whose body reads the
    gathered coordinates from the indices (`tensor.extract`) and the element
    from the source: the form front ends emit for gathers themselves.
    Out-of-range indices are undefined behaviour, as in tensor.gather.

    ```mlir
    %g = tensor.gather %x[%i] gather_dims([0]) :
        (tensor<4x3xf32>, tensor<2x1xindex>) -> tensor<2x1x3xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def LowerTensorScatterPass : Pass<"accel-lower-tensor-scatter"> {
  let summary = "lower tensor.scatter to loops of tensor.insert";
  let description = [{
    `tensor.scatter` (with `unique`, which the verifier requires) has no
    bufferization and no lowering upstream. This pass rewrites it into an
    `scf.for` nest over the source that carries the destination and inserts
    each element at the coordinates the indices give (`tensor.insert`), which
    bufferizes in place. Out-of-range indices are undefined behaviour, as in
    tensor.scatter.

    ```mlir
    %s = tensor.scatter %src into %dest[%i] scatter_dims([0]) unique :
        (tensor<2x1x3xf32>, tensor<4x3xf32>, tensor<2x1xindex>) -> tensor<4x3xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def LowerTensorBitcastPass : Pass<"accel-lower-tensor-bitcast"> {
  let summary = "lower tensor.bitcast to an elementwise arith.bitcast";
  let description = [{
    `tensor.bitcast` has no bufferization upstream. This pass rewrites it into
    a `linalg.generic` applying `arith.bitcast` to each element. arith has no
    signed or unsigned integers: a bitcast from or to one is an error at the
    op.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // ACCEL_CONVERSION_PASSES_TD
