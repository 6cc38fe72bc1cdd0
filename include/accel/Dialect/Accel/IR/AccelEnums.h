//===- AccelEnums.h - accel enumerations ------------------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELENUMS_H
#define ACCEL_DIALECT_ACCEL_IR_ACCELENUMS_H

#include "mlir/IR/BuiltinAttributes.h"

#include "accel/Dialect/Accel/IR/AccelEnums.h.inc"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELENUMS_H
