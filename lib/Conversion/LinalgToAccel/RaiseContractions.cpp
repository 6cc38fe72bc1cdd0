//===- RaiseContractions.cpp - linalg contractions to accel.matmul --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Front ends write every contraction as a named linalg.matmul or
// linalg.batch_matmul on a zero-filled output (or, from other producers, a
// contraction linalg.generic), with transposes and broadcasts as separate
// yield-only generics and attention's B and H merged into one batch dim by
// tensor.collapse_shape. These patterns turn that into accel.matmul with its
// own batch broadcasting and `transpose_b`, and split merged batch dims
// again so that attention can be matched on [B, H, S, D] operands.
//
//===----------------------------------------------------------------------===//

#include "RaiseMatchers.h"

#include "accel/Conversion/LinalgToAccel/LinalgToAccel.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace accel::raise;

namespace {

bool isRaisableFloat(Type type) { return type.isF32() || type.isF16() || type.isBF16(); }

/// The body `out + cast(a) * cast(b)` (operands of either op in either
/// order), where cast is nothing or arith.extf to the output type.
bool isMulAddBody(Block &body) {
  if (body.getNumArguments() != 3)
    return false;
  Value a = body.getArgument(0), b = body.getArgument(1),
        out = body.getArgument(2);
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getNumOperands() != 1)
    return false;
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add)
    return false;
  Value product = add.getLhs() == out ? add.getRhs()
                  : add.getRhs() == out ? add.getLhs()
                                        : Value();
  auto mul = product ? product.getDefiningOp<arith::MulFOp>() : nullptr;
  if (!mul)
    return false;
  auto strip = [](Value v) {
    if (auto ext = v.getDefiningOp<arith::ExtFOp>())
      return ext.getIn();
    return v;
  };
  Value x = strip(mul.getLhs()), y = strip(mul.getRhs());
  // Nothing but the casts, the product, the sum and the yield.
  unsigned expected = 3 + (x != mul.getLhs()) + (y != mul.getRhs());
  return body.getOperations().size() == expected &&
         ((x == a && y == b) || (x == b && y == a));
}

/// Whether `map` reads a tensor of `shape` as `[batch suffix..., x, y]`:
/// at least two results, the last two dims, each leading one the matching
/// dim of the trailing `batch` dims or, for a size-1 dim, the constant 0 (a
/// unit dim broadcasts against any batch size). `dims` gets the dims read
/// (-1 for such a unit dim).
bool isMatrixRead(AffineMap map, ArrayRef<unsigned> batch,
                  ArrayRef<int64_t> shape, SmallVector<int64_t> &dims) {
  unsigned rank = map.getNumResults();
  if (rank < 2 || rank - 2 > batch.size() || shape.size() != rank)
    return false;
  ArrayRef<unsigned> aligned = batch.take_back(rank - 2);
  for (auto [i, e] : llvm::enumerate(map.getResults())) {
    if (auto dim = dyn_cast<AffineDimExpr>(e)) {
      dims.push_back(dim.getPosition());
      if (i + 2 < rank && dim.getPosition() != aligned[i])
        return false;
      continue;
    }
    auto constant = dyn_cast<AffineConstantExpr>(e);
    if (!constant || constant.getValue() != 0 || i + 2 >= rank ||
        shape[i] != 1)
      return false;
    dims.push_back(-1);
  }
  return true;
}

/// The batch shape accel.matmul gives operands with batch shapes `x` and
/// `y` (numpy broadcasting from the right), or nothing when it cannot be
/// known statically to be well defined (a dynamic dim against a static
/// one other than 1 could be a mismatch).
std::optional<SmallVector<int64_t>> broadcastBatch(ArrayRef<int64_t> x,
                                                   ArrayRef<int64_t> y) {
  size_t rank = std::max(x.size(), y.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t dx = i < rank - x.size() ? 1 : x[i - (rank - x.size())];
    int64_t dy = i < rank - y.size() ? 1 : y[i - (rank - y.size())];
    if (dx == dy)
      result[i] = dx;
    else if (dx == 1)
      result[i] = dy;
    else if (dy == 1)
      result[i] = dx;
    else
      return std::nullopt;
  }
  return result;
}

