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

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

namespace {
#include "AttentionBackwardSm80.cuh.inc"
#include "AttentionForwardSm80.cuh.inc"
#include "AttentionForwardSm90.cuh.inc"

RankedTensorType tensorType(Value value) {
  return cast<RankedTensorType>(value.getType());
}

/// The CUDA spelling of a kernel element type.
StringRef cudaElementType(Type type) {
  return type.isBF16() ? "__nv_bfloat16" : "__half";
}

/// The rules both attention kernels share: one bf16/f16 type for the
/// `inputs` and `outputs`, a static head dim of 64 or 128, Dv = D, shard
/// parameters that fit an int.
LogicalResult checkAttentionShapes(Operation *op, Value q, Value v,
                                   ValueRange sameType,
                                   std::optional<HeadShardAttr> shard,
                                   const TargetInfo &target) {
  std::string where = " (CUDA attention kernel, " + target.getName() + ")";
  Type element = tensorType(q).getElementType();
  if (!element.isBF16() && !element.isF16())
    return op->emitOpError() << "needs bf16 or f16 q/k/v, got " << element
                             << where;
  for (Value value : sameType) {
    Type other = tensorType(value).getElementType();
    if (other != element)
      return op->emitOpError()
             << "needs every tensor in the input element type " << element
             << ", got " << other << where;
  }
  int64_t headDim = tensorType(q).getDimSize(3);
  if (ShapedType::isDynamic(headDim))
    return op->emitOpError() << "needs a static head dim, got a dynamic one"
                             << where;
  if (headDim != 64 && headDim != 128)
    return op->emitOpError()
           << "supports head dims 64 and 128, got " << headDim << where;
  int64_t valueDim = tensorType(v).getDimSize(3);
  if (valueDim != headDim)
    return op->emitOpError() << "needs the value head dim to equal the "
                                "query head dim ("
                             << headDim << "), got "
                             << (ShapedType::isDynamic(valueDim)
                                     ? std::string("?")
                                     : std::to_string(valueDim))
                             << where;
  if (shard && (shard->getNumShards() > INT32_MAX ||
                shard->getBlock() > INT32_MAX ||
                shard->getLocalBlocks() > INT32_MAX))
    return op->emitOpError() << "needs head_shard parameters below 2^31"
                             << where;
  return success();
}

/// What keys both families' tuning: `bf16.d128.causal.sharded`.
std::string attentionSignature(Value q, bool causal, bool sharded) {
  auto type = tensorType(q);
  std::string signature = (type.getElementType().isBF16() ? "bf16" : "f16") +
                          std::string(".d") +
                          std::to_string(type.getDimSize(3));
  if (causal)
    signature += ".causal";
  if (sharded)
    signature += ".sharded";
  return signature;
}

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

/// The warp counts the attention kernels are written for.
LogicalResult verifyNumWarps(Operation *op, const TileConfig &config) {
  if (config.numWarps == 1 || config.numWarps == 2 || config.numWarps == 4 ||
      config.numWarps == 8)
    return success();
  return op->emitOpError() << "expects num_warps of 1, 2, 4 or 8, got "
                           << config.numWarps;
}

/// Static shared memory is all the kernels use: the tiles must fit it.
LogicalResult verifySharedMemory(Operation *op, int64_t bytes,
                                 const TileConfig &config,
                                 const TargetInfo &target) {
  if (bytes <= target.getStaticSharedMemoryBytes())
    return success();
  return op->emitOpError() << "expects the tiles to fit in "
                           << target.getStaticSharedMemoryBytes()
                           << " bytes of shared memory, got " << bytes
                           << " with " << config.str();
}

/// The forward on mma.sync (sm_80 and up).
class AttentionFamily : public KernelFamily {
public:
  StringRef getName() const override { return "attention"; }
  bool matches(Operation *op) const override { return isa<AttentionOp>(op); }

  LogicalResult checkSupported(Operation *op,
                               const TargetInfo &target) const override {
    auto attention = cast<AttentionOp>(op);
    if (failed(checkAttentionShapes(op, attention.getQ(), attention.getV(),
                                    {attention.getK(), attention.getV(),
                                     attention.getOut()},
                                    attention.getSparsity(), target)))
      return failure();
    // A bias is f32 or the input type (the verifier's rule): both read.
    return success();
  }

