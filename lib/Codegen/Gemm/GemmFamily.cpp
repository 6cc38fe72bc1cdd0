//===- GemmFamily.cpp - accel.matmul and its epilogue on CUDA -------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The GEMM families: accel.matmul with bf16/f16 inputs on mma.sync
// (GemmSm80.cuh) or wgmma (GemmSm90.cuh), f32 inputs on the CUDA cores
// (GemmSimt.cuh), and accel.quantized_matmul with 8-bit inputs on
// mma.sync; f32 (i32) accumulation, any batch broadcast of up to four
// batch dims, transpose_b, bias, the scales, and the elementwise epilogue
// of its dispatch (GemmEpilogue.cpp); a and b are read through their
// strides (slices and transposes of the leading dims are views), the
// epilogue's tensors through any strides.
//
//===----------------------------------------------------------------------===//

#include "CodegenSupport.h"
#include "GemmEpilogue.h"
#include "GemmFamily.h"

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::gemm;

namespace {
#include "GemmSm80.cuh.inc"
#include "GemmSimt.cuh.inc"
#include "GemmSm90.cuh.inc"
#include "TensorCoreSm80.cuh.inc"
#include "TensorCoreSm90.cuh.inc"

using Pred = arith::CmpIPredicate;

/// The output's batch size at output batch dim `d` (of `rank` batch dims)
/// that operand `t` (a matrix with batch dims aligned from the right)
/// contributes, or null when it has no such dim.
Value getOperandBatchSize(const TensorBinding &t, int64_t d, int64_t rank) {
  int64_t od = d - (rank - (int64_t(t.sizes.size()) - 2));
  return od < 0 ? Value() : t.sizes[od];
}

/// The output batch dim sizes: numpy broadcast of a's and b's.
SmallVector<Value> getBatchSizes(GemmOp op, HostBuilder &host,
                                 const TensorBinding &a,
                                 const TensorBinding &b) {
  int64_t rank = tensorType(op.getResult()).getRank() - 2;
  SmallVector<Value> sizes;
  for (int64_t d = 0; d < rank; ++d) {
    Value x = getOperandBatchSize(a, d, rank),
          y = getOperandBatchSize(b, d, rank);
    if (!x || !y) {
      sizes.push_back(x ? x : y);
      continue;
    }
    sizes.push_back(host.select(host.cmp(Pred::eq, x, 1), y, x));
  }
  return sizes;
}

std::string getElementName(Type type) {
  if (type.isBF16())
    return "bf16";
  if (type.isF16())
    return "f16";
  if (type.isF32())
    return "f32";
  if (type.isSignlessInteger(8))
    return "i8";
  if (isa<Float8E4M3FNType>(type))
    return "e4m3";
  std::string text;
  llvm::raw_string_ostream(text) << type;
  return text;
}

std::string getDimText(int64_t size) {
  return ShapedType::isDynamic(size) ? "?" : std::to_string(size);
}

/// The binding of operand `value` of `op` among `operands` (the op's, in
/// order).
const TensorBinding &getBinding(GemmOp op, Value value,
                                ArrayRef<TensorBinding> operands) {
  for (OpOperand &operand : op->getOpOperands())
    if (operand.get() == value)
      return operands[operand.getOperandNumber()];
  llvm_unreachable("an operand of the op");
}

/// What the GEMM families share: the op, its support rules, signature,
/// epilogue, operand layouts, checks and parameters; they differ in the
/// kernel, its config and launcher.
class GemmFamilyBase : public KernelFamily {
public:
  bool matches(Operation *op) const override { return isa<MatmulOp>(op); }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkGemmSupported(cast<MatmulOp>(op), target);
  }

  std::string getSignature(Operation *op) const override {
    GemmOp matmul = GemmOp::get(op);
    GemmShape shape = getGemmShape(matmul);
    bool sharedB = tensorType(matmul.getB()).getRank() == 2 &&
                   tensorType(matmul.getResult()).getRank() > 2;
    return getElementName(tensorType(matmul.getA()).getElementType()) + "." +
           (matmul.getTransposeB() ? "nt" : "nn") + ".b" +
           getDimText(shape.batch) + ".m" + getDimText(shape.m) + ".n" +
           getDimText(shape.n) + ".k" + getDimText(shape.k) +
           (sharedB ? ".shared_b" : "");
  }

