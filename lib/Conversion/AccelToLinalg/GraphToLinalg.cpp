//===- GraphToLinalg.cpp - lowering of the Graph family -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Lowers the relational-graph ops (IR contract §4) to linalg/tensor/scf on
// tensors. Reads indexed by data (gather, typed weights) are linalg.generic
// bodies with tensor.extract; writes indexed by data (scatter_reduce,
// edge_softmax's per-node reductions) are scf.for loops over the edges that
// update one row per edge with extract_slice / generic / insert_slice, which
// one-shot bufferization turns into in-place updates: O(E * D) in total.
//
// Ids are checked before they are used: every index the generated code reads
// through is asserted to be in range with cf.assert, as are segment offsets
// and the run-time sizes that the verifier could not compare statically.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "LoweringBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/Twine.h"

#include <limits>

using namespace mlir;
using namespace accel::lowering;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// An index constant.
static Value indexConst(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// An id read from an i32/i64 index tensor as an `index` (sign-extended, so
/// negative ids stay negative and fail the range checks).
static Value toIndex(OpBuilder &b, Location loc, Value id) {
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), id);
}

/// `[0, 7)` when the bound is static, `[0, N)` otherwise: the message names
/// what it can.
static std::string formatRange(int64_t staticBound, StringRef name) {
  if (ShapedType::isDynamic(staticBound))
    return ("[0, " + name + ")").str();
  return ("[0, " + Twine(staticBound) + ")").str();
}

/// Asserts at run time that every id in the rank-1 tensor `ids` lies in
/// `[0, bound)`. One pass over the ids reduces the checks into a 0-d i1.
static void assertIdsInRange(OpBuilder &b, Location loc, Value ids, Value bound,
                             const Twine &message) {
  MLIRContext *ctx = b.getContext();
  Value init = createFilled(b, loc, {}, b.getI1Type(), 1.0);
  AffineMap idMap = AffineMap::getMultiDimIdentityMap(1, ctx);
  AffineMap scalarMap = AffineMap::get(1, 0, {}, ctx);
  Value zero = indexConst(b, loc, 0);
  Value allOk = linalg::GenericOp::create(
                    b, loc, init.getType(), ValueRange{ids}, ValueRange{init},
                    ArrayRef<AffineMap>{idMap, scalarMap}, iterators(0, 1),
                    [&](OpBuilder &nb, Location nloc, ValueRange args) {
                      Value id = toIndex(nb, nloc, args[0]);
                      Value geZero = arith::CmpIOp::create(
                          nb, nloc, arith::CmpIPredicate::sge, id, zero);
                      Value ltBound = arith::CmpIOp::create(
                          nb, nloc, arith::CmpIPredicate::slt, id, bound);
                      Value ok =
                          arith::AndIOp::create(nb, nloc, geZero, ltBound);
                      Value acc = arith::AndIOp::create(nb, nloc, args[1], ok);
                      linalg::YieldOp::create(nb, nloc, acc);
                    })
                    .getResult(0);
  Value flag = tensor::ExtractOp::create(b, loc, allOk, ValueRange{});
  cf::AssertOp::create(b, loc, flag, message.str());
}

/// Asserts that dim `lhsDim` of `lhs` equals dim `rhsDim` of `rhs` plus
/// `rhsExtra`, unless both are static (then the verifier compared them).
static void assertSameSize(OpBuilder &b, Location loc, Value lhs,
                           int64_t lhsDim, Value rhs, int64_t rhsDim,
                           int64_t rhsExtra, const Twine &message) {
  auto lhsType = cast<RankedTensorType>(lhs.getType());
  auto rhsType = cast<RankedTensorType>(rhs.getType());
  if (!lhsType.isDynamicDim(lhsDim) && !rhsType.isDynamicDim(rhsDim))
    return;
  Value lhsSize = getDimValue(b, loc, lhs, lhsDim);
  Value rhsSize = getDimValue(b, loc, rhs, rhsDim);
  if (rhsExtra != 0)
    rhsSize =
        arith::AddIOp::create(b, loc, rhsSize, indexConst(b, loc, rhsExtra));
  Value same =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, lhsSize, rhsSize);
  cf::AssertOp::create(b, loc, same, message.str());
}

