//===- QuantizationToLinalg.cpp - lowering of the Quantization family -----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel.quantize, accel.dequantize and accel.quantized_matmul (contract §5)
// as linalg.generic ops on tensors.
//
// Group scales are handled by viewing the grouped dim `d` as `[d / g, g]`
// (tensor.expand_shape), so that a group is a plain reduction dim and its
// scale a projection of the iteration space.
//
// fp8 values are converted to and from f32 on the bit level (arith on
// i32, arith.bitcast to/from i8): upstream has no LLVM lowering of
// arith.extf/truncf for f8E4M3FN and f8E5M2, and the CPU reference must
// run.
//
//===----------------------------------------------------------------------===//

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

namespace {
/// The parameters of an fp8 format that the bit-level conversions need.
struct F8Format {
  /// Mantissa bits.
  unsigned mantissaBits;
  /// Exponent bias.
  int bias;
  /// Largest finite value.
  float maxValue;
  /// Whether the all-ones exponent encodes infinities and NaNs (IEEE-like
  /// E5M2) rather than normal values (E4M3FN, whose only NaN is S.1111.111).
  bool ieeeSpecials;
};
} // namespace

static F8Format getF8Format(Type type) {
  if (isa<Float8E4M3FNType>(type))
    return {3, 7, 448.0f, false};
  assert(isa<Float8E5M2Type>(type) && "expects an fp8 type");
  return {2, 15, 57344.0f, true};
}

static bool isF8(Type type) {
  return isa<Float8E4M3FNType, Float8E5M2Type>(type);
}

static Value constI32(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(value));
}

static Value constF32(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

/// 2^exp as an f32 constant (exact for the small exponents used here).
static Value powerOfTwo(OpBuilder &b, Location loc, int exp) {
  return constF32(b, loc, std::ldexp(1.0, exp));
}

/// Rounds the f32 `value` to the nearest fp8 value of `type` (ties to
/// even), saturating at the largest finite value; NaN stays NaN.
static Value encodeF8(OpBuilder &b, Location loc, Value value, Type type) {
  F8Format fmt = getF8Format(type);
  Type i32 = b.getI32Type();
  Value maxValue = constF32(b, loc, fmt.maxValue);
  Value minValue = constF32(b, loc, -fmt.maxValue);
  // minimumf/maximumf propagate NaN, which is handled at the end.
  Value clamped = arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, value, minValue), maxValue);

  Value bits = arith::BitcastOp::create(b, loc, i32, clamped);
  Value sign = arith::AndIOp::create(
      b, loc, arith::ShRUIOp::create(b, loc, bits, constI32(b, loc, 24)),
      constI32(b, loc, 0x80));
  Value abs = arith::AndIOp::create(b, loc, bits, constI32(b, loc, 0x7fffffff));

  // Normal range: rebias the exponent and round the mantissa to
  // `mantissaBits` bits, ties to even. `abs <= maxValue` (exactly
  // representable), so rounding never carries past the largest value.
  int shift = 23 - fmt.mantissaBits;
  Value rebiased = arith::SubIOp::create(
      b, loc, abs, constI32(b, loc, int64_t(127 - fmt.bias) << 23));
  Value lsb = arith::AndIOp::create(
      b, loc, arith::ShRUIOp::create(b, loc, rebiased, constI32(b, loc, shift)),
      constI32(b, loc, 1));
  Value roundingBias = arith::AddIOp::create(
      b, loc, constI32(b, loc, (int64_t(1) << (shift - 1)) - 1), lsb);
  Value normal = arith::ShRUIOp::create(
      b, loc, arith::AddIOp::create(b, loc, rebiased, roundingBias),
      constI32(b, loc, shift));

  // Subnormal range (|x| < 2^(1 - bias)): the encoding is the number of
  // smallest subnormals 2^(1 - bias - mantissaBits), rounded to even; a
  // round-up to 2^mantissaBits is exactly the smallest normal's encoding.
  // The scaling by a power of two is exact in f32.
  Value absFloat = arith::BitcastOp::create(b, loc, b.getF32Type(), abs);
  Value scaled = arith::MulFOp::create(
      b, loc, absFloat,
      powerOfTwo(b, loc, fmt.bias - 1 + int(fmt.mantissaBits)));
  Value subnormal = arith::FPToUIOp::create(
      b, loc, i32, math::RoundEvenOp::create(b, loc, scaled));
  Value isSubnormal = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::ult, abs,
      constI32(b, loc, int64_t(127 + 1 - fmt.bias) << 23));
  Value magnitude =
      arith::SelectOp::create(b, loc, isSubnormal, subnormal, normal);

  // NaN: S.1111.111 for E4M3FN, the quiet NaN S.11111.10 for E5M2.
  Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO,
                                      value, value);
  magnitude = arith::SelectOp::create(
      b, loc, isNan, constI32(b, loc, fmt.ieeeSpecials ? 0x7e : 0x7f),
      magnitude);
  Value encoded = arith::OrIOp::create(b, loc, sign, magnitude);
  Value byte = arith::TruncIOp::create(b, loc, b.getI8Type(), encoded);
  return arith::BitcastOp::create(b, loc, type, byte);
}