  std::string getInstanceSource(Operation *root) const override {
    FailureOr<GemmEpilogue> epilogue = buildGemmEpilogue(GemmOp::get(root));
    return succeeded(epilogue) ? epilogue->source : std::string();
  }

  bool fusesEpilogues() const override { return true; }

  OperandLayout getInputLayout(Operation *root,
                               BlockArgument input) const override {
    // a and b through a row stride; the scales, the bias and the
    // epilogue's tensors through any strides.
    GemmOp matmul = GemmOp::get(root);
    if (input == matmul.getA() || input == matmul.getB())
      return OperandLayout::InnerContiguous;
    return OperandLayout::Strided;
  }

  SmallVector<SmallVector<Value>>
  getResultSizes(Operation *op, HostBuilder &host,
                 ArrayRef<TensorBinding> operands) const override {
    GemmOp matmul = GemmOp::get(op);
    const TensorBinding &a = getBinding(matmul, matmul.getA(), operands),
                        &b = getBinding(matmul, matmul.getB(), operands);
    SmallVector<Value> sizes = getBatchSizes(matmul, host, a, b);
    sizes.push_back(a.sizes[a.sizes.size() - 2]);
    sizes.push_back(b.sizes[b.sizes.size() - (matmul.getTransposeB() ? 2 : 1)]);
    return {sizes};
  }

  void buildChecks(Operation *op, HostBuilder &host,
                   ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding> dispatchInputs) const override;

  void buildLaunch(Operation *op, KernelConfigAttrInterface config,
                   HostBuilder &host, ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding> dispatchInputs,
                   ArrayRef<TensorBinding> results) const override;

protected:
  /// The launcher with its template arguments, e.g.
  /// `accelkern_gemm::launchGemm<...>`.
  virtual std::string getLauncher(GemmOp op,
                                  KernelConfigAttrInterface config) const = 0;
};

/// The mma.sync template (GemmSm80.cuh), for both ops it takes.
class MmaSyncGemmFamilyBase : public GemmFamilyBase {
public:
  StringRef getTemplateSource() const override {
    static const std::string source =
        std::string(kTensorCoreSm80Source) + "\n" + kGemmSm80Source;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const accelkern_gemm::GemmParams)";
  }

protected:
  std::string getLauncher(GemmOp op,
                          KernelConfigAttrInterface config) const override {
    std::string arguments =
        op.isQuantized()
            ? getGemmTemplateArguments(op,
                                       cast<QuantizedGemmSm80ConfigAttr>(config))
            : getGemmTemplateArguments(op, cast<GemmSm80ConfigAttr>(config));
    return "accelkern_gemm::launchGemm" + arguments;
  }
};

/// accel.matmul with 16-bit inputs on mma.sync, sm_80 and up.
class GemmFamily final : public MmaSyncGemmFamilyBase {
public:
  StringRef getName() const override { return "gemm"; }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    return getDefaultGemmConfig(cast<MatmulOp>(op));
  }
};

/// accel.quantized_matmul of 8-bit operands on mma.sync m16n8k32 (the
/// mma.sync template with signed char or Float8E4M3 elements): W8A8 on
/// sm_80 and up, FP8 on sm_89 and up. Its own config type, since k tiles
/// hold twice the elements.
class QuantizedGemmFamily final : public MmaSyncGemmFamilyBase {
public:
  StringRef getName() const override { return "quantized_gemm"; }
  // Every quantized_matmul, so that the pairs without a kernel (W4A16,
  // W4A8) are refused with the supported ones named.
  bool matches(Operation *op) const override {
    return isa<QuantizedMatmulOp>(op);
  }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkQuantizedGemmSupported(cast<QuantizedMatmulOp>(op), target);
  }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    return getDefaultQuantizedGemmConfig(cast<QuantizedMatmulOp>(op));
  }
};

/// f32 on the CUDA cores, any target (GemmSimt.cuh): the one family for
/// f32 inputs.
class GemmF32Family final : public GemmFamilyBase {
public:
  StringRef getName() const override { return "gemm_f32"; }
  bool matches(Operation *op) const override {
    auto matmul = dyn_cast<MatmulOp>(op);
    return matmul && tensorType(matmul.getA()).getElementType().isF32();
  }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkGemmF32Supported(cast<MatmulOp>(op), target);
  }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    return getDefaultGemmSimtConfig(cast<MatmulOp>(op));
  }

  StringRef getTemplateSource() const override {
    static const std::string source = std::string(kTensorCoreSm80Source) +
                                      "\n" + kGemmSm80Source + "\n" +
                                      kGemmSimtSource;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const accelkern_gemm::GemmParams)";
  }

