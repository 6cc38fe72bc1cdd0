//===- AttentionFamily.cpp - accel.attention on CUDA ----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The attention kernel families: FlashAttention-2's forward and backward
// passes on tensor cores (AttentionForwardSm80.cuh, AttentionBackwardSm80.cuh;
// sm_80 and up), and on sm_90a the forward on wgmma, TMA and warp
// specialization (AttentionForwardSm90.cuh). What they take: bf16/f16 tensors of one type, a static
// head dim of 64 or 128 with Dv = D, causal, GQA/MQA, head_shard, the
// forward's optional lse; everything else is a diagnostic naming the
// capability.
//
//===----------------------------------------------------------------------===//

#include "AttentionSupport.h"

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::attention;

namespace {
#include "AttentionBackwardSm80.cuh.inc"
#include "AttentionForwardSm80.cuh.inc"
#include "AttentionForwardSm90.cuh.inc"

/// Emits `p.<name>[0..2] = ...`: contiguous [B, H, S, D] strides.
void emitContiguousStrides(raw_ostream &os, StringRef name,
                           const TensorBinding &t) {
  os << "    p." << name << "[0] = (long long)(" << t.sizes[1] << ") * ("
     << t.sizes[2] << ") * (" << t.sizes[3] << "); p." << name
     << "[1] = (long long)(" << t.sizes[2] << ") * (" << t.sizes[3]
     << "); p." << name << "[2] = " << t.sizes[3] << ";\n";
}

/// Emits a run-time check that two size expressions agree (nothing when
/// they are the same expression): "expects the <what> (a) to equal ... (b)".
void emitRequireEqual(raw_ostream &os, Operation *op, const std::string &a,
                      const std::string &b, StringRef what) {
  if (a != b)
    emitRunTimeCheck(os, op, "(" + a + ") != (" + b + ")",
                     (what + " to agree, got %lld and %lld").str(), {a, b});
}

/// Emits the run-time checks of q/k/v sizes the verifier could not compare,
/// and of the limits of the launch grid.
void emitProblemSizes(raw_ostream &os, Operation *op, const TensorBinding &q,
                      const TensorBinding &k, const TensorBinding &v) {
  emitRequireEqual(os, op, q.sizes[0], k.sizes[0], "batch sizes of q and k");
  emitRequireEqual(os, op, q.sizes[0], v.sizes[0], "batch sizes of q and v");
  emitRequireEqual(os, op, k.sizes[1], v.sizes[1], "kv heads of k and v");
  emitRequireEqual(os, op, k.sizes[2], v.sizes[2],
                   "key sequence lengths of k and v");
  emitRunTimeCheck(os, op,
                   "(" + k.sizes[1] + ") <= 0 || (" + q.sizes[1] + ") % (" +
                       k.sizes[1] + ") != 0",
                   "at least one kv head and the query heads to be a multiple "
                   "of the kv heads, got %lld query heads and %lld kv heads",
                   {q.sizes[1], k.sizes[1]});
  for (auto [t, name] : {std::pair{&q, "q"}, std::pair{&k, "k"}})
    emitRunTimeCheck(
        os, op,
        "(" + t->sizes[0] + ") > 65535 || (" + t->sizes[1] + ") > 65535 || (" +
            t->sizes[2] + ") > 2147483647",
        (llvm::Twine("the batch and heads of ") + name +
         " to be at most 65535 and its sequence length below 2^31 (the "
         "launch grid's limits), got batch %lld, heads %lld, length %lld")
            .str(),
        {t->sizes[0], t->sizes[1], t->sizes[2]});
}

/// Emits the problem sizes and the q/k/v/out and lse strides both
/// directions' params share (ForwardParams, BackwardParams).
void emitProblemFields(raw_ostream &os, const TensorBinding &q,
                       const TensorBinding &k, const TensorBinding &v,
                       const TensorBinding &out) {
  os << "    p.batch = (int)(" << q.sizes[0] << "); p.headsQ = (int)("
     << q.sizes[1] << "); p.headsKV = (int)(" << k.sizes[1]
     << "); p.seqQ = (int)(" << q.sizes[2] << "); p.seqK = (int)("
     << k.sizes[2] << ");\n";
  emitContiguousStrides(os, "qStrides", q);
  emitContiguousStrides(os, "kStrides", k);
  emitContiguousStrides(os, "vStrides", v);
  emitContiguousStrides(os, "oStrides", out);
  os << "    p.lseStrides[0] = (long long)(" << q.sizes[1] << ") * ("
     << q.sizes[2] << "); p.lseStrides[1] = " << q.sizes[2] << ";\n";
}

/// Emits the launcher call: a failure returns its status with a message.
void emitLauncherCall(raw_ostream &os, Operation *op, const std::string &call) {
  os << "    cudaError_t status = " << call << ";\n";
  os << "    if (status != cudaSuccess) return accel_host::fail(status, \""
     << escapeCString(getRunTimeMessagePrefix(op), /*forPrintf=*/true)
     << "failed to launch its kernels: %s\", cudaGetErrorString(status));\n";
}

/// Emits the scale and shard fields of the params.
void emitScaleAndShards(raw_ostream &os, float scale,
                        std::optional<HeadShardAttr> shard) {
  os << "    p.scaleLog2 = "
     << llvm::formatv("{0:e9}", static_cast<double>(scale) * M_LOG2E)
     << "f;\n";
  if (shard)
    os << "    p.shardCount = " << shard->getNumShards()
       << "; p.shardBlock = " << shard->getBlock()
       << "; p.shardLocal = " << shard->getLocalBlocks() << ";\n";
}

/// Emits the bias fields: strides into the (contiguous) bias aligned from
/// the right with [B, Hq, Sq, Sk], numpy broadcasting: a missing or static-1
/// dim broadcasts (stride 0), a dynamic dim that is 1 at run time too; any
/// other must equal the score dim at run time (a located error otherwise).
void emitBias(raw_ostream &os, Operation *op, const TensorBinding &bias,
              ArrayRef<std::string> scores) {
  static const char *const kScoreNames[4] = {"batch", "query heads",
                                             "query length", "key length"};
  int64_t rank = bias.sizes.size();
  SmallVector<std::string> strides(rank);
  std::string running = "1";
  for (int64_t d = rank - 1; d >= 0; --d) {
    strides[d] = running;
    running = "(" + running + ") * (long long)(" + bias.sizes[d] + ")";
  }
  os << "    p.bias = " << bias.pointer << "; p.biasIsFloat = "
     << (bias.type.getElementType().isF32() ? "true" : "false") << ";\n";
  for (int64_t t = 0; t < 4; ++t) {
    int64_t d = t - (4 - rank);
    std::string stride = "0";
    if (d >= 0 && bias.type.getDimSize(d) != 1) {
      const std::string &size = bias.sizes[d], &score = scores[t];
      std::string what = "bias dim " + std::to_string(d) +
                         " to be 1 or the " + kScoreNames[t] +
                         " it broadcasts to";
      if (bias.type.isDynamicDim(d)) {
        // 1 at run time stretches like a static 1 (numpy rules).
        emitRunTimeCheck(os, op,
                         "(" + size + ") != 1 && (" + size + ") != (" + score +
                             ")",
                         what + ", got %lld for %lld", {size, score});
        stride = "(" + size + ") == 1 ? 0 : " + strides[d];
      } else {
        if (size != score)
          emitRunTimeCheck(os, op, "(" + size + ") != (" + score + ")",
                           what + ", got %lld for %lld", {size, score});
        stride = strides[d];
      }
    }
    os << "    p.biasStrides[" << t << "] = " << stride << ";\n";
  }
}

/// Emits the forward's params (shared by both forward families) and the
/// launcher call `<launcher><template arguments>(p, stream)`.
void emitForwardLaunch(AttentionOp attention, StringRef launcher,
                       StringRef knobs, ArrayRef<TensorBinding> operands,
                       ArrayRef<TensorBinding> results, raw_ostream &os) {
  Operation *op = attention;
  const TensorBinding &q = operands[0], &k = operands[1], &v = operands[2];
  const TensorBinding &out = results[0];
  os << "  {\n";
  emitProblemSizes(os, op, q, k, v);
  os << "    accel_attention::ForwardParams p = {};\n";
  os << "    p.q = " << q.pointer << "; p.k = " << k.pointer
     << "; p.v = " << v.pointer << "; p.out = " << out.pointer << ";\n";
  os << "    p.lse = "
     << (results.size() > 1 ? "static_cast<float *>(" + results[1].pointer + ")"
                            : std::string("nullptr"))
     << ";\n";
  emitProblemFields(os, q, k, v, out);
  emitScaleAndShards(os, *attention.getEffectiveScale(),
                     attention.getSparsity());
  if (attention.getBias())
    emitBias(os, op, operands[3],
             {q.sizes[0], q.sizes[1], q.sizes[2], k.sizes[2]});
  emitLauncherCall(os, op,
                   ("accel_attention::" + launcher).str() +
                       getForwardTemplateArguments(attention, knobs) +
                       "(p, stream)");
  os << "  }\n";
}

/// What both forward families share: the op, its support rules, tuning
/// signature and result sizes.
class AttentionForwardFamilyBase : public KernelFamily {
public:
  bool matches(Operation *op) const override { return isa<AttentionOp>(op); }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkForwardSupported(cast<AttentionOp>(op), target);
  }

