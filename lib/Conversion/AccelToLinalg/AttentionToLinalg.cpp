//===- AttentionToLinalg.cpp - lowering of the Attention family -----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel.attention and accel.attention_grad as a handful of linalg.generics
// over materialized f32 score matrices (the reference formulation, not a
// flash kernel). Grouped-query attention stays affine by expanding the query
// heads Hq into [Hkv, G] with G = Hq / Hkv: every tensor indexed by query
// heads (q, out, lse, dout, scores) is viewed as [B, Hkv, G, ...] while k and
// v are read at [B, Hkv, ...], so query head h = kh * G + g reads kv head kh.
//
// Iteration spaces below name their dims (b, kh, g, i, j, d/e): batch, kv
// head, query head within the group, query position, key position, head dim.
//
//===----------------------------------------------------------------------===//

#include "AttentionLowering.h"

#include "LoweringBuilders.h"
#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace accel::lowering;
using namespace accel::attention;

//===----------------------------------------------------------------------===//
// Sizes and run-time checks
//===----------------------------------------------------------------------===//

static constexpr const char *kSizeNames[kNumSizes] = {
    "batch",      "query head", "kv head",       "query length",
    "key length", "head dim",   "value head dim"};

void SizeRefs::add(Value value, Type type, ArrayRef<Size> layout) {
  for (auto [dim, size] : llvm::enumerate(layout))
    refs[size].push_back(
        {value, cast<ShapedType>(type), static_cast<int64_t>(dim)});
}

/// The size carried by `refs`: static when any operand or result has it
/// static (the verifier has checked that those agree), else a tensor.dim of
/// the first operand. Every other dynamic operand dim is asserted equal at
/// run time, since the verifier could not compare it.
static OpFoldResult unifySize(OpBuilder &b, Location loc, ArrayRef<DimRef> refs,
                              const Twine &message) {
  std::optional<int64_t> fixed;
  for (const DimRef &ref : refs) {
    if (!ref.type.isDynamicDim(ref.dim)) {
      fixed = ref.type.getDimSize(ref.dim);
      break;
    }
  }
  Value anchor;
  const DimRef *anchorRef = nullptr;
  if (!fixed) {
    // Results carry no value; the ops always list an operand first.
    anchorRef = &refs.front();
    anchor = tensor::DimOp::create(b, loc, anchorRef->value, anchorRef->dim);
  }
  std::string text = message.str();
  for (const DimRef &ref : refs) {
    if (&ref == anchorRef || !ref.value || !ref.type.isDynamicDim(ref.dim))
      continue;
    if (!anchor)
      anchor = arith::ConstantIndexOp::create(b, loc, *fixed);
    Value size = tensor::DimOp::create(b, loc, ref.value, ref.dim);
    Value same =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, size, anchor);
    cf::AssertOp::create(b, loc, same, text);
  }
  if (fixed)
    return b.getIndexAttr(*fixed);
  return anchor;
}

Problem accel::attention::buildProblem(OpBuilder &b, Location loc,
                                       StringRef opName, const SizeRefs &refs) {
  Problem p;
  for (unsigned size = 0; size < kNumSizes; ++size)
    p.sizes[size] =
        unifySize(b, loc, refs.refs[size],
                  "'" + opName + "' op expects the " + kSizeNames[size] +
                      " sizes of the operands and results to agree");

  // G = Hq / Hkv. The verifier checked the division when both are static.
  std::optional<int64_t> qHeads = getConstantIntValue(p.sizes[QHeads]);
  std::optional<int64_t> kvHeads = getConstantIntValue(p.sizes[KvHeads]);
  if (qHeads && kvHeads) {
    p.group = b.getIndexAttr(*qHeads / *kvHeads);
  } else {
    Value hq = getValueOrCreateConstantIndexOp(b, loc, p.sizes[QHeads]);
    Value hkv = getValueOrCreateConstantIndexOp(b, loc, p.sizes[KvHeads]);
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    Value nonEmpty =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, hkv, zero);
    cf::AssertOp::create(
        b, loc, nonEmpty,
        ("'" + opName + "' op expects at least one kv head").str());
    // Divide by max(Hkv, 1) so that nothing divides by zero even when the
    // assert above is compiled out.
    Value divisor = arith::MaxUIOp::create(b, loc, hkv, one);
    Value rem = arith::RemUIOp::create(b, loc, hq, divisor);
    Value exact =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rem, zero);
    cf::AssertOp::create(b, loc, exact,
                         ("'" + opName +
                          "' op expects the query heads to be a multiple of "
                          "the kv heads")
                             .str());
    p.group = arith::DivUIOp::create(b, loc, hq, divisor).getResult();
  }
  return p;
}

