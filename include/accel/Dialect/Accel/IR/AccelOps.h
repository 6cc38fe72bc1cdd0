//===- AccelOps.h - accel operations ----------------------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H
#define ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H

#include "accel/Dialect/Accel/IR/AccelAttrs.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelEnums.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "accel/Dialect/Accel/IR/AccelOps.h.inc"

namespace accel {
/// Whether `permutation` swaps the last two dims and keeps the others: a
/// transpose that a matmul's `transpose_b` expresses (the canonicalization
/// of accel.matmul and accel-layout fold it).
bool isTransposeOfLastTwoDims(llvm::ArrayRef<int64_t> permutation);

/// Visits, for a matmul weight of static `shape` (`[..., K, N]`, or
/// `[..., N, K]` with `transposeB`), every group of `groupSize` consecutive
/// K elements of every output column: `visit(column, group, indices)` with
/// the group's row-major flat indices into the weight (the column counts
/// across batch matrices). K must be a multiple of `groupSize`. The one
/// reading of "along K" of the 2:4 marker's verifier, accel-sparsify and
/// accel-quantize.
void forEachWeightGroupAlongK(
    llvm::ArrayRef<int64_t> shape, bool transposeB, int64_t groupSize,
    llvm::function_ref<void(int64_t column, int64_t group,
                            llvm::ArrayRef<int64_t> indices)>
        visit);
} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H