  std::string getSignature(Operation *op) const override {
    return getForwardSignature(cast<AttentionOp>(op));
  }

  StringRef getKernelParameterList() const override {
    return "(const accel_attention::ForwardParams)";
  }

  SmallVector<SmallVector<std::string>>
  getResultSizes(Operation *op,
                 ArrayRef<TensorBinding> operands) const override {
    const TensorBinding &q = operands[0], &v = operands[2];
    SmallVector<SmallVector<std::string>> sizes;
    sizes.push_back({q.sizes[0], q.sizes[1], q.sizes[2], v.sizes[3]});
    if (cast<AttentionOp>(op).getLse())
      sizes.push_back({q.sizes[0], q.sizes[1], q.sizes[2]});
    return sizes;
  }
};

/// The forward on mma.sync (sm_80 and up).
class AttentionFamily final : public AttentionForwardFamilyBase {
public:
  StringRef getName() const override { return "attention"; }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    // 4 warps of 16 query rows each and 64-key tiles: Q, K and V tiles fit
    // the 48 KiB of static shared memory at head dim 128, and the
    // accumulators (O: D/2 floats per thread) stay in registers.
    return dyn_cast<KernelConfigAttrInterface>(
        AttentionSm80ConfigAttr::get(op->getContext(), 64, 4));
  }

  StringRef getTemplateSource() const override {
    return kAttentionForwardSm80Source;
  }

  void emitLaunch(Operation *op, KernelConfigAttrInterface config,
                  ArrayRef<TensorBinding> operands,
                  ArrayRef<TensorBinding> results,
                  raw_ostream &os) const override {
    emitForwardLaunch(cast<AttentionOp>(op), "launchAttentionForward",
                      getKnobArguments(cast<AttentionSm80ConfigAttr>(config)),
                      operands, results, os);
  }
};