protected:
  std::string getLauncher(GemmOp op,
                          KernelConfigAttrInterface config) const override {
    return "accelkern_gemm::launchGemmSimt" +
           getGemmTemplateArguments(op, cast<GemmSimtConfigAttr>(config));
  }
};

/// wgmma and TMA, sm_90a (GemmSm90.cuh; the mma.sync template is its
/// fallback for operands TMA cannot read).
class GemmWgmmaFamily final : public GemmFamilyBase {
public:
  StringRef getName() const override { return "gemm_wgmma"; }
  bool supportsTarget(CudaTargetAttr target) const override {
    return target.hasWgmma();
  }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    return getDefaultGemmSm90aConfig(cast<MatmulOp>(op));
  }

  StringRef getTemplateSource() const override {
    static const std::string source =
        std::string(kTensorCoreSm80Source) + "\n" + kTensorCoreSm90Source +
        "\n" + kGemmSm80Source + "\n" + kGemmSm90Source;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const __grid_constant__ accelkern_gemm::GemmSm90Params)";
  }

protected:
  std::string getLauncher(GemmOp op,
                          KernelConfigAttrInterface config) const override {
    return "accelkern_gemm::launchGemmSm90" +
           getGemmTemplateArguments(op, cast<GemmSm90aConfigAttr>(config));
  }
};
} // namespace

void GemmFamilyBase::buildChecks(Operation *op, HostBuilder &host,
                             ArrayRef<TensorBinding> operands,
                             ArrayRef<TensorBinding> dispatchInputs) const {
  GemmOp matmul = GemmOp::get(op);
  const TensorBinding &a = getBinding(matmul, matmul.getA(), operands),
                      &b = getBinding(matmul, matmul.getB(), operands);
  int64_t ar = a.sizes.size(), br = b.sizes.size();
  Value k = a.sizes[ar - 1];
  Value bk = b.sizes[matmul.getTransposeB() ? br - 1 : br - 2];
  host.checkEqual(op, k, bk, "the reduction sizes of a and b");
  int64_t batchRank = tensorType(matmul.getResult()).getRank() - 2;
  for (int64_t d = 0; d < batchRank; ++d) {
    Value x = getOperandBatchSize(a, d, batchRank),
          y = getOperandBatchSize(b, d, batchRank);
    if (!x || !y)
      continue;
    host.check(op,
               host.allOf({host.cmp(Pred::ne, x, 1), host.cmp(Pred::ne, y, 1),
                           host.cmp(Pred::ne, x, y)}),
               "batch dim " + std::to_string(d) +
                   " of a and b to be equal or 1, got %lld and %lld",
               {x, y});
  }
  SmallVector<Value> out = getResultSizes(op, host, operands)[0];
  Value m = out[batchRank], n = out[batchRank + 1];
  if (Value bias = matmul.getBias())
    host.checkEqual(op, getBinding(matmul, bias, operands).sizes[0], n,
                    "bias size and N");
  // The kernel's int sizes and its launch grid (row tiles in x, column
  // tiles of at least 16 in y, batch in z).
  Value batchCount =
      host.product(SmallVector<Value>(out.begin(), out.begin() + batchRank));
  host.check(op,
             host.anyOf({host.cmp(Pred::sgt, m, 2147483647),
                         host.cmp(Pred::sgt, n, 65535 * 16),
                         host.cmp(Pred::sgt, k, 2147483647),
                         host.cmp(Pred::sgt, batchCount, 65535)}),
             "M and K below 2^31, N at most 1048560 and at most 65535 batch "
             "entries (the launch grid's limits), got M %lld, N %lld, K %lld "
             "and %lld batch entries",
             {m, n, k, batchCount});
  // The epilogue's tensors cover the output where they are not broadcast.
  FailureOr<GemmEpilogue> epilogue = buildGemmEpilogue(matmul);
  if (succeeded(epilogue))
    buildEpilogueTensorChecks(op, *epilogue, host, operands, dispatchInputs,
                              out);
}