/// Row `row` of the rank-2 tensor `source` ([?, width]), as a rank-1 tensor.
/// Extracting and inserting a row with the same `width` value lets one-shot
/// bufferization see the pair as an in-place update.
static Value extractRow(OpBuilder &b, Location loc, Value source, Value row,
                        OpFoldResult width) {
  auto sourceType = cast<RankedTensorType>(source.getType());
  // The row's type says what `width` says (a size can be known statically
  // where `source`'s type does not show it).
  auto rowType = RankedTensorType::get(
      {getConstantIntValue(width).value_or(ShapedType::kDynamic)},
      sourceType.getElementType());
  SmallVector<OpFoldResult> offsets = {row, b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), width};
  SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(b, loc, rowType, source, offsets, sizes,
                                        strides);
}

/// Writes the rank-1 `rowValue` into row `row` of the rank-2 `dest`.
static Value insertRow(OpBuilder &b, Location loc, Value rowValue, Value dest,
                       Value row, OpFoldResult width) {
  SmallVector<OpFoldResult> offsets = {row, b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), width};
  SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
  return tensor::InsertSliceOp::create(b, loc, rowValue, dest, offsets, sizes,
                                       strides);
}

/// Combines, per element of a row, (the edge's row of `edgeValues`, the
/// destination's rows of `nodeInputs`..., the destination's row of `acc`)
/// into the destination's new `acc` row.
using RowCombineFn =
    function_ref<Value(OpBuilder &, Location, ValueRange /*scalars*/)>;

/// The scatter loop: for e in [0, E), row ids[e] of `acc` ([rows, D]) becomes
/// combine(edgeValues[e], nodeInputs[ids[e]]..., acc[ids[e]]). Each step is
/// an extract_slice / elementwise generic / insert_slice of one row on the
/// loop-carried `acc`, which bufferizes in place. `ids` must be checked.
static Value scatterRows(OpBuilder &b, Location loc, Value ids,
                         Value edgeValues, ValueRange nodeInputs, Value acc,
                         RowCombineFn combine) {
  Value zero = indexConst(b, loc, 0);
  Value one = indexConst(b, loc, 1);
  Value numEdges = getDimValue(b, loc, ids, 0);
  OpFoldResult width = getDim(b, loc, acc, 1);
  AffineMap idMap = AffineMap::getMultiDimIdentityMap(1, b.getContext());
  auto loop = scf::ForOp::create(
      b, loc, zero, numEdges, one, ValueRange{acc},
      [&](OpBuilder &lb, Location lloc, Value edge, ValueRange iterArgs) {
        Value node =
            toIndex(lb, lloc, tensor::ExtractOp::create(lb, lloc, ids, edge));
        SmallVector<Value> inputs = {
            extractRow(lb, lloc, edgeValues, edge, width)};
        for (Value nodeInput : nodeInputs)
          inputs.push_back(extractRow(lb, lloc, nodeInput, node, width));
        Value accRow = extractRow(lb, lloc, iterArgs[0], node, width);
        SmallVector<AffineMap> maps(inputs.size() + 1, idMap);
        Value updated =
            linalg::GenericOp::create(
                lb, lloc, accRow.getType(), inputs, ValueRange{accRow}, maps,
                iterators(1),
                [&](OpBuilder &nb, Location nloc, ValueRange args) {
                  linalg::YieldOp::create(nb, nloc, combine(nb, nloc, args));
                })
                .getResult(0);
        scf::YieldOp::create(
            lb, lloc, insertRow(lb, lloc, updated, iterArgs[0], node, width));
      });
  return loop.getResult(0);
}

