//===- Accel.td - accel dialect umbrella -------------------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCEL_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCEL_TD

include "accel/Dialect/Accel/IR/AccelDialect.td"
include "accel/Dialect/Accel/IR/AccelEnums.td"
include "accel/Dialect/Accel/IR/AccelAttrs.td"
include "accel/Dialect/Accel/IR/AccelInterfaces.td"
include "accel/Dialect/Accel/IR/AccelKernelConfigs.td"
include "accel/Dialect/Accel/IR/AccelOps.td"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCEL_TD
