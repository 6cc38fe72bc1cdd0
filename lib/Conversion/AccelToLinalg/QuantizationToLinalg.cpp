//===- QuantizationToLinalg.cpp - lowering of the Quantization family -----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel.quantize, accel.dequantize and accel.quantized_matmul (contract §5)
// as linalg.generic ops on tensors.
//
// Elementwise ops read group scales through `d floordiv g` maps. Reductions
// over groups (dynamic absmax, the per-group sums of quantized_matmul) read
// the grouped dim `d` as `[d / g, g]`, so that a group is a plain reduction
// dim and its scale a projection of the iteration space; one group needs no
// view.
//
// fp8 values convert to and from f32 through Float8Emulation.h.
//
//===----------------------------------------------------------------------===//

#include "Float8Emulation.h"
#include "LoweringBuilders.h"

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/IR/TypeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace accel::lowering;

//===----------------------------------------------------------------------===//
// Scalar conversions
//===----------------------------------------------------------------------===//

/// Any accel element (float, fp8, signed integer) as f32.
static Value toF32(OpBuilder &b, Location loc, Value value) {
  if (isFloat8(value.getType()))
    return decodeFloat8(b, loc, value);
  return convertScalar(b, loc, value, b.getF32Type());
}

/// A signed integer element (i4, i8) as i32.
static Value toI32(OpBuilder &b, Location loc, Value value) {
  return arith::ExtSIOp::create(b, loc, b.getI32Type(), value);
}

/// q for the f32 `value` = x / scale: round half to even, clamp to
/// [qmin, qmax] and convert for integers (NaN -> 0); a saturating fp8
/// conversion for fp8 (NaN -> NaN).
static Value quantizeScalar(OpBuilder &b, Location loc, Value value,
                            Type dtype) {
  if (isFloat8(dtype))
    return encodeFloat8(b, loc, value, dtype);
  double qmax = accel::getQuantizedMaxValue(dtype);
  Value rounded = math::RoundEvenOp::create(b, loc, value);
  Value clamped = arith::MinimumFOp::create(
      b, loc,
      arith::MaximumFOp::create(b, loc, rounded, constantF32(b, loc, -qmax - 1.0)),
      constantF32(b, loc, qmax));
  // fptosi of NaN is poison: pick 0, the value a NaN carries no
  // information about.
  Value isNan =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, value, value);
  clamped =
      arith::SelectOp::create(b, loc, isNan, constantF32(b, loc, 0.0), clamped);
  Value wide = arith::FPToSIOp::create(b, loc, b.getI32Type(), clamped);
  return arith::TruncIOp::create(b, loc, dtype, wide);
}

//===----------------------------------------------------------------------===//
// Run-time checks and shapes
//===----------------------------------------------------------------------===//

namespace {
/// The run-time checks (cf.assert) of one op's shape rules that the
/// verifier could not decide. Sizes can still turn out constant here (the
/// conversion driver folds tensor.dim of a tensor.cast); a check that is
/// constant false is reported on the op instead, since the program could
/// only abort, and later canonicalizations would build invalid IR from it.
class ShapeChecks {
public:
  ShapeChecks(OpBuilder &b, Location loc, Operation *op)
      : b(b), loc(loc), op(op) {}

  /// Checks that two sizes are equal.
  void equal(OpFoldResult lhs, OpFoldResult rhs, const Twine &message) {
    std::optional<int64_t> staticLhs = getConstantIntValue(lhs);
    std::optional<int64_t> staticRhs = getConstantIntValue(rhs);
    if (staticLhs && staticRhs) {
      if (*staticLhs != *staticRhs)
        fail() << message << ", got " << *staticLhs << " and " << *staticRhs;
      return;
    }
    Value equal =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                              getValueOrCreateConstantIndexOp(b, loc, lhs),
                              getValueOrCreateConstantIndexOp(b, loc, rhs));
    cf::AssertOp::create(b, loc, equal, runTimeMessage(message));
  }

