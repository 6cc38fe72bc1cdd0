//===- AttentionConfigs.cpp - what the attention configs mean for an op ---===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// KernelConfigAttrInterface for #accel.attention_sm80_config,
// #accel.attention_sm90a_config, #accel.attention_simt_config and
// #accel.attention_grad_sm80_config:
// which op and target a config can run, its shared memory, template
// instance, launch and roofline estimate. The shared-memory formulas are
// the kernels' own (the static tiles of AttentionForwardSm80.cuh and
// AttentionBackwardSm80.cuh, forwardSm90SharedBytes() of
// AttentionForwardSm90.cuh).
//
//===----------------------------------------------------------------------===//

#include "AttentionSupport.h"

#include "accel/Codegen/KernelFamily.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::attention;

namespace {
/// "'#accel.<mnemonic>' configures <what>, not '<op>'".
LogicalResult checkConfiguredOp(Operation *op, bool matches, StringRef mnemonic,
                                StringRef what) {
  if (matches)
    return success();
  return op->emitOpError() << "cannot take '#accel." << mnemonic
                           << "', which configures " << what;
}

/// A config's tiles must fit the shared memory a block may use.
LogicalResult checkSharedMemory(Operation *op, Attribute config, int64_t bytes,
                                int64_t limit, StringRef kind) {
  if (bytes <= limit)
    return success();
  return op->emitOpError() << "expects the tiles of " << config << " to fit in "
                           << limit << " bytes of " << kind
                           << " shared memory, got " << bytes;
}

/// What a roofline estimate of one attention kernel needs.
struct AttentionWork {
  int64_t batch, heads, seqQ, seqK, headDim;
  bool causal;
  /// Multiply-adds per (query, key, head-dim element): 2 for the forward
  /// (Q.K^T and P.V), 5 for the backward (S, dP, dV, dK, dQ).
  int64_t matmulsPerScore;
  /// Rows of a query tile (forward) or a key tile (backward), and of the
  /// tiles the kernel walks across them.
  int64_t rowTile, walkTile;
  bool walksKeys;
  /// Bytes every element of q, k, v, out moves through DRAM (2: 16-bit).
  int64_t elementBytes;
  /// FMA on the CUDA cores instead of the tensor cores.
  bool cudaCores = false;
};

/// Roofline of the target's reference part (docs/codegen.md): tensor-core
/// time of the padded tiles the kernel computes (causal: only the tiles it
/// visits) against DRAM time of q, k, v and out, stretched by the wave
/// quantization of the grid over the SMs. A lower bound; only ratios between
/// configs mean something until it is calibrated on a GPU.
std::optional<double> estimate(const AttentionWork &w, CudaTargetAttr target) {
  for (int64_t size : {w.batch, w.heads, w.seqQ, w.seqK, w.headDim})
    if (ShapedType::isDynamic(size))
      return std::nullopt;
  if (!target || w.batch == 0 || w.heads == 0 || w.seqQ == 0 || w.seqK == 0)
    return std::nullopt;
  // Tile pairs visited: for every query tile, the key tiles up to its
  // causal edge (bottom-right aligned: row i sees keys up to i + Sk - Sq).
  int64_t queryTile = w.walksKeys ? w.walkTile : w.rowTile;
  int64_t keyTile = w.walksKeys ? w.rowTile : w.walkTile;
  int64_t pairs = 0;
  for (int64_t qt = 0, n = ceilDiv(w.seqQ, queryTile); qt < n; ++qt) {
    int64_t lastKey = w.seqK;
    if (w.causal)
      lastKey = std::clamp<int64_t>(
          std::min((qt + 1) * queryTile, w.seqQ) + w.seqK - w.seqQ, 0, w.seqK);
    pairs += ceilDiv(lastKey, keyTile);
  }
  double flops = 2.0 * w.matmulsPerScore * double(w.batch * w.heads) *
                 double(pairs) * double(queryTile * keyTile) *
                 double(w.headDim);
  double bytes = double(w.elementBytes) * double(w.batch * w.heads) *
                 double(w.headDim) * 2.0 * double(w.seqQ + w.seqK);
  CudaTargetAttr::ReferencePart part = target.getReferencePart();
  double tflops = w.cudaCores ? part.fp32Tflops : part.tensorTflops;
  double seconds = std::max(flops / (tflops * 1e12),
                            bytes / (part.dramTerabytesPerSecond * 1e12));
  // Wave quantization over the SMs: the busiest SM runs
  // ceil(blocks / SMs) blocks while the average is blocks / SMs (one block
  // is assumed to keep its SM's share of the roofline busy).
  int64_t blocks =
      ceilDiv(w.walksKeys ? w.seqK : w.seqQ, w.rowTile) * w.heads * w.batch;
  double perSm = double(blocks) / double(part.numSms);
  double fill = perSm / std::ceil(perSm);
  return seconds / fill * 1e6;
}

AttentionWork forwardWork(AttentionOp op, int64_t blockM, int64_t blockN) {
  auto q = tensorType(op.getQ()), k = tensorType(op.getK());
  return {q.getDimSize(0),
          q.getDimSize(1),
          q.getDimSize(2),
          k.getDimSize(2),
          q.getDimSize(3),
          op.getCausal(),
          2,
          blockM,
          blockN,
          /*walksKeys=*/false,
          2};
}

//===----------------------------------------------------------------------===//
// Forward on mma.sync
//===----------------------------------------------------------------------===//

struct AttentionSm80Model
    : KernelConfigAttrInterface::ExternalModel<AttentionSm80Model,
                                               AttentionSm80ConfigAttr> {
  static int64_t getSharedBytes(AttentionSm80ConfigAttr config,
                                AttentionOp op) {
    // Q, K and V tiles of 16-bit elements (static shared memory).
    return (config.getBlockM() + 2 * config.getBlockN()) *
           tensorType(op.getQ()).getDimSize(3) * 2;
  }

  StringRef getFamilyName(Attribute) const { return "attention"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    auto config = cast<AttentionSm80ConfigAttr>(attr);
    auto attention = dyn_cast<AttentionOp>(op);
    if (failed(checkConfiguredOp(op, attention != nullptr, config.getMnemonic(),
                                 "accel.attention")) ||
        failed(checkForwardSupported(attention, target)))
      return failure();
    return checkSharedMemory(op, attr, getSharedBytes(config, attention),
                             48 * 1024, "static");
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    return "accelkern_attention::attentionForwardKernel" +
           getForwardTemplateArguments(
               cast<AttentionOp>(op),
               getKnobArguments(cast<AttentionSm80ConfigAttr>(attr)));
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<AttentionSm80ConfigAttr>(attr);
    auto q = tensorType(cast<AttentionOp>(op).getQ());
    return {{tilesOf(q.getDimSize(2), config.getBlockM()), q.getDimSize(1),
             q.getDimSize(0)},
            32 * config.getNumWarps(),
            getSharedBytes(config, cast<AttentionOp>(op))};
  }

  std::optional<double> estimateMicroseconds(Attribute attr, Operation *op,
                                             CudaTargetAttr target) const {
    auto config = cast<AttentionSm80ConfigAttr>(attr);
    auto attention = cast<AttentionOp>(op);
    return estimate(
        forwardWork(attention, config.getBlockM(), config.getBlockN()), target);
  }
};

//===----------------------------------------------------------------------===//
// Forward on wgmma and TMA
//===----------------------------------------------------------------------===//

struct AttentionSm90aModel
    : KernelConfigAttrInterface::ExternalModel<AttentionSm90aModel,
                                               AttentionSm90aConfigAttr> {
  static int64_t getSharedBytes(AttentionSm90aConfigAttr config,
                                AttentionOp op) {
    // forwardSm90SharedBytes(): alignment slack, Q, the K and V rings, the
    // mbarriers.
    return 1024 +
           (AttentionSm90aConfigAttr::kBlockM +
            2 * config.getNumStages() * config.getBlockN()) *
               tensorType(op.getQ()).getDimSize(3) * 2 +
           (1 + 3 * config.getNumStages()) * 8;
  }

  StringRef getFamilyName(Attribute) const { return "attention_wgmma"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    auto config = cast<AttentionSm90aConfigAttr>(attr);
    auto attention = dyn_cast<AttentionOp>(op);
    if (failed(checkConfiguredOp(op, attention != nullptr, config.getMnemonic(),
                                 "accel.attention")))
      return failure();
    if (target && !target.hasWgmma())
      return op->emitOpError()
             << "cannot take '#accel." << config.getMnemonic() << "' on target "
             << target.getChip()
             << ": the kernel needs wgmma, TMA and setmaxnreg (sm_90a)";
    if (failed(checkForwardSupported(attention, target)))
      return failure();
    int64_t limit = getDynamicSharedMemoryLimit(target);
    return checkSharedMemory(op, attr, getSharedBytes(config, attention), limit,
                             "dynamic");
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    return "accelkern_attention::attentionForwardSm90Kernel" +
           getForwardTemplateArguments(
               cast<AttentionOp>(op),
               getKnobArguments(cast<AttentionSm90aConfigAttr>(attr)));
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<AttentionSm90aConfigAttr>(attr);
    auto q = tensorType(cast<AttentionOp>(op).getQ());
    return {{tilesOf(q.getDimSize(2), AttentionSm90aConfigAttr::kBlockM),
             q.getDimSize(1), q.getDimSize(0)},
            32 * AttentionSm90aConfigAttr::kNumWarps,
            getSharedBytes(config, cast<AttentionOp>(op))};
  }

  std::optional<double> estimateMicroseconds(Attribute attr, Operation *op,
                                             CudaTargetAttr target) const {
    auto config = cast<AttentionSm90aConfigAttr>(attr);
    auto attention = cast<AttentionOp>(op);
    return estimate(forwardWork(attention, AttentionSm90aConfigAttr::kBlockM,
                                config.getBlockN()),
                    target);
  }
};

//===----------------------------------------------------------------------===//
// Forward on the CUDA cores
//===----------------------------------------------------------------------===//

struct AttentionSimtModel
    : KernelConfigAttrInterface::ExternalModel<AttentionSimtModel,
                                               AttentionSimtConfigAttr> {
  static int64_t getSharedBytes(AttentionSimtConfigAttr config,
                                AttentionOp op) {
    return config.getSharedBytes(tensorType(op.getQ()).getDimSize(3),
                                 tensorType(op.getV()).getDimSize(3));
  }

  StringRef getFamilyName(Attribute) const { return "attention_simt"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    auto config = cast<AttentionSimtConfigAttr>(attr);
    auto attention = dyn_cast<AttentionOp>(op);
    if (failed(checkConfiguredOp(op, attention != nullptr, config.getMnemonic(),
                                 "accel.attention")) ||
        failed(checkSimtForwardSupported(attention, target)))
      return failure();
    int64_t limit = getDynamicSharedMemoryLimit(target);
    return checkSharedMemory(op, attr, getSharedBytes(config, attention), limit,
                             "dynamic");
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    auto attention = cast<AttentionOp>(op);
    return "accelkern_attention::attentionForwardSimtKernel" +
           getForwardTemplateArguments(
               attention,
               getKnobArguments(cast<AttentionSimtConfigAttr>(attr), attention));
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<AttentionSimtConfigAttr>(attr);
    auto q = tensorType(cast<AttentionOp>(op).getQ());
    return {{tilesOf(q.getDimSize(2), config.getBlockM()), q.getDimSize(1),
             q.getDimSize(0)},
            AttentionSimtConfigAttr::kNumThreads,
            getSharedBytes(config, cast<AttentionOp>(op))};
  }

  std::optional<double> estimateMicroseconds(Attribute attr, Operation *op,
                                             CudaTargetAttr target) const {
    auto config = cast<AttentionSimtConfigAttr>(attr);
    auto attention = cast<AttentionOp>(op);
    AttentionWork work =
        forwardWork(attention, config.getBlockM(), config.getBlockN());
    work.cudaCores = true;
    work.elementBytes =
        tensorType(attention.getQ()).getElementType().isF32() ? 4 : 2;
    return estimate(work, target);
  }
};

//===----------------------------------------------------------------------===//
// Backward on mma.sync
//===----------------------------------------------------------------------===//

struct AttentionGradSm80Model
    : KernelConfigAttrInterface::ExternalModel<AttentionGradSm80Model,
                                               AttentionGradSm80ConfigAttr> {
  static int64_t getSharedBytes(AttentionGradSm80ConfigAttr config,
                                AttentionGradOp op) {
    // K, V, Q, dO tiles and dS^T (16-bit), lse and Delta (f32).
    int64_t block = config.getBlock();
    return (4 * block * tensorType(op.getQ()).getDimSize(3) + block * block) *
               2 +
           2 * block * 4;
  }

  StringRef getFamilyName(Attribute) const { return "attention_grad"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr target) const {
    auto config = cast<AttentionGradSm80ConfigAttr>(attr);
    auto grad = dyn_cast<AttentionGradOp>(op);
    if (failed(checkConfiguredOp(op, grad != nullptr, config.getMnemonic(),
                                 "accel.attention_grad")) ||
        failed(checkBackwardSupported(grad, target)))
      return failure();
    return checkSharedMemory(op, attr, getSharedBytes(config, grad), 48 * 1024,
                             "static");
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    return "accelkern_attention::attentionBackwardKernel" +
           getBackwardTemplateArguments(cast<AttentionGradOp>(op),
                                        cast<AttentionGradSm80ConfigAttr>(attr),
                                        /*withKnobs=*/true);
  }

  SmallVector<std::string> getAuxiliaryInstances(Attribute attr,
                                                 Operation *op) const {
    std::string args = getBackwardTemplateArguments(
        cast<AttentionGradOp>(op), cast<AttentionGradSm80ConfigAttr>(attr),
        /*withKnobs=*/false);
    return {"template __global__ void "
            "accelkern_attention::attentionBackwardPreprocessKernel" +
                args + "(const accelkern_attention::BackwardParams)",
            "template __global__ void "
            "accelkern_attention::attentionBackwardConvertKernel" +
                args +
                "(const float *, void *, long long, int, int, long long, "
                "long long, long long)"};
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<AttentionGradSm80ConfigAttr>(attr);
    auto grad = cast<AttentionGradOp>(op);
    auto q = tensorType(grad.getQ()), k = tensorType(grad.getK());
    return {{tilesOf(k.getDimSize(2), config.getBlock()), q.getDimSize(1),
             q.getDimSize(0)},
            32 * config.getNumWarps(),
            getSharedBytes(config, grad)};
  }

  std::optional<double> estimateMicroseconds(Attribute attr, Operation *op,
                                             CudaTargetAttr target) const {
    auto config = cast<AttentionGradSm80ConfigAttr>(attr);
    auto grad = cast<AttentionGradOp>(op);
    auto q = tensorType(grad.getQ()), k = tensorType(grad.getK());
    AttentionWork work{q.getDimSize(0),
                       q.getDimSize(1),
                       q.getDimSize(2),
                       k.getDimSize(2),
                       q.getDimSize(3),
                       grad.getCausal(),
                       5,
                       config.getBlock(),
                       config.getBlock(),
                       /*walksKeys=*/true,
                       2};
    return estimate(work, target);
  }
};
} // namespace

void accel::codegen::registerAttentionConfigModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, AccelDialect *) {
    AttentionSm80ConfigAttr::attachInterface<AttentionSm80Model>(*context);
    AttentionSm90aConfigAttr::attachInterface<AttentionSm90aModel>(*context);
    AttentionSimtConfigAttr::attachInterface<AttentionSimtModel>(*context);
    AttentionGradSm80ConfigAttr::attachInterface<AttentionGradSm80Model>(
        *context);
  });
}