Value accel::attention::refine(OpBuilder &b, Location loc, Value value,
                               ArrayRef<Size> layout, const Problem &p) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape(type.getShape());
  for (auto [dim, size] : llvm::enumerate(layout))
    if (std::optional<int64_t> known = getConstantIntValue(p.sizes[size]))
      shape[dim] = *known;
  return castToType(b, loc, value,
                    RankedTensorType::get(shape, type.getElementType()));
}

Value accel::attention::splitDim(OpBuilder &b, Location loc, Value value,
                                 int64_t at, OpFoldResult outer,
                                 OpFoldResult inner) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes = getDims(b, loc, value);
  sizes[at] = outer;
  sizes.insert(sizes.begin() + at + 1, inner);
  std::optional<int64_t> outerSize = getConstantIntValue(outer);
  std::optional<int64_t> innerSize = getConstantIntValue(inner);
  if (outerSize || innerSize) {
    // Sizes can be constants the type does not show (the conversion folds
    // tensor.dim of a tensor.cast), and expand_shape needs its two types to
    // agree on which dims are static: cast the source to exactly what the
    // sizes say (the split dim static only when both parts are).
    SmallVector<int64_t> sourceShape;
    for (int64_t dim = 0; dim < rank; ++dim) {
      std::optional<int64_t> known =
          dim == at ? std::optional<int64_t>()
                    : getConstantIntValue(sizes[dim < at ? dim : dim + 1]);
      if (dim == at && outerSize && innerSize)
        known = *outerSize * *innerSize;
      sourceShape.push_back(known.value_or(ShapedType::kDynamic));
    }
    value = castToType(b, loc, value,
                       RankedTensorType::get(sourceShape,
                                             type.getElementType()));
    SmallVector<int64_t> shape;
    for (OpFoldResult size : sizes)
      shape.push_back(getConstantIntValue(size).value_or(ShapedType::kDynamic));
    SmallVector<ReassociationIndices> groups;
    for (int64_t dim = 0; dim < rank; ++dim) {
      int64_t first = dim <= at ? dim : dim + 1;
      if (dim == at)
        groups.push_back({first, first + 1});
      else
        groups.push_back({first});
    }
    // Constant sizes as attributes: expand_shape's output_shape must list
    // exactly the result type's dynamic dims as values.
    for (OpFoldResult &size : sizes)
      if (std::optional<int64_t> known = getConstantIntValue(size))
        size = b.getIndexAttr(*known);
    return tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get(shape, type.getElementType()), value,
        groups, sizes);
  }
  // Both parts dynamic: memref.expand_shape with two dynamic sizes in one
  // group crashes expand-strided-metadata (LLVM 22), so gather instead
  // (linear in the size of `value`, small next to the attention itself).
  Value init = createEmpty(b, loc, sizes, type.getElementType());
  Value innerValue = getValueOrCreateConstantIndexOp(b, loc, inner);
  AffineMap id = b.getMultiDimIdentityMap(rank + 1);
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{}, ValueRange{init},
             SmallVector<AffineMap>{id}, iterators(rank + 1),
             [&](OpBuilder &nb, Location nl, ValueRange) {
               SmallVector<Value> indices;
               for (int64_t dim = 0; dim < rank; ++dim) {
                 if (dim < at) {
                   indices.push_back(linalg::IndexOp::create(nb, nl, dim));
                 } else if (dim == at) {
                   Value o = linalg::IndexOp::create(nb, nl, at);
                   Value i = linalg::IndexOp::create(nb, nl, at + 1);
                   indices.push_back(arith::AddIOp::create(
                       nb, nl, arith::MulIOp::create(nb, nl, o, innerValue),
                       i));
                 } else {
                   indices.push_back(linalg::IndexOp::create(nb, nl, dim + 1));
                 }
               }
               Value element =
                   tensor::ExtractOp::create(nb, nl, value, indices);
               linalg::YieldOp::create(nb, nl, element);
             })
      .getResult(0);
}

