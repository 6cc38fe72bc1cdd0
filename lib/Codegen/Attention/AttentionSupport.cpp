//===- AttentionSupport.cpp - what the attention families share -----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "AttentionSupport.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen::attention;

/// " (CUDA attention kernel, sm_80)": where a diagnostic comes from.
static std::string describeKernel(CudaTargetAttr target) {
  return " (CUDA attention kernel" +
         (target ? ", " + target.getChip().str() : std::string()) + ")";
}

/// Every tensor of `sameType` has `q`'s element type.
static LogicalResult checkSameType(Operation *op, Value q, ValueRange sameType,
                                   StringRef where) {
  Type element = tensorType(q).getElementType();
  for (Value value : sameType) {
    Type other = tensorType(value).getElementType();
    if (other != element)
      return op->emitOpError()
             << "needs every tensor in the input element type " << element
             << ", got " << other << where;
  }
  return success();
}

/// The shard parameters fit an int (the kernels' arithmetic).
static LogicalResult checkShard(Operation *op,
                                std::optional<HeadShardAttr> shard,
                                StringRef where) {
  if (shard &&
      (shard->getNumShards() > INT32_MAX || shard->getBlock() > INT32_MAX ||
       shard->getLocalBlocks() > INT32_MAX))
    return op->emitOpError()
           << "needs head_shard parameters below 2^31" << where;
  return success();
}

/// The rules both tensor-core attention kernels share: one bf16/f16 type
/// for the `inputs` and `outputs`, a static head dim of 64 or 128, Dv = D,
/// shard parameters that fit an int.
static LogicalResult checkAttentionShapes(Operation *op, Value q, Value v,
                                          ValueRange sameType,
                                          std::optional<HeadShardAttr> shard,
                                          CudaTargetAttr target) {
  std::string where = describeKernel(target);
  Type element = tensorType(q).getElementType();
  if (!element.isBF16() && !element.isF16())
    return op->emitOpError()
           << "needs bf16 or f16 q/k/v, got " << element << where;
  if (failed(checkSameType(op, q, sameType, where)))
    return failure();
  int64_t headDim = tensorType(q).getDimSize(3);
  if (ShapedType::isDynamic(headDim))
    return op->emitOpError()
           << "needs a static head dim, got a dynamic one" << where;
  if (headDim != 64 && headDim != 128)
    return op->emitOpError()
           << "supports head dims 64 and 128, got " << headDim << where;
  int64_t valueDim = tensorType(v).getDimSize(3);
  if (valueDim != headDim)
    return op->emitOpError()
           << "needs the value head dim to equal the "
              "query head dim ("
           << headDim << "), got "
           << (ShapedType::isDynamic(valueDim) ? std::string("?")
                                               : std::to_string(valueDim))
           << where;
  return checkShard(op, shard, where);
}

bool accel::codegen::attention::takesTensorCoreForward(AttentionOp op) {
  auto q = tensorType(op.getQ()), v = tensorType(op.getV());
  Type element = q.getElementType();
  int64_t headDim = q.getDimSize(3);
  return (element.isBF16() || element.isF16()) &&
         (headDim == 64 || headDim == 128) && v.getDimSize(3) == headDim;
}

LogicalResult
accel::codegen::attention::checkSimtForwardSupported(AttentionOp op,
                                                     CudaTargetAttr target) {
  std::string where = describeKernel(target);
  Type element = tensorType(op.getQ()).getElementType();
  if (!element.isF32() && !element.isBF16() && !element.isF16())
    return op->emitOpError()
           << "needs f32, bf16 or f16 q/k/v, got " << element << where;
  if (failed(checkSameType(op, op.getQ(), {op.getK(), op.getV(), op.getOut()},
                           where)))
    return failure();
  for (auto [value, name] : {std::pair{op.getQ(), "head dim"},
                             std::pair{op.getV(), "value head dim"}}) {
    int64_t size = tensorType(value).getDimSize(3);
    if (ShapedType::isDynamic(size))
      return op->emitOpError()
             << "needs a static " << name << ", got a dynamic one" << where;
    if (size < 1 || size > kMaxSimtHeadDim)
      return op->emitOpError() << "supports a " << name << " from 1 to "
                               << kMaxSimtHeadDim << ", got " << size << where;
  }
  return checkShard(op, op.getSparsity(), where);
}

