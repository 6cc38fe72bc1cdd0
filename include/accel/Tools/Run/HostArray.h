//===- HostArray.h - a typed array in host memory ----------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The values accel-run passes to and reads from JIT-compiled functions: an
// element kind, a shape and the bytes exactly as the compiled code lays them
// out (row-major, identity layout; i4 one element per byte, f16/bf16 as
// their 16-bit patterns, fp8 as their 8-bit patterns).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_RUN_HOSTARRAY_H
#define ACCEL_TOOLS_RUN_HOSTARRAY_H

#include "mlir/IR/Types.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accel::run {

/// Element types accel-run can move in and out of compiled code.
enum class ElementKind {
  F64, F32, F16, BF16, F8E4M3FN, F8E5M2, I1, I4, I8, I16, I32, I64, Index
};

/// The kind of an MLIR element type, if accel-run supports it.
std::optional<ElementKind> getElementKind(mlir::Type type);
/// Its MLIR spelling (`f32`, `i4`, `f8E4M3FN`, ...).
llvm::StringRef getElementKindName(ElementKind kind);
/// Parses an MLIR spelling.
std::optional<ElementKind> parseElementKind(llvm::StringRef name);
/// Bytes per element in the compiled code's memory.
size_t getElementByteSize(ElementKind kind);
bool isFloatKind(ElementKind kind);

struct HostArray {
  ElementKind kind = ElementKind::F32;
  llvm::SmallVector<int64_t> shape;
  std::vector<uint8_t> bytes;

  HostArray() = default;
  /// A zero-filled array.
  HostArray(ElementKind kind, llvm::ArrayRef<int64_t> shape);

  int64_t getNumElements() const;
  /// Element `i` (row-major) as a double (exact for every kind).
  double get(int64_t i) const;
  /// Stores `value` into element `i`, rounding to nearest-even for floats
  /// (fp8 saturates to its largest finite value), truncating toward zero
  /// and clamping to the range for integers.
  void set(int64_t i, double value);
  /// `tensor<4x8xf32>`-style description.
  std::string describe() const;
  static std::string describeType(ElementKind kind,
                                  llvm::ArrayRef<int64_t> shape);
};

/// Multi-index of a row-major flat index, for diagnostics.
llvm::SmallVector<int64_t> unflattenIndex(int64_t flat,
                                          llvm::ArrayRef<int64_t> shape);

} // namespace accel::run

#endif // ACCEL_TOOLS_RUN_HOSTARRAY_H