  /// `size / divisor`, checking that the divisor is positive and divides
  /// `size`.
  OpFoldResult divide(OpFoldResult size, OpFoldResult divisor,
                      const Twine &message) {
    std::optional<int64_t> staticSize = getConstantIntValue(size);
    std::optional<int64_t> staticDivisor = getConstantIntValue(divisor);
    if (staticDivisor == 1)
      return size;
    if (staticDivisor && *staticDivisor <= 0) {
      fail() << message << ", got " << *staticDivisor << " groups";
      return b.getIndexAttr(1);
    }
    if (staticSize && staticDivisor) {
      if (*staticSize % *staticDivisor != 0)
        fail() << message << ", got " << *staticSize << " and "
               << *staticDivisor;
      return b.getIndexAttr(*staticSize / *staticDivisor);
    }
    Value sizeValue = getValueOrCreateConstantIndexOp(b, loc, size);
    Value divisorValue = getValueOrCreateConstantIndexOp(b, loc, divisor);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    if (!staticDivisor) {
      Value positive = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                             divisorValue, zero);
      cf::AssertOp::create(b, loc, positive, runTimeMessage(message));
    }
    Value remainder = arith::RemUIOp::create(b, loc, sizeValue, divisorValue);
    Value exact = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                        remainder, zero);
    cf::AssertOp::create(b, loc, exact, runTimeMessage(message));
    return arith::DivUIOp::create(b, loc, sizeValue, divisorValue).getResult();
  }

  /// A run-time check's message, in the format of the op's diagnostics.
  std::string runTimeMessage(const Twine &message) const {
    return ("'" + op->getName().getStringRef() + "' op " + message).str();
  }

  /// Failure when a check was constant false (and reported).
  LogicalResult status() const { return failure(failed); }

private:
  InFlightDiagnostic fail() {
    failed = true;
    return op->emitOpError();
  }

  OpBuilder &b;
  Location loc;
  Operation *op;
  bool failed = false;
};
} // namespace

/// The map of the iteration space `(d0, ..., d{numDims-1})` onto `dims`.
static AffineMap projection(MLIRContext *context, unsigned numDims,
                            ArrayRef<int64_t> dims) {
  SmallVector<AffineExpr> exprs;
  for (int64_t dim : dims)
    exprs.push_back(getAffineDimExpr(dim, context));
  return AffineMap::get(numDims, 0, exprs, context);
}

/// [first, first + count).
static SmallVector<int64_t> range(int64_t first, int64_t count) {
  SmallVector<int64_t> result;
  for (int64_t i = 0; i < count; ++i)
    result.push_back(first + i);
  return result;
}

