//===- RaiseMatchers.h - reading front-end linalg for accel-raise -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What accel-raise's patterns need to read the IR that front ends emit: each
// elementwise step is its own linalg.generic, broadcasts and transposes are
// yield-only generics, scalars are constants captured by a body or 0-d
// tensors, and masks are built from linalg.index. These helpers see through
// that spelling so the patterns can ask semantic questions ("is this value
// exp(x - rowmax(x))?") instead of matching one front end's op sequence.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CONVERSION_LINALGTOACCEL_RAISEMATCHERS_H
#define ACCEL_LIB_CONVERSION_LINALGTOACCEL_RAISEMATCHERS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Value.h"

#include <optional>

namespace accel::raise {

/// A read of `value` at `map(i)` for every point `i` of some iteration space
/// (the consumer's); `map` goes from that space's dims to `value`'s dims.
struct Access {
  mlir::Value value;
  mlir::AffineMap map;
};

/// `access` followed through ops that only move data: yield-only
/// all-parallel linalg.generic ops (broadcasts, transposes, copies),
/// linalg.transpose, linalg.broadcast, and tensor.expand_shape /
/// collapse_shape that only add or drop unit dims. The result reads the
/// same elements from the op the data came from.
Access lookThroughDataMovement(Access access);

/// One step of the above, or nothing when `access.value` is not produced by
/// data movement.
std::optional<Access> lookThroughOneStep(Access access);

/// `access` and every access the steps above lead to, in order: a pattern
/// that can absorb only some data movement takes the deepest one it accepts.
llvm::SmallVector<Access> getDataMovementChain(Access access);

/// Whether `access` reads its value element for element: the identity map
/// over a space of the value's rank.
bool isIdentityAccess(const Access &access);

/// If `access` reads, at point (i_0, ..., i_{r-1}) of a rank-`rank` space,
/// element (i_0, ..., i_{r-2}) of a per-row value (rank r-1, or rank r with
/// a unit last dim read at 0), that value; else null. This is how a
/// reduction over the last dim is broadcast back (softmax's max and sum).
mlir::Value getRowBroadcastSource(const Access &access, unsigned rank);

/// An all-parallel linalg.generic with one result, the identity output map
/// and a body of one scalar op (plus the yield) that reads only the
/// generic's inputs and values defined outside it: one elementwise step.
struct ElementwiseStep {
  mlir::linalg::GenericOp generic;
  mlir::Operation *scalarOp = nullptr;
  /// Per operand of `scalarOp`: the input it reads (through data movement),
  /// or a null value for a value captured from outside the body, which is
  /// then in `captured`.
  llvm::SmallVector<Access> operands;
  llvm::SmallVector<mlir::Value> captured;

  /// Operand `i` when it reads a tensor element for element, else null.
  mlir::Value identityOperand(unsigned i) const;
};
std::optional<ElementwiseStep> matchElementwiseStep(mlir::Value value);

/// The one float every element of `value` (a float scalar or a tensor) has,
/// when it is known at compile time: float constants, splat tensors, fills,
/// and generics whose bodies compute from such values (sqrt, rsqrt, mul,
/// div, add, sub, neg and float casts, rounded to each op's type).
std::optional<double> getConstantFloat(mlir::Value value);

/// A reduction over the last dim: a linalg.generic reading `input` with the
/// identity map into an init of the row shape (rank r-1, or r with a unit
/// last dim), whose first result's body is `combiner(in, out)` in either
/// order, possibly after a float cast of `in`.
struct LastDimReduction {
  mlir::linalg::GenericOp generic;
  mlir::Operation *combiner = nullptr;
  mlir::Value input; ///< The reduced tensor, before any cast in the body.
  mlir::Value init;  ///< The init operand of the first result.
};
std::optional<LastDimReduction> matchLastDimReduction(mlir::Value value);

/// The values of an integer or i1 tensor of static shape that is computed
/// from constants and linalg.index only (an iota mask), in row-major order,
/// or nothing when it depends on anything else or has more than `limit`
/// elements.
std::optional<llvm::SmallVector<int64_t>>
evaluateIndexTensor(mlir::Value value, int64_t limit);

} // namespace accel::raise

#endif // ACCEL_LIB_CONVERSION_LINALGTOACCEL_RAISEMATCHERS_H