  std::string getSignature(Operation *op) const override {
    auto attention = cast<AttentionOp>(op);
    std::string signature =
        attentionSignature(attention.getQ(), attention.getCausal(),
                           attention.getSparsity().has_value());
    if (attention.getLse())
      signature += ".lse";
    if (attention.getBias())
      signature += ".bias";
    return signature;
  }

  TileConfig getDefaultConfig(Operation *op,
                              const TargetInfo &target) const override {
    // 4 warps of 16 query rows each and 64-key tiles: Q, K and V tiles fit
    // the 48 KiB of static shared memory at head dim 128, and the
    // accumulators (O: D/2 floats per thread) stay in registers.
    return TileConfig{64, 64, 4, 2};
  }

  LogicalResult verifyConfig(Operation *op, const TileConfig &config,
                             const TargetInfo &target) const override {
    int64_t headDim = tensorType(cast<AttentionOp>(op).getQ()).getDimSize(3);
    if (failed(verifyNumWarps(op, config)))
      return failure();
    if (config.blockM != 16 * config.numWarps)
      return op->emitOpError()
             << "expects block_m = 16 * num_warps (" << 16 * config.numWarps
             << ") for the attention kernel, got " << config.blockM;
    if (config.blockN % 16 != 0)
      return op->emitOpError()
             << "expects block_n to be a multiple of 16, got " << config.blockN;
    if (config.numStages != 2)
      return op->emitOpError() << "expects num_stages = 2 (K of the next "
                                  "tile loads during P.V), got "
                               << config.numStages;
    // Q, K and V tiles of 16-bit elements.
    return verifySharedMemory(
        op, (config.blockM + 2 * config.blockN) * headDim * 2, config, target);
  }

  StringRef getTemplateSource() const override {
    return kAttentionForwardSm80Source;
  }

  StringRef getKernelParameterList() const override {
    return "(const accel_attention::ForwardParams)";
  }

  /// The kernel template and its host launcher (same template arguments).
  virtual StringRef getKernelTemplate() const { return "attentionForwardKernel"; }
  virtual StringRef getLauncherTemplate() const {
    return "launchAttentionForward";
  }
  /// The template arguments `config` sets.
  virtual std::string getConfigArguments(const TileConfig &config) const {
    return llvm::formatv("{0}, {1}, {2}", config.blockM, config.blockN,
                         config.numWarps);
  }

  /// `<T, D, config..., Causal, Sharded, WithLse, HasBias>`.
  std::string getTemplateArguments(Operation *op,
                                   const TileConfig &config) const {
    auto attention = cast<AttentionOp>(op);
    auto q = tensorType(attention.getQ());
    auto flag = [](bool value) { return value ? "true" : "false"; };
    return llvm::formatv("<{0}, {1}, {2}, {3}, {4}, {5}, {6}>",
                         cudaElementType(q.getElementType()), q.getDimSize(3),
                         getConfigArguments(config), flag(attention.getCausal()),
                         flag(attention.getSparsity().has_value()),
                         flag(attention.getLse() != nullptr),
                         flag(attention.getBias() != nullptr));
  }

  std::string getKernelName(Operation *op,
                            const TileConfig &config) const override {
    return ("accel_attention::" + getKernelTemplate()).str() +
           getTemplateArguments(op, config);
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

  void emitLaunch(Operation *op, const KernelInstance &instance,
                  ArrayRef<TensorBinding> operands,
                  ArrayRef<TensorBinding> results,
                  raw_ostream &os) const override {
    auto attention = cast<AttentionOp>(op);
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
    emitScaleAndShards(os, *attention.getEffectiveScale(),
                       attention.getSparsity());
    if (attention.getBias())
      emitBias(os, op, operands[3],
               {q.sizes[0], q.sizes[1], q.sizes[2], k.sizes[2]});
    emitLauncherCall(os, op,
                     ("accel_attention::" + getLauncherTemplate()).str() +
                         getTemplateArguments(op, instance.config) +
                         "(p, stream)");
    os << "  }\n";
  }
};
/// The forward on sm_90a: a producer warpgroup streams Q, K and V with TMA
/// into a ring of `num_stages` buffers, two consumer warpgroups of 64 query
/// rows run Q.K^T and P.V on wgmma. Configs: block_m = 128, num_warps = 12,
/// block_n 64 or 128, 1 to 4 stages in the opt-in shared memory.
class AttentionWgmmaFamily final : public AttentionFamily {
public:
  StringRef getName() const override { return "attention_wgmma"; }
  bool supportsTarget(const TargetInfo &target) const override {
    return target.hasWgmma();
  }

