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
// IR that launches it (HostBuilder.h); the config attribute's interface
// model (in the family's folder) owns what the knobs mean for an op. New
// families (GEMM with epilogues, segment GEMM, Monarch, quantized GEMM)
// register beside attention without touching it.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_KERNELFAMILY_H
#define ACCEL_CODEGEN_KERNELFAMILY_H

#include "accel/Codegen/HostBuilder.h"
#include "accel/Dialect/Accel/IR/AccelAttrs.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Operation.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace accel::codegen {

/// What layout of a tensor a kernel reads (the host program copies a view
/// that does not fit into a dense temporary first, with a glue kernel).
enum class OperandLayout {
  /// Dense row-major.
  Contiguous,
  /// Any strides, the last dim's 1 (row strides, slices, transposes of the
  /// leading dims).
  InnerContiguous,
  /// InnerContiguous with every row 16-byte aligned (the strides and the
  /// view's offset in its buffer multiples of 16 bytes): what cp.async of
  /// whole rows needs.
  AlignedRows,
  /// Any strides.
  Strided,
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
  /// Code generated for one kernel instance (an epilogue type), emitted
  /// once per distinct text after the templates.
  virtual std::string getInstanceSource(mlir::Operation *root) const {
    return {};
  }
  /// Whether the family's kernels compute the root's whole dispatch: the
  /// root and the elementwise ops accel-fuse-epilogue put after it (else a
  /// dispatch of several ops is refused).
  virtual bool fusesEpilogues() const { return false; }
  /// The layout the kernel reads dispatch input `input` (a block argument
  /// of the root's dispatch) in.
  virtual OperandLayout getInputLayout(mlir::Operation *root,
                                       mlir::BlockArgument input) const {
    return OperandLayout::Contiguous;
  }
  /// The parameter list of the family's kernels, for explicit instances.
  virtual llvm::StringRef getKernelParameterList() const = 0;
  /// The size values of each result, from the operands' bindings (the
  /// verifier's shape rules, on run-time sizes).
  virtual llvm::SmallVector<llvm::SmallVector<mlir::Value>>
  getResultSizes(mlir::Operation *op, HostBuilder &host,
                 llvm::ArrayRef<TensorBinding> operands) const = 0;
  /// Builds the run-time checks of what the kernels need of the operands'
  /// sizes (before anything of `op` is allocated or launched).
  /// `dispatchInputs` are the bindings of the dispatch's block arguments
  /// (what a fused epilogue reads besides `operands`).
  virtual void buildChecks(mlir::Operation *op, HostBuilder &host,
                           llvm::ArrayRef<TensorBinding> operands,
                           llvm::ArrayRef<TensorBinding> dispatchInputs) const = 0;
  /// Builds the host code that launches `op`'s kernels under `config` with
  /// the operands and results bound (after buildChecks).
  virtual void buildLaunch(mlir::Operation *op,
                           KernelConfigAttrInterface config, HostBuilder &host,
                           llvm::ArrayRef<TensorBinding> operands,
                           llvm::ArrayRef<TensorBinding> dispatchInputs,
                           llvm::ArrayRef<TensorBinding> results) const = 0;
};

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

/// accel.matmul with the elementwise epilogue of its dispatch (mma.sync,
/// sm_80 and up).
void registerGemmKernels(KernelRegistry &registry);
/// Attaches the GEMM configs' KernelConfigAttrInterface models.
void registerGemmConfigModels(mlir::DialectRegistry &registry);

/// accel.quantize (static and dynamic scales; i8 and f8E4M3FN).
void registerQuantizeKernels(KernelRegistry &registry);
/// Attaches the quantize config's KernelConfigAttrInterface model.
void registerQuantizeConfigModels(mlir::DialectRegistry &registry);

/// accel.block_diag_matmul and accel.monarch_matmul (batched GEMMs on the
/// mma.sync template with the permutation folded into their stores, sm_80
/// and up).
void registerMonarchKernels(KernelRegistry &registry);
/// Attaches the Monarch config's KernelConfigAttrInterface model.
void registerMonarchConfigModels(mlir::DialectRegistry &registry);

/// linalg.generic and linalg.fill that fusion left outside every accel
/// op's dispatch, one kernel each (CUDA cores, any target).
void registerGenericKernels(KernelRegistry &registry);
/// Attaches the generic config's KernelConfigAttrInterface model.
void registerGenericConfigModels(mlir::DialectRegistry &registry);

/// The host program's own kernels (a strided copy that makes a view
/// dense), which no op selects; not in the registry.
const KernelFamily &getGlueCopyFamily();

/// Every family.
const KernelRegistry &getDefaultKernelRegistry();
/// Every family's config models (what verifies `accel.kernel_config`).
void registerKernelConfigModels(mlir::DialectRegistry &registry);

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_KERNELFAMILY_H
