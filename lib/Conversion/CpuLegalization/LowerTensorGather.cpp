//===- LowerTensorGather.cpp - accel-lower-tensor-gather ------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// tensor.gather verifies but nothing upstream bufferizes or lowers it. The
// result is indices.shape[:-1] followed by the source's shape (gathered
// dims of size 1, or dropped when rank_reduced); element
// out[b..., t...] = source[c] with c[gather_dims[k]] = indices[b..., k]
// and the other coordinates taken from t.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace accel {
#define GEN_PASS_DEF_LOWERTENSORGATHERPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

/// The linalg.generic that computes `gather`.
static Value buildGather(RewriterBase &rewriter, tensor::GatherOp gather) {
  Location loc = gather.getLoc();
  Value source = gather.getSource();
  Value indices = gather.getIndices();
  auto resultType = cast<RankedTensorType>(gather.getResult().getType());
  auto indicesType = cast<RankedTensorType>(indices.getType());
  int64_t batchRank = indicesType.getRank() - 1;
  int64_t sourceRank = gather.getSourceType().getRank();
  ArrayRef<int64_t> gatherDims = gather.getGatherDims();
  // The verifier accepts the gathered dims kept (size 1) or dropped.
  bool rankReduced = resultType.getRank() < batchRank + sourceRank;

  // Result sizes: batch dims from the indices, the rest from the source.
  SmallVector<Value> dynamicSizes;
  for (int64_t d = 0; d < resultType.getRank(); ++d) {
    if (!resultType.isDynamicDim(d))
      continue;
    if (d < batchRank) {
      dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, indices, d));
      continue;
    }
    // The d-th result dim's source dim (dynamic ones are never gathered).
    int64_t trailing = d - batchRank, sourceDim = 0;
    for (int64_t seen = -1; sourceDim < sourceRank; ++sourceDim) {
      if (!rankReduced || !llvm::is_contained(gatherDims, sourceDim))
        ++seen;
      if (seen == trailing)
        break;
    }
    dynamicSizes.push_back(
        tensor::DimOp::create(rewriter, loc, source, sourceDim));
  }
  Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                       resultType.getElementType(),
                                       dynamicSizes);
  AffineMap identity =
      AffineMap::getMultiDimIdentityMap(resultType.getRank(),
                                        rewriter.getContext());
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      rewriter, loc, resultType, ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{identity}, iterators,
      [&](OpBuilder &b, Location loc, ValueRange) {
        SmallVector<Value> index;
        for (int64_t d = 0; d < resultType.getRank(); ++d)
          index.push_back(linalg::IndexOp::create(b, loc, d));
        SmallVector<Value> coords(sourceRank);
        for (auto [k, dim] : llvm::enumerate(gatherDims)) {
          SmallVector<Value> at(index.begin(), index.begin() + batchRank);
          at.push_back(arith::ConstantIndexOp::create(b, loc, k));
          Value coord = tensor::ExtractOp::create(b, loc, indices, at);
          if (!coord.getType().isIndex())
            coord = arith::IndexCastOp::create(b, loc, b.getIndexType(),
                                               coord);
          coords[dim] = coord;
        }
        int64_t trailing = batchRank;
        for (int64_t dim = 0; dim < sourceRank; ++dim) {
          bool gathered = llvm::is_contained(gatherDims, dim);
          if (!gathered)
            coords[dim] = index[trailing];
          if (!gathered || !rankReduced)
            ++trailing;
        }
        Value element = tensor::ExtractOp::create(b, loc, source, coords);
        linalg::YieldOp::create(b, loc, element);
      });
  return generic.getResult(0);
}

namespace {
struct LowerTensorGatherPass final
    : accel::impl::LowerTensorGatherPassBase<LowerTensorGatherPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<tensor::GatherOp> gathers;
    getOperation()->walk(
        [&](tensor::GatherOp gather) { gathers.push_back(gather); });
    IRRewriter rewriter(&getContext());
    for (tensor::GatherOp gather : gathers) {
      rewriter.setInsertionPoint(gather);
      rewriter.replaceOp(gather, buildGather(rewriter, gather));
    }
  }
};
} // namespace