void GemmFamilyBase::buildLaunch(Operation *op, KernelConfigAttrInterface config,
                             HostBuilder &host, ArrayRef<TensorBinding> operands,
                             ArrayRef<TensorBinding> dispatchInputs,
                             ArrayRef<TensorBinding> results) const {
  GemmOp matmul = GemmOp::get(op);
  const TensorBinding &a = getBinding(matmul, matmul.getA(), operands),
                      &b = getBinding(matmul, matmul.getB(), operands),
                      &out = results[0];
  int64_t outRank = out.sizes.size(), batchRank = outRank - 2;
  Value p = host.makeStruct("accelkern_gemm::GemmParams");
  host.setField(p, "a", a.pointer);
  host.setField(p, "b", b.pointer);
  host.setField(p, "out", out.pointer);
  host.setField(p, "m", out.sizes[batchRank]);
  host.setField(p, "n", out.sizes[batchRank + 1]);
  host.setField(p, "k", a.sizes.back());

  // Batch dims right-aligned into the kernel's kMaxBatchDims; an operand's
  // dim of size 1 (or one it lacks) broadcasts with stride 0.
  SmallVector<Value> aStrides = host.getStrides(a), bStrides = host.getStrides(b),
                     outStrides = host.getStrides(out);
  auto batchStride = [&](const TensorBinding &t, ArrayRef<Value> strides,
                         int64_t d) -> Value {
    int64_t od = d - (batchRank - (int64_t(t.sizes.size()) - 2));
    if (od < 0)
      return host.constant(0);
    return host.select(host.cmp(Pred::eq, t.sizes[od], 1), host.constant(0),
                       strides[od]);
  };
  Value count = host.constant(1);
  for (int64_t slot = 0; slot < kMaxBatchDims; ++slot) {
    int64_t d = slot - (kMaxBatchDims - batchRank);
    Value size = d < 0 ? host.constant(1) : out.sizes[d];
    count = host.mul(count, size);
    host.setField(p, "batchSizes", slot, size);
    host.setField(p, "aBatchStrides", slot,
                  d < 0 ? host.constant(0) : batchStride(a, aStrides, d));
    host.setField(p, "bBatchStrides", slot,
                  d < 0 ? host.constant(0) : batchStride(b, bStrides, d));
    host.setField(p, "outBatchStrides", slot,
                  d < 0 ? host.constant(0) : outStrides[d]);
  }
  host.setField(p, "batchCount", count);
  host.setField(p, "aRowStride", aStrides[aStrides.size() - 2]);
  host.setField(p, "bRowStride", bStrides[bStrides.size() - 2]);
  host.setField(p, "outRowStride", outStrides[outRank - 2]);

  FailureOr<GemmEpilogue> epilogue = buildGemmEpilogue(matmul);
  assert(succeeded(epilogue) && "checked by accel-select-kernels");
  for (auto [i, extra] : llvm::enumerate(epilogue->extras)) {
    const TensorBinding &t =
        getEpilogueTensorBinding(matmul, extra, operands, dispatchInputs);
    host.setField(p, "extras", i, t.pointer);
    SmallVector<Value> coordStrides =
        getEpilogueCoordinateStrides(host, extra, t, outRank);
    for (int64_t slot = 0; slot < kMaxBatchDims + 2; ++slot) {
      int64_t d = slot < kMaxBatchDims ? slot - (kMaxBatchDims - batchRank)
                                       : batchRank + (slot - kMaxBatchDims);
      host.setField(p, "extraStrides", i * (kMaxBatchDims + 2) + slot,
                    d < 0 ? host.constant(0) : coordStrides[d]);
    }
  }
  host.launch(op, getLauncher(matmul, config), p);
}

void accel::codegen::registerGemmKernels(KernelRegistry &registry) {
  // The first family that matches the op and serves the target is chosen:
  // f32 inputs first (their own family on any target), then the
  // architecture-specific 16-bit kernel before the general one.
  registry.add(std::make_unique<GemmF32Family>());
  registry.add(std::make_unique<GemmWgmmaFamily>());
  registry.add(std::make_unique<GemmFamily>());
  registry.add(std::make_unique<QuantizedGemmFamily>());
}
