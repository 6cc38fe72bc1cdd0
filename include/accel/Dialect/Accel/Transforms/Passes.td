//===- Passes.td - accel's transforms ----------------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def FormDispatchesPass : Pass<"accel-form-dispatches"> {
  let summary = "wrap every kernel-bearing accel op that is in no "
                "accel.dispatch into a dispatch of one";
  let description = [{
    After fusion has formed its dispatches (a GEMM and its epilogue, ...),
    each remaining accel op becomes an `accel.dispatch` whose inputs are its
    distinct operands and whose results are its results; its attributes
    (an `accel.kernel_config` among them) stay on it. The CUDA backend
    compiles one kernel instance per dispatch.
  }];
  let dependentDialects = ["::accel::AccelDialect"];
}

def FuseEpiloguePass : Pass<"accel-fuse-epilogue"> {
  let summary = "fuse chains of elementwise consumers into the matmul, "
                "attention or quantized_matmul that produces their input";
  let description = [{
    A producer (accel.matmul, attention, quantized_matmul,
    block_diag_matmul, monarch_matmul, segment_matmul, typed_matmul) and
    the chain of elementwise ops consuming its first result (bias, residual
    add, scaling, ReLU, squared ReLU, GELU, SiLU, casts, quantize and
    dequantize; as tensor arith/math ops, all-parallel linalg ops that read
    the value with the identity map, or accel.quantize/dequantize) become
    one `accel.dispatch`: the epilogue of the producer's kernel. The chain
    stops at the first value that is used outside it, which the dispatch
    returns (contract section 7, v1.2). Other operands of the chain's ops
    (a residual, a broadcast bias) are inputs of the dispatch; scalar and
    splat constants are cloned into it. Numerics do not change: the plain
    ops are kept inside the dispatch and the CPU reference inlines it.
    With `remarks`, every place where a chain stops says why.
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark where an epilogue chain stops and why">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
