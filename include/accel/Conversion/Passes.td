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

#endif // ACCEL_CONVERSION_PASSES_TD
