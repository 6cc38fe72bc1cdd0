//===- AccelCanonicalize.cpp - accel folders and canonicalizations --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace accel;

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

/// Whether `permutation` swaps the last two dims and keeps the others.
static bool isTransposeOfLastTwoDims(ArrayRef<int64_t> permutation) {
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

/// quantize(dequantize(q, s), s) with the same static integer scale layout
/// is q: q * s / s rounds back to q exactly for |q| <= 127.
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
  results.push_back(q);
  results.push_back(scale);
  return success();
}
