//===- KernelFamily.h - kernel templates behind accel ops -------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The CUDA backend's architecture: every kernel-bearing op becomes a kernel
// instance = a template family + a tile configuration (attribute, tuning
// table or cost model) + what the family generates around it. A family owns
// everything specific to its ops: which ops and targets it supports (with
// diagnostics naming the missing capability), the signature that keys the
// tuning table, its cost model, its template source and the host code that
// launches it. New families (GEMM with epilogues, segment GEMM, Monarch,
// quantized GEMM) register beside attention without touching it.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_KERNELFAMILY_H
#define ACCEL_CODEGEN_KERNELFAMILY_H

#include "accel/Codegen/TargetInfo.h"
#include "accel/Codegen/TileConfig.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace accel::codegen {

/// How generated host code names a tensor: a device pointer expression and
/// one size expression per dim (a literal or an entry-point parameter).
struct TensorBinding {
  std::string pointer;
  llvm::SmallVector<std::string> sizes;
  mlir::RankedTensorType type;
};

/// One kernel-bearing op as the backend will emit it.
struct KernelInstance {
  std::string family;
  std::string signature;
  TileConfig config;
  /// "attribute", "tuning-table" or "cost-model".
  std::string configSource;
  /// The template instance (kernel name expression), for records and NVRTC.
  std::string kernelName;
  /// Explicit instantiations of the helper kernels it launches.
  std::vector<std::string> auxiliaryInstantiations;
};

class KernelFamily {
public:
  virtual ~KernelFamily();

  virtual llvm::StringRef getName() const = 0;
  virtual bool matches(mlir::Operation *op) const = 0;
  /// Whether the family emits code for `target` (families that need an
  /// architecture feature register before the portable ones).
  virtual bool supportsTarget(const TargetInfo &target) const { return true; }
  /// Fails with a diagnostic on `op` naming the capability that is missing
  /// (a dtype, a head dim, a dynamic dim the kernel needs static, an SM).
  virtual mlir::LogicalResult checkSupported(mlir::Operation *op,
                                             const TargetInfo &target) const = 0;
  /// What keys the tuning table: everything that changes the best config.
  virtual std::string getSignature(mlir::Operation *op) const = 0;
  /// The cost model's choice when neither attribute nor table decide.
  virtual TileConfig getDefaultConfig(mlir::Operation *op,
                                      const TargetInfo &target) const = 0;
  /// Fails with a diagnostic when a (user-given) config cannot work.
  virtual mlir::LogicalResult verifyConfig(mlir::Operation *op,
                                           const TileConfig &config,
                                           const TargetInfo &target) const = 0;
  /// The template source, emitted once per translation unit.
  virtual llvm::StringRef getTemplateSource() const = 0;
  /// The parameter list of the family's kernels, for explicit instances.
  virtual llvm::StringRef getKernelParameterList() const = 0;
  /// Explicit instantiations (full declarations) of the helper kernels an
  /// instance launches besides its main kernel, for NVRTC/PTX users.
  virtual std::vector<std::string>
  getAuxiliaryInstantiations(mlir::Operation *op,
                             const TileConfig &config) const {
    return {};
  }
  /// The kernel template instance for `op` under `config`.
  virtual std::string getKernelName(mlir::Operation *op,
                                    const TileConfig &config) const = 0;
  /// The size expressions of each result, from the operands' bindings.
  virtual llvm::SmallVector<llvm::SmallVector<std::string>>
  getResultSizes(mlir::Operation *op,
                 llvm::ArrayRef<TensorBinding> operands) const = 0;
  /// Host code (statements in a function returning cudaError_t) that
  /// launches `instance` on `stream` with the operands and results bound.
  virtual void emitLaunch(mlir::Operation *op, const KernelInstance &instance,
                          llvm::ArrayRef<TensorBinding> operands,
                          llvm::ArrayRef<TensorBinding> results,
                          llvm::raw_ostream &os) const = 0;
};

/// Run-time checks in generated host code. A failed check records
/// "<file>:<line>:<col>: '<op>' op expects <what>" (the CPU path's format)
/// for accel_last_error_message() and returns cudaErrorInvalidValue.
/// `what` is printf-style text with one `%lld` per entry of `values` (size
/// expressions, printed as long long); `failCondition` is the C++
/// condition under which the check fails.
void emitRunTimeCheck(llvm::raw_ostream &os, mlir::Operation *op,
                      llvm::StringRef failCondition, llvm::StringRef what,
                      llvm::ArrayRef<std::string> values = {},
                      llvm::StringRef indent = "    ");

/// Emits `if (cudaError_t e = <call>) return <e recorded>;`: a failing CUDA
/// call (allocation, launch) records "<location>: '<op>' op <doing>: <CUDA
/// error string>" and returns its status.
void emitCheckedCudaCall(llvm::raw_ostream &os, mlir::Operation *op,
                         llvm::StringRef call, llvm::StringRef doing,
                         llvm::StringRef indent = "    ");

/// `s` as a C string literal body (quotes, backslashes and control
/// characters escaped; `%` doubled when `forPrintf`).
std::string escapeCString(llvm::StringRef s, bool forPrintf);

/// "<file>:<line>:<col>: '<op>' op " for `op`'s location (the first file
/// location inside fused, named or call-site locations; "<unknown>:0:0"
/// without one).
std::string getRunTimeMessagePrefix(mlir::Operation *op);

/// The families the backend knows.
class KernelRegistry {
public:
  void add(std::unique_ptr<KernelFamily> family);
  /// The first registered family that emits `op` for `target`, if any.
  const KernelFamily *lookup(mlir::Operation *op,
                             const TargetInfo &target) const;
  llvm::ArrayRef<std::unique_ptr<KernelFamily>> getFamilies() const {
    return families;
  }

private:
  std::vector<std::unique_ptr<KernelFamily>> families;
};

/// Builds the instance for `op`: support check, then configuration from the
/// attribute, the tuning table, or the cost model (verified either way).
mlir::FailureOr<KernelInstance> planKernel(const KernelFamily &family,
                                           mlir::Operation *op,
                                           const TargetInfo &target);

/// accel.attention and accel.attention_grad (FlashAttention-2 forward and
/// backward on mma.sync; on sm_90a the forward on wgmma and TMA).
void registerAttentionKernels(KernelRegistry &registry);
/// Every family.
KernelRegistry createDefaultKernelRegistry();

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_KERNELFAMILY_H