/// The forward on sm_90a: a producer warpgroup streams Q, K and V with TMA
/// into a ring of `num_stages` buffers, two consumer warpgroups of 64 query
/// rows run Q.K^T and P.V on wgmma.
class AttentionWgmmaFamily final : public AttentionForwardFamilyBase {
public:
  StringRef getName() const override { return "attention_wgmma"; }
  bool supportsTarget(CudaTargetAttr target) const override {
    return target.hasWgmma();
  }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    // 128-key tiles (wgmma n = 128 for S) and a two-deep K/V ring: 160 KiB
    // at d = 128, so the next tile's copies overlap this tile's math.
    return dyn_cast<KernelConfigAttrInterface>(
        AttentionSm90aConfigAttr::get(op->getContext(), 128, 2));
  }

  StringRef getTemplateSource() const override {
    // The sm_90a kernel shares the sm_80 file's softmax and epilogue.
    static const std::string source = std::string(kAttentionForwardSm80Source) +
                                      "\n" + kAttentionForwardSm90Source;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const __grid_constant__ accel_attention::ForwardSm90Params)";
  }

  void emitLaunch(Operation *op, KernelConfigAttrInterface config,
                  ArrayRef<TensorBinding> operands,
                  ArrayRef<TensorBinding> results,
                  raw_ostream &os) const override {
    emitForwardLaunch(cast<AttentionOp>(op), "launchAttentionForwardSm90",
                      getKnobArguments(cast<AttentionSm90aConfigAttr>(config)),
                      operands, results, os);
  }
};

