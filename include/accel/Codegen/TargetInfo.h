//===- TargetInfo.h - what a CUDA target offers kernels ----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_TARGETINFO_H
#define ACCEL_CODEGEN_TARGETINFO_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace accel::codegen {

/// A CUDA compute capability and the features kernel families key on.
struct TargetInfo {
  int major = 8, minor = 0;
  /// Architecture-specific features (sm_90a: wgmma, setmaxnreg).
  bool archSpecific = false;

  /// Parses `sm_80`, `sm_86`, `sm_89`, `sm_90`, `sm_90a`, ... (sm_80 and up).
  static std::optional<TargetInfo> parse(llvm::StringRef name);
  /// `sm_90a`.
  std::string getName() const;
  int getSm() const { return major * 10 + minor; }

  /// mma.sync m16n8k16 with bf16/f16, ldmatrix, cp.async: sm_80 and up.
  bool hasMmaSync() const { return getSm() >= 80; }
  /// wgmma and TMA: sm_90a only.
  bool hasWgmma() const { return getSm() == 90 && archSpecific; }
  /// Static shared memory a block may use without opting in.
  int getStaticSharedMemoryBytes() const { return 48 * 1024; }
  /// Dynamic shared memory a block may opt in to (cudaFuncSetAttribute).
  int getMaxDynamicSharedMemoryBytes() const {
    switch (getSm()) {
    case 80:
    case 87:
      return 163 * 1024;
    case 86:
    case 89:
      return 99 * 1024;
    case 90:
      return 227 * 1024;
    default:
      return 99 * 1024; // the smallest of the newer parts
    }
  }
};

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_TARGETINFO_H
