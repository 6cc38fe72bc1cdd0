//===- KernelFamily.h - kernel templates behind accel ops -------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The CUDA backend's architecture (docs/codegen.md): every kernel-bearing
// op sits in an accel.dispatch and carries a typed `accel.kernel_config`
// (an attribute implementing KernelConfigAttrInterface) that
// `accel-select-kernels` chose for the module's `accel.target`. A family
// owns everything specific to its ops: which ops and targets it serves
// (with diagnostics naming the missing capability), the signature that keys
// the tuning table, its default config, its template source and the host
// code that launches it; the config attribute's interface model (in the
// family's folder) owns what the knobs mean for an op. New families (GEMM
// with epilogues, segment GEMM, Monarch, quantized GEMM) register beside
// attention without touching it.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_KERNELFAMILY_H
#define ACCEL_CODEGEN_KERNELFAMILY_H

#include "accel/Dialect/Accel/IR/AccelAttrs.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Operation.h"
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

class KernelFamily {
public:
  virtual ~KernelFamily();

  /// What the family's configs return from getFamilyName().
  virtual llvm::StringRef getName() const = 0;
  virtual bool matches(mlir::Operation *op) const = 0;
  /// Whether the family emits code for `target` (families that need an
  /// architecture feature register before the portable ones).
  virtual bool supportsTarget(CudaTargetAttr target) const { return true; }
  /// Fails with a diagnostic on `op` naming the capability that is missing
  /// (a dtype, a head dim, a dynamic dim the kernel needs static, an SM).
  virtual mlir::LogicalResult checkSupported(mlir::Operation *op,
                                             CudaTargetAttr target) const = 0;
  /// What keys the tuning table: everything that changes the best config.
  virtual std::string getSignature(mlir::Operation *op) const = 0;
  /// The family's choice when no tuned config applies (null when the
  /// config models are not registered with the context).
  virtual KernelConfigAttrInterface
  getDefaultConfig(mlir::Operation *op, CudaTargetAttr target) const = 0;
  /// The template source, emitted once per translation unit.
  virtual llvm::StringRef getTemplateSource() const = 0;
  /// The parameter list of the family's kernels, for explicit instances.
  virtual llvm::StringRef getKernelParameterList() const = 0;
  /// The size expressions of each result, from the operands' bindings.
  virtual llvm::SmallVector<llvm::SmallVector<std::string>>
  getResultSizes(mlir::Operation *op,
                 llvm::ArrayRef<TensorBinding> operands) const = 0;
  /// Host code (statements in a function returning cudaError_t) that
  /// launches `op`'s kernels under `config` on `stream` with the operands
  /// and results bound.
  virtual void emitLaunch(mlir::Operation *op, KernelConfigAttrInterface config,
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
  const KernelFamily *lookup(mlir::Operation *op, CudaTargetAttr target) const;
  /// The family named `name`, if any.
  const KernelFamily *lookupByName(llvm::StringRef name) const;
  /// The names of the families that serve `target`, comma-separated.
  std::string getFamilyNames(CudaTargetAttr target) const;
  llvm::ArrayRef<std::unique_ptr<KernelFamily>> getFamilies() const {
    return families;
  }

private:
  std::vector<std::unique_ptr<KernelFamily>> families;
};

/// accel.attention and accel.attention_grad (FlashAttention-2 forward and
/// backward on mma.sync; on sm_90a the forward on wgmma and TMA).
void registerAttentionKernels(KernelRegistry &registry);
/// Attaches the attention configs' KernelConfigAttrInterface models.
void registerAttentionConfigModels(mlir::DialectRegistry &registry);

/// Every family.
const KernelRegistry &getDefaultKernelRegistry();
/// Every family's config models (what verifies `accel.kernel_config`).
void registerKernelConfigModels(mlir::DialectRegistry &registry);

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_KERNELFAMILY_H
