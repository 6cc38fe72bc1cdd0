//===- GemmFamily.h - what the GEMM family and its configs share -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_GEMM_GEMMFAMILY_H
#define ACCEL_LIB_CODEGEN_GEMM_GEMMFAMILY_H

#include "GemmOp.h"

#include <string>

namespace accel::codegen::gemm {

/// M, N, K and the batch count (dynamic where any of their dims is).
struct GemmShape {
  int64_t batch, m, n, k;
};
GemmShape getGemmShape(GemmOp op);

/// What the kernel takes: bf16/f16 inputs of one type, an f32/f16/bf16
/// result, at most four batch dims, an epilogue it can express; else a
/// diagnostic naming the capability.
mlir::LogicalResult checkGemmSupported(MatmulOp op, CudaTargetAttr target);
/// The same for the f32 kernel (f32 inputs).
mlir::LogicalResult checkGemmF32Supported(MatmulOp op, CudaTargetAttr target);
/// The same for the 8-bit kernel: accel.quantized_matmul of i8 x i8
/// (mma.sync, sm_80 and up) or f8E4M3FN x f8E4M3FN (sm_89 and up),
/// per-tensor or per-token a_scale, per-tensor or per-channel b_scale.
mlir::LogicalResult checkQuantizedGemmSupported(QuantizedMatmulOp op,
                                                CudaTargetAttr target);

/// The default configs for `op`'s sizes: mma.sync, wgmma/TMA.
KernelConfigAttrInterface getDefaultGemmConfig(MatmulOp op);
KernelConfigAttrInterface getDefaultGemmSm90aConfig(MatmulOp op);
KernelConfigAttrInterface getDefaultGemmSimtConfig(MatmulOp op);
KernelConfigAttrInterface getDefaultQuantizedGemmConfig(QuantizedMatmulOp op);

/// `<T, OutT, Epilogue, kBlockM, ..., kTransB>` of gemmKernel and
/// launchGemm; `<T, OutT, Epilogue, kBlockN, kStages, kTransB>` of
/// gemmSm90Kernel and launchGemmSm90.
std::string getGemmTemplateArguments(GemmOp op, GemmSm80ConfigAttr config);
std::string getGemmTemplateArguments(GemmOp op, GemmSm90aConfigAttr config);
/// `<OutT, Epilogue, kBlockM, kBlockN, kBlockK, kTransB>` of gemmSimtKernel.
std::string getGemmTemplateArguments(GemmOp op, GemmSimtConfigAttr config);
/// gemmKernel's and launchGemm's arguments for 8-bit operands.
std::string getGemmTemplateArguments(GemmOp op,
                                     QuantizedGemmSm80ConfigAttr config);
/// gemmKernel's arguments for the tiles launchGemmSm90 falls back to.
std::string getGemmFallbackTemplateArguments(GemmOp op);

} // namespace accel::codegen::gemm

#endif // ACCEL_LIB_CODEGEN_GEMM_GEMMFAMILY_H