LogicalResult
accel::codegen::attention::checkForwardSupported(AttentionOp op,
                                                 CudaTargetAttr target) {
  // A bias is f32 or the input type (the verifier's rule): both are read.
  return checkAttentionShapes(op, op.getQ(), op.getV(),
                              {op.getK(), op.getV(), op.getOut()},
                              op.getSparsity(), target);
}

LogicalResult
accel::codegen::attention::checkBackwardSupported(AttentionGradOp op,
                                                  CudaTargetAttr target) {
  return checkAttentionShapes(op, op.getQ(), op.getV(),
                              {op.getK(), op.getV(), op.getOut(), op.getDout(),
                               op.getDq(), op.getDk(), op.getDv()},
                              op.getSparsity(), target);
}

/// `bf16.d128.causal.sharded`.
static std::string getCommonSignature(Value q, bool causal, bool sharded) {
  auto type = tensorType(q);
  Type element = type.getElementType();
  std::string signature = (element.isBF16()  ? "bf16"
                           : element.isF16() ? "f16"
                                             : "f32") +
                          std::string(".d") +
                          std::to_string(type.getDimSize(3));
  if (causal)
    signature += ".causal";
  if (sharded)
    signature += ".sharded";
  return signature;
}

std::string accel::codegen::attention::getForwardSignature(AttentionOp op) {
  std::string signature = getCommonSignature(op.getQ(), op.getCausal(),
                                             op.getSparsity().has_value());
  int64_t valueDim = tensorType(op.getV()).getDimSize(3);
  if (valueDim != tensorType(op.getQ()).getDimSize(3))
    signature += ".dv" + std::to_string(valueDim);
  if (op.getLse())
    signature += ".lse";
  if (op.getBias())
    signature += ".bias";
  return signature;
}

std::string
accel::codegen::attention::getBackwardSignature(AttentionGradOp op) {
  return getCommonSignature(op.getQ(), op.getCausal(),
                            op.getSparsity().has_value());
}

static const char *flag(bool value) { return value ? "true" : "false"; }

std::string
accel::codegen::attention::getForwardTemplateArguments(AttentionOp op,
                                                       StringRef knobs) {
  auto q = tensorType(op.getQ());
  return llvm::formatv(
      "<{0}, {1}, {2}, {3}, {4}, {5}, {6}>",
      cudaElementType(q.getElementType()), q.getDimSize(3), knobs,
      flag(op.getCausal()), flag(op.getSparsity().has_value()),
      flag(op.getLse() != nullptr), flag(op.getBias() != nullptr));
}

std::string accel::codegen::attention::getBackwardTemplateArguments(
    AttentionGradOp op, AttentionGradSm80ConfigAttr config, bool withKnobs) {
  auto q = tensorType(op.getQ());
  std::string args = llvm::formatv(
      "{0}, {1}", cudaElementType(q.getElementType()), q.getDimSize(3));
  if (withKnobs)
    args +=
        llvm::formatv(", {0}, {1}, {2}", config.getNumWarps(),
                      flag(op.getCausal()), flag(op.getSparsity().has_value()))
            .str();
  return "<" + args + ">";
}

std::string
accel::codegen::attention::getKnobArguments(AttentionSm80ConfigAttr config) {
  return llvm::formatv("{0}, {1}, {2}", config.getBlockM(), config.getBlockN(),
                       config.getNumWarps());
}

std::string
accel::codegen::attention::getKnobArguments(AttentionSm90aConfigAttr config) {
  return llvm::formatv("{0}, {1}", config.getBlockN(), config.getNumStages());
}

std::string
accel::codegen::attention::getKnobArguments(AttentionSimtConfigAttr config,
                                            AttentionOp op) {
  return llvm::formatv("{0}, {1}, {2}", tensorType(op.getV()).getDimSize(3),
                       config.getBlockM(), config.getBlockN());
}