/// The f32 value of the fp8 scalar `value` (exact).
static Value decodeF8(OpBuilder &b, Location loc, Value value) {
  F8Format fmt = getF8Format(value.getType());
  Type i32 = b.getI32Type();
  Value byte = arith::BitcastOp::create(b, loc, b.getI8Type(), value);
  Value bits = arith::ExtUIOp::create(b, loc, i32, byte);
  Value sign = arith::ShLIOp::create(
      b, loc, arith::AndIOp::create(b, loc, bits, constI32(b, loc, 0x80)),
      constI32(b, loc, 24));
  Value abs = arith::AndIOp::create(b, loc, bits, constI32(b, loc, 0x7f));

  // Normal: exponent and mantissa move up to f32's positions as one field;
  // the exponent is rebiased by adding (127 - bias) to it.
  Value normal = arith::AddIOp::create(
      b, loc,
      arith::ShLIOp::create(b, loc, abs,
                            constI32(b, loc, 23 - fmt.mantissaBits)),
      constI32(b, loc, int64_t(127 - fmt.bias) << 23));
  // Subnormal (zero exponent): mantissa * 2^(1 - bias - mantissaBits).
  Value mantissa = arith::AndIOp::create(
      b, loc, abs, constI32(b, loc, (1 << fmt.mantissaBits) - 1));
  Value subnormalFloat = arith::MulFOp::create(
      b, loc, arith::UIToFPOp::create(b, loc, b.getF32Type(), mantissa),
      powerOfTwo(b, loc, 1 - fmt.bias - int(fmt.mantissaBits)));
  Value subnormal = arith::BitcastOp::create(b, loc, i32, subnormalFloat);
  Value isSubnormal =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, abs,
                            constI32(b, loc, 1 << fmt.mantissaBits));
  Value magnitude =
      arith::SelectOp::create(b, loc, isSubnormal, subnormal, normal);

  Value quietNan = constI32(b, loc, 0x7fc00000);
  if (fmt.ieeeSpecials) {
    // Exponent all ones: infinity (zero mantissa) or NaN.
    int64_t infBits = int64_t(0x7f) & ~int64_t((1 << fmt.mantissaBits) - 1);
    Value isSpecial = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::uge, abs, constI32(b, loc, infBits));
    Value isInf = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, abs,
                                        constI32(b, loc, infBits));
    Value special = arith::SelectOp::create(
        b, loc, isInf, constI32(b, loc, 0x7f800000), quietNan);
    magnitude = arith::SelectOp::create(b, loc, isSpecial, special, magnitude);
  } else {
    Value isNan = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, abs,
                                        constI32(b, loc, 0x7f));
    magnitude = arith::SelectOp::create(b, loc, isNan, quietNan, magnitude);
  }
  Value result = arith::OrIOp::create(b, loc, sign, magnitude);
  return arith::BitcastOp::create(b, loc, b.getF32Type(), result);
}