/// `value` (a tensor of sizes `sizes`) with dim `dim` split into
/// `[outer, inner]`; `sizes[dim]` must be `outer * inner`.
///
/// A tensor.expand_shape when every size is static. Otherwise a copy
/// gathered by a linalg.generic: with dynamic sizes the CPU pipeline leaves
/// affine.apply ops behind (expand-strided-metadata runs after
/// lower-affine), and LLVM 22's expand-strided-metadata crashes on a
/// memref.expand_shape with two dynamic dims in one group.
static Value splitDim(OpBuilder &b, Location loc, Value value,
                      ArrayRef<OpFoldResult> sizes, int64_t dim,
                      OpFoldResult outer, OpFoldResult inner) {
  SmallVector<OpFoldResult> expandedSizes(sizes);
  expandedSizes[dim] = outer;
  expandedSizes.insert(expandedSizes.begin() + dim + 1, inner);
  // Sizes may be constants that the conversion driver folded after they
  // were queried: use attributes for them, so that types agree with sizes.
  for (OpFoldResult &size : expandedSizes)
    if (std::optional<int64_t> constant = getConstantIntValue(size))
      size = b.getIndexAttr(*constant);
  auto sourceType = cast<RankedTensorType>(value.getType());
  auto [staticSizes, dynamicSizes] = decomposeMixedValues(expandedSizes);
  int64_t rank = sizes.size();

  if (dynamicSizes.empty()) {
    SmallVector<ReassociationIndices> reassociation;
    SmallVector<int64_t> sourceShape;
    for (int64_t i = 0; i < rank; ++i) {
      int64_t first = i <= dim ? i : i + 1;
      if (i == dim) {
        reassociation.push_back({first, first + 1});
        sourceShape.push_back(staticSizes[first] * staticSizes[first + 1]);
      } else {
        reassociation.push_back({first});
        sourceShape.push_back(staticSizes[first]);
      }
    }
    value = castToType(b, loc, value, sourceType.clone(sourceShape));
    auto type = RankedTensorType::get(staticSizes, sourceType.getElementType());
    return tensor::ExpandShapeOp::create(b, loc, type, value, reassociation,
                                         expandedSizes);
  }

  Value init = createEmpty(b, loc, expandedSizes, sourceType.getElementType());
  Value innerValue = getValueOrCreateConstantIndexOp(b, loc, inner);
  auto gather = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank + 1)},
      iterators(rank + 1), [&](OpBuilder &nb, Location bodyLoc, ValueRange) {
        SmallVector<Value> indices;
        for (int64_t i = 0; i < rank; ++i) {
          Value index =
              linalg::IndexOp::create(nb, bodyLoc, i <= dim ? i : i + 1);
          if (i == dim)
            index = arith::AddIOp::create(
                nb, bodyLoc,
                arith::MulIOp::create(nb, bodyLoc, index, innerValue),
                linalg::IndexOp::create(nb, bodyLoc, dim + 1));
          indices.push_back(index);
        }
        linalg::YieldOp::create(
            nb, bodyLoc,
            tensor::ExtractOp::create(nb, bodyLoc, value, indices).getResult());
      });
  return gather.getResult(0);
}

namespace {
/// An operand of a linalg.generic and its indexing map.
struct MappedOperand {
  Value value;
  AffineMap map;
};
} // namespace

/// `value` (sizes `sizes`) read in a `numLoops`-loop iteration space in
/// which its dim `dim` is split into `groups` groups (loop `groupLoop`) of
/// `groupSize` elements (loop `inGroupLoop`); its other dims are read by
/// `otherLoops`, in order. A single static group needs no split (and
/// `groupLoop`, with its one iteration, is left to other operands).
static MappedOperand groupOperand(OpBuilder &b, Location loc, Value value,
                                  ArrayRef<OpFoldResult> sizes, int64_t dim,
                                  OpFoldResult groups, OpFoldResult groupSize,
                                  ArrayRef<int64_t> otherLoops,
                                  int64_t groupLoop, int64_t inGroupLoop,
                                  unsigned numLoops) {
  SmallVector<int64_t> loops(otherLoops);
  if (getConstantIntValue(groups) == 1) {
    loops.insert(loops.begin() + dim, inGroupLoop);
    return {value, projection(b.getContext(), numLoops, loops)};
  }
  loops.insert(loops.begin() + dim, {groupLoop, inGroupLoop});
  return {splitDim(b, loc, value, sizes, dim, groups, groupSize),
          projection(b.getContext(), numLoops, loops)};
}

//===----------------------------------------------------------------------===//
// Scale layouts of quantize/dequantize
//===----------------------------------------------------------------------===//

namespace {
/// The granularity of a quantize/dequantize of a rank-`rank` tensor.
struct ScaleLayout {
  accel::QuantGranularity kind;
  int64_t axis = 0;
  int64_t groupSize = 1;
  int64_t rank = 0;

