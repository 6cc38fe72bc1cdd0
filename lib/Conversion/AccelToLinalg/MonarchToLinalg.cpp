//===- MonarchToLinalg.cpp - lowering of the Monarch family ---------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel.block_diag_matmul and accel.monarch_matmul become reshapes and
// linalg.generic contractions that accumulate in f32:
//
//   block_diag_matmul: x [B..., nb*p] -expand-> [B..., nb, p];
//     y[.., b, i] = sum_j w[b, i, j] * x[.., b, j]; [B..., nb, q] -collapse->
//   monarch_matmul: t1 = the above with w1, kept in f32, [B..., k, q]
//     -collapse-> [B..., k*q] -expand-> [B..., r, l] (the contract's view);
//     y[.., o, c] = sum_j w2[c, o, j] * t1[.., j, c] (t2 = t1^T is read
//     through the indexing map); [B..., s, l] -collapse-> [B..., s*l], which
//     puts u[.., c, o] at o*l + c.
//
// The result is rounded once to its element type at the end. Sizes the
// verifier could not compare are checked at run time with cf.assert. See
// docs/lowering/Monarch.md.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "LoweringBuilders.h"
#include "RuntimeChecks.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace accel::lowering;

//===----------------------------------------------------------------------===//
// Sizes and run-time checks
//===----------------------------------------------------------------------===//

/// `lhs * rhs`, folded when both are static.
static OpFoldResult mulSizes(OpBuilder &b, Location loc, OpFoldResult lhs,
                             OpFoldResult rhs) {
  std::optional<int64_t> l = getConstantIntValue(lhs);
  std::optional<int64_t> r = getConstantIntValue(rhs);
  if (l && r)
    return b.getIndexAttr(*l * *r);
  return arith::MulIOp::create(b, loc,
                               getValueOrCreateConstantIndexOp(b, loc, lhs),
                               getValueOrCreateConstantIndexOp(b, loc, rhs))
      .getResult();
}

/// Splits the last dim of `value` into `inner` (row-major) by copying:
/// element [.., i0, i1, ..] reads [.., (i0 * inner[1] + i1) * ..].
static Value gatherLastDim(OpBuilder &b, Location loc, Value value,
                           ArrayRef<OpFoldResult> inner) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t outer = type.getRank() - 1;
  SmallVector<OpFoldResult> sizes = getDims(b, loc, value);
  sizes.pop_back();
  sizes.append(inner.begin(), inner.end());
  SmallVector<Value> innerValues;
  for (OpFoldResult size : inner)
    innerValues.push_back(getValueOrCreateConstantIndexOp(b, loc, size));
  Value init = createEmpty(b, loc, sizes, type.getElementType());
  int64_t rank = sizes.size();
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{}, ValueRange{init},
             SmallVector<AffineMap>{b.getMultiDimIdentityMap(rank)},
             iterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange) {
               SmallVector<Value> indices;
               for (int64_t d = 0; d < outer; ++d)
                 indices.push_back(linalg::IndexOp::create(nb, nloc, d));
               Value flat = linalg::IndexOp::create(nb, nloc, outer);
               for (size_t i = 1; i < inner.size(); ++i) {
                 Value scaled =
                     arith::MulIOp::create(nb, nloc, flat, innerValues[i]);
                 flat = arith::AddIOp::create(
                     nb, nloc, scaled,
                     linalg::IndexOp::create(nb, nloc, outer + i));
               }
               indices.push_back(flat);
               linalg::YieldOp::create(
                   nb, nloc,
                   tensor::ExtractOp::create(nb, nloc, value, indices)
                       .getResult());
             })
      .getResult(0);
}