class AttentionGradFamily final : public KernelFamily {
public:
  StringRef getName() const override { return "attention_grad"; }
  bool matches(Operation *op) const override {
    return isa<AttentionGradOp>(op);
  }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkBackwardSupported(cast<AttentionGradOp>(op), target);
  }

  std::string getSignature(Operation *op) const override {
    return getBackwardSignature(cast<AttentionGradOp>(op));
  }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    // K, V, Q, dO tiles and dS^T in 48 KiB, and dK/dV accumulators (D/2
    // floats each per thread) in registers: 64 keys at d = 64, 32 at 128.
    int64_t headDim = tensorType(cast<AttentionGradOp>(op).getQ()).getDimSize(3);
    return dyn_cast<KernelConfigAttrInterface>(AttentionGradSm80ConfigAttr::get(
        op->getContext(), headDim <= 64 ? 4 : 2));
  }

  StringRef getTemplateSource() const override {
    static const std::string source = std::string(kAttentionForwardSm80Source) +
                                      "\n" + kAttentionBackwardSm80Source;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const accel_attention::BackwardParams)";
  }

  SmallVector<SmallVector<std::string>>
  getResultSizes(Operation *op,
                 ArrayRef<TensorBinding> operands) const override {
    return {operands[0].sizes, operands[1].sizes, operands[2].sizes};
  }

  void emitLaunch(Operation *op, KernelConfigAttrInterface config,
                  ArrayRef<TensorBinding> operands,
                  ArrayRef<TensorBinding> results,
                  raw_ostream &os) const override {
    auto grad = cast<AttentionGradOp>(op);
    const TensorBinding &q = operands[0], &k = operands[1], &v = operands[2];
    const TensorBinding &out = operands[3], &lse = operands[4],
                        &dout = operands[5];
    os << "  {\n";
    emitProblemSizes(os, op, q, k, v);
    // out, dout and lse follow q's batch, heads and length.
    static const char *const kDimNames[3] = {"batch sizes", "query heads",
                                             "query lengths"};
    for (auto [t, name] : {std::pair{&out, "out"}, std::pair{&dout, "dout"},
                           std::pair{&lse, "lse"}})
      for (int d = 0; d < 3; ++d)
        emitRequireEqual(os, op, q.sizes[d], t->sizes[d],
                         (llvm::Twine(kDimNames[d]) + " of q and " + name).str());
    os << "    accel_attention::BackwardParams p = {};\n";
    os << "    p.q = " << q.pointer << "; p.k = " << k.pointer
       << "; p.v = " << v.pointer << "; p.out = " << out.pointer
       << "; p.dout = " << dout.pointer << ";\n";
    os << "    p.lse = static_cast<const float *>(" << lse.pointer << ");\n";
    os << "    p.dq = " << results[0].pointer << "; p.dk = "
       << results[1].pointer << "; p.dv = " << results[2].pointer << ";\n";
    emitProblemFields(os, q, k, v, out);
    emitContiguousStrides(os, "doStrides", dout);
    emitContiguousStrides(os, "dqStrides", results[0]);
    emitContiguousStrides(os, "dkStrides", results[1]);
    emitContiguousStrides(os, "dvStrides", results[2]);
    float scale = *grad.getEffectiveScale();
    os << "    p.scale = " << llvm::formatv("{0:e9}", double(scale)) << "f;\n";
    emitScaleAndShards(os, scale, grad.getSparsity());
    emitLauncherCall(os, op,
                     "accel_attention::launchAttentionBackward" +
                         getBackwardTemplateArguments(
                             grad, cast<AttentionGradSm80ConfigAttr>(config),
                             /*withKnobs=*/true) +
                         "(p, stream)");
    os << "  }\n";
  }
};
} // namespace

void accel::codegen::registerAttentionKernels(KernelRegistry &registry) {
  // Target-specific families first: lookup takes the first that fits.
  registry.add(std::make_unique<AttentionWgmmaFamily>());
  registry.add(std::make_unique<AttentionFamily>());
  registry.add(std::make_unique<AttentionGradFamily>());
}
