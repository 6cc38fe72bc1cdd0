//===- TypeInference.h - shape and type rules of accel ops ------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The one place that states each op family's shape rules (the IR contract,
// docs/spec/accel-ir.md). Verifiers call these to check, builders call them
// to infer result types. Shapes use ShapedType::kDynamic for `?`; two dims
// are compatible when equal or when either is dynamic, and inference keeps
// the static one.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_TYPEINFERENCE_H
#define ACCEL_DIALECT_ACCEL_IR_TYPEINFERENCE_H

#include "accel/Dialect/Accel/IR/AccelEnums.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Types.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace accel {

using Shape = llvm::SmallVector<int64_t>;
/// Produces the diagnostic a failed rule is reported on (usually the op's
/// emitOpError).
using EmitErrorFn = llvm::function_ref<mlir::InFlightDiagnostic()>;

/// Renders a shape as `[2, ?, 64]` for diagnostics.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// Whether two dims can be equal at run time.
bool areCompatibleDims(int64_t lhs, int64_t rhs);
/// The more static of two compatible dims.
int64_t combineDims(int64_t lhs, int64_t rhs);

/// Fails with "expects <what> of shape <expected>, got <actual>" unless the
/// shapes have one rank and compatible dims.
mlir::LogicalResult verifyShapeMatches(llvm::ArrayRef<int64_t> actual,
                                       llvm::ArrayRef<int64_t> expected,
                                       llvm::StringRef what,
                                       EmitErrorFn emitError);

/// numpy broadcasting of two shapes (aligned from the right; a static 1
/// stretches).
mlir::FailureOr<Shape> broadcastShapes(llvm::ArrayRef<int64_t> lhs,
                                       llvm::ArrayRef<int64_t> rhs,
                                       EmitErrorFn emitError);

/// Whether `shape` broadcasts to `target` without changing `target`.
mlir::LogicalResult verifyBroadcastableTo(llvm::ArrayRef<int64_t> shape,
                                          llvm::ArrayRef<int64_t> target,
                                          llvm::StringRef what,
                                          EmitErrorFn emitError);

//===----------------------------------------------------------------------===//
// §1 Dense linear algebra
//===----------------------------------------------------------------------===//

/// a: [B..., M, K], b: [B..., K, N] (or [B..., N, K] when transposeB)
/// -> [broadcast(B...), M, N].
mlir::FailureOr<Shape> inferMatmulShape(llvm::ArrayRef<int64_t> a,
                                        llvm::ArrayRef<int64_t> b,
                                        bool transposeB,
                                        EmitErrorFn emitError);

//===----------------------------------------------------------------------===//
// §2 Attention
//===----------------------------------------------------------------------===//

struct AttentionShapes {
  Shape out; ///< [B, Hq, Sq, Dv]
  Shape lse; ///< [B, Hq, Sq]
  Shape scores; ///< [B, Hq, Sq, Sk], what a bias broadcasts to
};

/// q: [B, Hq, Sq, D], k: [B, Hkv, Sk, D], v: [B, Hkv, Sk, Dv] with
/// Hq % Hkv == 0.
mlir::FailureOr<AttentionShapes>
inferAttentionShapes(llvm::ArrayRef<int64_t> q, llvm::ArrayRef<int64_t> k,
                     llvm::ArrayRef<int64_t> v, EmitErrorFn emitError);

//===----------------------------------------------------------------------===//
// §3 Structured matrices
//===----------------------------------------------------------------------===//

/// x: [B..., nb*p], w: [nb, q, p] -> [B..., nb*q].
mlir::FailureOr<Shape> inferBlockDiagMatmulShape(llvm::ArrayRef<int64_t> x,
                                                 llvm::ArrayRef<int64_t> w,
                                                 EmitErrorFn emitError);