  /// The scale's sizes for a quantized tensor of sizes `sizes`, with the
  /// check that group_size divides the grouped dim.
  SmallVector<OpFoldResult> scaleSizes(OpBuilder &b, ShapeChecks &checks,
                                       ArrayRef<OpFoldResult> sizes) const {
    switch (kind) {
    case accel::QuantGranularity::Tensor:
      return {};
    case accel::QuantGranularity::Channel:
      return {sizes[axis]};
    case accel::QuantGranularity::Group: {
      SmallVector<OpFoldResult> result(sizes);
      result[axis] = checks.divide(sizes[axis], b.getIndexAttr(groupSize),
                                   "expects group_size " + Twine(groupSize) +
                                       " to divide dim " + Twine(axis));
      return result;
    }
    }
    llvm_unreachable("unknown granularity");
  }

  /// The scale of element (d0, ..., d{rank-1}) of the quantized tensor.
  AffineMap elementwiseScaleMap(MLIRContext *context) const {
    switch (kind) {
    case accel::QuantGranularity::Tensor:
      return AffineMap::get(rank, 0, context);
    case accel::QuantGranularity::Channel:
      return projection(context, rank, {axis});
    case accel::QuantGranularity::Group: {
      SmallVector<AffineExpr> exprs;
      for (int64_t i = 0; i < rank; ++i)
        exprs.push_back(i == axis
                            ? getAffineDimExpr(i, context).floorDiv(groupSize)
                            : getAffineDimExpr(i, context));
      return AffineMap::get(rank, 0, exprs, context);
    }
    }
    llvm_unreachable("unknown granularity");
  }

  /// Checks that `scale` has sizes `expected`.
  static void checkScale(OpBuilder &b, Location loc, ShapeChecks &checks,
                         Value scale, ArrayRef<OpFoldResult> expected) {
    for (auto [i, size] : llvm::enumerate(expected))
      checks.equal(getDim(b, loc, scale, i), size,
                   "expects scale dim " + Twine(i) +
                       " to match the granularity's scale shape");
  }
};
} // namespace

template <typename OpTy>
static ScaleLayout getScaleLayout(OpTy op, int64_t rank) {
  ScaleLayout layout{op.getGranularityKind()};
  layout.rank = rank;
  if (std::optional<int64_t> axis = op.getAxis())
    layout.axis = *axis;
  if (std::optional<int64_t> groupSize = op.getGroupSize())
    layout.groupSize = *groupSize;
  return layout;
}

//===----------------------------------------------------------------------===//
// accel.quantize
//===----------------------------------------------------------------------===//

namespace {
struct QuantizeOpLowering final : OpRewritePattern<accel::QuantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::QuantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getX();
    Type dtype = op.getDtype();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    ScaleLayout layout = getScaleLayout(op, rank);

    SmallVector<OpFoldResult> sizes = getDims(rewriter, loc, x);
    ShapeChecks checks(rewriter, loc, op);
    SmallVector<OpFoldResult> scaleSizes =
        layout.scaleSizes(rewriter, checks, sizes);
    Value scale = op.getScale();
    if (scale)
      ScaleLayout::checkScale(rewriter, loc, checks, scale, scaleSizes);
    if (failed(checks.status()))
      return failure();
    if (!scale)
      scale = buildDynamicScale(rewriter, loc, op, layout, sizes, scaleSizes);

    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    Value init = createEmpty(rewriter, loc, sizes, dtype);
    auto quantize = linalg::GenericOp::create(
        rewriter, loc, init.getType(), ValueRange{x, scale}, ValueRange{init},
        ArrayRef<AffineMap>{
            identity, layout.elementwiseScaleMap(op.getContext()), identity},
        iterators(rank), [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value value = arith::DivFOp::create(
              b, bodyLoc, toF32(b, bodyLoc, args[0]), args[1]);
          linalg::YieldOp::create(b, bodyLoc,
                                  quantizeScalar(b, bodyLoc, value, dtype));
        });
    rewriter.replaceOp(
        op,
        {castToType(rewriter, loc, quantize.getResult(0), op.getQ().getType()),
         castToType(rewriter, loc, scale, op.getScaleOut().getType())});
    return success();
  }

