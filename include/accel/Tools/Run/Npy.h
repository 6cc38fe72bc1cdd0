//===- Npy.h - reading and writing NumPy .npy files --------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// NumPy's .npy format (versions 1-3, little-endian, C order). Reading
// converts the file's dtype to the element kind an argument needs; writing
// uses the closest NumPy dtype (bf16 and fp8 widen exactly to float32, i4
// is written as int8).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_RUN_NPY_H
#define ACCEL_TOOLS_RUN_NPY_H

#include "accel/Tools/Run/HostArray.h"
#include "llvm/Support/Error.h"

namespace accel::run {

/// Reads `path` and converts its values to `kind`.
llvm::Expected<HostArray> readNpy(llvm::StringRef path, ElementKind kind);
/// Parses .npy bytes (what readNpy reads from a file).
llvm::Expected<HostArray> parseNpy(llvm::StringRef contents, ElementKind kind);
/// Serializes an array as .npy bytes.
std::string serializeNpy(const HostArray &array);
/// Writes an array to `path`.
llvm::Error writeNpy(llvm::StringRef path, const HostArray &array);

} // namespace accel::run

#endif // ACCEL_TOOLS_RUN_NPY_H