/// Any accel element (float, fp8, signed integer) as f32.
static Value toF32(OpBuilder &b, Location loc, Value value) {
  if (isF8(value.getType()))
    return decodeF8(b, loc, value);
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
  if (isF8(dtype))
    return encodeF8(b, loc, value, dtype);
  double qmax = accel::getQuantizedMaxValue(dtype);
  Value rounded = math::RoundEvenOp::create(b, loc, value);
  Value clamped = arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, rounded,
                                        constF32(b, loc, -qmax - 1.0)),
      constF32(b, loc, qmax));
  // fptosi of NaN is poison: pick 0, the value a NaN carries no
  // information about.
  Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO,
                                      value, value);
  clamped =
      arith::SelectOp::create(b, loc, isNan, constF32(b, loc, 0.0), clamped);
  Value wide = arith::FPToSIOp::create(b, loc, b.getI32Type(), clamped);
  return arith::TruncIOp::create(b, loc, dtype, wide);
}

//===----------------------------------------------------------------------===//
// Run-time checks and shapes
//===----------------------------------------------------------------------===//

/// Asserts at run time that two sizes are equal; nothing when both are
/// static (the verifier has checked them then).
static void assertEqualSizes(OpBuilder &b, Location loc, OpFoldResult lhs,
                             OpFoldResult rhs, const Twine &message) {
  if (getConstantIntValue(lhs) && getConstantIntValue(rhs))
    return;
  Value equal = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::eq,
      getValueOrCreateConstantIndexOp(b, loc, lhs),
      getValueOrCreateConstantIndexOp(b, loc, rhs));
  cf::AssertOp::create(b, loc, equal, message.str());
}

/// `size / divisor`, asserting at run time that the division is exact
/// (and the divisor positive) unless both are static.
static OpFoldResult divideExactly(OpBuilder &b, Location loc, OpFoldResult size,
                                  OpFoldResult divisor, const Twine &message) {
  std::optional<int64_t> staticSize = getConstantIntValue(size);
  std::optional<int64_t> staticDivisor = getConstantIntValue(divisor);
  if (staticSize && staticDivisor)
    return b.getIndexAttr(*staticSize / *staticDivisor);
  if (staticDivisor == 1)
    return size;
  Value sizeValue = getValueOrCreateConstantIndexOp(b, loc, size);
  Value divisorValue = getValueOrCreateConstantIndexOp(b, loc, divisor);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  if (!staticDivisor) {
    Value positive = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt,
                                           divisorValue, zero);
    cf::AssertOp::create(b, loc, positive, message.str());
  }
  Value remainder = arith::RemUIOp::create(b, loc, sizeValue, divisorValue);
  Value exact = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                      remainder, zero);
  cf::AssertOp::create(b, loc, exact, message.str());
  return arith::DivUIOp::create(b, loc, sizeValue, divisorValue).getResult();
}

/// `value` (a tensor of sizes `sizes`) with dim `dim` split into
/// `[sizes[dim] / inner, inner]`; `sizes[dim]` must be a multiple of `inner`.
static Value splitDim(OpBuilder &b, Location loc, Value value,
                      ArrayRef<OpFoldResult> sizes, int64_t dim,
                      OpFoldResult outer, OpFoldResult inner) {
  SmallVector<OpFoldResult> expandedSizes(sizes);
  expandedSizes[dim] = outer;
  expandedSizes.insert(expandedSizes.begin() + dim + 1, inner);
  // Sizes may be constants that the conversion driver folded after they
  // were queried: use attributes for all of them, so that the types below
  // agree with the sizes.
  for (OpFoldResult &size : expandedSizes)
    if (std::optional<int64_t> constant = getConstantIntValue(size))
      size = b.getIndexAttr(*constant);
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0, e = sizes.size(); i < e; ++i) {
    if (i < dim)
      reassociation.push_back({i});
    else if (i == dim)
      reassociation.push_back({i, i + 1});
    else
      reassociation.push_back({i + 1});
  }
  auto [staticSizes, dynamicSizes] = decomposeMixedValues(expandedSizes);
  (void)dynamicSizes;
  // expand_shape wants each source dim static exactly when all of its
  // expanded dims are: cast the source to agree.
  auto sourceType = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> sourceShape;
  for (const ReassociationIndices &group : reassociation) {
    int64_t size = 1;
    for (int64_t i : group)
      size = ShapedType::isDynamic(size) || ShapedType::isDynamic(staticSizes[i])
                 ? ShapedType::kDynamic
                 : size * staticSizes[i];
    sourceShape.push_back(size);
  }
  value = castToType(b, loc, value, sourceType.clone(sourceShape));
  auto type = RankedTensorType::get(staticSizes, sourceType.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, type, value, reassociation,
                                       expandedSizes);
}

