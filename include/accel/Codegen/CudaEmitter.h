//===- CudaEmitter.h - accel modules as CUDA C++ and PTX --------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_CUDAEMITTER_H
#define ACCEL_CODEGEN_CUDAEMITTER_H

#include "accel/Dialect/Accel/IR/AccelAttrs.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accel::codegen {

/// How accel-translate compiles a module for CUDA.
struct CudaCompileOptions {
  /// The chip of a module without `accel.target` (accel-translate's
  /// --accel-sm; sm_80 when neither names one). A module whose target
  /// differs is an error.
  std::optional<std::string> chip;
  /// A tuning table for accel-select-kernels (empty: none).
  std::string tuningTable;
};

/// Gives `module` the target `chip`, which `spelling` (`--accel-sm`,
/// `target`) asked for: an unsupported chip, or a module whose
/// `accel.target` names another one, is an error on the module.
mlir::FailureOr<CudaTargetAttr> setModuleTarget(mlir::ModuleOp module,
                                                llvm::StringRef chip,
                                                llvm::StringRef spelling);

/// Sets `module`'s `accel.target` and runs accel-form-dispatches and
/// accel-select-kernels on it: afterwards every kernel-bearing op is in a
/// dispatch of its own with a verified `accel.kernel_config`.
mlir::LogicalResult prepareForCuda(mlir::ModuleOp module,
                                   const CudaCompileOptions &options);

/// Writes self-contained CUDA C++ for a prepared `module`: the kernel
/// templates its dispatches need, and for each func.func an `extern "C"`
/// entry point that launches them on a stream with device pointers and
/// run-time sizes (`deviceOnly`: the kernels and their explicit instances
/// only, what NVRTC compiles). `kernelNames` receives the template
/// instances used. What cannot be emitted is a diagnostic on its op.
mlir::LogicalResult emitCuda(mlir::ModuleOp module, bool deviceOnly,
                             llvm::raw_ostream &os,
                             std::vector<std::string> *kernelNames = nullptr);

/// prepareForCuda, then emitCuda with host code.
mlir::LogicalResult translateToCuda(mlir::ModuleOp module,
                                    const CudaCompileOptions &options,
                                    llvm::raw_ostream &os);

/// prepareForCuda, then the host program of the entry points as the EmitC
/// module upstream's C++ emitter prints (accel-translate
/// --accel-to-cuda-host): what the host code does, without the kernels.
mlir::LogicalResult translateToCudaHost(mlir::ModuleOp module,
                                        const CudaCompileOptions &options,
                                        llvm::raw_ostream &os);

/// prepareForCuda, then the kernels compiled to PTX for the module's target
/// with NVRTC; fails with a diagnostic when accel was built without NVRTC.
mlir::LogicalResult translateToPtx(mlir::ModuleOp module,
                                   const CudaCompileOptions &options,
                                   llvm::raw_ostream &os);

/// Refuses an input before MLIR parses it (true: refused, with diagnostics
/// printed through the source manager). accel-translate passes the screen
/// for the inputs that crash the upstream parser (accel/Tools/UpstreamGuards.h).
using InputScreen = std::function<bool(const llvm::SourceMgr &)>;

/// Registers --accel-to-cuda and --accel-to-ptx with mlir-translate;
/// `getOptions` gives the tool's options when a translation runs.
void registerCudaTranslations(
    std::function<CudaCompileOptions()> getOptions,
    const InputScreen &screen = nullptr);

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_CUDAEMITTER_H