Value accel::attention::expandHeads(OpBuilder &b, Location loc, Value value,
                                    const Problem &p) {
  return splitDim(b, loc, value, 1, p.sizes[KvHeads], p.group);
}

Value accel::attention::collapseHeads(OpBuilder &b, Location loc, Value value) {
  int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
  SmallVector<ReassociationIndices> groups = {{0}, {1, 2}};
  for (int64_t dim = 3; dim < rank; ++dim)
    groups.push_back({dim});
  return tensor::CollapseShapeOp::create(b, loc, value, groups);
}

//===----------------------------------------------------------------------===//
// Generic builders
//===----------------------------------------------------------------------===//

AffineMap accel::attention::dimsMap(MLIRContext *context, unsigned numDims,
                                    ArrayRef<unsigned> dims) {
  SmallVector<AffineExpr> exprs;
  for (unsigned dim : dims)
    exprs.push_back(getAffineDimExpr(dim, context));
  return AffineMap::get(numDims, 0, exprs, context);
}

Value accel::attention::buildContraction(
    OpBuilder &b, Location loc, Value lhs, ArrayRef<unsigned> lhsDims,
    Value rhs, ArrayRef<unsigned> rhsDims, Value init,
    ArrayRef<unsigned> initDims, ArrayRef<utils::IteratorType> iteratorTypes) {
  MLIRContext *context = b.getContext();
  unsigned numDims = iteratorTypes.size();
  SmallVector<AffineMap> maps = {dimsMap(context, numDims, lhsDims),
                                 dimsMap(context, numDims, rhsDims),
                                 dimsMap(context, numDims, initDims)};
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{lhs, rhs}, ValueRange{init}, maps,
      iteratorTypes, [](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(
            nb, nl, multiplyAccumulateF32(nb, nl, args[0], args[1], args[2]));
      });
  return generic.getResult(0);
}

SmallVector<utils::IteratorType>
accel::attention::iteratorsOf(StringRef kinds) {
  SmallVector<utils::IteratorType> result;
  for (char kind : kinds)
    result.push_back(kind == 'r' ? utils::IteratorType::reduction
                                 : utils::IteratorType::parallel);
  return result;
}

Value accel::attention::buildScale(OpBuilder &b, Location loc,
                                   std::optional<APFloat> attr,
                                   OpFoldResult headDim) {
  Type f32 = b.getF32Type();
  if (attr)
    return arith::ConstantOp::create(b, loc,
                                     b.getF32FloatAttr(attr->convertToFloat()));
  // Same float arithmetic as AttentionOp::getEffectiveScale.
  std::optional<int64_t> known = getConstantIntValue(headDim);
  if (known && *known > 0)
    return arith::ConstantOp::create(
        b, loc,
        b.getF32FloatAttr(1.0f / std::sqrt(static_cast<float>(*known))));
  // D is dynamic (or 0): 1/sqrt(max(D, 1)) at run time. With D = 0 every
  // dot product is 0 and 1/sqrt(0) would turn it into NaN.
  Value dim = getValueOrCreateConstantIndexOp(b, loc, headDim);
  Value wide = arith::IndexCastUIOp::create(b, loc, b.getI64Type(), dim);
  Value asFloat = arith::UIToFPOp::create(b, loc, f32, wide);
  Value one = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(1.0f));
  Value clamped = arith::MaximumFOp::create(b, loc, asFloat, one);
  Value root = math::SqrtOp::create(b, loc, clamped);
  return arith::DivFOp::create(b, loc, one, root);
}