  TileConfig getDefaultConfig(Operation *op,
                              const TargetInfo &target) const override {
    // 128-key tiles (wgmma n = 128 for S) and a two-deep K/V ring: 160 KiB
    // at d = 128, so the next tile's copies overlap this tile's math.
    return TileConfig{128, 128, 12, 2};
  }

  LogicalResult verifyConfig(Operation *op, const TileConfig &config,
                             const TargetInfo &target) const override {
    int64_t headDim = tensorType(cast<AttentionOp>(op).getQ()).getDimSize(3);
    if (config.blockM != 128 || config.numWarps != 12)
      return op->emitOpError()
             << "expects block_m = 128 and num_warps = 12 (a producer and two "
                "consumer warpgroups) for the wgmma attention kernel, got "
             << config.str();
    if (config.blockN != 64 && config.blockN != 128)
      return op->emitOpError()
             << "expects block_n of 64 or 128 for the wgmma attention "
                "kernel, got "
             << config.blockN;
    if (config.numStages < 1 || config.numStages > 4)
      return op->emitOpError()
             << "expects num_stages from 1 to 4 for the wgmma attention "
                "kernel, got "
             << config.numStages;
    // forwardSm90SharedBytes(): alignment slack, Q, the K and V rings,
    // the mbarriers.
    int64_t bytes = 1024 +
                    (128 + 2 * config.numStages * config.blockN) * headDim * 2 +
                    (1 + 3 * config.numStages) * 8;
    if (bytes > target.getMaxDynamicSharedMemoryBytes())
      return op->emitOpError()
             << "expects the tiles to fit in "
             << target.getMaxDynamicSharedMemoryBytes()
             << " bytes of shared memory, got " << bytes << " with "
             << config.str();
    return success();
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

  StringRef getKernelTemplate() const override {
    return "attentionForwardSm90Kernel";
  }
  StringRef getLauncherTemplate() const override {
    return "launchAttentionForwardSm90";
  }
  std::string getConfigArguments(const TileConfig &config) const override {
    // block_m and num_warps are fixed by the kernel's warpgroup roles.
    return llvm::formatv("{0}, {1}", config.blockN, config.numStages);
  }
};

class AttentionGradFamily final : public KernelFamily {
public:
  StringRef getName() const override { return "attention_grad"; }
  bool matches(Operation *op) const override {
    return isa<AttentionGradOp>(op);
  }

  LogicalResult checkSupported(Operation *op,
                               const TargetInfo &target) const override {
    auto grad = cast<AttentionGradOp>(op);
    return checkAttentionShapes(
        op, grad.getQ(), grad.getV(),
        {grad.getK(), grad.getV(), grad.getOut(), grad.getDout(),
         grad.getDq(), grad.getDk(), grad.getDv()},
        grad.getSparsity(), target);
  }

  std::string getSignature(Operation *op) const override {
    auto grad = cast<AttentionGradOp>(op);
    return attentionSignature(grad.getQ(), grad.getCausal(),
                              grad.getSparsity().has_value());
  }

  TileConfig getDefaultConfig(Operation *op,
                              const TargetInfo &target) const override {
    // K, V, Q, dO tiles and dS^T in 48 KiB, and dK/dV accumulators (D/2
    // floats each per thread) in registers: 64 keys at d = 64, 32 at 128.
    int64_t headDim = tensorType(cast<AttentionGradOp>(op).getQ()).getDimSize(3);
    int warps = headDim <= 64 ? 4 : 2;
    return TileConfig{16 * warps, 16 * warps, warps, 1};
  }