//===----------------------------------------------------------------------===//
// gather_rows
//===----------------------------------------------------------------------===//

namespace {
/// out[e, d] = x[idx[e], d]: a parallel generic over [E, D] that reads x
/// with tensor.extract. Works for any element type (it only moves values).
struct GatherRowsLowering final : OpRewritePattern<accel::GatherRowsOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::GatherRowsOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getX();
    Value idx = op.getIdx();
    auto xType = cast<RankedTensorType>(x.getType());

    assertIdsInRange(rewriter, loc, idx, getDimValue(rewriter, loc, x, 0),
                     "'accel.gather_rows' op expects indices in " +
                         formatRange(xType.getDimSize(0), "N"));

    SmallVector<OpFoldResult> sizes = {getDim(rewriter, loc, idx, 0),
                                       getDim(rewriter, loc, x, 1)};
    Value init = createEmpty(rewriter, loc, sizes, xType.getElementType());
    MLIRContext *ctx = rewriter.getContext();
    AffineMap idxMap = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
    AffineMap outMap = AffineMap::getMultiDimIdentityMap(2, ctx);
    Value gathered =
        linalg::GenericOp::create(
            rewriter, loc, init.getType(), ValueRange{idx}, ValueRange{init},
            ArrayRef<AffineMap>{idxMap, outMap}, iterators(2),
            [&](OpBuilder &b, Location nloc, ValueRange args) {
              Value row = toIndex(b, nloc, args[0]);
              Value col = linalg::IndexOp::create(b, nloc, 1);
              Value value =
                  tensor::ExtractOp::create(b, nloc, x, ValueRange{row, col});
              linalg::YieldOp::create(b, nloc, value);
            })
            .getResult(0);
    rewriter.replaceOp(op, castToType(rewriter, loc, gathered, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// typed_matmul
//===----------------------------------------------------------------------===//

/// out[e, n] = sum_k x[e, k] * w[types[e], k, n]: a generic over (e, n, k)
/// that reads w with tensor.extract, accumulating in f32, then one rounding.
struct TypedMatmulLowering final : OpRewritePattern<accel::TypedMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::TypedMatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getX();
    Value w = op.getW();
    Value types = op.getTypes();
    auto wType = cast<RankedTensorType>(w.getType());
    Type f32 = rewriter.getF32Type();

    assertSameSize(rewriter, loc, types, 0, x, 0, 0,
                   "'accel.typed_matmul' op expects one type per row of "
                   "x");
    assertSameSize(rewriter, loc, x, 1, w, 1, 0,
                   "'accel.typed_matmul' op expects the feature dim of x "
                   "to equal the input dim of w");
    assertIdsInRange(rewriter, loc, types, getDimValue(rewriter, loc, w, 0),
                     "'accel.typed_matmul' op expects type ids in " +
                         formatRange(wType.getDimSize(0), "R"));

    SmallVector<OpFoldResult> sizes = {getDim(rewriter, loc, x, 0),
                                       getDim(rewriter, loc, w, 2)};
    Value acc = createFilled(rewriter, loc, sizes, f32, 0.0);
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr e = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
               k = getAffineDimExpr(2, ctx);
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {e, k}, ctx),
                                   AffineMap::get(3, 0, {e}, ctx),
                                   AffineMap::get(3, 0, {e, n}, ctx)};
    Value product = linalg::GenericOp::create(
                        rewriter, loc, acc.getType(), ValueRange{x, types},
                        ValueRange{acc}, maps, iterators(2, 1),
                        [&](OpBuilder &b, Location nloc, ValueRange args) {
                          Value type = toIndex(b, nloc, args[1]);
                          Value col = linalg::IndexOp::create(b, nloc, 1);
                          Value red = linalg::IndexOp::create(b, nloc, 2);
                          Value weight = tensor::ExtractOp::create(
                              b, nloc, w, ValueRange{type, red, col});
                          linalg::YieldOp::create(
                              b, nloc,
                              multiplyAccumulateF32(b, nloc, args[0], weight,
                                                    args[2]));
                        })
                        .getResult(0);
    Value rounded =
        roundTensorTo(rewriter, loc, product, op.getType().getElementType());
    rewriter.replaceOp(op, castToType(rewriter, loc, rounded, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// segment_matmul
//===----------------------------------------------------------------------===//

/// A loop over relations r: rows offsets[r] .. offsets[r+1]-1 of x (a dynamic
/// extract_slice, possibly empty) times w[r], accumulated in f32, rounded and
/// inserted into the result. The offsets are checked first, so the segments
/// tile [0, E) exactly and every result row is written once.
struct SegmentMatmulLowering final : OpRewritePattern<accel::SegmentMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::SegmentMatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getX();
    Value w = op.getW();
    Value offsets = op.getOffsets();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(w.getType());
    Type resultElement = op.getType().getElementType();
    Type f32 = rewriter.getF32Type();
    MLIRContext *ctx = rewriter.getContext();

    assertSameSize(rewriter, loc, offsets, 0, w, 0, 1,
                   "'accel.segment_matmul' op expects R + 1 offsets");
    assertSameSize(rewriter, loc, x, 1, w, 1, 0,
                   "'accel.segment_matmul' op expects the feature dim of x "
                   "to equal the input dim of w");
    checkOffsets(rewriter, loc, op);

    // K, static where x or w shows it (the check above compares them), and
    // Nout. x and w are cast to what is known so that the slices' types agree
    // with their sizes.
    auto knownSize = [&](std::initializer_list<OpFoldResult> candidates) {
      for (OpFoldResult size : candidates)
        if (std::optional<int64_t> known = getConstantIntValue(size))
          return OpFoldResult(rewriter.getIndexAttr(*known));
      return *candidates.begin();
    };
    OpFoldResult depth =
        knownSize({getDim(rewriter, loc, x, 1), getDim(rewriter, loc, w, 1)});
    OpFoldResult width = getDim(rewriter, loc, w, 2);
    int64_t staticDepth =
        getConstantIntValue(depth).value_or(ShapedType::kDynamic);
    int64_t staticWidth =
        getConstantIntValue(width).value_or(ShapedType::kDynamic);
    x = castToType(rewriter, loc, x,
                   xType.clone({xType.getDimSize(0), staticDepth}));
    w = castToType(
        rewriter, loc, w,
        wType.clone({wType.getDimSize(0), staticDepth, staticWidth}));
    xType = cast<RankedTensorType>(x.getType());
    wType = cast<RankedTensorType>(w.getType());

    // A statically empty K or Nout: the result is known, and slicing a dim
    // of static size 0 (even with size 0) is invalid IR.
    if (staticDepth == 0 || staticWidth == 0) {
      SmallVector<OpFoldResult> sizes = {getDim(rewriter, loc, x, 0), width};
      Value zeros = createFilled(rewriter, loc, sizes, resultElement, 0.0);
      rewriter.replaceOp(op, castToType(rewriter, loc, zeros, op.getType()));
      return success();
    }

    Value zero = indexConst(rewriter, loc, 0);
    Value one = indexConst(rewriter, loc, 1);
    Value numRelations = getDimValue(rewriter, loc, w, 0);
    Value init = createEmpty(
        rewriter, loc, {getDim(rewriter, loc, x, 0), width}, resultElement);
    auto resultType = cast<RankedTensorType>(init.getType());

    AffineExpr m = getAffineDimExpr(0, ctx), n = getAffineDimExpr(1, ctx),
               k = getAffineDimExpr(2, ctx);
    SmallVector<AffineMap> maps = {AffineMap::get(3, 0, {m, k}, ctx),
                                   AffineMap::get(3, 0, {k, n}, ctx),
                                   AffineMap::get(3, 0, {m, n}, ctx)};
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, numRelations, one, ValueRange{init},
        [&](OpBuilder &b, Location lloc, Value r, ValueRange iterArgs) {
          Value next = arith::AddIOp::create(b, lloc, r, one);
          Value begin =
              toIndex(b, lloc, tensor::ExtractOp::create(b, lloc, offsets, r));
          Value end = toIndex(
              b, lloc, tensor::ExtractOp::create(b, lloc, offsets, next));
          Value rows = arith::SubIOp::create(b, lloc, end, begin);

          SmallVector<OpFoldResult> one2(2, b.getIndexAttr(1));
          auto segmentType =
              RankedTensorType::get({ShapedType::kDynamic, xType.getDimSize(1)},
                                    xType.getElementType());
          Value segment = tensor::ExtractSliceOp::create(
              b, lloc, segmentType, x,
              ArrayRef<OpFoldResult>{begin, b.getIndexAttr(0)},
              ArrayRef<OpFoldResult>{rows, depth}, one2);
          auto weightType =
              RankedTensorType::get({wType.getDimSize(1), wType.getDimSize(2)},
                                    wType.getElementType());
          Value weight = tensor::ExtractSliceOp::create(
              b, lloc, weightType, w,
              ArrayRef<OpFoldResult>{r, b.getIndexAttr(0), b.getIndexAttr(0)},
              ArrayRef<OpFoldResult>{b.getIndexAttr(1), depth, width},
              SmallVector<OpFoldResult>(3, b.getIndexAttr(1)));

          // The segment's rows of the result: accumulating straight into them
          // (f32) or rounding into them keeps the update in place.
          SmallVector<OpFoldResult> segmentOffsets = {begin, b.getIndexAttr(0)};
          SmallVector<OpFoldResult> segmentSizes = {rows, width};
          auto outType = RankedTensorType::get(
              {ShapedType::kDynamic, resultType.getDimSize(1)}, resultElement);
          Value out = tensor::ExtractSliceOp::create(
              b, lloc, outType, iterArgs[0], segmentOffsets, segmentSizes,
              one2);
          Value zeroF32 = constantF32(b, lloc, 0.0f);
          Value acc = resultElement == f32
                          ? out
                          : createEmpty(b, lloc, segmentSizes, f32);
          acc = linalg::FillOp::create(b, lloc, zeroF32, acc).getResult(0);
          Value product =
              linalg::GenericOp::create(
                  b, lloc, acc.getType(), ValueRange{segment, weight},
                  ValueRange{acc}, maps, iterators(2, 1),
                  [&](OpBuilder &nb, Location nloc, ValueRange args) {
                    linalg::YieldOp::create(
                        nb, nloc,
                        multiplyAccumulateF32(nb, nloc, args[0], args[1],
                                              args[2]));
                  })
                  .getResult(0);
          if (resultElement != f32)
            product = roundInto(b, lloc, product, out);
          Value updated =
              tensor::InsertSliceOp::create(b, lloc, product, iterArgs[0],
                                            segmentOffsets, segmentSizes, one2);
          scf::YieldOp::create(b, lloc, updated);
        });
    rewriter.replaceOp(
        op, castToType(rewriter, loc, loop.getResult(0), op.getType()));
    return success();
  }

private:
  /// offsets[0] = 0, offsets[r] <= offsets[r+1], offsets[R] = E, each its
  /// own assert so the message says which rule failed. Needs the length
  /// check before it (the reads below assume R + 1 entries).
  static void checkOffsets(OpBuilder &b, Location loc,
                           accel::SegmentMatmulOp op) {
    Value offsets = op.getOffsets();
    Value zero = indexConst(b, loc, 0);
    Value numRelations = getDimValue(b, loc, op.getW(), 0);

    Value first =
        toIndex(b, loc, tensor::ExtractOp::create(b, loc, offsets, zero));
    cf::AssertOp::create(
        b, loc,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, first, zero),
        "'accel.segment_matmul' op expects offsets[0] = 0");

