//===- MatmulToLinalg.cpp - lowering of the Matmul family -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel.matmul becomes one contraction over (batch..., m, n, k) that
// accumulates in f32 (a named linalg op where the indexing maps allow, see
// buildContraction), followed, when there is a bias or the result is not
// f32, by an elementwise generic that adds the bias in f32 and rounds once
// to the result element type. Batch dims broadcast numpy-style: a batch dim
// that is statically 1 against a larger one reads index 0 through a
// constant-0 indexing map result; a dynamic batch dim that may be 1 at run
// time is stretched by an explicit copy first (see broadcastAtRunTime).
// Sizes the verifier could not compare are checked at run time with
// cf.assert. The strategy is described in docs/lowering/Matmul.md.
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
// Run-time checks
//===----------------------------------------------------------------------===//

/// Where the declared result type is static and the computed size is not,
/// checks the size at run time and takes the static one, so that the
/// tensors built have the declared type (the verifier only asks the two to
/// be compatible).
static void refineToDeclaredSizes(OpBuilder &b, Location loc,
                                  MutableArrayRef<OpFoldResult> sizes,
                                  RankedTensorType declared, StringRef opName) {
  for (auto [i, size] : llvm::enumerate(sizes)) {
    int64_t want = declared.getDimSize(i);
    if (ShapedType::isDynamic(want) || getConstantIntValue(size))
      continue;
    assertSameSize(b, loc, size, b.getIndexAttr(want),
                   "'" + opName + "' op expects result dim " + Twine(i) +
                       " to equal its declared size " + Twine(want));
    size = b.getIndexAttr(want);
  }
}

//===----------------------------------------------------------------------===//
// Batch broadcasting
//===----------------------------------------------------------------------===//

namespace {
/// How one batch dim of an operand is read in the result's iteration space.
enum class BatchAccess {
  /// The operand has fewer batch dims than the result.
  Absent,
  /// Index d of the result reads index d of the operand.
  Identity,
  /// The operand's dim is statically 1 and the result's is not: index 0.
  Broadcast,
  /// The operand's dim is dynamic and may be 1 at run time against a larger
  /// result dim; stretched by broadcastAtRunTime, then read as Identity.
  RunTime,
};

/// The decision for one batch dim of the result.
struct BatchDim {
  BatchAccess a = BatchAccess::Absent;
  BatchAccess b = BatchAccess::Absent;
  OpFoldResult size;
};
} // namespace

/// numpy broadcasting of the batch dims of `a` and `b` (aligned from the
/// right), deciding what can be decided statically and emitting the checks
/// and sizes for the rest.
static SmallVector<BatchDim> broadcastBatchDims(OpBuilder &b, Location loc,
                                                Value lhs, Value rhs) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  int64_t lhsBatch = lhsType.getRank() - 2, rhsBatch = rhsType.getRank() - 2;
  int64_t batch = std::max(lhsBatch, rhsBatch);
  SmallVector<BatchDim> dims(batch);
  for (int64_t i = 0; i < batch; ++i) {
    BatchDim &dim = dims[i];
    int64_t l = i - (batch - lhsBatch), r = i - (batch - rhsBatch);
    if (l < 0) {
      dim.b = BatchAccess::Identity;
      dim.size = getDim(b, loc, rhs, r);
      continue;
    }
    if (r < 0) {
      dim.a = BatchAccess::Identity;
      dim.size = getDim(b, loc, lhs, l);
      continue;
    }
    int64_t ls = lhsType.getDimSize(l), rs = rhsType.getDimSize(r);
    if (ls == 1 && rs == 1) {
      dim = {BatchAccess::Identity, BatchAccess::Identity, b.getIndexAttr(1)};
    } else if (ls == 1) {
      dim = {BatchAccess::Broadcast, BatchAccess::Identity,
             getDim(b, loc, rhs, r)};
    } else if (rs == 1) {
      dim = {BatchAccess::Identity, BatchAccess::Broadcast,
             getDim(b, loc, lhs, l)};
    } else if (!ShapedType::isDynamic(ls) && !ShapedType::isDynamic(rs)) {
      // The verifier has checked that they are equal.
      dim = {BatchAccess::Identity, BatchAccess::Identity, b.getIndexAttr(ls)};
    } else {
      // At least one side is dynamic and may be 1 at run time; a static side
      // is not 1 here, so it can only be read directly.
      Value lv = getDimValue(b, loc, lhs, l), rv = getDimValue(b, loc, rhs, r);
      Value one = arith::ConstantIndexOp::create(b, loc, 1);
      auto eq = [&](Value x, Value y) {
        return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, y);
      };
      Value lhsIsOne = eq(lv, one);
      Value ok = arith::OrIOp::create(
          b, loc, eq(lv, rv),
          arith::OrIOp::create(b, loc, lhsIsOne, eq(rv, one)));
      cf::AssertOp::create(
          b, loc, ok,
          b.getStringAttr("'accel.matmul' op expects batch dim " + Twine(i) +
                          " of a and b to be equal or 1"));
      dim.a = ShapedType::isDynamic(ls) ? BatchAccess::RunTime
                                        : BatchAccess::Identity;
      dim.b = ShapedType::isDynamic(rs) ? BatchAccess::RunTime
                                        : BatchAccess::Identity;
      if (!ShapedType::isDynamic(ls))
        dim.size = b.getIndexAttr(ls);
      else if (!ShapedType::isDynamic(rs))
        dim.size = b.getIndexAttr(rs);
      else
        dim.size =
            arith::SelectOp::create(b, loc, lhsIsOne, rv, lv).getResult();
    }
  }
  return dims;
}

