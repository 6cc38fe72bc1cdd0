//===- CpuLegalization.h - upstream IR the CPU pipeline must accept -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Pieces of the CPU reference pipeline that make IR real front ends emit
// (torch-mlir, JAX through IREE's input phase) lower and run: see
// docs/accel-run.md, "Upstream programs".
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_PIPELINES_CPULEGALIZATION_H
#define ACCEL_PIPELINES_CPULEGALIZATION_H

#include "mlir/Pass/PassManager.h"

namespace accel {

/// On tensors, before bufferization: decomposes ops that neither
/// bufferization nor the loop lowering handle (linalg.softmax,
/// linalg.pack/unpack, Winograd transforms, tensor.gather/scatter/bitcast),
/// and computes f16/bf16 math in f32.
void addCpuTensorLegalization(mlir::OpPassManager &pm);

/// The math lowering to LLVM: integer powers as functions, libm for what it has (erf, tanh, log1p,
/// expm1, ...), LLVM intrinsics for the rest (rsqrt, absf, ...). libm
/// declarations must get no C wrappers: run it after
/// llvm-request-c-wrappers.
void addCpuMathLowering(mlir::OpPassManager &pm);

} // namespace accel

#endif // ACCEL_PIPELINES_CPULEGALIZATION_H
