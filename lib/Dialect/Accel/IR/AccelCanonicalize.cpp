//===- AccelCanonicalize.cpp - accel folders and canonicalizations --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace accel;

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

bool accel::isTransposeOfLastTwoDims(ArrayRef<int64_t> permutation) {
  int64_t rank = permutation.size();
  if (rank < 2)
    return false;
  for (int64_t i = 0; i < rank - 2; ++i)
    if (permutation[i] != i)
      return false;
  return permutation[rank - 2] == rank - 1 && permutation[rank - 1] == rank - 2;
}

namespace {
/// matmul(a, transpose(b)) -> matmul(a, b) with transpose_b flipped: the
/// kernels read either layout, so the explicit transpose is pure overhead.
struct FoldTransposeIntoMatmul final : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    auto transpose = op.getB().getDefiningOp<linalg::TransposeOp>();
    if (!transpose || !transpose.hasPureTensorSemantics())
      return rewriter.notifyMatchFailure(op, "b is not a tensor transpose");
    if (!isTransposeOfLastTwoDims(transpose.getPermutation()))
      return rewriter.notifyMatchFailure(
          op, "the transpose moves more than the last two dims");
    rewriter.modifyOpInPlace(op, [&] {
      op.getBMutable().assign(transpose.getInput());
      op.setTransposeB(!op.getTransposeB());
    });
    return success();
  }
};

/// Drops a head_shard that hides nothing: with one shard every key block
/// satisfies `kb mod 1 == h mod 1`.
template <typename AttentionLikeOp>
struct DropTrivialHeadShard final : OpRewritePattern<AttentionLikeOp> {
  using OpRewritePattern<AttentionLikeOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(AttentionLikeOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<HeadShardAttr> sparsity = op.getSparsity();
    if (!sparsity || sparsity->getNumShards() != 1)
      return rewriter.notifyMatchFailure(op, "no single-shard sparsity");
    rewriter.modifyOpInPlace(op, [&] { op.removeSparsityAttr(); });
    return success();
  }
};
} // namespace

void MatmulOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<FoldTransposeIntoMatmul>(context);
}

void AttentionOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<DropTrivialHeadShard<AttentionOp>>(context);
}

void AttentionGradOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                  MLIRContext *context) {
  results.add<DropTrivialHeadShard<AttentionGradOp>>(context);
}

//===----------------------------------------------------------------------===//
// QuantizeOp
//===----------------------------------------------------------------------===//

/// Whether requantizing `q * s`, rounded to `floatType`, with the same
/// scale `s` gives back q for every q of a `bits`-bit integer and every
/// value s of `scale`. The contract computes round_half_even(x / s): that is
/// q when q * s is a normal number of floatType (relative error at most
/// 2^-precision, so |q| * 2^-precision <= 2^(bits-1-precision), far below
/// 1/2 for precision >= 11) and does not overflow. It is not q for s = 0
/// (0 / 0), for an s that overflows (f16: 100 * 1000 is inf, which clamps to
/// 127), or for bf16's 8-bit significand, where the error reaches 1/2.
static bool requantizesExactly(Type floatType, Value scale, unsigned bits) {
  auto type = dyn_cast<FloatType>(floatType);
  if (!type || type.getFPMantissaWidth() < 11)
    return false;
  DenseFPElementsAttr values;
  if (!matchPattern(scale, m_Constant(&values)))
    return false;
  const llvm::fltSemantics &semantics = type.getFloatSemantics();
  double largest = llvm::APFloat::getLargest(semantics).convertToDouble();
  double smallestNormal =
      llvm::APFloat::getSmallestNormalized(semantics).convertToDouble();
  double qMagnitude = std::ldexp(1.0, bits - 1); // |qmin| = 2^(bits-1)
  return llvm::all_of(values.getValues<APFloat>(), [&](const APFloat &value) {
    double s = std::fabs(value.convertToDouble());
    return std::isfinite(s) && s >= smallestNormal && s * qMagnitude <= largest;
  });
}

/// quantize(dequantize(q, s), s) with the same scale layout is q where that
/// is exact (requantizesExactly): a fold is exact or it does not exist.
LogicalResult QuantizeOp::fold(FoldAdaptor adaptor,
                               SmallVectorImpl<OpFoldResult> &results) {
  Value scale = getScale();
  auto dequant = getX().getDefiningOp<DequantizeOp>();
  if (!scale || !dequant || dequant.getScale() != scale)
    return failure();
  Value q = dequant.getQ();
  if (q.getType() != getQ().getType() || !getDtype().isInteger() ||
      dequant.getGranularity() != getGranularity() ||
      dequant.getAxis() != getAxis() ||
      dequant.getGroupSize() != getGroupSize())
    return failure();
  if (!requantizesExactly(getElementTypeOrSelf(dequant.getType()), scale,
                          getDtype().getIntOrFloatBitWidth()))
    return failure();
  results.push_back(q);
  results.push_back(scale);
  return success();
}