MaskSpec
accel::attention::buildMaskSpec(OpBuilder &b, Location loc, bool causal,
                                std::optional<accel::HeadShardAttr> shard,
                                const Problem &p) {
  MaskSpec mask;
  mask.causal = causal;
  mask.shard = shard;
  // Both masks align query positions bottom-right (query row i stands at key
  // position i + Sk - Sq).
  if (causal || shard) {
    mask.qLen = getValueOrCreateConstantIndexOp(b, loc, p.sizes[QLen]);
    mask.kLen = getValueOrCreateConstantIndexOp(b, loc, p.sizes[KLen]);
  }
  if (shard)
    mask.group = getValueOrCreateConstantIndexOp(b, loc, p.group);
  return mask;
}

Value accel::attention::buildVisible(OpBuilder &b, Location loc,
                                     const MaskSpec &mask) {
  if (!mask.any())
    return {};
  Value i = linalg::IndexOp::create(b, loc, 3);
  Value j = linalg::IndexOp::create(b, loc, 4);
  Value visible;
  if (mask.causal) {
    // j <= i + (Sk - Sq), kept in unsigned index arithmetic as
    // j + Sq <= i + Sk.
    Value lhs = arith::AddIOp::create(b, loc, j, mask.qLen);
    Value rhs = arith::AddIOp::create(b, loc, i, mask.kLen);
    visible =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ule, lhs, rhs);
  }
  if (mask.shard) {
    auto constant = [&](int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    Value kh = linalg::IndexOp::create(b, loc, 1);
    Value g = linalg::IndexOp::create(b, loc, 2);
    Value head = arith::AddIOp::create(
        b, loc, arith::MulIOp::create(b, loc, kh, mask.group), g);
    Value block = constant(mask.shard->getBlock());
    Value shards = constant(mask.shard->getNumShards());
    // Contract v1.1: qb = floor((i + Sk - Sq) / Bk), kb = floor(j / Bk). The
    // position is negative for the first Sq - Sk rows when Sq > Sk, so it is
    // signed and divided with floor (the CPU pipeline lowers no
    // arith.floordivsi): for Bk > 0, floor(x / Bk) = x >= 0 ? x / Bk
    // : (x + 1) / Bk - 1 with truncating division.
    Value position = arith::SubIOp::create(
        b, loc, arith::AddIOp::create(b, loc, i, mask.kLen), mask.qLen);
    Value zero = constant(0), one = constant(1);
    Value negative = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                           position, zero);
    Value truncated = arith::DivSIOp::create(b, loc, position, block);
    Value belowZero = arith::SubIOp::create(
        b, loc,
        arith::DivSIOp::create(
            b, loc, arith::AddIOp::create(b, loc, position, one), block),
        one);
    Value queryBlock =
        arith::SelectOp::create(b, loc, negative, belowZero, truncated);
    Value keyBlock = arith::DivUIOp::create(b, loc, j, block);
    Value keyShard = arith::RemUIOp::create(b, loc, keyBlock, shards);
    Value headShard = arith::RemUIOp::create(b, loc, head, shards);
    Value sameShard = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                            keyShard, headShard);
    // 0 <= qb - kb < L, signed: a query block before the first key block
    // (qb < 0) has no local blocks.
    Value distance = arith::SubIOp::create(b, loc, queryBlock, keyBlock);
    Value behind = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge,
                                         distance, zero);
    Value near =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, distance,
                              constant(mask.shard->getLocalBlocks()));
    Value local = arith::AndIOp::create(b, loc, behind, near);
    Value inShard = arith::OrIOp::create(b, loc, sameShard, local);
    visible =
        visible ? arith::AndIOp::create(b, loc, visible, inShard) : inShard;
  }
  return visible;
}

Value accel::attention::buildScoresDot(OpBuilder &b, Location loc, Value q5,
                                       Value k, const Problem &p) {
  Value init = createFilled(
      b, loc,
      {p.sizes[Batch], p.sizes[KvHeads], p.group, p.sizes[QLen], p.sizes[KLen]},
      b.getF32Type(), 0.0);
  // qk[b, kh, g, i, j] = sum_d q[b, kh, g, i, d] * k[b, kh, j, d]
  return buildContraction(b, loc, q5, {0, 1, 2, 3, 5}, k, {0, 1, 4, 5}, init,
                          {0, 1, 2, 3, 4}, iteratorsOf("pppppr"));
}

