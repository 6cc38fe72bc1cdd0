//===- Passes.td - accel conversion passes -----------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertAccelToLinalgPass : Pass<"accel-to-linalg"> {
  let summary = "reference lowering of every accel op to linalg/tensor/arith/math/scf";
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

#endif // ACCEL_CONVERSION_PASSES_TD