/// The inverse of splitDim: merges dims `dim` and `dim + 1`.
static Value mergeDims(OpBuilder &b, Location loc, Value value, int64_t dim) {
  int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
  SmallVector<ReassociationIndices> reassociation;
  for (int64_t i = 0; i < rank; ++i) {
    if (i == dim + 1)
      continue;
    if (i == dim)
      reassociation.push_back({i, i + 1});
    else
      reassociation.push_back({i});
  }
  return tensor::CollapseShapeOp::create(b, loc, value, reassociation);
}

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

//===----------------------------------------------------------------------===//
// Scale layouts of quantize/dequantize
//===----------------------------------------------------------------------===//

namespace {
/// How a tensor of rank `rank` is iterated against its scale. For "group"
/// the iteration space is the tensor with dim `axis` split into
/// `[groups, groupSize]` (rank + 1 dims); otherwise it is the tensor's.
struct ScaleLayout {
  accel::QuantGranularity kind;
  int64_t axis = 0;
  int64_t groupSize = 1;
  int64_t rank;

  bool isGroup() const { return kind == accel::QuantGranularity::Group; }
  unsigned numLoops() const { return rank + (isGroup() ? 1 : 0); }

  /// The dims of the iteration space that index the scale.
  SmallVector<int64_t> scaleDims() const {
    switch (kind) {
    case accel::QuantGranularity::Tensor:
      return {};
    case accel::QuantGranularity::Channel:
      return {axis};
    case accel::QuantGranularity::Group: {
      SmallVector<int64_t> dims = range(0, rank + 1);
      dims.erase(dims.begin() + axis + 1);
      return dims;
    }
    }
    llvm_unreachable("unknown granularity");
  }

  AffineMap scaleMap(MLIRContext *context) const {
    return projection(context, numLoops(), scaleDims());
  }

  /// `value` (of the quantized shape) in the iteration space, with the
  /// run-time checks that the group size divides the grouped dim and that
  /// `scale`, when given, has the scale shape. Returns the scale shape too.
  Value view(OpBuilder &b, Location loc, Value value, Value scale,
             SmallVectorImpl<OpFoldResult> &scaleSizes) const {
    SmallVector<OpFoldResult> sizes = getDims(b, loc, value);
    scaleSizes.clear();
    if (kind == accel::QuantGranularity::Channel)
      scaleSizes.push_back(sizes[axis]);
    Value viewed = value;
    if (isGroup()) {
      OpFoldResult groups = divideExactly(
          b, loc, sizes[axis], b.getIndexAttr(groupSize),
          "expects group_size " + Twine(groupSize) + " to divide dim " +
              Twine(axis));
      viewed = splitDim(b, loc, value, sizes, axis, groups,
                        b.getIndexAttr(groupSize));
      scaleSizes.append(sizes.begin(), sizes.end());
      scaleSizes[axis] = groups;
    }
    if (scale) {
      for (auto [i, size] : llvm::enumerate(scaleSizes))
        assertEqualSizes(b, loc, getDim(b, loc, scale, i), size,
                         "expects scale dim " + Twine(i) +
                             " to match the granularity's scale shape");
    }
    return viewed;
  }

