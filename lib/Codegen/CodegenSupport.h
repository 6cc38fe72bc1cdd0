//===- CodegenSupport.h - small helpers every kernel family uses -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_CODEGENSUPPORT_H
#define ACCEL_LIB_CODEGEN_CODEGENSUPPORT_H

#include "accel/Dialect/Accel/IR/AccelAttrs.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"

#include <algorithm>
#include <optional>

namespace accel::codegen {

inline mlir::RankedTensorType tensorType(mlir::Value value) {
  return mlir::cast<mlir::RankedTensorType>(value.getType());
}

inline int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

/// The dynamic shared memory a block may opt in to on `target`; without a
/// target (a config checked before one is set), the largest (sm_90a's).
inline int64_t getDynamicSharedMemoryLimit(CudaTargetAttr target) {
  return target ? target.getMaxDynamicSharedMemoryBytes() : 227 * 1024;
}

/// `ceil(size / tile)`, dynamic when `size` is.
inline int64_t tilesOf(int64_t size, int64_t tile) {
  return mlir::ShapedType::isDynamic(size) ? mlir::ShapedType::kDynamic
                                           : ceilDiv(size, tile);
}

/// Bytes per element of the types kernels exchange (i1 and i4 take one).
inline int64_t getElementBytes(mlir::Type type) {
  return std::max<int64_t>(1, type.getIntOrFloatBitWidth() / 8);
}

/// The CUDA storage type of an f32, f16 or bf16 element, if it is one.
inline std::optional<llvm::StringRef> getCudaFloatType(mlir::Type type) {
  if (type.isF32())
    return llvm::StringRef("float");
  if (type.isBF16())
    return llvm::StringRef("__nv_bfloat16");
  if (type.isF16())
    return llvm::StringRef("__half");
  return std::nullopt;
}

} // namespace accel::codegen

#endif // ACCEL_LIB_CODEGEN_CODEGENSUPPORT_H