    // offsets[i - 1] <= offsets[i] for every entry (i = 0 compares offsets[0]
    // with itself). Reading the predecessor with tensor.extract rather than
    // through a slice at offset 1 keeps R = 0 (a single offset) valid IR.
    Value init = createFilled(b, loc, {}, b.getI1Type(), 1.0);
    MLIRContext *ctx = b.getContext();
    AffineMap idMap = AffineMap::getMultiDimIdentityMap(1, ctx);
    AffineMap scalarMap = AffineMap::get(1, 0, {}, ctx);
    Value one = indexConst(b, loc, 1);
    Value sorted =
        linalg::GenericOp::create(
            b, loc, init.getType(), ValueRange{offsets}, ValueRange{init},
            ArrayRef<AffineMap>{idMap, scalarMap}, iterators(0, 1),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              Value i = linalg::IndexOp::create(nb, nloc, 0);
              Value prevIndex = arith::SubIOp::create(
                  nb, nloc, arith::MaxUIOp::create(nb, nloc, i, one), one);
              Value prev =
                  tensor::ExtractOp::create(nb, nloc, offsets, prevIndex);
              Value ok = arith::CmpIOp::create(
                  nb, nloc, arith::CmpIPredicate::sle, prev, args[0]);
              Value all = arith::AndIOp::create(nb, nloc, args[1], ok);
              linalg::YieldOp::create(nb, nloc, all);
            })
            .getResult(0);
    cf::AssertOp::create(
        b, loc, tensor::ExtractOp::create(b, loc, sorted, ValueRange{}),
        "'accel.segment_matmul' op expects non-decreasing "
        "offsets");

    Value last = toIndex(
        b, loc, tensor::ExtractOp::create(b, loc, offsets, numRelations));
    Value numRows = getDimValue(b, loc, op.getX(), 0);
    cf::AssertOp::create(
        b, loc,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, last, numRows),
        "'accel.segment_matmul' op expects offsets[R] to equal "
        "the rows of x (E)");
  }
};