/// Whether accel.matmul of `a` and `b` has `result`'s batch shape.
bool matmulBatchMatches(Value a, Value b, RankedTensorType result) {
  auto aType = cast<RankedTensorType>(a.getType());
  auto bType = cast<RankedTensorType>(b.getType());
  if (aType.getRank() < 2 || bType.getRank() < 2 || result.getRank() < 2)
    return false;
  std::optional<SmallVector<int64_t>> batch = broadcastBatch(
      aType.getShape().drop_back(2), bType.getShape().drop_back(2));
  return batch && ArrayRef<int64_t>(*batch) == result.getShape().drop_back(2);
}

/// A contraction `out[batch..., m, n] = sum_k A[..., m, k] * B[..., k, n]`
/// (B possibly `[..., n, k]`) on a zero-filled output, whatever op spells it,
/// becomes accel.matmul. Operands are read through data movement, so a
/// transposed B sets `transpose_b` and a B broadcast over leading dims uses
/// accel.matmul's own batch broadcasting.
struct RaiseContraction final
    : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (isa<linalg::FillOp, linalg::CopyOp, linalg::TransposeOp,
            linalg::BroadcastOp>(op.getOperation()))
      return failure();
    if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
        op->getNumResults() != 1 || !op.hasPureTensorSemantics() ||
        op->getNumRegions() != 1 || op->getRegion(0).empty())
      return rewriter.notifyMatchFailure(op, "not a two-input tensor op");
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    if (llvm::count_if(iterators, linalg::isReductionIterator) != 1)
      return rewriter.notifyMatchFailure(op, "not one reduction dim");
    if (!isMulAddBody(op->getRegion(0).front()))
      return rewriter.notifyMatchFailure(op, "body is not a multiply-add");

    OpOperand *init = op.getDpsInitOperand(0);
    std::optional<double> initValue = getConstantFloat(init->get());
    if (!initValue || *initValue != 0.0)
      return rewriter.notifyMatchFailure(op, "output is not zero-filled");

    // The output map names the dims: [batch..., m, n].
    AffineMap outMap = op.getMatchingIndexingMap(init);
    if (!outMap.isProjectedPermutation() || outMap.getNumResults() < 2)
      return rewriter.notifyMatchFailure(op, "output map");
    SmallVector<unsigned> outDims;
    for (AffineExpr e : outMap.getResults())
      outDims.push_back(cast<AffineDimExpr>(e).getPosition());
    int64_t k = llvm::find_if(iterators, linalg::isReductionIterator) -
                iterators.begin();
    int64_t m = outDims[outDims.size() - 2], n = outDims.back();
    ArrayRef<unsigned> batch = ArrayRef(outDims).drop_back(2);

    // The output's dims are exactly the parallel dims, the reduction dim
    // is not among them.
    unsigned numParallel = llvm::count_if(iterators, linalg::isParallelIterator);
    if (outDims.size() != numParallel ||
        llvm::any_of(outDims, [&](unsigned d) {
          return !linalg::isParallelIterator(iterators[d]);
        }))
      return rewriter.notifyMatchFailure(op, "output map");

    // Each input in its role, read through as much data movement as keeps
    // it `[batch suffix..., x, y]` in that role: A as [.., m, k], B as
    // [.., k, n] or [.., n, k] (transpose_b).
    auto pick = [&](OpOperand *operand, bool asA, Access &access,
                    bool &transposed) -> bool {
      bool found = false;
      for (const Access &candidate : getDataMovementChain(
               {operand->get(), op.getMatchingIndexingMap(operand)})) {
        SmallVector<int64_t> dims;
        if (!isMatrixRead(candidate.map, batch,
                          cast<ShapedType>(candidate.value.getType()).getShape(),
                          dims))
          continue;
        int64_t row = dims[dims.size() - 2], col = dims.back();
        bool t = false;
        if (asA ? !(row == m && col == k)
                : !((row == k && col == n) || (t = (row == n && col == k))))
          continue;
        access = candidate;
        transposed = t;
        found = true;
      }
      return found;
    };
    Access a, b;
    bool transposeB = false, unused = false;
    OpOperand *first = op.getDpsInputOperand(0);
    OpOperand *second = op.getDpsInputOperand(1);
    if (!(pick(first, /*asA=*/true, a, unused) &&
          pick(second, /*asA=*/false, b, transposeB)) &&
        !(pick(second, /*asA=*/true, a, unused) &&
          pick(first, /*asA=*/false, b, transposeB)))
      return rewriter.notifyMatchFailure(op, "operands are not [.., m, k] "
                                             "and [.., k, n] (or [.., n, k])");
    Type aType = getElementTypeOrSelf(a.value.getType());
    Type bType = getElementTypeOrSelf(b.value.getType());
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    if (aType != bType || !isRaisableFloat(aType) ||
        !isRaisableFloat(resultType.getElementType()))
      return rewriter.notifyMatchFailure(op, "element types");
    if (!matmulBatchMatches(a.value, b.value, resultType))
      return rewriter.notifyMatchFailure(op, "batch broadcasting differs");
    auto matmul = accel::MatmulOp::create(
        rewriter, op.getLoc(), resultType, a.value, b.value, /*bias=*/Value(),
        rewriter.getBoolAttr(transposeB));
    rewriter.replaceOp(op, matmul.getResult());
    return success();
  }
};

