//===- GemmFamily.h - what the GEMM family and its configs share -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_GEMM_GEMMFAMILY_H
#define ACCEL_LIB_CODEGEN_GEMM_GEMMFAMILY_H

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include <string>

namespace accel::codegen::gemm {

/// M, N, K and the batch count (dynamic where any of their dims is).
struct GemmShape {
  int64_t batch, m, n, k;
};
GemmShape getGemmShape(MatmulOp op);

/// What the kernel takes: bf16/f16 inputs of one type, an f32/f16/bf16
/// result, at most four batch dims, an epilogue it can express; else a
/// diagnostic naming the capability.
mlir::LogicalResult checkGemmSupported(MatmulOp op, CudaTargetAttr target);
/// The same for the f32 kernel (f32 inputs).
mlir::LogicalResult checkGemmF32Supported(MatmulOp op, CudaTargetAttr target);

/// The default configs for `op`'s sizes: mma.sync, wgmma/TMA.
KernelConfigAttrInterface getDefaultGemmConfig(MatmulOp op);
KernelConfigAttrInterface getDefaultGemmSm90aConfig(MatmulOp op);
KernelConfigAttrInterface getDefaultGemmSimtConfig(MatmulOp op);

/// `<T, OutT, Epilogue, kBlockM, ..., kTransB>` of gemmKernel and
/// launchGemm; `<T, OutT, Epilogue, kBlockN, kStages, kTransB>` of
/// gemmSm90Kernel and launchGemmSm90.
std::string getGemmTemplateArguments(MatmulOp op, GemmSm80ConfigAttr config);
std::string getGemmTemplateArguments(MatmulOp op, GemmSm90aConfigAttr config);
/// `<OutT, Epilogue, kBlockM, kBlockN, kBlockK, kTransB>` of gemmSimtKernel.
std::string getGemmTemplateArguments(MatmulOp op, GemmSimtConfigAttr config);
/// gemmKernel's arguments for the tiles launchGemmSm90 falls back to.
std::string getGemmFallbackTemplateArguments(MatmulOp op);

} // namespace accel::codegen::gemm

#endif // ACCEL_LIB_CODEGEN_GEMM_GEMMFAMILY_H
