//===- CudaRunner.h - accel-run --device=cuda -------------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs an entry on a GPU through what accel-translate emits: the module
// (after --pipeline) is translated to CUDA C++, compiled by nvcc into a
// shared library with a small trampoline per entry (the kernel cache keeps
// it), loaded with RTLD_LOCAL, and called with device buffers that the
// runtime (runtime/, the CUDA driver opened at run time) allocates and
// fills from the host arrays. docs/accel-run.md, "On a GPU".
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_RUN_CUDARUNNER_H
#define ACCEL_TOOLS_RUN_CUDARUNNER_H

#include "accel/Tools/Run/HostArray.h"
#include "accel/Tools/Run/JitRunner.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <string>

namespace accel::run {

/// No CUDA driver or device: the run cannot happen here (a skip, not a
/// failure, for --compare-device).
class NoDeviceError : public llvm::ErrorInfo<NoDeviceError> {
public:
  static char ID;
  explicit NoDeviceError(std::string reason) : reason(std::move(reason)) {}
  void log(llvm::raw_ostream &os) const override { os << reason; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }

private:
  std::string reason;
};

struct CudaRunOptions {
  /// Pass pipeline applied before translation (may be empty).
  std::string pipeline;
  /// The SM to compile for; empty: the device's own (sm_80 if unknown).
  std::string chip;
  /// nvcc; empty: $ACCEL_NVCC, else /usr/local/cuda/bin/nvcc.
  std::string nvcc;
  /// The results' shapes when the entry's result types are not static
  /// (from a CPU run of the same inputs); empty: the result types.
  llvm::SmallVector<llvm::SmallVector<int64_t>> resultShapes;
};

/// Runs `entry` of `module` (left untouched) on the GPU. A missing driver or
/// device is a NoDeviceError, raised after the module was translated and
/// compiled (so those steps are checked on any machine).
llvm::Expected<RunOutputs> runFunctionOnCuda(mlir::ModuleOp module,
                                             llvm::StringRef entry,
                                             llvm::ArrayRef<HostArray> inputs,
                                             const CudaRunOptions &options);

} // namespace accel::run

#endif // ACCEL_TOOLS_RUN_CUDARUNNER_H
