//===- AttentionSupport.h - what the attention families share ---*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The support rules, tuning signatures and template arguments of the
// attention kernels, shared by the families (AttentionFamily.cpp: host
// code) and their config models (AttentionConfigs.cpp: what the knobs mean
// for an op).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_ATTENTION_ATTENTIONSUPPORT_H
#define ACCEL_LIB_CODEGEN_ATTENTION_ATTENTIONSUPPORT_H

#include "CodegenSupport.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include <string>

namespace accel::codegen::attention {

using codegen::tensorType;

/// The CUDA spelling of a kernel element type.
inline llvm::StringRef cudaElementType(mlir::Type type) {
  return type.isBF16() ? "__nv_bfloat16" : type.isF16() ? "__half" : "float";
}

/// The largest head dim (and value head dim) of the CUDA-core forward.
constexpr int64_t kMaxSimtHeadDim = 256;

/// Whether the tensor-core forward kernels take `op`: bf16/f16, a static
/// head dim of 64 or 128 and Dv = D. The CUDA-core kernel takes the rest.
bool takesTensorCoreForward(AttentionOp op);

/// What the forward kernels support on `target`: one bf16/f16 type for
/// q/k/v/out, a static head dim of 64 or 128, Dv = D, shard parameters
/// that fit an int. A diagnostic on `op` names what is missing.
mlir::LogicalResult checkForwardSupported(AttentionOp op,
                                          CudaTargetAttr target);
/// What the CUDA-core forward supports: one f32/bf16/f16 type, static head
/// dims (q/k and v) from 1 to kMaxSimtHeadDim, shard parameters that fit an
/// int.
mlir::LogicalResult checkSimtForwardSupported(AttentionOp op,
                                              CudaTargetAttr target);
/// The same for the backward kernel (q/k/v/out/dout/dq/dk/dv).
mlir::LogicalResult checkBackwardSupported(AttentionGradOp op,
                                           CudaTargetAttr target);

/// What keys the forward's tuning: `bf16.d128.causal.sharded.lse.bias`
/// (`f32.d8.dv16...` where Dv != D).
std::string getForwardSignature(AttentionOp op);
/// What keys the backward's tuning: `bf16.d64.causal`.
std::string getBackwardSignature(AttentionGradOp op);

/// The template arguments of the forward kernel and its launcher:
/// `<T, D, knobs..., Causal, Sharded, WithLse, HasBias>`.
std::string getForwardTemplateArguments(AttentionOp op, llvm::StringRef knobs);
/// `<T, D, NumWarps, Causal, Sharded>` (`withKnobs`) or `<T, D>` (the
/// backward's helper kernels).
std::string getBackwardTemplateArguments(AttentionGradOp op,
                                         AttentionGradSm80ConfigAttr config,
                                         bool withKnobs);

/// The template arguments a config sets: `block_m, block_n, num_warps`
/// (sm_80), `block_n, num_stages` (sm_90a).
std::string getKnobArguments(AttentionSm80ConfigAttr config);
std::string getKnobArguments(AttentionSm90aConfigAttr config);
/// `value_dim, block_m, block_n` (CUDA cores).
std::string getKnobArguments(AttentionSimtConfigAttr config, AttentionOp op);

} // namespace accel::codegen::attention

#endif // ACCEL_LIB_CODEGEN_ATTENTION_ATTENTIONSUPPORT_H