//===----------------------------------------------------------------------===//
// accel.matmul
//===----------------------------------------------------------------------===//

/// acc += a * b over `maps` ((batch..., m, n, k)), each product of the
/// operands extended to f32 and added to the f32 accumulator. Named ops
/// where the maps allow (matchers, vectorization and other compilers
/// recognize them): linalg.matmul for a plain 2-D product, linalg.batch_matmul
/// for one shared batch dim, linalg.contract with the maps for the other
/// projected permutations (transpose_b, several or missing batch dims); a
/// statically broadcast batch dim (a constant-0 map result) stays a
/// linalg.generic. All compute acc + extf(a) * extf(b), rounding the product
/// and the sum.
static Value buildContraction(OpBuilder &b, Location loc, Value lhs, Value rhs,
                              Value acc, ArrayRef<AffineMap> maps,
                              ArrayRef<BatchDim> batchDims, bool transposeB) {
  Type accType = acc.getType();
  if (llvm::all_of(maps, [](AffineMap map) {
        return map.isProjectedPermutation();
      })) {
    bool plain = !transposeB && llvm::all_of(batchDims, [](const BatchDim &d) {
      return d.a != BatchAccess::Absent && d.b != BatchAccess::Absent;
    });
    if (plain && batchDims.empty())
      return linalg::MatmulOp::create(b, loc, TypeRange{accType},
                                      ValueRange{lhs, rhs}, ValueRange{acc})
          .getResult(0);
    if (plain && batchDims.size() == 1)
      return linalg::BatchMatmulOp::create(b, loc, TypeRange{accType},
                                           ValueRange{lhs, rhs},
                                           ValueRange{acc})
          .getResult(0);
    return linalg::ContractOp::create(b, loc, TypeRange{accType},
                                      ValueRange{lhs, rhs}, ValueRange{acc},
                                      b.getAffineMapArrayAttr(maps))
        .getResult(0);
  }
  int64_t numParallel = maps.front().getNumDims() - 1;
  return linalg::GenericOp::create(
             b, loc, accType, ValueRange{lhs, rhs}, ValueRange{acc}, maps,
             iterators(numParallel, 1),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc,
                   multiplyAccumulateF32(nb, nloc, args[0], args[1], args[2]));
             })
      .getResult(0);
}