//===----------------------------------------------------------------------===//
// accel.attention
//===----------------------------------------------------------------------===//

namespace {

/// The bias as an operand of the (b, kh, g, i, j) score generic.
struct PreparedBias {
  Value value;
  AffineMap map;
};

} // namespace

/// Casts the bias to the sizes known for it, stretches the dims that are 1
/// only at run time, expands its head dim into [Hkv, G] when it has a full
/// one, and builds its indexing map. numpy broadcasting: each bias dim is 1
/// or the score dim it maps to. A dim known to be 1 (statically, or through
/// a tensor.cast) reads index 0; a dynamic one is checked to be 1 or the
/// score dim at run time and stretched by a copy when it is 1 (as matmul's
/// batch dims are).
static PreparedBias prepareBias(OpBuilder &b, Location loc, StringRef opName,
                                Value bias, const Problem &p) {
  MLIRContext *context = b.getContext();
  auto type = cast<RankedTensorType>(bias.getType());
  int64_t rank = type.getRank();
  const Size targets[] = {Batch, QHeads, QLen, KLen};
  // Score dims of the 5-D space that each target dim maps to.
  const SmallVector<unsigned> targetDims[] = {{0}, {1, 2}, {3}, {4}};

  SmallVector<int64_t> shape(type.getShape());
  SmallVector<bool> stretches(rank);
  SmallVector<std::pair<int64_t, OpFoldResult>> stretchAtRunTime;
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t target = 4 - rank + dim;
    OpFoldResult size = getDim(b, loc, bias, dim);
    std::optional<int64_t> knownSize = getConstantIntValue(size);
    if (knownSize == 1) {
      stretches[dim] = true;
      shape[dim] = 1;
      continue;
    }
    OpFoldResult targetSize = p.sizes[targets[target]];
    std::optional<int64_t> known = getConstantIntValue(targetSize);
    if (!knownSize || !known) {
      Value sizeValue = getValueOrCreateConstantIndexOp(b, loc, size);
      Value want = getValueOrCreateConstantIndexOp(b, loc, targetSize);
      Value ok = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                       sizeValue, want);
      if (!knownSize) {
        Value one = arith::ConstantIndexOp::create(b, loc, 1);
        ok = arith::OrIOp::create(
            b, loc, ok,
            arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, sizeValue,
                                  one));
        stretchAtRunTime.push_back({dim, targetSize});
      }
      cf::AssertOp::create(b, loc, ok,
                           ("'" + opName + "' op expects bias dim " +
                            Twine(dim) + " to be 1 or the " +
                            kSizeNames[targets[target]] + " it broadcasts to")
                               .str());
    }
    // A dim stretched at run time stays dynamic until the copy gives it the
    // score dim's size.
    if (knownSize)
      shape[dim] = known ? *known : *knownSize;
  }
  Value value = castToType(b, loc, bias,
                           RankedTensorType::get(shape, type.getElementType()));
  if (!stretchAtRunTime.empty())
    value = broadcastAtRunTime(b, loc, value, stretchAtRunTime);

  SmallVector<AffineExpr> exprs;
  int64_t headDim = rank - 3; // position of a query-head dim in the bias
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t target = 4 - rank + dim;
    if (stretches[dim]) {
      exprs.push_back(getAffineConstantExpr(0, context));
      continue;
    }
    for (unsigned scoreDim : targetDims[target])
      exprs.push_back(getAffineDimExpr(scoreDim, context));
  }
  if (headDim >= 0 && !stretches[headDim])
    value = splitDim(b, loc, value, headDim, p.sizes[KvHeads], p.group);
  return {value, AffineMap::get(5, 0, exprs, context)};
}

namespace {

/// accel.attention: qk = q k^T; s = scale * qk (+ bias), masked -> -inf;
/// m = rowmax(s); p = exp(s - m); l = rowsum(p); out = (p v) / l;
/// lse = m + log(l). A row that sees no key has m = -inf and l = 0 and
/// yields out = 0, lse = -inf.
struct AttentionOpLowering final : OpRewritePattern<accel::AttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::AttentionOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    StringRef opName = op->getName().getStringRef();
    Type f32 = rewriter.getF32Type();