  LogicalResult verifyConfig(Operation *op, const TileConfig &config,
                             const TargetInfo &target) const override {
    int64_t headDim = tensorType(cast<AttentionGradOp>(op).getQ()).getDimSize(3);
    if (failed(verifyNumWarps(op, config)))
      return failure();
    int block = 16 * config.numWarps;
    if (config.blockM != block || config.blockN != block)
      return op->emitOpError()
             << "expects block_m = block_n = 16 * num_warps (" << block
             << ") for the attention backward kernel, got " << config.str();
    if (config.numStages != 1)
      return op->emitOpError()
             << "expects num_stages = 1 for the attention backward kernel, "
                "got "
             << config.numStages;
    // K, V, Q, dO tiles and dS^T (16-bit), lse and Delta (f32).
    return verifySharedMemory(
        op, (4 * block * headDim + block * block) * 2 + 2 * block * 4, config,
        target);
  }

  StringRef getTemplateSource() const override {
    static const std::string source = std::string(kAttentionForwardSm80Source) +
                                      "\n" + kAttentionBackwardSm80Source;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const accel_attention::BackwardParams)";
  }

  /// `<T, D, ...>` of this op's instance.
  std::string getTemplateArguments(Operation *op, const TileConfig &config,
                                   bool withFlags) const {
    auto grad = cast<AttentionGradOp>(op);
    auto q = tensorType(grad.getQ());
    std::string args = llvm::formatv("{0}, {1}", cudaElementType(q.getElementType()),
                                     q.getDimSize(3));
    if (withFlags)
      args += llvm::formatv(", {0}, {1}, {2}", config.numWarps,
                            grad.getCausal() ? "true" : "false",
                            grad.getSparsity() ? "true" : "false")
                  .str();
    return args;
  }

  std::string getKernelName(Operation *op,
                            const TileConfig &config) const override {
    return "accel_attention::attentionBackwardKernel<" +
           getTemplateArguments(op, config, true) + ">";
  }

  std::vector<std::string>
  getAuxiliaryInstantiations(Operation *op,
                             const TileConfig &config) const override {
    std::string args = getTemplateArguments(op, config, false);
    return {"template __global__ void "
            "accel_attention::attentionBackwardPreprocessKernel<" +
                args + ">(const accel_attention::BackwardParams)",
            "template __global__ void "
            "accel_attention::attentionBackwardConvertKernel<" +
                args +
                ">(const float *, void *, long long, int, int, long long, "
                "long long, long long)"};
  }

  SmallVector<SmallVector<std::string>>
  getResultSizes(Operation *op,
                 ArrayRef<TensorBinding> operands) const override {
    return {operands[0].sizes, operands[1].sizes, operands[2].sizes};
  }

  void emitLaunch(Operation *op, const KernelInstance &instance,
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
    os << "    p.batch = (int)(" << q.sizes[0] << "); p.headsQ = (int)("
       << q.sizes[1] << "); p.headsKV = (int)(" << k.sizes[1]
       << "); p.seqQ = (int)(" << q.sizes[2] << "); p.seqK = (int)("
       << k.sizes[2] << ");\n";
    emitContiguousStrides(os, "qStrides", q);
    emitContiguousStrides(os, "kStrides", k);
    emitContiguousStrides(os, "vStrides", v);
    emitContiguousStrides(os, "oStrides", out);
    emitContiguousStrides(os, "doStrides", dout);
    emitContiguousStrides(os, "dqStrides", results[0]);
    emitContiguousStrides(os, "dkStrides", results[1]);
    emitContiguousStrides(os, "dvStrides", results[2]);
    os << "    p.lseStrides[0] = (long long)(" << q.sizes[1] << ") * ("
       << q.sizes[2] << "); p.lseStrides[1] = " << q.sizes[2] << ";\n";
    float scale = *grad.getEffectiveScale();
    os << "    p.scale = " << llvm::formatv("{0:e9}", double(scale)) << "f;\n";
    emitScaleAndShards(os, scale, grad.getSparsity());
    emitLauncherCall(os, op,
                     "accel_attention::launchAttentionBackward<" +
                         getTemplateArguments(op, instance.config, true) +
                         ">(p, stream)");
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