  /// The result of an elementwise op over the iteration space, back in the
  /// quantized shape.
  Value unview(OpBuilder &b, Location loc, Value value) const {
    return isGroup() ? mergeDims(b, loc, value, axis) : value;
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
    MLIRContext *context = op.getContext();
    Value x = op.getX();
    Type dtype = op.getDtype();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    ScaleLayout layout = getScaleLayout(op, rank);
    unsigned numLoops = layout.numLoops();

    SmallVector<OpFoldResult> scaleSizes;
    Value xView = layout.view(rewriter, loc, x, op.getScale(), scaleSizes);
    AffineMap identity = rewriter.getMultiDimIdentityMap(numLoops);
    AffineMap scaleMap = layout.scaleMap(context);

    Value scale = op.getScale();
    if (!scale)
      scale = buildDynamicScale(rewriter, loc, op, layout, xView, scaleSizes);

    Value qInit = createEmpty(rewriter, loc, getDims(rewriter, loc, xView),
                              dtype);
    auto quantize = linalg::GenericOp::create(
        rewriter, loc, qInit.getType(), ValueRange{xView, scale},
        ValueRange{qInit}, ArrayRef<AffineMap>{identity, scaleMap, identity},
        iterators(numLoops),
        [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value value = arith::DivFOp::create(
              b, bodyLoc, toF32(b, bodyLoc, args[0]), args[1]);
          linalg::YieldOp::create(
              b, bodyLoc, quantizeScalar(b, bodyLoc, value, dtype));
        });
    Value q = layout.unview(rewriter, loc, quantize.getResult(0));
    rewriter.replaceOp(
        op, {castToType(rewriter, loc, q, op.getQ().getType()),
             castToType(rewriter, loc, scale, op.getScaleOut().getType())});
    return success();
  }

private:
  /// scale = absmax / qmax per group, 1 where that is 0 (an all-zero group,
  /// or one so small that the quotient underflows) so that every q is 0 and
  /// dequantization is exact.
  static Value buildDynamicScale(OpBuilder &b, Location loc,
                                 accel::QuantizeOp op,
                                 const ScaleLayout &layout, Value xView,
                                 ArrayRef<OpFoldResult> scaleSizes) {
    MLIRContext *context = op.getContext();
    Type f32 = b.getF32Type();
    unsigned numLoops = layout.numLoops();
    SmallVector<int64_t> kept = layout.scaleDims();
    SmallVector<utils::IteratorType> iteratorTypes(
        numLoops, utils::IteratorType::reduction);
    for (int64_t dim : kept)
      iteratorTypes[dim] = utils::IteratorType::parallel;

    Value init = createFilled(b, loc, scaleSizes, f32, 0.0);
    // maxnumf ignores NaNs: one NaN does not poison its whole group.
    auto absmax = linalg::GenericOp::create(
        b, loc, init.getType(), ValueRange{xView}, ValueRange{init},
        ArrayRef<AffineMap>{b.getMultiDimIdentityMap(numLoops),
                            layout.scaleMap(context)},
        iteratorTypes, [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
          Value abs = math::AbsFOp::create(nb, bodyLoc,
                                           toF32(nb, bodyLoc, args[0]));
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
                                                 constF32(nb, bodyLoc, qmax));
          Value isZero =
              arith::CmpFOp::create(nb, bodyLoc, arith::CmpFPredicate::OEQ,
                                    quotient, constF32(nb, bodyLoc, 0.0));
          linalg::YieldOp::create(
              nb, bodyLoc,
              arith::SelectOp::create(nb, bodyLoc, isZero,
                                      constF32(nb, bodyLoc, 1.0), quotient)
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
    unsigned numLoops = layout.numLoops();
    Type resultElementType = op.getType().getElementType();

    SmallVector<OpFoldResult> scaleSizes;
    Value qView = layout.view(rewriter, loc, q, op.getScale(), scaleSizes);
    AffineMap identity = rewriter.getMultiDimIdentityMap(numLoops);
    Value init = createEmpty(rewriter, loc, getDims(rewriter, loc, qView),
                             resultElementType);
    auto dequantize = linalg::GenericOp::create(
        rewriter, loc, init.getType(), ValueRange{qView, op.getScale()},
        ValueRange{init},
        ArrayRef<AffineMap>{identity, layout.scaleMap(op.getContext()),
                            identity},
        iterators(numLoops),
        [&](OpBuilder &b, Location bodyLoc, ValueRange args) {
          Value value = arith::MulFOp::create(
              b, bodyLoc, toF32(b, bodyLoc, args[0]), args[1]);
          linalg::YieldOp::create(
              b, bodyLoc, convertScalar(b, bodyLoc, value, resultElementType));
        });
    Value result = layout.unview(rewriter, loc, dequantize.getResult(0));
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// accel.quantized_matmul
//===----------------------------------------------------------------------===//

/// Iteration spaces (B = number of batch dims of a):
///   contraction: (b..., m, n, group, k-in-group)   B + 4 loops
///   groups:      (b..., m, n, group)               B + 3 loops
///   epilogue:    (b..., m, n)                      B + 2 loops
/// a is viewed as [B..., M, G, g], b as [G, g, N] (or [N, G, g]).
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
    assertEqualSizes(rewriter, loc, k, bSizes[kDimOfB],
                     "expects the K of a and b to match");
    for (int64_t i = 0; i < aScaleRank; ++i)
      assertEqualSizes(rewriter, loc, getDim(rewriter, loc, aScale, i),
                       aSizes[i],
                       "expects a_scale dim " + Twine(i) + " to match a");
    if (bias)
      assertEqualSizes(rewriter, loc, getDim(rewriter, loc, bias, 0), n,
                       "expects bias to have N elements");
    OpFoldResult groups = rewriter.getIndexAttr(1);
    if (bScaleRank == 1)
      assertEqualSizes(rewriter, loc, getDim(rewriter, loc, bScale, 0), n,
                       "expects b_scale to have N elements");
    if (bScaleRank == 2) {
      assertEqualSizes(rewriter, loc, getDim(rewriter, loc, bScale, nDimOfB),
                       n, "expects b_scale to match the N of b");
      groups = getDim(rewriter, loc, bScale, kDimOfB);
    }
    OpFoldResult groupSize =
        divideExactly(rewriter, loc, k, groups,
                      "expects the scale groups of b to divide K");

    Value aView =
        splitDim(rewriter, loc, a, aSizes, numBatch + 1, groups, groupSize);
    Value bView =
        splitDim(rewriter, loc, b, bSizes, kDimOfB, groups, groupSize);

    // Loop dims.
    int64_t mDim = numBatch, nDim = numBatch + 1, gDim = numBatch + 2,
            tDim = numBatch + 3;
    SmallVector<int64_t> batchDims = range(0, numBatch);
    auto dims = [&](ArrayRef<int64_t> tail, bool withBatch) {
      SmallVector<int64_t> result = withBatch ? batchDims
                                              : SmallVector<int64_t>{};
      result.append(tail.begin(), tail.end());
      return result;
    };
    SmallVector<int64_t> aDims = dims({mDim, gDim, tDim}, true);
    SmallVector<int64_t> bDims = transposeB
                                     ? SmallVector<int64_t>{nDim, gDim, tDim}
                                     : SmallVector<int64_t>{gDim, tDim, nDim};
    SmallVector<int64_t> aScaleDims =
        aScaleRank == 0 ? SmallVector<int64_t>{} : dims({mDim}, true);
    SmallVector<int64_t> bScaleDims;
    if (bScaleRank == 1)
      bScaleDims = {nDim};
    else if (bScaleRank == 2)
      bScaleDims = transposeB ? SmallVector<int64_t>{nDim, gDim}
                              : SmallVector<int64_t>{gDim, nDim};
    SmallVector<int64_t> outDims = dims({mDim, nDim}, true);

    SmallVector<OpFoldResult> outSizes(aSizes.begin(), aSizes.end() - 1);
    outSizes.push_back(n);

    Value acc; // f32 [B..., M, N], scaled by b_scale (and a_scale unless
               // applied in the epilogue).
    bool aScaleInEpilogue = false;
    if (aType.isInteger() || isF8(aType)) {
      // Exact (i32) or f32 sums within each group, then scaled and summed
      // over the groups in f32.
      Type partialType = aType.isInteger() ? rewriter.getI32Type() : f32;
      SmallVector<OpFoldResult> partialSizes(outSizes);
      partialSizes.push_back(groups);
      Value partialInit =
          createFilled(rewriter, loc, partialSizes, partialType, 0.0);
      unsigned numLoops = numBatch + 4;
      auto partial = linalg::GenericOp::create(
          rewriter, loc, partialInit.getType(), ValueRange{aView, bView},
          ValueRange{partialInit},
          ArrayRef<AffineMap>{
              projection(context, numLoops, aDims),
              projection(context, numLoops, bDims),
              projection(context, numLoops, dims({mDim, nDim, gDim}, true))},
          iterators(numLoops - 1, 1),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value product;
            if (partialType.isInteger())
              product = arith::MulIOp::create(nb, bodyLoc,
                                              toI32(nb, bodyLoc, args[0]),
                                              toI32(nb, bodyLoc, args[1]));
            else
              product = arith::MulFOp::create(nb, bodyLoc,
                                              toF32(nb, bodyLoc, args[0]),
                                              toF32(nb, bodyLoc, args[1]));
            Value sum =
                partialType.isInteger()
                    ? arith::AddIOp::create(nb, bodyLoc, args[2], product)
                          .getResult()
                    : arith::AddFOp::create(nb, bodyLoc, args[2], product)
                          .getResult();
            linalg::YieldOp::create(nb, bodyLoc, sum);
          });

      numLoops = numBatch + 3;
      Value accInit = createFilled(rewriter, loc, outSizes, f32, 0.0);
      auto scaled = linalg::GenericOp::create(
          rewriter, loc, accInit.getType(),
          ValueRange{partial.getResult(0), aScale, bScale},
          ValueRange{accInit},
          ArrayRef<AffineMap>{rewriter.getMultiDimIdentityMap(numLoops),
                              projection(context, numLoops, aScaleDims),
                              projection(context, numLoops, bScaleDims),
                              projection(context, numLoops, outDims)},
          iterators(numLoops - 1, 1),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value scale =
                arith::MulFOp::create(nb, bodyLoc, args[1], args[2]);
            Value term = arith::MulFOp::create(
                nb, bodyLoc, toF32(nb, bodyLoc, args[0]), scale);
            linalg::YieldOp::create(
                nb, bodyLoc,
                arith::AddFOp::create(nb, bodyLoc, args[3], term)
                    .getResult());
          });
      acc = scaled.getResult(0);
    } else {
      // W4A16: f32 sum of a * (b * b_scale); a_scale multiplies the sum.
      unsigned numLoops = numBatch + 4;
      Value accInit = createFilled(rewriter, loc, outSizes, f32, 0.0);
      auto product = linalg::GenericOp::create(
          rewriter, loc, accInit.getType(), ValueRange{aView, bView, bScale},
          ValueRange{accInit},
          ArrayRef<AffineMap>{projection(context, numLoops, aDims),
                              projection(context, numLoops, bDims),
                              projection(context, numLoops, bScaleDims),
                              projection(context, numLoops, outDims)},
          iterators(numLoops - 2, 2),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value weight = arith::MulFOp::create(
                nb, bodyLoc, toF32(nb, bodyLoc, args[1]), args[2]);
            Value term = arith::MulFOp::create(
                nb, bodyLoc, toF32(nb, bodyLoc, args[0]), weight);
            linalg::YieldOp::create(
                nb, bodyLoc,
                arith::AddFOp::create(nb, bodyLoc, args[3], term)
                    .getResult());
          });
      acc = product.getResult(0);
      aScaleInEpilogue = true;
    }

