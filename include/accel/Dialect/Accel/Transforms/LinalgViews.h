//===- LinalgViews.h - linalg ops that only move elements -------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The linalg ops the CUDA host program reads as strided views rather than
// computing them (accel-form-dispatches leaves them out of dispatches).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_LINALGVIEWS_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_LINALGVIEWS_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace accel {

/// The permutation of a transpose (result dim i is input dim
/// permutation[i], linalg.transpose's attribute): linalg.transpose, or a
/// linalg.generic that only copies its one input through permutation maps
/// (how JAX and StableHLO lowerings write a transpose).
std::optional<llvm::SmallVector<int64_t>>
getTransposePermutation(mlir::Operation *op);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_LINALGVIEWS_H