    SizeRefs refs;
    refs.add(op.getQ(), kQueryLayout);
    refs.add(op.getK(), kKeyLayout);
    refs.add(op.getV(), kValueLayout);
    refs.add(Value(), op.getOut().getType(), kOutLayout);
    if (Value lse = op.getLse())
      refs.add(Value(), lse.getType(), kLseLayout);
    Problem p = buildProblem(rewriter, loc, opName, refs);

    Value q5 = expandHeads(
        rewriter, loc, refine(rewriter, loc, op.getQ(), kQueryLayout, p), p);
    Value k = refine(rewriter, loc, op.getK(), kKeyLayout, p);
    Value v = refine(rewriter, loc, op.getV(), kValueLayout, p);
    Value scale = buildScale(rewriter, loc, op.getScale(), p.sizes[HeadDim]);
    MaskSpec mask =
        buildMaskSpec(rewriter, loc, op.getCausal(), op.getSparsity(), p);

    Value scores = buildScoresDot(rewriter, loc, q5, k, p);
    AffineMap id5 = rewriter.getMultiDimIdentityMap(5);
    AffineMap rows5 = dimsMap(context, 5, {0, 1, 2, 3});

    // s = scale * qk (+ bias), -inf where masked; in place.
    {
      SmallVector<Value> inputs;
      SmallVector<AffineMap> maps;
      if (Value bias = op.getBias()) {
        PreparedBias prepared = prepareBias(rewriter, loc, opName, bias, p);
        inputs.push_back(prepared.value);
        maps.push_back(prepared.map);
      }
      maps.push_back(id5);
      bool hasBias = !inputs.empty();
      scores = linalg::GenericOp::create(
                   rewriter, loc, scores.getType(), inputs, ValueRange{scores},
                   maps, iteratorsOf("ppppp"),
                   [&](OpBuilder &b, Location l, ValueRange args) {
                     Value s = arith::MulFOp::create(b, l, args.back(), scale);
                     if (hasBias)
                       s = arith::AddFOp::create(
                           b, l, s, convertScalar(b, l, args[0], f32));
                     if (Value visible = buildVisible(b, l, mask)) {
                       Value hidden = arith::ConstantOp::create(
                           b, l, b.getF32FloatAttr(-INFINITY));
                       s = arith::SelectOp::create(b, l, visible, s, hidden);
                     }
                     linalg::YieldOp::create(b, l, s);
                   })
                   .getResult(0);
    }

