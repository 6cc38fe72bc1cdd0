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

#include "accel/Codegen/HostBuilder.h"

#include "mlir/IR/AffineMap.h"

#include <optional>
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

/// An f32 literal that reads back as exactly `value`.
std::string getFloatLiteral(float value);
/// A scalar constant (or scalar splat) as a CUDA expression, if `value` is
/// one: an f32 literal, `true`/`false` for i1, an integer literal for an
/// exponent.
std::optional<std::string> getScalarConstantExpression(mlir::Value value);
/// The CUDA expression (computed in f32) of one scalar arith/math op of
/// f32/f16/bf16/i1 values, given its operands' expressions; what it cannot
/// express is a diagnostic begun by `fail`, naming `subject` ("the
/// epilogue") as what computes the supported ops.
mlir::FailureOr<std::string>
getScalarOpExpression(mlir::Operation *op, llvm::ArrayRef<std::string> operands,
                      llvm::StringRef subject,
                      llvm::function_ref<mlir::InFlightDiagnostic(mlir::Operation *)>
                          fail);

/// The epilogue of `matmul`'s dispatch (the matmul alone when it is in
/// none); a diagnostic on the op it cannot express.
mlir::FailureOr<GemmEpilogue> buildGemmEpilogue(GemmOp matmul);
/// The same for any root whose f32 sum the kernel computes (the Monarch
/// family's ops): the sum rounded to the root's result type, then the
/// chain; a matmul's bias and scales where the root is one.
mlir::FailureOr<GemmEpilogue> buildKernelEpilogue(mlir::Operation *root);

/// The binding of epilogue tensor `extra`: a dispatch input, or (a root in
/// no dispatch) the root's operand among `operands`.
const TensorBinding &
getEpilogueTensorBinding(mlir::Operation *root, const EpilogueExtra &extra,
                         llvm::ArrayRef<TensorBinding> operands,
                         llvm::ArrayRef<TensorBinding> dispatchInputs);

/// Builds the run-time checks that the epilogue's tensors cover the
/// output (sizes `out`) where they are not broadcast.
void buildEpilogueTensorChecks(mlir::Operation *root,
                               const GemmEpilogue &epilogue, HostBuilder &host,
                               llvm::ArrayRef<TensorBinding> operands,
                               llvm::ArrayRef<TensorBinding> dispatchInputs,
                               llvm::ArrayRef<mlir::Value> out);

/// The element stride of epilogue tensor `t` (read through `extra`'s map)
/// along each of the output's `outRank` dims: the sum of the strides of
/// the tensor dims it indexes, 0 where it broadcasts.
llvm::SmallVector<mlir::Value>
getEpilogueCoordinateStrides(HostBuilder &host, const EpilogueExtra &extra,
                             const TensorBinding &t, int64_t outRank);

} // namespace accel::codegen::gemm

#endif // ACCEL_LIB_CODEGEN_GEMM_GEMMEPILOGUE_H