//===----------------------------------------------------------------------===//
// scatter_reduce
//===----------------------------------------------------------------------===//

/// An f32 accumulator [num_rows, D] (0 for sum/mean, -inf for max) updated
/// row by row in a loop over the edges; mean and max also count the messages
/// per row (a second loop), so that rows that received nothing become 0 and
/// mean divides by the count. One rounding to the result type at the end.
struct ScatterReduceLowering final : OpRewritePattern<accel::ScatterReduceOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::ScatterReduceOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value msg = op.getMsg();
    Value idx = op.getIdx();
    int64_t numRows = static_cast<int64_t>(op.getNumRows());
    accel::ReduceKind kind = op.getReduceKind();
    Type resultElement = op.getType().getElementType();
    Type f32 = rewriter.getF32Type();
    MLIRContext *ctx = rewriter.getContext();

    assertSameSize(rewriter, loc, idx, 0, msg, 0, 0,
                   "'accel.scatter_reduce' op expects one index per row "
                   "of msg");
    assertIdsInRange(rewriter, loc, idx, indexConst(rewriter, loc, numRows),
                     "'accel.scatter_reduce' op expects indices in " +
                         formatRange(numRows, "num_rows"));

    SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(numRows),
                                       getDim(rewriter, loc, msg, 1)};
    // A D known to be 0 (statically, or through a tensor.cast) leaves nothing
    // to compute, and its row slices would be invalid IR (a static offset
    // into a dim of static size 0).
    if (getConstantIntValue(sizes[1]) == 0) {
      Value empty = createEmpty(rewriter, loc, sizes, resultElement);
      rewriter.replaceOp(op, castToType(rewriter, loc, empty, op.getType()));
      return success();
    }
    bool isMax = kind == accel::ReduceKind::Max;
    Value acc =
        createFilled(rewriter, loc, sizes, f32,
                     isMax ? -std::numeric_limits<double>::infinity() : 0.0);
    acc = scatterRows(
        rewriter, loc, idx, msg, {}, acc,
        [&](OpBuilder &b, Location nloc, ValueRange args) -> Value {
          Value value = convertScalar(b, nloc, args[0], f32);
          if (isMax)
            return arith::MaximumFOp::create(b, nloc, args[1], value);
          return arith::AddFOp::create(b, nloc, args[1], value);
        });

    if (kind == accel::ReduceKind::Sum) {
      // Rows without messages kept the 0 they started with.
      Value rounded = roundTensorTo(rewriter, loc, acc, resultElement);
      rewriter.replaceOp(op, castToType(rewriter, loc, rounded, op.getType()));
      return success();
    }

    Value counts = countPerRow(rewriter, loc, idx, numRows);
    Value init = createEmpty(rewriter, loc, sizes, resultElement);
    AffineMap idMap = AffineMap::getMultiDimIdentityMap(2, ctx);
    AffineMap rowMap = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, init.getType(), ValueRange{acc, counts},
            ValueRange{init}, ArrayRef<AffineMap>{idMap, rowMap, idMap},
            iterators(2),
            [&](OpBuilder &b, Location nloc, ValueRange args) {
              Value zeroCount =
                  arith::ConstantOp::create(b, nloc, b.getI64IntegerAttr(0));
              Value empty = arith::CmpIOp::create(
                  b, nloc, arith::CmpIPredicate::eq, args[1], zeroCount);
              Value value = args[0];
              if (!isMax) {
                Value count = arith::SIToFPOp::create(b, nloc, f32, args[1]);
                value = arith::DivFOp::create(b, nloc, value, count);
              }
              value = arith::SelectOp::create(b, nloc, empty,
                                              constantF32(b, nloc, 0.0f), value);
              linalg::YieldOp::create(
                  b, nloc, convertScalar(b, nloc, value, resultElement));
            })
            .getResult(0);
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }

