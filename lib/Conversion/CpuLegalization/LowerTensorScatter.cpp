//===- LowerTensorScatter.cpp - accel-lower-tensor-scatter ----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// tensor.scatter verifies but nothing upstream bufferizes or lowers it. The
// source is indices.shape[:-1] followed by the destination's shape
// (scattered dims of size 1, or dropped); element source[b..., t...] goes to
// dest[c] with c[scatter_dims[k]] = indices[b..., k] and the other
// coordinates taken from t. `unique` (required) makes the order irrelevant.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace accel {
#define GEN_PASS_DEF_LOWERTENSORSCATTERPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

/// Builds the loop nest over `source` that inserts into `dest`; returns the
/// final destination.
static Value buildScatter(OpBuilder &b, tensor::ScatterOp scatter) {
  Location loc = scatter.getLoc();
  Value source = scatter.getSource();
  Value indices = scatter.getIndices();
  auto sourceType = cast<RankedTensorType>(source.getType());
  int64_t batchRank =
      cast<RankedTensorType>(indices.getType()).getRank() - 1;
  int64_t destRank = scatter.getDestType().getRank();
  ArrayRef<int64_t> scatterDims = scatter.getScatterDims();
  bool rankReduced = sourceType.getRank() < batchRank + destRank;

  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  SmallVector<Value> index;
  // Recursively nests one loop per source dim; the innermost inserts.
  std::function<Value(OpBuilder &, Value)> nest = [&](OpBuilder &b,
                                                      Value dest) -> Value {
    int64_t d = index.size();
    if (d == sourceType.getRank()) {
      SmallVector<Value> coords(destRank);
      for (auto [k, dim] : llvm::enumerate(scatterDims)) {
        SmallVector<Value> at(index.begin(), index.begin() + batchRank);
        at.push_back(arith::ConstantIndexOp::create(b, loc, k));
        Value coord = tensor::ExtractOp::create(b, loc, indices, at);
        if (!coord.getType().isIndex())
          coord =
              arith::IndexCastOp::create(b, loc, b.getIndexType(), coord);
        coords[dim] = coord;
      }
      int64_t trailing = batchRank;
      for (int64_t dim = 0; dim < destRank; ++dim) {
        bool scattered = llvm::is_contained(scatterDims, dim);
        if (!scattered)
          coords[dim] = index[trailing];
        if (!scattered || !rankReduced)
          ++trailing;
      }
      Value element = tensor::ExtractOp::create(b, loc, source, index);
      return tensor::InsertOp::create(b, loc, element, dest, coords);
    }
    Value size = tensor::DimOp::create(b, loc, source, d);
    auto loop = scf::ForOp::create(
        b, loc, zero, size, one, ValueRange{dest},
        [&](OpBuilder &b, Location loc, Value iv, ValueRange iterArgs) {
          index.push_back(iv);
          Value next = nest(b, iterArgs.front());
          index.pop_back();
          scf::YieldOp::create(b, loc, next);
        });
    return loop.getResult(0);
  };
  return nest(b, scatter.getDest());
}

namespace {
struct LowerTensorScatterPass final
    : accel::impl::LowerTensorScatterPassBase<LowerTensorScatterPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<tensor::ScatterOp> scatters;
    getOperation()->walk(
        [&](tensor::ScatterOp scatter) { scatters.push_back(scatter); });
    IRRewriter rewriter(&getContext());
    for (tensor::ScatterOp scatter : scatters) {
      rewriter.setInsertionPoint(scatter);
      rewriter.replaceOp(scatter, buildScatter(rewriter, scatter));
    }
  }
};
} // namespace