namespace {
struct MatmulOpLowering final : OpRewritePattern<accel::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(checkRunTimeChecksAvailable(op)))
      return failure();
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value a = op.getA(), b = op.getB(), bias = op.getBias();
    bool transposeB = op.getTransposeB();
    RankedTensorType resultType = op.getType();
    int64_t aRank = cast<RankedTensorType>(a.getType()).getRank();
    int64_t bRank = cast<RankedTensorType>(b.getType()).getRank();
    int64_t kDimB = transposeB ? bRank - 1 : bRank - 2;
    int64_t nDimB = transposeB ? bRank - 2 : bRank - 1;

    assertSameSize(rewriter, loc, getDim(rewriter, loc, a, aRank - 1),
                   getDim(rewriter, loc, b, kDimB),
                   "'accel.matmul' op expects the reduction dims of a "
                   "and b to match");
    OpFoldResult n = getDim(rewriter, loc, b, nDimB);
    if (bias)
      assertSameSize(rewriter, loc, getDim(rewriter, loc, bias, 0), n,
                     "'accel.matmul' op expects bias to have N elements");

    // Loops: (batch..., m, n, k).
    SmallVector<BatchDim> batchDims = broadcastBatchDims(rewriter, loc, a, b);
    int64_t batch = batchDims.size();
    int64_t numLoops = batch + 3;
    AffineExpr m = getAffineDimExpr(batch, ctx);
    AffineExpr nn = getAffineDimExpr(batch + 1, ctx);
    AffineExpr k = getAffineDimExpr(batch + 2, ctx);
    SmallVector<AffineExpr> aExprs, bExprs, outExprs;
    SmallVector<std::pair<int64_t, OpFoldResult>> aStretch, bStretch;
    SmallVector<OpFoldResult> sizes;
    auto addAccess =
        [&](BatchAccess access, int64_t loop,
            SmallVectorImpl<AffineExpr> &exprs,
            SmallVectorImpl<std::pair<int64_t, OpFoldResult>> &stretch,
            OpFoldResult size) {
          switch (access) {
          case BatchAccess::Absent:
            return;
          case BatchAccess::RunTime:
            stretch.push_back({static_cast<int64_t>(exprs.size()), size});
            [[fallthrough]];
          case BatchAccess::Identity:
            exprs.push_back(getAffineDimExpr(loop, ctx));
            return;
          case BatchAccess::Broadcast:
            exprs.push_back(getAffineConstantExpr(0, ctx));
            return;
          }
        };
    for (auto [i, dim] : llvm::enumerate(batchDims)) {
      addAccess(dim.a, i, aExprs, aStretch, dim.size);
      addAccess(dim.b, i, bExprs, bStretch, dim.size);
      outExprs.push_back(getAffineDimExpr(i, ctx));
      sizes.push_back(dim.size);
    }
    aExprs.append({m, k});
    bExprs.append(transposeB ? std::initializer_list<AffineExpr>{nn, k}
                             : std::initializer_list<AffineExpr>{k, nn});
    outExprs.append({m, nn});
    sizes.push_back(getDim(rewriter, loc, a, aRank - 2));
    sizes.push_back(n);
    refineToDeclaredSizes(rewriter, loc, sizes, resultType, "accel.matmul");

    if (!aStretch.empty())
      a = broadcastAtRunTime(rewriter, loc, a, aStretch);
    if (!bStretch.empty())
      b = broadcastAtRunTime(rewriter, loc, b, bStretch);

    Type f32 = rewriter.getF32Type();
    Value acc = createFilled(rewriter, loc, sizes, f32, 0.0);
    SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, aExprs, ctx),
                                   AffineMap::get(numLoops, 0, bExprs, ctx),
                                   AffineMap::get(numLoops, 0, outExprs, ctx)};
    acc = buildContraction(rewriter, loc, a, b, acc, maps, batchDims,
                           transposeB);

    Type elementType = resultType.getElementType();
    Value result = acc;
    if (bias || elementType != f32) {
      // The bias is added after the reduction (not used as its initial
      // value) so that the rounding follows the formula: sum, then + bias.
      int64_t rank = batch + 2;
      SmallVector<Value> inputs = {acc};
      SmallVector<AffineMap> epilogueMaps = {
          rewriter.getMultiDimIdentityMap(rank)};
      if (bias) {
        inputs.push_back(bias);
        epilogueMaps.push_back(
            AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, ctx)));
      }
      epilogueMaps.push_back(rewriter.getMultiDimIdentityMap(rank));
      Value init = createEmpty(rewriter, loc, sizes, elementType);
      result =
          linalg::GenericOp::create(
              rewriter, loc, init.getType(), inputs, ValueRange{init},
              epilogueMaps, iterators(rank),
              [&](OpBuilder &nb, Location nloc, ValueRange args) {
                Value value = args[0];
                if (bias)
                  value = arith::AddFOp::create(
                      nb, nloc, value, convertScalar(nb, nloc, args[1], f32));
                linalg::YieldOp::create(
                    nb, nloc, convertScalar(nb, nloc, value, elementType));
              })
              .getResult(0);
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, result, resultType));
    return success();
  }
};
} // namespace

void accel::populateMatmulToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<MatmulOpLowering>(patterns.getContext());
}
