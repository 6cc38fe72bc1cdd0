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

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_PASSES_TD
