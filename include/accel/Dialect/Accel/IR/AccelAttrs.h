//===- AccelAttrs.h - accel attributes --------------------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_H
#define ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Accel/IR/AccelAttrs.h.inc"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_H