private:
  /// scale = absmax / qmax per group, 1 where that is 0 (an all-zero group,
  /// or one so small that the quotient underflows) so that every q is 0 and
  /// dequantization is exact.
  static Value buildDynamicScale(OpBuilder &b, Location loc,
                                 accel::QuantizeOp op,
                                 const ScaleLayout &layout,
                                 ArrayRef<OpFoldResult> sizes,
                                 ArrayRef<OpFoldResult> scaleSizes) {
    MLIRContext *context = op.getContext();
    Type f32 = b.getF32Type();
    int64_t rank = layout.rank, axis = layout.axis;

    // The reduction's iteration space and x's and the scale's maps in it.
    MappedOperand input{op.getX(), b.getMultiDimIdentityMap(rank)};
    AffineMap scaleMap;
    SmallVector<utils::IteratorType> iteratorTypes;
    switch (layout.kind) {
    case accel::QuantGranularity::Tensor:
      scaleMap = AffineMap::get(rank, 0, context);
      iteratorTypes.assign(rank, utils::IteratorType::reduction);
      break;
    case accel::QuantGranularity::Channel:
      scaleMap = projection(context, rank, {axis});
      iteratorTypes.assign(rank, utils::IteratorType::reduction);
      iteratorTypes[axis] = utils::IteratorType::parallel;
      break;
    case accel::QuantGranularity::Group: {
      // Loops: x's dims with dim `axis` split into (group, in-group).
      SmallVector<int64_t> otherLoops = range(0, axis);
      otherLoops.append(range(axis + 2, rank - axis - 1));
      input = groupOperand(b, loc, op.getX(), sizes, axis, scaleSizes[axis],
                           b.getIndexAttr(layout.groupSize), otherLoops, axis,
                           axis + 1, rank + 1);
      SmallVector<int64_t> scaleLoops = range(0, rank + 1);
      scaleLoops.erase(scaleLoops.begin() + axis + 1);
      scaleMap = projection(context, rank + 1, scaleLoops);
      iteratorTypes.assign(rank + 1, utils::IteratorType::parallel);
      iteratorTypes[axis + 1] = utils::IteratorType::reduction;
      break;
    }
    }

    Value init = createFilled(b, loc, scaleSizes, f32, 0.0);
    // maxnumf ignores NaNs: one NaN does not poison its whole group.
    auto absmax = linalg::GenericOp::create(
        b, loc, init.getType(), ValueRange{input.value}, ValueRange{init},
        ArrayRef<AffineMap>{input.map, scaleMap}, iteratorTypes,
        [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
          Value abs =
              math::AbsFOp::create(nb, bodyLoc, toF32(nb, bodyLoc, args[0]));
          linalg::YieldOp::create(
              nb, bodyLoc,
              arith::MaxNumFOp::create(nb, bodyLoc, args[1], abs).getResult());
        });

    double qmax = accel::getQuantizedMaxValue(op.getDtype());
    unsigned scaleRank = scaleSizes.size();
    AffineMap identity = b.getMultiDimIdentityMap(scaleRank);
    Value scaleInit = createEmpty(b, loc, scaleSizes, f32);
    auto scale = linalg::GenericOp::create(
        b, loc, scaleInit.getType(), ValueRange{absmax.getResult(0)},
        ValueRange{scaleInit}, ArrayRef<AffineMap>{identity, identity},
        iterators(scaleRank),
        [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
          Value quotient = arith::DivFOp::create(nb, bodyLoc, args[0],
                                                 constantF32(nb, bodyLoc, qmax));
          Value isZero =
              arith::CmpFOp::create(nb, bodyLoc, arith::CmpFPredicate::OEQ,
                                    quotient, constantF32(nb, bodyLoc, 0.0));
          linalg::YieldOp::create(
              nb, bodyLoc,
              arith::SelectOp::create(nb, bodyLoc, isZero,
                                      constantF32(nb, bodyLoc, 1.0), quotient)
                  .getResult());
        });
    return scale.getResult(0);
  }
};

