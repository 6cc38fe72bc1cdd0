//===- AttentionLowering.h - shared attention lowering builders -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What accel.attention and accel.attention_grad lower through alike: the
// problem sizes unified over operands and results (with run-time checks),
// the [Hq] -> [Hkv, G] head expansion that keeps GQA affine, the softmax
// scale, the causal / head-shard visibility predicate, and the f32
// contraction generic.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CONVERSION_ACCELTOLINALG_ATTENTIONLOWERING_H
#define ACCEL_LIB_CONVERSION_ACCELTOLINALG_ATTENTIONLOWERING_H

#include "accel/Dialect/Accel/IR/AccelAttrs.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"

#include <array>
#include <optional>

namespace accel::attention {

/// The sizes of an attention problem.
enum Size : unsigned {
  Batch,
  QHeads,
  KvHeads,
  QLen,
  KLen,
  HeadDim,
  ValueDim,
  kNumSizes
};

/// Which size each dim of an operand or result carries.
inline constexpr Size kQueryLayout[] = {Batch, QHeads, QLen, HeadDim};
inline constexpr Size kKeyLayout[] = {Batch, KvHeads, KLen, HeadDim};
inline constexpr Size kValueLayout[] = {Batch, KvHeads, KLen, ValueDim};
inline constexpr Size kOutLayout[] = {Batch, QHeads, QLen, ValueDim};
inline constexpr Size kLseLayout[] = {Batch, QHeads, QLen};

/// One dim of an operand (`value` set) or of a result (only its type).
struct DimRef {
  mlir::Value value;
  mlir::ShapedType type;
  int64_t dim;
};

/// Every operand and result dim of one op, grouped by the size it carries.
struct SizeRefs {
  std::array<llvm::SmallVector<DimRef>, kNumSizes> refs;

  /// An operand.
  void add(mlir::Value value, llvm::ArrayRef<Size> layout) {
    add(value, value.getType(), layout);
  }
  /// An operand (`value` set) or a result of type `type`.
  void add(mlir::Value value, mlir::Type type, llvm::ArrayRef<Size> layout);
};

/// The unified sizes of one problem and G = Hq / Hkv.
struct Problem {
  std::array<mlir::OpFoldResult, kNumSizes> sizes;
  mlir::OpFoldResult group;
};

/// Unifies the sizes of `refs` (static wherever any dim is), asserting at run
/// time that dynamic dims agree, that Hkv != 0 and that Hkv divides Hq.
Problem buildProblem(mlir::OpBuilder &b, mlir::Location loc,
                     llvm::StringRef opName, const SizeRefs &refs);

/// `value` cast to the static sizes `p` knows for its dims.
mlir::Value refine(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                   llvm::ArrayRef<Size> layout, const Problem &p);

/// `value` with dim `at` split into [outer, inner] (row-major, as
/// tensor.expand_shape does).
mlir::Value splitDim(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                     int64_t at, mlir::OpFoldResult outer,
                     mlir::OpFoldResult inner);
/// [B, Hq, ...] -> [B, Hkv, G, ...].
mlir::Value expandHeads(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value value, const Problem &p);
/// [B, Hkv, G, ...] -> [B, Hq, ...].
mlir::Value collapseHeads(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value value);

/// The affine map (d0, ..., d{numDims-1}) -> (d{dims[0]}, ...).
mlir::AffineMap dimsMap(mlir::MLIRContext *context, unsigned numDims,
                        llvm::ArrayRef<unsigned> dims);
/// Iterator types spelled as a string of 'p' (parallel) and 'r' (reduction).
llvm::SmallVector<mlir::utils::IteratorType> iteratorsOf(llvm::StringRef kinds);

/// A generic computing init += f32(lhs) * f32(rhs) with the given dims.
mlir::Value buildContraction(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value lhs, llvm::ArrayRef<unsigned> lhsDims,
                             mlir::Value rhs, llvm::ArrayRef<unsigned> rhsDims,
                             mlir::Value init,
                             llvm::ArrayRef<unsigned> initDims,
                             llvm::ArrayRef<mlir::utils::IteratorType> iters);

/// qk[b, kh, g, i, j] = sum_d q5[b, kh, g, i, d] * k[b, kh, j, d] in f32
/// (unscaled).
mlir::Value buildScoresDot(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value q5, mlir::Value k, const Problem &p);

/// The f32 softmax scale: the attribute, else 1/sqrt(D), computed at run
/// time when D is dynamic.
mlir::Value buildScale(mlir::OpBuilder &b, mlir::Location loc,
                       std::optional<llvm::APFloat> attr,
                       mlir::OpFoldResult headDim);

/// What hides a key from a query, with the index values the predicate needs
/// (created outside the generics that use them).
struct MaskSpec {
  bool causal = false;
  std::optional<HeadShardAttr> shard;
  mlir::Value qLen, kLen, group;

  bool any() const { return causal || shard.has_value(); }
};

MaskSpec buildMaskSpec(mlir::OpBuilder &b, mlir::Location loc, bool causal,
                       std::optional<HeadShardAttr> shard, const Problem &p);

/// Inside a generic over (b, kh, g, i, j, ...): the i1 "query head
/// kh * G + g at position i sees key j", or null when nothing is masked.
mlir::Value buildVisible(mlir::OpBuilder &b, mlir::Location loc,
                         const MaskSpec &mask);

/// A row max with -inf (a row that sees no key) replaced by 0, so that
/// exp(s - m) gives 0 rather than NaN on that row.
mlir::Value safeRowMax(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value rowMax);

/// accel.attention_grad (AttentionGradToLinalg.cpp).
void populateAttentionGradPatterns(mlir::RewritePatternSet &patterns);

} // namespace accel::attention

#endif // ACCEL_LIB_CONVERSION_ACCELTOLINALG_ATTENTIONLOWERING_H
