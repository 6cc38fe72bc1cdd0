//===- AttentionFamily.cpp - accel.attention on CUDA ----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The attention kernel families: FlashAttention-2's forward and backward
// passes on tensor cores (AttentionForwardSm80.cuh, AttentionBackwardSm80.cuh;
// sm_80 and up), and on sm_90a the forward on wgmma, TMA and warp
// specialization (AttentionForwardSm90.cuh). What they take: bf16/f16 tensors
// of one type, a static head dim of 64 or 128 with Dv = D, causal, GQA/MQA,
// head_shard, the forward's optional lse. The forward of every other f32,
// bf16 or f16 op (head dims 1 to 256, Dv != D) runs on the CUDA cores
// (AttentionForwardSimt.cuh); everything else is a diagnostic naming the
// capability.
//
//===----------------------------------------------------------------------===//

#include "AttentionSupport.h"

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::attention;

namespace {
#include "AttentionBackwardSm80.cuh.inc"
#include "AttentionForwardSimt.cuh.inc"
#include "AttentionForwardSm80.cuh.inc"
#include "AttentionForwardSm90.cuh.inc"
#include "TensorCoreSm80.cuh.inc"
#include "TensorCoreSm90.cuh.inc"

using Pred = arith::CmpIPredicate;

/// `p.<name>[0..2]`: the [B, H, S] strides of `t` (its last dim is
/// contiguous: q, k and v may be views, getInputLayout).
void setRowStrides(HostBuilder &host, Value p, StringRef name,
                          const TensorBinding &t) {
  SmallVector<Value> strides = host.getStrides(t);
  for (int d = 0; d < 3; ++d)
    host.setField(p, name, d, strides[d]);
}

/// The run-time checks of q/k/v sizes the verifier could not compare, and
/// of the limits of the launch grid.
void checkProblemSizes(HostBuilder &host, Operation *op, const TensorBinding &q,
                       const TensorBinding &k, const TensorBinding &v) {
  host.checkEqual(op, q.sizes[0], k.sizes[0], "batch sizes of q and k");
  // The kernels read k's rows at q's (static) head dim.
  host.checkEqual(op, q.sizes[3], k.sizes[3], "head dims of q and k");
  host.checkEqual(op, q.sizes[0], v.sizes[0], "batch sizes of q and v");
  host.checkEqual(op, k.sizes[1], v.sizes[1], "kv heads of k and v");
  host.checkEqual(op, k.sizes[2], v.sizes[2],
                  "key sequence lengths of k and v");
  // The host evaluates both conditions: the remainder divides by 1 where
  // there is no kv head.
  Value noKvHeads = host.cmp(Pred::sle, k.sizes[1], 0);
  Value divisor = host.select(noKvHeads, host.constant(1), k.sizes[1]);
  host.check(op,
             host.anyOf({noKvHeads,
                         host.cmp(Pred::ne, host.rem(q.sizes[1], divisor), 0)}),
             "at least one kv head and the query heads to be a multiple of "
             "the kv heads, got %lld query heads and %lld kv heads",
             {q.sizes[1], k.sizes[1]});
  for (auto [t, name] : {std::pair{&q, "q"}, std::pair{&k, "k"}})
    host.check(op,
               host.anyOf({host.cmp(Pred::sgt, t->sizes[0], 65535),
                           host.cmp(Pred::sgt, t->sizes[1], 65535),
                           host.cmp(Pred::sgt, t->sizes[2], 2147483647)}),
               llvm::Twine("the batch and heads of ") + name +
                   " to be at most 65535 and its sequence length below 2^31 "
                   "(the launch grid's limits), got batch %lld, heads %lld, "
                   "length %lld",
               {t->sizes[0], t->sizes[1], t->sizes[2]});
}

/// The problem sizes and the q/k/v/out and lse strides both directions'
/// params share (ForwardParams, BackwardParams).
void setProblemFields(HostBuilder &host, Value p, const TensorBinding &q,
                      const TensorBinding &k, const TensorBinding &v,
                      const TensorBinding &out) {
  host.setField(p, "batch", q.sizes[0]);
  host.setField(p, "headsQ", q.sizes[1]);
  host.setField(p, "headsKV", k.sizes[1]);
  host.setField(p, "seqQ", q.sizes[2]);
  host.setField(p, "seqK", k.sizes[2]);
  setRowStrides(host, p, "qStrides", q);
  setRowStrides(host, p, "kStrides", k);
  setRowStrides(host, p, "vStrides", v);
  setRowStrides(host, p, "oStrides", out);
  host.setField(p, "lseStrides", 0, host.mul(q.sizes[1], q.sizes[2]));
  host.setField(p, "lseStrides", 1, q.sizes[2]);
}

/// The scale and shard fields of the params.
void setScaleAndShards(HostBuilder &host, Value p, float scale,
                       std::optional<HeadShardAttr> shard) {
  host.setField(
      p, "scaleLog2",
      host.f32(static_cast<float>(static_cast<double>(scale) * M_LOG2E)));
  if (shard) {
    host.setField(p, "shardCount", host.constant(shard->getNumShards()));
    host.setField(p, "shardBlock", host.constant(shard->getBlock()));
    host.setField(p, "shardLocal", host.constant(shard->getLocalBlocks()));
  }
}

constexpr const char *kScoreNames[4] = {"batch", "query heads", "query length",
                                        "key length"};

/// The dim of a rank-`rank` bias that score dim `t` of [B, Hq, Sq, Sk]
/// reads (aligned from the right), if it is one that can differ from 1.
std::optional<int64_t> getBroadcastDim(const TensorBinding &bias, int64_t t) {
  int64_t d = t - (4 - int64_t(bias.sizes.size()));
  if (d < 0 || bias.type.getDimSize(d) == 1)
    return std::nullopt;
  return d;
}

/// The bias broadcasts to [B, Hq, Sq, Sk] by numpy rules: each of its dims
/// is 1 (a dynamic one at run time) or the score dim (a located error
/// otherwise).
void checkBias(HostBuilder &host, Operation *op, const TensorBinding &bias,
               ArrayRef<Value> scores) {
  for (int64_t t = 0; t < 4; ++t) {
    std::optional<int64_t> d = getBroadcastDim(bias, t);
    if (!d)
      continue;
    Value size = bias.sizes[*d], score = scores[t];
    // On static sizes the check folds away.
    host.check(op,
               host.allOf({host.cmp(Pred::ne, size, 1),
                           host.cmp(Pred::ne, size, score)}),
               "bias dim " + std::to_string(*d) + " to be 1 or the " +
                   kScoreNames[t] + " it broadcasts to, got %lld for %lld",
               {size, score});
  }
}

/// The bias fields: strides into the (contiguous) bias aligned from the
/// right with [B, Hq, Sq, Sk]: a missing or static-1 dim broadcasts
/// (stride 0), and so does a dynamic dim that is 1 at run time.
void setBias(HostBuilder &host, Value p, const TensorBinding &bias) {
  int64_t rank = bias.sizes.size();
  SmallVector<Value> strides(rank);
  Value running = host.constant(1);
  for (int64_t d = rank - 1; d >= 0; --d) {
    strides[d] = running;
    running = host.mul(running, bias.sizes[d]);
  }
  host.setField(p, "bias", bias.pointer);
  host.setField(p, "biasIsFloat",
                host.boolean(bias.type.getElementType().isF32()));
  for (int64_t t = 0; t < 4; ++t) {
    Value stride = host.constant(0);
    if (std::optional<int64_t> d = getBroadcastDim(bias, t))
      stride = host.select(host.cmp(Pred::eq, bias.sizes[*d], 1),
                           host.constant(0), strides[*d]);
    host.setField(p, "biasStrides", t, stride);
  }
}

/// The forward's run-time checks (shared by both forward families).
void checkForward(AttentionOp attention, HostBuilder &host,
                  ArrayRef<TensorBinding> operands) {
  const TensorBinding &q = operands[0], &k = operands[1], &v = operands[2];
  checkProblemSizes(host, attention, q, k, v);
  if (attention.getBias())
    checkBias(host, attention, operands[3],
              {q.sizes[0], q.sizes[1], q.sizes[2], k.sizes[2]});
}

/// The forward's params (shared by both forward families) and the call of
/// `<launcher><template arguments>(p, stream)`.
void buildForwardLaunch(AttentionOp attention, StringRef launcher,
                        StringRef knobs, HostBuilder &host,
                        ArrayRef<TensorBinding> operands,
                        ArrayRef<TensorBinding> results) {
  Operation *op = attention;
  const TensorBinding &q = operands[0], &k = operands[1], &v = operands[2];
  const TensorBinding &out = results[0];
  Value p = host.makeStruct("accelkern_attention::ForwardParams");
  host.setField(p, "q", q.pointer);
  host.setField(p, "k", k.pointer);
  host.setField(p, "v", v.pointer);
  host.setField(p, "out", out.pointer);
  host.setField(p, "lse",
                results.size() > 1
                    ? host.castPointer(results[1].pointer, "float")
                    : host.nullPointer());
  setProblemFields(host, p, q, k, v, out);
  setScaleAndShards(host, p, *attention.getEffectiveScale(),
                    attention.getSparsity());
  if (attention.getBias())
    setBias(host, p, operands[3]);
  host.launch(op,
              ("accelkern_attention::" + launcher).str() +
                  getForwardTemplateArguments(attention, knobs),
              p);
}

/// What both forward families share: the op, its support rules, tuning
/// signature and result sizes.
class AttentionForwardFamilyBase : public KernelFamily {
public:
  /// The tensor-core families take what they support; the CUDA-core family
  /// overrides this with the rest.
  bool matches(Operation *op) const override {
    auto attention = dyn_cast<AttentionOp>(op);
    return attention && takesTensorCoreForward(attention);
  }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkForwardSupported(cast<AttentionOp>(op), target);
  }