    // Epilogue: (a_scale *) acc (+ bias), rounded once to the result type.
    Value result = acc;
    if (aScaleInEpilogue || bias || resultElementType != f32) {
      unsigned numLoops = numBatch + 2;
      SmallVector<Value> inputs{acc};
      SmallVector<AffineMap> maps{rewriter.getMultiDimIdentityMap(numLoops)};
      // The epilogue's loops are the first B + 2 of the contraction's,
      // so the same dim numbers apply.
      if (aScaleInEpilogue) {
        inputs.push_back(aScale);
        maps.push_back(projection(context, numLoops, aScaleDims));
      }
      if (bias) {
        inputs.push_back(bias);
        maps.push_back(projection(context, numLoops, {nDim}));
      }
      maps.push_back(rewriter.getMultiDimIdentityMap(numLoops));
      Value init = createEmpty(rewriter, loc, outSizes, resultElementType);
      auto epilogue = linalg::GenericOp::create(
          rewriter, loc, init.getType(), inputs, ValueRange{init}, maps,
          iterators(numLoops),
          [&](OpBuilder &nb, Location bodyLoc, ValueRange args) {
            Value value = args[0];
            unsigned next = 1;
            if (aScaleInEpilogue)
              value = arith::MulFOp::create(nb, bodyLoc, value, args[next++]);
            if (bias)
              value = arith::AddFOp::create(nb, bodyLoc, value,
                                            toF32(nb, bodyLoc, args[next++]));
            linalg::YieldOp::create(
                nb, bodyLoc, convertScalar(nb, bodyLoc, value,
                                           resultElementType));
          });
      result = epilogue.getResult(0);
    }
    rewriter.replaceOp(op, castToType(rewriter, loc, result, op.getType()));
    return success();
  }
};
} // namespace

void accel::populateQuantizationToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<QuantizeOpLowering, DequantizeOpLowering,
               QuantizedMatmulOpLowering>(patterns.getContext());
}
