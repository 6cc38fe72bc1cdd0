//===- GlueKernels.h - the host program's copy kernel -----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_GLUE_GLUEKERNELS_H
#define ACCEL_LIB_CODEGEN_GLUE_GLUEKERNELS_H

#include "accel/Codegen/KernelFamily.h"

namespace accel::codegen::glue {

/// Dims the copy kernel indexes (accelkern_glue::kMaxRank).
constexpr int64_t kMaxRank = 8;

/// The instance of the copy kernel for elements of `type`.
std::string getCopyInstance(mlir::Type elementType);

/// Launches the copy of view `source` into the dense buffer `destination`
/// (of `source`'s sizes) for `op`. The caller checks the rank.
void buildStridedCopy(HostBuilder &host, mlir::Operation *op,
                      const TensorBinding &source, mlir::Value destination);

} // namespace accel::codegen::glue

#endif // ACCEL_LIB_CODEGEN_GLUE_GLUEKERNELS_H
