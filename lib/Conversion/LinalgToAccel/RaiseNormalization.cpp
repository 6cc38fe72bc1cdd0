//===- RaiseNormalization.cpp - front-end reshapes into accel-raise's form ===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// jax.nn.dot_product_attention computes in 5-D, [B, H, S, G, D] with a unit
// query-group dim G when there is no GQA, and moves between its layouts
// with reshape chains that no single tensor.expand_shape/collapse_shape
// canonicalization removes (a unit dim added, then merged with its
// neighbour). Before the contraction patterns run, accel-raise normalizes
// that spelling:
//   - linalg ops with more than four loops drop their innermost unit dims
//     (upstream's FoldUnitExtentDims, restricted so that [B, H, S, D] with
//     B = 1 or H = 1 keeps its rank: attention is matched in 4-D);
//   - collapse_shape(expand_shape(x)) and expand_shape(collapse_shape(x))
//     that amount to one reshape of x become that reshape.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/LinalgToAccel/LinalgToAccel.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace {

/// The rank attention is matched in.
constexpr unsigned kAttentionRank = 4;

/// For linalg.generic ops with more than four loops: their innermost unit
/// loops, as many as bring them down to four.
SmallVector<unsigned> innermostUnitLoopsAboveRankFour(Operation *op) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic || generic.getNumLoops() <= kAttentionRank)
    return {};
  SmallVector<int64_t> ranges = generic.getStaticLoopRanges();
  SmallVector<unsigned> drop;
  unsigned excess = generic.getNumLoops() - kAttentionRank;
  for (int64_t d = ranges.size() - 1; d >= 0 && drop.size() < excess; --d)
    if (ranges[d] == 1)
      drop.push_back(d);
  return drop;
}

/// `outer(inner(x))`, two reshapes, as one reshape of x when the shapes
/// allow it (static shapes only: the result type says everything).
template <typename OuterOp, typename InnerOp>
struct ComposeReshapes final : OpRewritePattern<OuterOp> {
  using OpRewritePattern<OuterOp>::OpRewritePattern;

  LogicalResult matchAndRewrite(OuterOp outer,
                                PatternRewriter &rewriter) const override {
    auto inner = outer.getSrc().template getDefiningOp<InnerOp>();
    if (!inner)
      return failure();
    Value source = inner.getSrc();
    auto sourceType = cast<RankedTensorType>(source.getType());
    auto resultType = cast<RankedTensorType>(outer.getType());
    if (!sourceType.hasStaticShape() || !resultType.hasStaticShape())
      return failure();
    if (sourceType == resultType) {
      rewriter.replaceOp(outer, source);
      return success();
    }
    if (sourceType.getRank() == resultType.getRank())
      return failure();
    std::optional<SmallVector<ReassociationIndices>> groups =
        getReassociationIndicesForReshape(sourceType, resultType);
    if (!groups)
      return failure();
    if (sourceType.getRank() > resultType.getRank())
      rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(outer, resultType,
                                                           source, *groups);
    else
      rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(outer, resultType,
                                                         source, *groups);
    return success();
  }
};

} // namespace

void accel::populateRaiseNormalizationPatterns(
    RewritePatternSet &patterns, linalg::ControlDropUnitDims &unitDims) {
  MLIRContext *context = patterns.getContext();
  unitDims.controlFn = innermostUnitLoopsAboveRankFour;
  linalg::populateFoldUnitExtentDimsPatterns(patterns, unitDims);
  linalg::populateFoldUnitExtentDimsCanonicalizationPatterns(patterns,
                                                             unitDims);
  patterns.add<ComposeReshapes<tensor::CollapseShapeOp, tensor::ExpandShapeOp>,
               ComposeReshapes<tensor::ExpandShapeOp, tensor::CollapseShapeOp>>(
      context);
  tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
  tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
}