private:
  /// counts[r] = #{e : idx[e] = r} as i64, a scalar loop over the edges.
  static Value countPerRow(OpBuilder &b, Location loc, Value idx,
                           int64_t numRows) {
    Value counts =
        createFilled(b, loc, {b.getIndexAttr(numRows)}, b.getI64Type(), 0.0);
    Value zero = indexConst(b, loc, 0);
    Value one = indexConst(b, loc, 1);
    Value numEdges = getDimValue(b, loc, idx, 0);
    auto loop = scf::ForOp::create(
        b, loc, zero, numEdges, one, ValueRange{counts},
        [&](OpBuilder &lb, Location lloc, Value edge, ValueRange iterArgs) {
          Value row =
              toIndex(lb, lloc, tensor::ExtractOp::create(lb, lloc, idx, edge));
          Value count = tensor::ExtractOp::create(lb, lloc, iterArgs[0], row);
          Value increment =
              arith::ConstantOp::create(lb, lloc, lb.getI64IntegerAttr(1));
          Value next = arith::AddIOp::create(lb, lloc, count, increment);
          scf::YieldOp::create(
              lb, lloc,
              tensor::InsertOp::create(lb, lloc, next, iterArgs[0], row)
                  .getResult());
        });
    return loop.getResult(0);
  }
};

