//===- QuantReport.h - FP8 versus INT8 per layer ----------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel-run --quant-report (docs/accel-run.md): for every accel.matmul of
// an entry, the error of quantizing its activation and its weight to INT8,
// FP8 E4M3 and FP8 E5M2 at per-tensor and per-channel (per-token for
// activations) granularity, measured on the values of a real run, and the
// error of the layer's output with both operands quantized; per tensor, the
// format with the smallest error. The question of "FP8 versus INT8 for
// efficient deep learning inference" (van Baalen et al. 2023), asked per
// layer of the user's model.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_RUN_QUANTREPORT_H
#define ACCEL_TOOLS_RUN_QUANTREPORT_H

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Tools/Run/HostArray.h"
#include "accel/Tools/Run/JitRunner.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace accel::run {

/// A run of an entry with the operands of every accel.matmul of its body
/// (not inside dispatches) returned after its own results: result
/// `numOriginalResults + 2 i` is matmul i's activation, `+ 1` its weight.
struct MatmulOperandRun {
  mlir::OwningOpRef<mlir::ModuleOp> probe; ///< owns `matmuls`
  llvm::SmallVector<MatmulOp> matmuls;
  unsigned numOriginalResults = 0;
  RunOutputs outputs;
};
llvm::Expected<MatmulOperandRun>
runReturningMatmulOperands(mlir::ModuleOp module, llvm::StringRef entry,
                           llvm::ArrayRef<HostArray> inputs);

/// accel-run --calibrate=FILE: the absmax of every accel.matmul's
/// activation on `inputs`, merged (by maximum) into the calibration file
/// `path` (accel/Dialect/Accel/Transforms/Calibration.h); a summary to `os`.
llvm::Error calibrate(mlir::ModuleOp module, llvm::StringRef entry,
                      llvm::ArrayRef<HostArray> inputs, llvm::StringRef path,
                      llvm::raw_ostream &os);

/// Runs `entry` of `module` on `inputs` with every accel.matmul's operands
/// returned as well, and prints the report to `os`.
llvm::Error printQuantReport(mlir::ModuleOp module, llvm::StringRef entry,
                             llvm::ArrayRef<HostArray> inputs,
                             llvm::raw_ostream &os);

/// The relative Frobenius error of `values` quantized symmetrically to
/// `format` ("int8", "e4m3", "e5m2") with one scale per group of
/// `groupSize` consecutive elements (absmax / qmax; an all-zero group gets
/// scale 1), and dequantized. Exposed for the unit tests.
double quantizationError(llvm::ArrayRef<double> values, llvm::StringRef format,
                         int64_t groupSize);

/// `value` quantized to `format` with `scale` and dequantized.
double fakeQuantize(double value, double scale, llvm::StringRef format);

} // namespace accel::run

#endif // ACCEL_TOOLS_RUN_QUANTREPORT_H
