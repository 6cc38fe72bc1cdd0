//===- AccelAttrs.h - accel attributes --------------------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_H
#define ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "mlir/IR/Operation.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Accel/IR/AccelAttrs.h.inc"

namespace accel {
/// How a kernel instance launches its main kernel.
struct KernelLaunchShape {
  /// Blocks in x, y, z; `mlir::ShapedType::kDynamic` where the count
  /// depends on run-time sizes.
  llvm::SmallVector<int64_t, 3> grid;
  int64_t threadsPerBlock = 0;
  int64_t sharedMemoryBytes = 0;
};
} // namespace accel

#include "accel/Dialect/Accel/IR/AccelAttrInterfaces.h.inc"

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELATTRS_H
