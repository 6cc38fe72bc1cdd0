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
} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELOPS_H