    SmallVector<OpFoldResult> rowSizes = {p.sizes[Batch], p.sizes[KvHeads],
                                          p.group, p.sizes[QLen]};
    // m = max_j s
    Value rowMax = createFilled(rewriter, loc, rowSizes, f32, -INFINITY);
    rowMax =
        linalg::GenericOp::create(
            rewriter, loc, rowMax.getType(), ValueRange{scores},
            ValueRange{rowMax}, SmallVector<AffineMap>{id5, rows5},
            iteratorsOf("ppppr"),
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l,
                  Value(arith::MaximumFOp::create(b, l, args[0], args[1])));
            })
            .getResult(0);

    // p = exp(s - m), in place; a row with m = -inf saw nothing and
    // subtracts 0 instead, so that every entry is exp(-inf) = 0, not NaN.
    Value probs = linalg::GenericOp::create(
                      rewriter, loc, scores.getType(), ValueRange{rowMax},
                      ValueRange{scores}, SmallVector<AffineMap>{rows5, id5},
                      iteratorsOf("ppppp"),
                      [](OpBuilder &b, Location l, ValueRange args) {
                        Value m = safeRowMax(b, l, args[0]);
                        Value shifted = arith::SubFOp::create(b, l, args[1], m);
                        linalg::YieldOp::create(
                            b, l, Value(math::ExpOp::create(b, l, shifted)));
                      })
                      .getResult(0);

    // l = sum_j p
    Value rowSum = createFilled(rewriter, loc, rowSizes, f32, 0.0);
    rowSum =
        linalg::GenericOp::create(
            rewriter, loc, rowSum.getType(), ValueRange{probs},
            ValueRange{rowSum}, SmallVector<AffineMap>{id5, rows5},
            iteratorsOf("ppppr"),
            [](OpBuilder &b, Location l, ValueRange args) {
              linalg::YieldOp::create(
                  b, l, Value(arith::AddFOp::create(b, l, args[0], args[1])));
            })
            .getResult(0);

    // o[b, kh, g, i, e] = sum_j p[b, kh, g, i, j] * v[b, kh, j, e]; j runs
    // outside e so that the innermost loop walks v and o contiguously.
    Value acc = createFilled(rewriter, loc,
                             {p.sizes[Batch], p.sizes[KvHeads], p.group,
                              p.sizes[QLen], p.sizes[ValueDim]},
                             f32, 0.0);
    acc =
        buildContraction(rewriter, loc, probs, {0, 1, 2, 3, 4}, v, {0, 1, 4, 5},
                         acc, {0, 1, 2, 3, 5}, iteratorsOf("pppprp"));

    // out = o / l (0 for a row that saw nothing), rounded once.
    auto outType = cast<RankedTensorType>(op.getOut().getType());
    Type outElement = outType.getElementType();
    Value out5 = createEmpty(rewriter, loc,
                             {p.sizes[Batch], p.sizes[KvHeads], p.group,
                              p.sizes[QLen], p.sizes[ValueDim]},
                             outElement);
    out5 =
        linalg::GenericOp::create(
            rewriter, loc, out5.getType(), ValueRange{acc, rowSum},
            ValueRange{out5}, SmallVector<AffineMap>{id5, rows5, id5},
            iteratorsOf("ppppp"),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value zero =
                  arith::ConstantOp::create(b, l, b.getF32FloatAttr(0.0f));
              Value empty = arith::CmpFOp::create(
                  b, l, arith::CmpFPredicate::OEQ, args[1], zero);
              Value ratio = arith::DivFOp::create(b, l, args[0], args[1]);
              Value value = arith::SelectOp::create(b, l, empty, zero, ratio);
              linalg::YieldOp::create(b, l,
                                      convertScalar(b, l, value, outElement));
            })
            .getResult(0);
    SmallVector<Value> results = {
        castToType(rewriter, loc, collapseHeads(rewriter, loc, out5), outType)};

    if (Value lseResult = op.getLse()) {
      // lse = m + log(l), -inf for a row that saw nothing.
      AffineMap id4 = rewriter.getMultiDimIdentityMap(4);
      Value lse = createEmpty(rewriter, loc, rowSizes, f32);
      lse =
          linalg::GenericOp::create(
              rewriter, loc, lse.getType(), ValueRange{rowMax, rowSum},
              ValueRange{lse}, SmallVector<AffineMap>{id4, id4, id4},
              iteratorsOf("pppp"),
              [](OpBuilder &b, Location l, ValueRange args) {
                Value zero =
                    arith::ConstantOp::create(b, l, b.getF32FloatAttr(0.0f));
                Value hidden = arith::ConstantOp::create(
                    b, l, b.getF32FloatAttr(-INFINITY));
                Value empty = arith::CmpFOp::create(
                    b, l, arith::CmpFPredicate::OEQ, args[1], zero);
                Value logSum = math::LogOp::create(b, l, args[1]);
                Value value = arith::AddFOp::create(b, l, args[0], logSum);
                linalg::YieldOp::create(
                    b, l,
                    Value(arith::SelectOp::create(b, l, empty, hidden, value)));
              })
              .getResult(0);
      results.push_back(castToType(rewriter, loc,
                                   collapseHeads(rewriter, loc, lse),
                                   lseResult.getType()));
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

Value accel::attention::safeRowMax(OpBuilder &b, Location loc, Value rowMax) {
  Value hidden =
      arith::ConstantOp::create(b, loc, b.getF32FloatAttr(-INFINITY));
  Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0.0f));
  Value empty =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, rowMax, hidden);
  return arith::SelectOp::create(b, loc, empty, zero, rowMax);
}

void accel::populateAttentionToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<AttentionOpLowering>(patterns.getContext());
  attention::populateAttentionGradPatterns(patterns);
}