  std::string getSignature(Operation *op) const override {
    return getForwardSignature(cast<AttentionOp>(op));
  }

  StringRef getKernelParameterList() const override {
    return "(const accelkern_attention::ForwardParams)";
  }

  OperandLayout getInputLayout(Operation *root,
                               BlockArgument input) const override {
    // q, k and v through their row strides (whole rows by cp.async, so
    // 16-byte aligned); the bias dense.
    bool rows = false;
    for (OpOperand &use : input.getUses()) {
      if (use.getOwner() != root)
        continue;
      if (use.getOperandNumber() >= 3)
        return OperandLayout::Contiguous;
      rows = true;
    }
    return rows ? OperandLayout::AlignedRows : OperandLayout::Contiguous;
  }

  void buildChecks(Operation *op, HostBuilder &host,
                   ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>) const override {
    checkForward(cast<AttentionOp>(op), host, operands);
  }

  void buildLaunch(Operation *op, KernelConfigAttrInterface config,
                   HostBuilder &host, ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>,
                   ArrayRef<TensorBinding> results) const override {
    auto attention = cast<AttentionOp>(op);
    buildForwardLaunch(attention, getLauncherName(),
                       getKnobs(config, attention), host, operands, results);
  }

  SmallVector<SmallVector<Value>>
  getResultSizes(Operation *op, HostBuilder &host,
                 ArrayRef<TensorBinding> operands) const override {
    const TensorBinding &q = operands[0], &v = operands[2];
    SmallVector<SmallVector<Value>> sizes;
    sizes.push_back({q.sizes[0], q.sizes[1], q.sizes[2], v.sizes[3]});
    if (cast<AttentionOp>(op).getLse())
      sizes.push_back({q.sizes[0], q.sizes[1], q.sizes[2]});
    return sizes;
  }

protected:
  /// The family's launcher in accelkern_attention.
  virtual StringRef getLauncherName() const = 0;
  /// The launcher's template arguments that `config` sets for `op`.
  virtual std::string getKnobs(KernelConfigAttrInterface config,
                               AttentionOp op) const = 0;
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
    static const std::string source =
        std::string(kTensorCoreSm80Source) + "\n" + kAttentionForwardSm80Source;
    return source;
  }

  StringRef getLauncherName() const override {
    return "launchAttentionForward";
  }
  std::string getKnobs(KernelConfigAttrInterface config,
                       AttentionOp) const override {
    return getKnobArguments(cast<AttentionSm80ConfigAttr>(config));
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
    static const std::string source =
        std::string(kTensorCoreSm80Source) + "\n" + kTensorCoreSm90Source +
        "\n" + kAttentionForwardSm80Source + "\n" + kAttentionForwardSm90Source;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const __grid_constant__ accelkern_attention::ForwardSm90Params)";
  }

  StringRef getLauncherName() const override {
    return "launchAttentionForwardSm90";
  }
  std::string getKnobs(KernelConfigAttrInterface config,
                       AttentionOp) const override {
    return getKnobArguments(cast<AttentionSm90aConfigAttr>(config));
  }
};