//===----------------------------------------------------------------------===//
// edge_softmax
//===----------------------------------------------------------------------===//

/// Three steps, all in f32: m[v, h] = max of the scores into v (a scatter
/// loop); s[v, h] = sum of exp(score - m[v, h]) over those edges (a second
/// scatter loop, reading m); out[e, h] = exp(score[e, h] - m[dst[e], h]) /
/// s[dst[e], h] (a parallel generic). Isolated nodes are never read.
struct EdgeSoftmaxLowering final : OpRewritePattern<accel::EdgeSoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::EdgeSoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value score = op.getScore();
    Value dst = op.getDst();
    int64_t numNodes = static_cast<int64_t>(op.getNumNodes());
    Type resultElement = op.getType().getElementType();
    Type f32 = rewriter.getF32Type();
    MLIRContext *ctx = rewriter.getContext();

    assertSameSize(rewriter, loc, dst, 0, score, 0, 0,
                   "'accel.edge_softmax' op expects one destination per "
                   "row of score");
    assertIdsInRange(rewriter, loc, dst, indexConst(rewriter, loc, numNodes),
                     "'accel.edge_softmax' op expects destinations in " +
                         formatRange(numNodes, "num_nodes"));

    SmallVector<OpFoldResult> nodeSizes = {rewriter.getIndexAttr(numNodes),
                                           getDim(rewriter, loc, score, 1)};
    // An H known to be 0 leaves nothing to compute (see scatter_reduce).
    if (getConstantIntValue(nodeSizes[1]) == 0) {
      Value empty = createEmpty(rewriter, loc, getDims(rewriter, loc, score),
                                resultElement);
      rewriter.replaceOp(op, castToType(rewriter, loc, empty, op.getType()));
      return success();
    }
    Value maxInit = createFilled(rewriter, loc, nodeSizes, f32,
                                 -std::numeric_limits<double>::infinity());
    Value maxima = scatterRows(
        rewriter, loc, dst, score, {}, maxInit,
        [&](OpBuilder &b, Location nloc, ValueRange args) -> Value {
          return arith::MaximumFOp::create(
              b, nloc, args[1], convertScalar(b, nloc, args[0], f32));
        });
    Value sumInit = createFilled(rewriter, loc, nodeSizes, f32, 0.0);
    Value sums =
        scatterRows(rewriter, loc, dst, score, {maxima}, sumInit,
                    [&](OpBuilder &b, Location nloc, ValueRange args) -> Value {
                      Value value = convertScalar(b, nloc, args[0], f32);
                      Value shifted =
                          arith::SubFOp::create(b, nloc, value, args[1]);
                      Value exp = math::ExpOp::create(b, nloc, shifted);
                      return arith::AddFOp::create(b, nloc, args[2], exp);
                    });

    Value init = createEmpty(rewriter, loc, getDims(rewriter, loc, score),
                             resultElement);
    AffineMap idMap = AffineMap::getMultiDimIdentityMap(2, ctx);
    AffineMap rowMap = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
    Value result =
        linalg::GenericOp::create(
            rewriter, loc, init.getType(), ValueRange{score, dst},
            ValueRange{init}, ArrayRef<AffineMap>{idMap, rowMap, idMap},
            iterators(2),
            [&](OpBuilder &b, Location nloc, ValueRange args) {
              Value node = toIndex(b, nloc, args[1]);
              Value col = linalg::IndexOp::create(b, nloc, 1);
              Value max = tensor::ExtractOp::create(b, nloc, maxima,
                                                    ValueRange{node, col});
              Value sum = tensor::ExtractOp::create(b, nloc, sums,
                                                    ValueRange{node, col});
              Value value = convertScalar(b, nloc, args[0], f32);
              Value exp = math::ExpOp::create(
                  b, nloc, arith::SubFOp::create(b, nloc, value, max));
              Value normalized = arith::DivFOp::create(b, nloc, exp, sum);
              linalg::YieldOp::create(
                  b, nloc, convertScalar(b, nloc, normalized, resultElement));
            })
            .getResult(0);
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};
} // namespace

void accel::populateGraphToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<GatherRowsLowering, TypedMatmulLowering, SegmentMatmulLowering,
               ScatterReduceLowering, EdgeSoftmaxLowering>(
      patterns.getContext());
}