//===----------------------------------------------------------------------===//
// accel.dequantize
//===----------------------------------------------------------------------===//

struct DequantizeOpLowering final : OpRewritePattern<accel::DequantizeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::DequantizeOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value q = op.getQ();
    int64_t rank = cast<RankedTensorType>(q.getType()).getRank();
    ScaleLayout layout = getScaleLayout(op, rank);
    Type resultElementType = op.getType().getElementType();

    SmallVector<OpFoldResult> sizes = getDims(rewriter, loc, q);
    ShapeChecks checks(rewriter, loc, op);
    ScaleLayout::checkScale(rewriter, loc, checks, op.getScale(),
                            layout.scaleSizes(rewriter, checks, sizes));
    if (failed(checks.status()))
      return failure();
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    Value init = createEmpty(rewriter, loc, sizes, resultElementType);
    auto dequantize = linalg::GenericOp::create(
        rewriter, loc, init.getType(), ValueRange{q, op.getScale()},
        ValueRange{init},
        ArrayRef<AffineMap>{
            identity, layout.elementwiseScaleMap(op.getContext()), identity},
        iterators(rank), [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value value = arith::MulFOp::create(
              b, bodyLoc, toF32(b, bodyLoc, args[0]), args[1]);
          linalg::YieldOp::create(
              b, bodyLoc, convertScalar(b, bodyLoc, value, resultElementType));
        });
    rewriter.replaceOp(
        op, castToType(rewriter, loc, dequantize.getResult(0), op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// accel.quantized_matmul
//===----------------------------------------------------------------------===//

/// Iteration spaces (B = number of batch dims of a, G groups of g along K):
///   contraction: (b..., m, n, group, k-in-group)   B + 4 loops
///   groups:      (b..., m, n, group)               B + 3 loops
///   epilogue:    (b..., m, n)                      B + 2 loops
/// a is read as [B..., M, G, g], b as [G, g, N] (or [N, G, g]).
struct QuantizedMatmulOpLowering final
    : OpRewritePattern<accel::QuantizedMatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::QuantizedMatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = op.getContext();
    Value a = op.getA(), b = op.getB();
    Value aScale = op.getAScale(), bScale = op.getBScale();
    Value bias = op.getBias();
    bool transposeB = op.getTransposeB();
    Type aType = cast<RankedTensorType>(a.getType()).getElementType();
    Type f32 = rewriter.getF32Type();
    Type resultElementType = op.getType().getElementType();

    SmallVector<OpFoldResult> aSizes = getDims(rewriter, loc, a);
    SmallVector<OpFoldResult> bSizes = getDims(rewriter, loc, b);
    int64_t numBatch = aSizes.size() - 2;
    int64_t kDimOfB = transposeB ? 1 : 0, nDimOfB = 1 - kDimOfB;
    OpFoldResult k = aSizes.back(), n = bSizes[nDimOfB];
    int64_t bScaleRank = cast<RankedTensorType>(bScale.getType()).getRank();
    int64_t aScaleRank = cast<RankedTensorType>(aScale.getType()).getRank();

    // Run-time checks of what the verifier could not see statically.
    ShapeChecks checks(rewriter, loc, op);
    checks.equal(k, bSizes[kDimOfB], "expects the K of a and b to match");
    for (int64_t i = 0; i < aScaleRank; ++i)
      checks.equal(getDim(rewriter, loc, aScale, i), aSizes[i],
                   "expects a_scale dim " + Twine(i) + " to match a");
    if (bias)
      checks.equal(getDim(rewriter, loc, bias, 0), n,
                   "expects bias to have N elements");
    OpFoldResult groups = rewriter.getIndexAttr(1);
    if (bScaleRank == 1)
      checks.equal(getDim(rewriter, loc, bScale, 0), n,
                   "expects b_scale to have N elements");
    if (bScaleRank == 2) {
      checks.equal(getDim(rewriter, loc, bScale, nDimOfB), n,
                   "expects b_scale to match the N of b");
      groups = getDim(rewriter, loc, bScale, kDimOfB);
    }
    OpFoldResult groupSize = checks.divide(
        k, groups,
        "expects a positive number of scale groups of b that divides K");
    if (failed(checks.status()))
      return failure();

    // Loops of the contraction. W4A16 without groups has no group loop.
    bool integerOrF8 = aType.isInteger() || isFloat8(aType);
    bool hasGroupLoop = integerOrF8 || bScaleRank == 2;
    int64_t mDim = numBatch, nDim = numBatch + 1, gDim = numBatch + 2,
            tDim = hasGroupLoop ? numBatch + 3 : numBatch + 2;
    unsigned numLoops = tDim + 1;
    SmallVector<int64_t> batchDims = range(0, numBatch);
    auto withBatch = [&](ArrayRef<int64_t> tail) {
      SmallVector<int64_t> result(batchDims);
      result.append(tail.begin(), tail.end());
      return result;
    };
    MappedOperand aOperand =
        groupOperand(rewriter, loc, a, aSizes, numBatch + 1, groups, groupSize,
                     withBatch({mDim}), gDim, tDim, numLoops);
    MappedOperand bOperand =
        groupOperand(rewriter, loc, b, bSizes, kDimOfB, groups, groupSize,
                     {nDim}, gDim, tDim, numLoops);
    SmallVector<int64_t> aScaleDims =
        aScaleRank == 0 ? SmallVector<int64_t>{} : withBatch({mDim});
    SmallVector<int64_t> bScaleDims;
    if (bScaleRank == 1)
      bScaleDims = {nDim};
    else if (bScaleRank == 2)
      bScaleDims = transposeB ? SmallVector<int64_t>{nDim, gDim}
                              : SmallVector<int64_t>{gDim, nDim};
    SmallVector<int64_t> outDims = withBatch({mDim, nDim});

    SmallVector<OpFoldResult> outSizes(aSizes.begin(), aSizes.end() - 1);
    outSizes.push_back(n);

    Value acc; // f32 [B..., M, N]
    if (integerOrF8) {
      // Exact (i32) or f32 sums within each group, then scaled by
      // a_scale * b_scale(group) and summed over the groups in f32.
      Type partialType = aType.isInteger() ? rewriter.getI32Type() : f32;
      SmallVector<OpFoldResult> partialSizes(outSizes);
      partialSizes.push_back(groups);
      Value partialInit =
          createFilled(rewriter, loc, partialSizes, partialType, 0.0);
      auto partial = linalg::GenericOp::create(
          rewriter, loc, partialInit.getType(),
          ValueRange{aOperand.value, bOperand.value}, ValueRange{partialInit},
          ArrayRef<AffineMap>{
              aOperand.map, bOperand.map,
              projection(context, numLoops, withBatch({mDim, nDim, gDim}))},
          iterators(numLoops - 1, 1),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value sum;
            if (partialType.isInteger()) {
              Value product = arith::MulIOp::create(
                  nb, bodyLoc, toI32(nb, bodyLoc, args[0]),
                  toI32(nb, bodyLoc, args[1]));
              sum = arith::AddIOp::create(nb, bodyLoc, args[2], product);
            } else {
              Value product = arith::MulFOp::create(
                  nb, bodyLoc, toF32(nb, bodyLoc, args[0]),
                  toF32(nb, bodyLoc, args[1]));
              sum = arith::AddFOp::create(nb, bodyLoc, args[2], product);
            }
            linalg::YieldOp::create(nb, bodyLoc, sum);
          });

      unsigned groupLoops = numBatch + 3;
      Value accInit = createFilled(rewriter, loc, outSizes, f32, 0.0);
      auto scaled = linalg::GenericOp::create(
          rewriter, loc, accInit.getType(),
          ValueRange{partial.getResult(0), aScale, bScale}, ValueRange{accInit},
          ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(groupLoops),
                              projection(context, groupLoops, aScaleDims),
                              projection(context, groupLoops, bScaleDims),
                              projection(context, groupLoops, outDims)},
          iterators(groupLoops - 1, 1),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value scale = arith::MulFOp::create(nb, bodyLoc, args[1], args[2]);
            Value term = arith::MulFOp::create(
                nb, bodyLoc, toF32(nb, bodyLoc, args[0]), scale);
            linalg::YieldOp::create(
                nb, bodyLoc,
                arith::AddFOp::create(nb, bodyLoc, args[3], term).getResult());
          });
      acc = scaled.getResult(0);
    } else {
      // W4A16: f32 sum of a * (b * b_scale); a_scale multiplies the sum in
      // the epilogue.
      Value accInit = createFilled(rewriter, loc, outSizes, f32, 0.0);
      unsigned numReductions = hasGroupLoop ? 2 : 1;
      auto product = linalg::GenericOp::create(
          rewriter, loc, accInit.getType(),
          ValueRange{aOperand.value, bOperand.value, bScale},
          ValueRange{accInit},
          ArrayRef<AffineMap>{aOperand.map, bOperand.map,
                              projection(context, numLoops, bScaleDims),
                              projection(context, numLoops, outDims)},
          iterators(numLoops - numReductions, numReductions),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value weight = arith::MulFOp::create(
                nb, bodyLoc, toF32(nb, bodyLoc, args[1]), args[2]);
            Value term = arith::MulFOp::create(
                nb, bodyLoc, toF32(nb, bodyLoc, args[0]), weight);
            linalg::YieldOp::create(
                nb, bodyLoc,
                arith::AddFOp::create(nb, bodyLoc, args[3], term).getResult());
          });
      acc = product.getResult(0);
    }

    // Epilogue: (a_scale *) acc (+ bias), rounded once to the result type.
    // Its loops are the first B + 2 of the contraction's, so the same dim
    // numbers apply.
    bool aScaleInEpilogue = !integerOrF8;
    Value result = acc;
    if (aScaleInEpilogue || bias || resultElementType != f32) {
      unsigned epilogueLoops = numBatch + 2;
      SmallVector<Value> inputs{acc};
      SmallVector<AffineMap> maps{
          rewriter.getMultiDimIdentityMap(epilogueLoops)};
      if (aScaleInEpilogue) {
        inputs.push_back(aScale);
        maps.push_back(projection(context, epilogueLoops, aScaleDims));
      }
      if (bias) {
        inputs.push_back(bias);
        maps.push_back(projection(context, epilogueLoops, {nDim}));
      }
      maps.push_back(rewriter.getMultiDimIdentityMap(epilogueLoops));
      Value init = createEmpty(rewriter, loc, outSizes, resultElementType);
      auto epilogue = linalg::GenericOp::create(
          rewriter, loc, init.getType(), inputs, ValueRange{init}, maps,
          iterators(epilogueLoops),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value value = args[0];
            unsigned next = 1;
            if (aScaleInEpilogue)
              value = arith::MulFOp::create(nb, bodyLoc, value, args[next++]);
            if (bias)
              value = arith::AddFOp::create(nb, bodyLoc, value,
                                            toF32(nb, bodyLoc, args[next++]));
            linalg::YieldOp::create(
                nb, bodyLoc,
                convertScalar(nb, bodyLoc, value, resultElementType));
          });
      result = epilogue.getResult(0);
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};
} // namespace

void accel::populateQuantizationToLinalgPatterns(RewritePatternSet &patterns) {
  patterns
      .add<QuantizeOpLowering, DequantizeOpLowering, QuantizedMatmulOpLowering>(
          patterns.getContext());
}