/// `expand_shape(accel.matmul(a, b))` that only splits batch dims becomes
/// `accel.matmul(expand_shape(a), expand_shape(b))`: the batch dims a front
/// end merged to call batch_matmul come back, and the expand_shape of the
/// front end's collapse_shape folds away.
struct SplitMergedBatchDims final : OpRewritePattern<tensor::ExpandShapeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::ExpandShapeOp expand,
                                PatternRewriter &rewriter) const override {
    auto matmul = expand.getSrc().getDefiningOp<accel::MatmulOp>();
    if (!matmul || !matmul->hasOneUse())
      return failure();
    SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
    unsigned rank = groups.size();
    if (rank < 3 || groups[rank - 2].size() != 1 || groups[rank - 1].size() != 1)
      return rewriter.notifyMatchFailure(expand, "splits more than batch dims");
    SmallVector<OpFoldResult> outputShape = expand.getMixedOutputShape();
    RankedTensorType expandedType = expand.getResultType();
    unsigned expandedBatch = expandedType.getRank() - 2;
    Location loc = expand.getLoc();
    auto resultType = cast<RankedTensorType>(matmul.getType());
    // Only static batch dims: a dynamic one could be a broadcast 1 at run
    // time, which the split would take for the result's size.
    if (ShapedType::isDynamicShape(expandedType.getShape().drop_back(2)) ||
        ShapedType::isDynamicShape(resultType.getShape().drop_back(2)))
      return rewriter.notifyMatchFailure(expand, "dynamic batch dims");

    // Decide for both operands before creating anything: a rank-2 operand
    // stays (broadcast over every batch dim), one with the result's batch
    // dims is split the same way, anything else leaves the matmul alone.
    auto splittable = [&](Value operand) -> std::optional<bool> {
      auto type = cast<RankedTensorType>(operand.getType());
      if (type.getRank() == 2)
        return false;
      if (type.getRank() != rank ||
          type.getShape().drop_back(2) != resultType.getShape().drop_back(2))
        return std::nullopt;
      return true;
    };
    std::optional<bool> splitA = splittable(matmul.getA());
    std::optional<bool> splitB = splittable(matmul.getB());
    if (!splitA || !splitB)
      return rewriter.notifyMatchFailure(expand, "operand batch dims");
    auto split = [&](Value operand, bool doSplit) -> Value {
      if (!doSplit)
        return operand;
      auto type = cast<RankedTensorType>(operand.getType());
      SmallVector<int64_t> shape(expandedType.getShape().take_front(expandedBatch));
      shape.append({type.getDimSize(rank - 2), type.getDimSize(rank - 1)});
      SmallVector<OpFoldResult> sizes(
          ArrayRef<OpFoldResult>(outputShape).take_front(expandedBatch));
      SmallVector<OpFoldResult> trailing =
          tensor::getMixedSizes(rewriter, loc, operand);
      sizes.append({trailing[rank - 2], trailing[rank - 1]});
      return tensor::ExpandShapeOp::create(rewriter, loc, type.clone(shape),
                                           operand, groups, sizes);
    };
    Value a = split(matmul.getA(), *splitA);
    Value b = split(matmul.getB(), *splitB);
    auto raised = accel::MatmulOp::create(rewriter, matmul.getLoc(),
                                          expandedType, a, b, matmul.getBias(),
                                          matmul.getTransposeBAttr());
    rewriter.replaceOp(expand, raised.getResult());
    return success();
  }
};

