//===- KernelCache.h - compiled kernels cached on disk ----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// `--accel-to-ptx` compiles the kernels with NVRTC, seconds per module for
// the attention templates. The result depends only on the CUDA source, the
// chip, the compiler options and the versions of accel, LLVM and NVRTC, so
// it is cached on disk under a SHA-256 of all of them (docs/codegen.md,
// "Kernel cache"):
//
//   ACCEL_KERNEL_CACHE_DIR      the directory (default
//                               $XDG_CACHE_HOME/accel/kernels, else
//                               ~/.cache/accel/kernels)
//   ACCEL_KERNEL_CACHE=0        off
//   ACCEL_KERNEL_CACHE_MAX_MB   size limit (default 512); least recently
//                               used entries go first
//   ACCEL_KERNEL_CACHE_VERBOSE=1   one line on stderr per lookup
//
// Entries are written to a unique temporary file and renamed into place,
// so concurrent compilers never see a partial entry; each entry carries a
// digest of its content and a corrupt one is a miss (and is replaced).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_KERNELCACHE_H
#define ACCEL_CODEGEN_KERNELCACHE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace accel::codegen {

class KernelCache {
public:
  /// The cache the environment configures (disabled when it says so or
  /// when no directory can be determined).
  static KernelCache fromEnvironment();
  KernelCache(std::string directory, uint64_t maxBytes, bool verbose);

  bool isEnabled() const { return !directory.empty(); }
  const std::string &getDirectory() const { return directory; }

  /// The key of an artifact made from `parts` (hex SHA-256 over the parts,
  /// each length-prefixed).
  static std::string computeKey(llvm::ArrayRef<llvm::StringRef> parts);

  /// The cached artifact of `key`, if present and intact.
  std::optional<std::string> lookup(llvm::StringRef key) const;
  /// Stores `artifact` under `key` (best effort: a cache that cannot be
  /// written only costs the next compile), then trims the cache to its
  /// size limit, least recently used first, never removing `key` itself.
  void store(llvm::StringRef key, llvm::StringRef artifact) const;

private:
  std::string directory; ///< empty: disabled
  uint64_t maxBytes = 0;
  bool verbose = false;
};

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_KERNELCACHE_H
