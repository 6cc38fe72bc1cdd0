//===- GemmEpilogue.h - a GEMM dispatch's epilogue as CUDA ------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The epilogue of a GEMM kernel is generated from its dispatch: the
// dequantization of a quantized_matmul's sum (its a_scale and b_scale),
// the matmul's bias and the rounding to its result type, then every
// elementwise op that accel-fuse-epilogue put after it (tensor arith/math
// ops, all-parallel linalg ops with their scalar bodies), as one C++
// function of the f32 accumulator and the element's coordinates. The
// tensors it reads besides the chain (bias, residuals, broadcast rows) are
// the kernel's extras, each with the map from output dims to its own.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_GEMM_GEMMEPILOGUE_H
#define ACCEL_LIB_CODEGEN_GEMM_GEMMEPILOGUE_H

#include "GemmOp.h"

#include "mlir/IR/AffineMap.h"

#include <string>

namespace accel::codegen::gemm {

/// Tensors the epilogue may read (GemmParams::extras).
constexpr int kMaxExtras = 8;
/// Output batch dims the kernel indexes (GemmParams::batchSizes).
constexpr int kMaxBatchDims = 4;

/// One tensor the epilogue reads.
struct EpilogueExtra {
  /// A block argument of the dispatch, or an operand of a matmul that is
  /// in no dispatch.
  mlir::Value value;
  /// Output dims -> the tensor's dims (a projected permutation; a result
  /// of constant 0 for a unit dim the tensor broadcasts).
  mlir::AffineMap map;
};

struct GemmEpilogue {
  /// `AccelEpilogue_<hash of source>`: equal epilogues share one type.
  std::string name;
  /// The struct definition.
  std::string source;
  llvm::SmallVector<EpilogueExtra> extras;
  /// The stored value's element type.
  mlir::Type resultElementType;
};

/// The epilogue of `matmul`'s dispatch (the matmul alone when it is in
/// none); a diagnostic on the op it cannot express.
mlir::FailureOr<GemmEpilogue> buildGemmEpilogue(GemmOp matmul);

} // namespace accel::codegen::gemm

#endif // ACCEL_LIB_CODEGEN_GEMM_GEMMEPILOGUE_H