/// Splits the last dim of `value` into `inner` (whose product the caller has
/// checked to equal it): a tensor.expand_shape when every size is known
/// statically, else a copy (gatherLastDim). Sizes can be constants that the
/// types do not show (tensor.dim of a tensor.cast folds when it is built),
/// and with dynamic sizes expand_shape is fragile in LLVM 22: its verifier
/// wants the source dim static exactly when the group is, the CPU pipeline
/// leaves affine.apply ops in its output shape that memref.expand_shape then
/// rejects, and expand-strided-metadata crashes on two dynamic sizes in one
/// group (llvm/llvm-project#186830, fixed in LLVM 23).
static Value expandLastDim(OpBuilder &b, Location loc, Value value,
                           ArrayRef<OpFoldResult> inner) {
  SmallVector<OpFoldResult> outputShape = getDims(b, loc, value);
  outputShape.pop_back();
  outputShape.append(inner.begin(), inner.end());
  std::optional<SmallVector<int64_t>> staticShape =
      getConstantIntValues(outputShape);
  if (!staticShape)
    return gatherLastDim(b, loc, value, inner);

  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  SmallVector<int64_t> sourceShape(staticShape->begin(),
                                   staticShape->begin() + rank - 1);
  int64_t product = 1;
  for (size_t i = 0; i < inner.size(); ++i)
    product *= (*staticShape)[rank - 1 + i];
  sourceShape.push_back(product);
  value = castToType(b, loc, value, type.clone(sourceShape));

  SmallVector<ReassociationIndices> reassociation;
  for (int64_t d = 0; d < rank - 1; ++d)
    reassociation.push_back({d});
  ReassociationIndices last;
  for (size_t i = 0; i < inner.size(); ++i)
    last.push_back(rank - 1 + i);
  reassociation.push_back(last);
  return tensor::ExpandShapeOp::create(b, loc, type.clone(*staticShape), value,
                                       reassociation);
}

/// Merges the last two dims of `value` (row-major) with
/// tensor.collapse_shape.
static Value collapseLastTwoDims(OpBuilder &b, Location loc, Value value) {
  int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t d = 0; d < rank - 2; ++d)
    reassociation.push_back({d});
  reassociation.push_back({rank - 2, rank - 1});
  return tensor::CollapseShapeOp::create(b, loc, value, reassociation);
}

/// y[.., b, i] = sum_j w[b, i, j] * x[.., b, j] in f32, with x: [B..., nb, p]
/// and w: [nb, q, p]; the result is [B..., nb, q] f32.
static Value blockDiagContraction(OpBuilder &b, Location loc, Value x,
                                  Value w) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  int64_t batch = rank - 2;
  SmallVector<OpFoldResult> sizes = getDims(b, loc, x);
  sizes.back() = getDim(b, loc, w, 1);
  Type f32 = b.getF32Type();
  Value init = createFilled(b, loc, sizes, f32, 0.0);
  // Loops: (batch..., block, i, j).
  int64_t numLoops = batch + 3;
  SmallVector<AffineExpr> xExprs, outExprs;
  for (int64_t d = 0; d < batch + 1; ++d) {
    xExprs.push_back(getAffineDimExpr(d, ctx));
    outExprs.push_back(getAffineDimExpr(d, ctx));
  }
  AffineExpr block = getAffineDimExpr(batch, ctx);
  AffineExpr i = getAffineDimExpr(batch + 1, ctx);
  AffineExpr j = getAffineDimExpr(batch + 2, ctx);
  xExprs.push_back(j);
  outExprs.push_back(i);
  SmallVector<AffineMap> maps = {
      AffineMap::get(numLoops, 0, xExprs, ctx),
      AffineMap::get(numLoops, 0, {block, i, j}, ctx),
      AffineMap::get(numLoops, 0, outExprs, ctx)};
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{x, w}, ValueRange{init}, maps,
             iterators(batch + 2, 1),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc,
                   multiplyAccumulateF32(nb, nloc, args[1], args[0], args[2]));
             })
      .getResult(0);
}

/// Checks at run time that the batch dims of `x` (all but the last) and the
/// result's last size `outSize` agree with a static declared result type
/// (the verifier only asks them to be compatible).
static void checkDeclaredResult(OpBuilder &b, Location loc, Value x,
                                OpFoldResult outSize, RankedTensorType declared,
                                StringRef opName) {
  int64_t rank = declared.getRank();
  for (int64_t d = 0; d < rank; ++d) {
    int64_t want = declared.getDimSize(d);
    if (ShapedType::isDynamic(want))
      continue;
    OpFoldResult size = d + 1 < rank ? getDim(b, loc, x, d) : outSize;
    assertSameSize(b, loc, size, b.getIndexAttr(want),
                   "'" + opName + "' op expects result dim " + Twine(d) +
                       " to equal its declared size " + Twine(want));
  }
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {
struct BlockDiagMatmulOpLowering final
    : OpRewritePattern<accel::BlockDiagMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::BlockDiagMatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(checkRunTimeChecksAvailable(op)))
      return failure();
    Location loc = op.getLoc();
    Value x = op.getX(), w = op.getW();
    int64_t xRank = cast<RankedTensorType>(x.getType()).getRank();
    OpFoldResult nb = getDim(rewriter, loc, w, 0);
    OpFoldResult q = getDim(rewriter, loc, w, 1);
    OpFoldResult p = getDim(rewriter, loc, w, 2);
    assertSameSize(rewriter, loc, getDim(rewriter, loc, x, xRank - 1),
                   mulSizes(rewriter, loc, nb, p),
                   "'accel.block_diag_matmul' op expects the last dim of x "
                   "to equal nb * p");
    checkDeclaredResult(rewriter, loc, x, mulSizes(rewriter, loc, nb, q),
                        op.getType(), "accel.block_diag_matmul");

    Value blocks = expandLastDim(rewriter, loc, x, {nb, p});
    Value y = blockDiagContraction(rewriter, loc, blocks, w);
    y = roundTensorTo(rewriter, loc, y, op.getType().getElementType());
    y = collapseLastTwoDims(rewriter, loc, y);
    rewriter.replaceOp(op, castToType(rewriter, loc, y, op.getType()));
    return success();
  }
};

