//===- InitAllDialects.h - dialects accel's tools register ------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_INITALLDIALECTS_H
#define ACCEL_INITALLDIALECTS_H

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"

namespace accel {

/// accel plus every upstream dialect and its interface extensions
/// (bufferization models, LLVM translation, inliner): users combine accel
/// with func/arith/math/tensor/linalg/scf, and the reference lowering runs
/// through bufferization and the LLVM dialect. The kernel families' config
/// models verify `accel.kernel_config`.
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<AccelDialect>();
  codegen::registerKernelConfigModels(registry);
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
}

} // namespace accel

#endif // ACCEL_INITALLDIALECTS_H
