//===- AccelDialect.h - accel dialect ---------------------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_H
#define ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_H

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

namespace accel {
class CudaTargetAttr;
} // namespace accel

#include "accel/Dialect/Accel/IR/AccelDialect.h.inc"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_H