/// The forward on the CUDA cores (any target): f32 q/k/v, and the 16-bit
/// head dims the tensor-core kernels do not take.
class AttentionSimtFamily final : public AttentionForwardFamilyBase {
public:
  StringRef getName() const override { return "attention_simt"; }
  /// Every forward: registered after the tensor-core families, it is the
  /// default for what they do not match, and a pinned config may choose it
  /// for any forward it supports.
  bool matches(Operation *op) const override { return isa<AttentionOp>(op); }

  LogicalResult checkSupported(Operation *op,
                               CudaTargetAttr target) const override {
    return checkSimtForwardSupported(cast<AttentionOp>(op), target);
  }

  KernelConfigAttrInterface
  getDefaultConfig(Operation *op, CudaTargetAttr target) const override {
    // 64 x 64 tiles (16 outputs of S and 4 x Dv/16 of O per thread), no
    // taller than the sequences (16 rows for a decoding query), made
    // smaller while Q, K/V and P exceed the target's opt-in shared memory
    // (head dims above 128 on the 99 KiB parts).
    auto attention = cast<AttentionOp>(op);
    auto q = tensorType(attention.getQ()), k = tensorType(attention.getK());
    int64_t headDim = q.getDimSize(3),
            valueDim = tensorType(attention.getV()).getDimSize(3);
    auto tileFor = [](int64_t length) -> int64_t {
      if (ShapedType::isDynamic(length))
        return 64;
      return std::clamp<int64_t>((length + 15) / 16 * 16, 16, 64);
    };
    int64_t blockM = tileFor(q.getDimSize(2)), blockN = tileFor(k.getDimSize(2));
    int64_t limit = getDynamicSharedMemoryLimit(target);
    auto config = AttentionSimtConfigAttr::get(op->getContext(), blockM, blockN);
    while (config.getSharedBytes(headDim, valueDim) > limit &&
           (blockM > 16 || blockN > 16)) {
      if (blockN >= blockM)
        blockN -= 16;
      else
        blockM -= 16;
      config = AttentionSimtConfigAttr::get(op->getContext(), blockM, blockN);
    }
    return dyn_cast<KernelConfigAttrInterface>(config);
  }

