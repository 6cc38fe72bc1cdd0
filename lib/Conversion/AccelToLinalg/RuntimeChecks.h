//===- RuntimeChecks.h - run-time shape checks of the lowerings -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Sizes the verifier could not compare (a dynamic dim against another) are
// checked by the generated code with cf.assert.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CONVERSION_ACCELTOLINALG_RUNTIMECHECKS_H
#define ACCEL_LIB_CONVERSION_ACCELTOLINALG_RUNTIMECHECKS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Operation.h"

namespace accel::lowering {

/// Whether every operand and result of `op` has a static shape, i.e. the
/// verifier has already compared every pair of sizes the lowering relies on.
bool hasStaticShapes(mlir::Operation *op);

/// Run-time checks are cf.assert ops; the cf dialect must have been loaded
/// before the conversion started (dialects cannot be loaded while passes
/// run).
mlir::LogicalResult checkRunTimeChecksAvailable(mlir::Operation *op);

/// Emits `cf.assert lhs == rhs` unless both sizes are static: the verifier
/// has then compared them already.
void assertSameSize(mlir::OpBuilder &b, mlir::Location loc,
                    mlir::OpFoldResult lhs, mlir::OpFoldResult rhs,
                    const llvm::Twine &message);

} // namespace accel::lowering

#endif // ACCEL_LIB_CONVERSION_ACCELTOLINALG_RUNTIMECHECKS_H
