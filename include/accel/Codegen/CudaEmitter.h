//===- CudaEmitter.h - accel modules as CUDA C++ and PTX --------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_CUDAEMITTER_H
#define ACCEL_CODEGEN_CUDAEMITTER_H

#include "accel/Codegen/TargetInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>
#include <vector>

namespace accel::codegen {

struct CudaEmitOptions {
  TargetInfo target;
  /// Kernels only, no host code (what NVRTC compiles to PTX).
  bool deviceOnly = false;
};

/// Writes self-contained CUDA C++ for `module`: the kernel templates its
/// ops need, and for each func.func an `extern "C"` entry point that
/// launches them on a stream with device pointers and run-time sizes.
/// `kernelNames` receives the template instances used. Unsupported ops or
/// shapes are diagnostics on their ops.
mlir::LogicalResult emitCuda(mlir::ModuleOp module,
                             const CudaEmitOptions &options,
                             llvm::raw_ostream &os,
                             std::vector<std::string> *kernelNames = nullptr);

/// Compiles `module`'s kernels to PTX for the target with NVRTC; fails with
/// a diagnostic when accel was built without NVRTC.
mlir::LogicalResult emitPtx(mlir::ModuleOp module, const TargetInfo &target,
                            llvm::raw_ostream &os);

/// Refuses an input before MLIR parses it (true: refused, with diagnostics
/// printed through the source manager). accel-translate passes the screen
/// for the inputs that crash the upstream parser (accel/Tools/UpstreamGuards.h).
using InputScreen = std::function<bool(const llvm::SourceMgr &)>;

/// Registers --accel-to-cuda and --accel-to-ptx with mlir-translate.
void registerCudaTranslations(const InputScreen &screen = nullptr);

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_CUDAEMITTER_H