struct MonarchMatmulOpLowering final
    : OpRewritePattern<accel::MonarchMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::MonarchMatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(checkRunTimeChecksAvailable(op)))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getX(), w1 = op.getW1(), w2 = op.getW2();
    int64_t xRank = cast<RankedTensorType>(x.getType()).getRank();
    int64_t batch = xRank - 1;
    OpFoldResult k = getDim(rewriter, loc, w1, 0);
    OpFoldResult q = getDim(rewriter, loc, w1, 1);
    OpFoldResult p = getDim(rewriter, loc, w1, 2);
    OpFoldResult l = getDim(rewriter, loc, w2, 0);
    OpFoldResult s = getDim(rewriter, loc, w2, 1);
    OpFoldResult r = getDim(rewriter, loc, w2, 2);
    assertSameSize(rewriter, loc, getDim(rewriter, loc, x, xRank - 1),
                   mulSizes(rewriter, loc, k, p),
                   "'accel.monarch_matmul' op expects the last dim of x "
                   "to equal k * p of w1");
    assertSameSize(rewriter, loc, mulSizes(rewriter, loc, l, r),
                   mulSizes(rewriter, loc, k, q),
                   "'accel.monarch_matmul' op expects l * r of w2 to equal "
                   "k * q of w1");
    checkDeclaredResult(rewriter, loc, x, mulSizes(rewriter, loc, l, s),
                        op.getType(), "accel.monarch_matmul");

    // First factor, kept in f32: t1 [B..., k, q], viewed as [B..., r, l].
    Value t1 = blockDiagContraction(
        rewriter, loc, expandLastDim(rewriter, loc, x, {k, p}), w1);
    t1 = expandLastDim(rewriter, loc, collapseLastTwoDims(rewriter, loc, t1),
                       {r, l});

    // Second factor: y[.., o, c] = u[.., c, o]
    //   = sum_j w2[c, o, j] * t2[.., c, j], t2[.., c, j] = t1[.., j, c].
    // Loops: (batch..., c, o, j).
    int64_t numLoops = batch + 3;
    AffineExpr c = getAffineDimExpr(batch, ctx);
    AffineExpr o = getAffineDimExpr(batch + 1, ctx);
    AffineExpr j = getAffineDimExpr(batch + 2, ctx);
    SmallVector<AffineExpr> tExprs, outExprs;
    SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < batch; ++d) {
      tExprs.push_back(getAffineDimExpr(d, ctx));
      outExprs.push_back(getAffineDimExpr(d, ctx));
      sizes.push_back(getDim(rewriter, loc, x, d));
    }
    tExprs.append({j, c});
    outExprs.append({o, c});
    sizes.append({s, l});
    Type f32 = rewriter.getF32Type();
    Value init = createFilled(rewriter, loc, sizes, f32, 0.0);
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, {c, o, j}, ctx),
                                   AffineMap::get(numLoops, 0, tExprs, ctx),
                                   AffineMap::get(numLoops, 0, outExprs, ctx)};
    Value y =
        linalg::GenericOp::create(
            rewriter, loc, init.getType(), ValueRange{w2, t1}, ValueRange{init},
            maps, iterators(batch + 2, 1),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              linalg::YieldOp::create(
                  nb, nloc,
                  multiplyAccumulateF32(nb, nloc, args[0], args[1], args[2]));
            })
            .getResult(0);

    y = roundTensorTo(rewriter, loc, y, op.getType().getElementType());
    y = collapseLastTwoDims(rewriter, loc, y);
    rewriter.replaceOp(op, castToType(rewriter, loc, y, op.getType()));
    return success();
  }
};
} // namespace

void accel::populateMonarchToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<BlockDiagMatmulOpLowering, MonarchMatmulOpLowering>(
      patterns.getContext());
}