/// accel.matmul's B read through a transpose of its last two dims, or
/// through a broadcast over leading dims, reads the source instead
/// (`transpose_b` flipped, or the batch broadcasting accel.matmul does).
struct ReadMatmulOperandsInPlace final : OpRewritePattern<accel::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::MatmulOp matmul,
                                PatternRewriter &rewriter) const override {
    unsigned rank = cast<RankedTensorType>(matmul.getB().getType()).getRank();
    SmallVector<unsigned> batch;
    for (unsigned d = 0; d + 2 < rank; ++d)
      batch.push_back(d);
    // The deepest source B can read in place.
    std::optional<Access> best;
    bool bestSwaps = false;
    SmallVector<Access> chain = getDataMovementChain(
        {matmul.getB(),
         AffineMap::getMultiDimIdentityMap(rank, rewriter.getContext())});
    for (const Access &candidate : ArrayRef<Access>(chain).drop_front()) {
      SmallVector<int64_t> dims;
      if (!isMatrixRead(candidate.map, batch,
                        cast<ShapedType>(candidate.value.getType()).getShape(),
                        dims))
        continue;
      int64_t row = dims[dims.size() - 2], col = dims.back();
      if (row == int64_t(rank) - 2 && col == int64_t(rank) - 1)
        bestSwaps = false;
      else if (row == int64_t(rank) - 1 && col == int64_t(rank) - 2)
        bestSwaps = true;
      else
        continue;
      best = candidate;
    }
    // Broadcasting away B's batch dims is only the same when the result
    // keeps its batch shape.
    if (!best ||
        !matmulBatchMatches(matmul.getA(), best->value,
                            cast<RankedTensorType>(matmul.getType())))
      return failure();
    rewriter.modifyOpInPlace(matmul, [&] {
      matmul.getBMutable().assign(best->value);
      matmul.setTransposeB(matmul.getTransposeB() != bestSwaps);
    });
    return success();
  }
};

/// `accel.matmul(a, b) + bias[n]`, an elementwise add of a per-column
/// vector (read through a broadcast, JAX's spelling, or a broadcasting map,
/// torch-mlir's), becomes accel.matmul's own bias operand: one rounding
/// instead of two.
struct FoldBiasIntoMatmul final : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    std::optional<ElementwiseStep> step =
        matchElementwiseStep(generic->getResult(0));
    if (!step || !isa<arith::AddFOp>(step->scalarOp))
      return failure();
    for (unsigned i = 0; i < 2; ++i) {
      Value product = step->identityOperand(i);
      const Access &bias = step->operands[1 - i];
      auto matmul =
          product ? product.getDefiningOp<accel::MatmulOp>() : nullptr;
      if (!matmul || matmul.getBias() || !matmul->hasOneUse() ||
          !bias.value)
        continue;
      auto resultType = cast<RankedTensorType>(matmul.getType());
      auto biasType = dyn_cast<RankedTensorType>(bias.value.getType());
      unsigned rank = resultType.getRank();
      if (!biasType || biasType.getRank() != 1 ||
          bias.map.getNumResults() != 1 ||
          bias.map.getResult(0) !=
              getAffineDimExpr(rank - 1, rewriter.getContext()))
        continue;
      Type biasElement = biasType.getElementType();
      Type inputElement = getElementTypeOrSelf(matmul.getA().getType());
      if (generic->getResult(0).getType() != resultType ||
          !(biasElement.isF32() || biasElement == inputElement ||
            biasElement == resultType.getElementType()))
        continue;
      auto biased = accel::MatmulOp::create(
          rewriter, matmul.getLoc(), resultType, matmul.getA(), matmul.getB(),
          bias.value, matmul.getTransposeBAttr());
      rewriter.replaceOp(generic, biased.getResult());
      return success();
    }
    return failure();
  }
};

} // namespace

void accel::populateRaiseContractionPatterns(RewritePatternSet &patterns) {
  MLIRContext *context = patterns.getContext();
  patterns.add<RaiseContraction>(context);
  patterns.add<SplitMergedBatchDims, ReadMatmulOperandsInPlace,
               FoldBiasIntoMatmul>(context);
  tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
  tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
}