  StringRef getTemplateSource() const override {
    // The CUDA-core kernel shares the sm_80 file's parameters and tile
    // visibility.
    static const std::string source = std::string(kTensorCoreSm80Source) +
                                      "\n" + kAttentionForwardSm80Source +
                                      "\n" + kAttentionForwardSimtSource;
    return source;
  }

  OperandLayout getInputLayout(Operation *root,
                               BlockArgument input) const override {
    // q, k and v element by element through their strides (any offset);
    // the bias dense.
    return AttentionForwardFamilyBase::getInputLayout(root, input) ==
                   OperandLayout::AlignedRows
               ? OperandLayout::InnerContiguous
               : OperandLayout::Contiguous;
  }

  StringRef getLauncherName() const override {
    return "launchAttentionForwardSimt";
  }
  std::string getKnobs(KernelConfigAttrInterface config,
                       AttentionOp op) const override {
    return getKnobArguments(cast<AttentionSimtConfigAttr>(config), op);
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
    int64_t headDim =
        tensorType(cast<AttentionGradOp>(op).getQ()).getDimSize(3);
    return dyn_cast<KernelConfigAttrInterface>(AttentionGradSm80ConfigAttr::get(
        op->getContext(), headDim <= 64 ? 4 : 2));
  }

  StringRef getTemplateSource() const override {
    static const std::string source = std::string(kTensorCoreSm80Source) +
                                      "\n" + kAttentionForwardSm80Source +
                                      "\n" + kAttentionBackwardSm80Source;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const accelkern_attention::BackwardParams)";
  }

  SmallVector<SmallVector<Value>>
  getResultSizes(Operation *op, HostBuilder &host,
                 ArrayRef<TensorBinding> operands) const override {
    return {operands[0].sizes, operands[1].sizes, operands[2].sizes};
  }

  void buildChecks(Operation *op, HostBuilder &host,
                   ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>) const override {
    const TensorBinding &q = operands[0], &k = operands[1], &v = operands[2];
    const TensorBinding &out = operands[3], &lse = operands[4],
                        &dout = operands[5];
    checkProblemSizes(host, op, q, k, v);
    // out, dout and lse follow q's batch, heads and length.
    static const char *const kDimNames[3] = {"batch sizes", "query heads",
                                             "query lengths"};
    for (auto [t, name] : {std::pair{&out, "out"}, std::pair{&dout, "dout"},
                           std::pair{&lse, "lse"}})
      for (int d = 0; d < 3; ++d)
        host.checkEqual(op, q.sizes[d], t->sizes[d],
                        llvm::Twine(kDimNames[d]) + " of q and " + name);
  }

  void buildLaunch(Operation *op, KernelConfigAttrInterface config,
                   HostBuilder &host, ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>,
                   ArrayRef<TensorBinding> results) const override {
    auto grad = cast<AttentionGradOp>(op);
    const TensorBinding &q = operands[0], &k = operands[1], &v = operands[2];
    const TensorBinding &out = operands[3], &lse = operands[4],
                        &dout = operands[5];
    Value p = host.makeStruct("accelkern_attention::BackwardParams");
    host.setField(p, "q", q.pointer);
    host.setField(p, "k", k.pointer);
    host.setField(p, "v", v.pointer);
    host.setField(p, "out", out.pointer);
    host.setField(p, "dout", dout.pointer);
    host.setField(p, "lse", host.castPointer(lse.pointer, "const float"));
    host.setField(p, "dq", results[0].pointer);
    host.setField(p, "dk", results[1].pointer);
    host.setField(p, "dv", results[2].pointer);
    setProblemFields(host, p, q, k, v, out);
    setRowStrides(host, p, "doStrides", dout);
    setRowStrides(host, p, "dqStrides", results[0]);
    setRowStrides(host, p, "dkStrides", results[1]);
    setRowStrides(host, p, "dvStrides", results[2]);
    float scale = *grad.getEffectiveScale();
    host.setField(p, "scale", host.f32(scale));
    setScaleAndShards(host, p, scale, grad.getSparsity());
    host.launch(op,
                "accelkern_attention::launchAttentionBackward" +
                    getBackwardTemplateArguments(
                        grad, cast<AttentionGradSm80ConfigAttr>(config),
                        /*withKnobs=*/true),
                p);
  }
};
} // namespace

void accel::codegen::registerAttentionKernels(KernelRegistry &registry) {
  // Target-specific families first: lookup takes the first that fits.
  registry.add(std::make_unique<AttentionWgmmaFamily>());
  registry.add(std::make_unique<AttentionFamily>());
  registry.add(std::make_unique<AttentionSimtFamily>());
  registry.add(std::make_unique<AttentionGradFamily>());
}