/// x: [B..., n], w1: [k, q, p] with k*p = n, w2: [l, s, r] with
/// l*r = k*q -> [B..., l*s].
mlir::FailureOr<Shape> inferMonarchMatmulShape(llvm::ArrayRef<int64_t> x,
                                               llvm::ArrayRef<int64_t> w1,
                                               llvm::ArrayRef<int64_t> w2,
                                               EmitErrorFn emitError);

//===----------------------------------------------------------------------===//
// §4 Relational graphs
//===----------------------------------------------------------------------===//

/// x: [N, D], idx: [E] -> [E, D].
mlir::FailureOr<Shape> inferGatherRowsShape(llvm::ArrayRef<int64_t> x,
                                            llvm::ArrayRef<int64_t> idx,
                                            EmitErrorFn emitError);

/// x: [E, K], w: [R, K, Nout], types/offsets -> [E, Nout]. For a segment
/// matmul the index operand is offsets: [R+1]; otherwise types: [E].
mlir::FailureOr<Shape> inferRelationMatmulShape(llvm::ArrayRef<int64_t> x,
                                                llvm::ArrayRef<int64_t> w,
                                                llvm::ArrayRef<int64_t> index,
                                                bool indexIsOffsets,
                                                EmitErrorFn emitError);

/// Checks constant segment offsets: offsets[0] = 0, non-decreasing, and
/// offsets[R] = numRows when numRows is static.
mlir::LogicalResult verifySegmentOffsets(llvm::ArrayRef<int64_t> offsets,
                                         int64_t numRows,
                                         EmitErrorFn emitError);

/// msg: [E, D], idx: [E] -> [numRows, D].
mlir::FailureOr<Shape> inferScatterReduceShape(llvm::ArrayRef<int64_t> msg,
                                               llvm::ArrayRef<int64_t> idx,
                                               int64_t numRows,
                                               EmitErrorFn emitError);

/// score: [E, H], dst: [E] -> [E, H].
mlir::FailureOr<Shape> inferEdgeSoftmaxShape(llvm::ArrayRef<int64_t> score,
                                             llvm::ArrayRef<int64_t> dst,
                                             EmitErrorFn emitError);

//===----------------------------------------------------------------------===//
// §5 Quantization
//===----------------------------------------------------------------------===//

/// Parses a granularity spelling ("tensor", "channel", "group").
mlir::FailureOr<QuantGranularity>
parseGranularity(llvm::StringRef spelling, EmitErrorFn emitError);

/// The shape of the scale of a tensor of shape `shape` quantized with the
/// given granularity; checks that axis/group_size are present exactly
/// where the granularity needs them and in range.
mlir::FailureOr<Shape> inferScaleShape(llvm::ArrayRef<int64_t> shape,
                                       QuantGranularity granularity,
                                       std::optional<int64_t> axis,
                                       std::optional<int64_t> groupSize,
                                       EmitErrorFn emitError);

/// Whether `type` is an element type accel quantizes to (i8, i4, fp8).
bool isQuantizedElementType(mlir::Type type);
/// The largest magnitude representable in a quantized element type.
double getQuantizedMaxValue(mlir::Type type);

/// Whether (a, b) element types form a supported quantized matmul pair:
/// (i8, i8), (f8E4M3FN, f8E4M3FN), (f16|bf16, i4), (i8, i4).
bool isSupportedQuantizedMatmulPair(mlir::Type a, mlir::Type b);

struct QuantizedMatmulShapes {
  Shape result;
  /// Number of K elements that share one b scale (K for per-tensor and
  /// per-channel scales).
  int64_t bGroupSize;
};

/// a: [B..., M, K], b: [K, N] or [N, K]; a_scale: [] or [B..., M];
/// b_scale: [], [N], or b's shape with K replaced by K / g.
mlir::FailureOr<QuantizedMatmulShapes> inferQuantizedMatmulShapes(
    llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> aScale,
    llvm::ArrayRef<int64_t> b, llvm::ArrayRef<int64_t> bScale,
    bool transposeB, EmitErrorFn emitError);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_IR_TYPEINFERENCE_H
