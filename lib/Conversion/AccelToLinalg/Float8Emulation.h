//===- Float8Emulation.h - fp8 <-> f32 on the bit level ----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Upstream MLIR 22 has no LLVM lowering of arith.extf/truncf to or from
// f8E4M3FN and f8E5M2, and the CPU reference must run; these build the
// conversions from arith on i32 and arith.bitcast to/from i8.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CONVERSION_ACCELTOLINALG_FLOAT8EMULATION_H
#define ACCEL_LIB_CONVERSION_ACCELTOLINALG_FLOAT8EMULATION_H

#include "mlir/IR/Builders.h"

namespace accel::lowering {

/// Whether `type` is f8E4M3FN or f8E5M2.
bool isFloat8(mlir::Type type);
/// Rounds the f32 `value` to the nearest fp8 value of `type` (ties to
/// even), saturating at the largest finite value; NaN stays NaN.
mlir::Value encodeFloat8(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value value, mlir::Type type);
/// The f32 value of the fp8 scalar `value` (exact).
mlir::Value decodeFloat8(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value value);

} // namespace accel::lowering

#endif // ACCEL_LIB_CONVERSION_ACCELTOLINALG_FLOAT8EMULATION_H
