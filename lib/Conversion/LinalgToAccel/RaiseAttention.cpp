//===- RaiseAttention.cpp - softmax(QK^T)V chains to accel.attention ------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// After the contraction patterns, a front end's attention is
//   o = accel.matmul(p, v),  p = softmax_lastdim(x),
//   x = mask/bias/scale steps applied to s = accel.matmul(q, k, transpose_b)
// where the softmax is spelled out as max-reduce, subtract, exp, sum-reduce
// and divide generics (with f32 casts around the sum in low precision), or
// is a linalg.softmax. The pattern reads that chain semantically (see
// RaiseMatchers.h) and replaces o with one accel.attention:
//   - scaling by positive constants (after the product, or of q and k before
//     it) multiplies into `scale`;
//   - a select against -inf or a huge negative constant whose condition,
//     evaluated at compile time, is exactly the bottom-right-aligned causal
//     pattern sets `causal`;
//   - an addend that is not constant, broadcastable to [B, Hq, Sq, Sk] and
//     added after any scaling, becomes `bias`;
//   - K and V whose heads are repeats of fewer heads (jnp.repeat, Hugging
//     Face repeat_kv) are read unrepeated: GQA.
// Anything else in the chain leaves it alone: the linalg still runs.
//
//===----------------------------------------------------------------------===//

#include "RaiseMatchers.h"

#include "accel/Conversion/LinalgToAccel/LinalgToAccel.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace accel::raise;

namespace {

/// The most elements a mask may have for it to be evaluated at compile time
/// (a 4096 x 4096 causal mask is 16M).
constexpr int64_t kMaxMaskElements = int64_t(1) << 24;

/// `value` without an elementwise float cast in front of it.
Value stripFloatCast(Value value) {
  std::optional<ElementwiseStep> step = matchElementwiseStep(value);
  if (step && isa<arith::ExtFOp, arith::TruncFOp>(step->scalarOp) &&
      step->identityOperand(0))
    return step->identityOperand(0);
  return value;
}

/// Whether `value` is a "masked" logit: -inf, or a negative number at least
/// half the largest finite value of `type` (jax.nn uses -0.7 x max), which
/// softmax turns into 0 exactly as it does -inf for any row that has a
/// visible key.
bool isMaskingValue(double value, Type type) {
  if (std::isinf(value))
    return value < 0;
  auto floatType = dyn_cast<FloatType>(type);
  if (!floatType)
    return false;
  double largest =
      llvm::APFloat::getLargest(floatType.getFloatSemantics()).convertToDouble();
  return value <= -0.5 * largest;
}

/// The constant an elementwise step's operand `i` is (a captured scalar or
/// a constant tensor), if it is one.
std::optional<double> constantOperand(const ElementwiseStep &step, unsigned i) {
  if (step.captured[i])
    return getConstantFloat(step.captured[i]);
  return getConstantFloat(step.operands[i].value);
}

/// (x, c) when `step` is `x * c`, `c * x` or `x / c` (then 1/c) with `c` a
/// positive finite constant: a scaling softmax's logits may carry.
std::optional<std::pair<Value, double>>
matchPositiveScaling(const ElementwiseStep &step) {
  auto positive = [](std::optional<double> c) {
    return c && *c > 0 && std::isfinite(*c);
  };
  if (isa<arith::MulFOp>(step.scalarOp)) {
    for (unsigned i = 0; i < 2; ++i) {
      std::optional<double> c = constantOperand(step, i);
      if (Value other = step.identityOperand(1 - i); other && positive(c))
        return std::make_pair(other, *c);
    }
  }
  if (isa<arith::DivFOp>(step.scalarOp)) {
    std::optional<double> c = constantOperand(step, 1);
    if (Value other = step.identityOperand(0); other && positive(c))
      return std::make_pair(other, 1.0 / *c);
  }
  return std::nullopt;
}

/// (x, row) when `value` is an elementwise `OpTy(x, row)` with `row` a
/// per-row value broadcast over the last of `rank` dims (float casts in
/// front of the row removed): how softmax subtracts its max and divides by
/// its sum.
template <typename OpTy>
std::optional<std::pair<Value, Value>> matchRowwise(Value value,
                                                    unsigned rank) {
  std::optional<ElementwiseStep> step = matchElementwiseStep(value);
  if (!step || !isa<OpTy>(step->scalarOp) || !step->operands[1].value)
    return std::nullopt;
  Value x = step->identityOperand(0);
  Value row = getRowBroadcastSource(step->operands[1], rank);
  if (!x || !row)
    return std::nullopt;
  return std::make_pair(x, stripFloatCast(row));
}

/// `x` when `p` is softmax(x) over the last of `rank` dims.
Value matchSoftmax(Value p, unsigned rank) {
  if (auto softmax = p.getDefiningOp<linalg::SoftmaxOp>())
    return softmax.getDimension() == rank - 1 ? softmax.getInput() : Value();
  // p = e / rowsum(e)
  std::optional<std::pair<Value, Value>> div = matchRowwise<arith::DivFOp>(p, rank);
  if (!div)
    return {};
  Value e = div->first;
  std::optional<LastDimReduction> sum = matchLastDimReduction(div->second);
  if (!sum || !isa<arith::AddFOp>(sum->combiner) ||
      getConstantFloat(sum->init) != 0.0 || stripFloatCast(sum->input) != e)
    return {};
  // e = exp(x - rowmax(x))
  std::optional<ElementwiseStep> exp = matchElementwiseStep(e);
  if (!exp || !isa<math::ExpOp>(exp->scalarOp) || !exp->identityOperand(0))
    return {};
  std::optional<std::pair<Value, Value>> sub =
      matchRowwise<arith::SubFOp>(exp->identityOperand(0), rank);
  if (!sub)
    return {};
  Value x = sub->first;
  std::optional<LastDimReduction> max = matchLastDimReduction(sub->second);
  if (!max || !isa<arith::MaximumFOp, arith::MaxNumFOp>(max->combiner) ||
      max->input != x)
    return {};
  // The max only shifts the exponent; an init that is no lower bound of the
  // row would overflow or underflow it, so it must be -inf or huge negative.
  std::optional<double> init = getConstantFloat(max->init);
  if (!init || !isMaskingValue(*init, getElementTypeOrSelf(x.getType())))
    return {};
  return x;
}

/// What the steps between s = q k^T and the softmax's input add up to.
struct Logits {
  accel::MatmulOp scores;
  double scale = 1.0;
  std::optional<Access> mask; ///< the select's condition
  bool keepWhereTrue = true;
  Access bias;
};

FailureOr<Logits> peelLogits(Value x) {
  Logits logits;
  bool seenScale = false;
  for (int steps = 0; steps < 8; ++steps) {
    if (auto matmul = x.getDefiningOp<accel::MatmulOp>()) {
      logits.scores = matmul;
      return logits;
    }
    std::optional<ElementwiseStep> step = matchElementwiseStep(x);
    if (!step)
      return failure();
    Operation *op = step->scalarOp;
    if (std::optional<std::pair<Value, double>> scaled =
            matchPositiveScaling(*step)) {
      logits.scale *= scaled->second;
      seenScale = true;
      x = scaled->first;
      continue;
    }
    if (isa<arith::SelectOp>(op)) {
      if (logits.mask || !step->operands[0].value)
        return failure();
      Type type = getElementTypeOrSelf(x.getType());
      for (unsigned kept = 1; kept <= 2; ++kept) {
        unsigned masked = 3 - kept;
        std::optional<double> c = constantOperand(*step, masked);
        Value other = step->identityOperand(kept);
        // The scaling peeled so far is applied after the mask: a finite
        // masked value must still be a masking value once scaled.
        if (c && other && isMaskingValue(*c * logits.scale, type)) {
          logits.mask = step->operands[0];
          logits.keepWhereTrue = kept == 1;
          x = other;
          break;
        }
      }
      if (!logits.mask)
        return failure();
      continue;
    }
    if (isa<arith::AddFOp>(op)) {
      // A bias added before a scale would need scaling too.
      if (logits.bias.value || seenScale)
        return failure();
      for (unsigned i = 0; i < 2; ++i) {
        Value other = step->identityOperand(1 - i);
        if (other && step->operands[i].value &&
            !constantOperand(*step, i)) {
          logits.bias = step->operands[i];
          x = other;
          break;
        }
      }
      if (!logits.bias.value)
        return failure();
      continue;
    }
    return failure();
  }
  return failure();
}

/// Whether `mask` (read at (b, h, i, j) of a [B, H, Sq, Sk] space) keeps
/// exactly the keys j <= i + (Sk - Sq).
bool isCausalMask(const Access &mask, bool keepWhereTrue,
                  ArrayRef<int64_t> shape) {
  auto type = dyn_cast<RankedTensorType>(mask.value.getType());
  if (!type || !type.hasStaticShape() || shape.size() != 4 ||
      ShapedType::isDynamicShape(shape))
    return false;
  std::optional<SmallVector<int64_t>> values =
      evaluateIndexTensor(mask.value, kMaxMaskElements);
  if (!values)
    return false;
  // Batch and head dims the mask does not read cannot change it: visit
  // them at 0 only. Every query and key position is checked.
  SmallVector<int64_t> extent(shape);
  for (unsigned d = 0; d < 2; ++d)
    if (!mask.map.isFunctionOfDim(d))
      extent[d] = 1;
  if (extent[0] * extent[1] * extent[2] * extent[3] > kMaxMaskElements)
    return false;
  int64_t sq = shape[2], sk = shape[3];
  SmallVector<int64_t> point(4, 0);
  for (point[0] = 0; point[0] < extent[0]; ++point[0])
    for (point[1] = 0; point[1] < extent[1]; ++point[1])
      for (point[2] = 0; point[2] < extent[2]; ++point[2])
        for (point[3] = 0; point[3] < extent[3]; ++point[3]) {
          SmallVector<int64_t> at = mask.map.compose(point);
          int64_t flat = 0;
          for (auto [index, size] : llvm::zip(at, type.getShape())) {
            if (index < 0 || index >= size)
              return false;
            flat = flat * size + index;
          }
          bool kept = ((*values)[flat] != 0) == keepWhereTrue;
          if (kept != (point[3] <= point[2] + (sk - sq)))
            return false;
        }
  return true;
}

/// The bias tensor when `access` reads it numpy-broadcast over a rank-4
/// space (dims aligned from the right; size-1 dims read at 0).
Value getBroadcastableBias(const Access &access) {
  auto type = dyn_cast<RankedTensorType>(access.value.getType());
  if (!type || type.getRank() > 4 || access.map.getNumDims() != 4)
    return {};
  unsigned rank = type.getRank();
  for (unsigned i = 0; i < rank; ++i) {
    AffineExpr e = access.map.getResult(i);
    if (e == getAffineDimExpr(4 - rank + i, e.getContext()))
      continue;
    if (type.getDimSize(i) == 1 &&
        e == getAffineConstantExpr(0, e.getContext()))
      continue;
    return {};
  }
  return access.value;
}

/// q or k without a scaling by a positive constant in front of it (torch's
/// scaled_dot_product_attention export scales both by sqrt(scale)).
Value peelOperandScale(Value value, double &scale) {
  std::optional<ElementwiseStep> step = matchElementwiseStep(value);
  if (!step)
    return value;
  std::optional<std::pair<Value, double>> scaled = matchPositiveScaling(*step);
  if (!scaled)
    return value;
  scale *= scaled->second;
  return scaled->first;
}

/// k0 [B, Hkv, S, D] when `value` is k0 with each head repeated G times in
/// a row (broadcast to [B, Hkv, G, S, D], then the head dims merged), which
/// is how jnp.repeat and Hugging Face's repeat_kv spell GQA.
Value lookThroughRepeatedHeads(Value value) {
  auto collapse = value.getDefiningOp<tensor::CollapseShapeOp>();
  if (!collapse || collapse.getSrcType().getRank() != 5)
    return value;
  SmallVector<ReassociationIndices> groups = collapse.getReassociationIndices();
  SmallVector<ReassociationIndices> expected = {{0}, {1, 2}, {3}, {4}};
  if (groups != expected)
    return value;
  MLIRContext *context = value.getContext();
  Access source = lookThroughDataMovement(
      {collapse.getSrc(), AffineMap::getMultiDimIdentityMap(5, context)});
  auto d = [&](unsigned i) { return getAffineDimExpr(i, context); };
  AffineMap repeat = AffineMap::get(5, 0, {d(0), d(1), d(3), d(4)}, context);
  if (source.map != repeat)
    return value;
  return source.value;
}

/// The map (d0, ..., d_{r-1}) -> (d0, ..., d_{r-1}, d_{r-2}): a tensor's
/// last two dims swapped.
AffineMap getSwapLastTwoMap(unsigned rank, MLIRContext *context) {
  SmallVector<unsigned> dims;
  for (unsigned d = 0; d < rank; ++d)
    dims.push_back(d);
  std::swap(dims[rank - 2], dims[rank - 1]);
  return AffineMap::getPermutationMap(dims, context);
}

/// A tensor `view` with `view[i] = t[viewToT(i)]` (`viewToT` a permutation),
/// read from as far up t's data movement as stays a permutation. This is how
/// a K^T or V^T that a front end materialized becomes the K or V
/// accel.attention reads: `findPermutedRead` says where from (so that a
/// pattern can check everything before it creates anything), and
/// `createPermutedRead` makes it: the source itself when the permutations
/// cancel, else one linalg.transpose of it.
Access findPermutedRead(Value t, AffineMap viewToT) {
  Access best{t, viewToT};
  for (const Access &candidate : getDataMovementChain(
           {t, AffineMap::getMultiDimIdentityMap(viewToT.getNumResults(),
                                                 t.getContext())})) {
    AffineMap composed = candidate.map.compose(viewToT);
    if (composed.isPermutation())
      best = {candidate.value, composed};
  }
  return best;
}

/// The type of the view `read` describes.
RankedTensorType getPermutedReadType(const Access &read) {
  auto sourceType = cast<RankedTensorType>(read.value.getType());
  AffineMap inverse = inversePermutation(read.map);
  SmallVector<int64_t> shape;
  for (unsigned i = 0; i < inverse.getNumResults(); ++i)
    shape.push_back(sourceType.getDimSize(inverse.getDimPosition(i)));
  return sourceType.clone(shape);
}

Value createPermutedRead(PatternRewriter &rewriter, Location loc,
                         const Access &read) {
  if (read.map.isIdentity())
    return read.value;
  // read.map sends view dim sigma(j) to source dim j, so view dim i is
  // source dim sigma^-1(i), and linalg.transpose (result dim i = input dim
  // perm[i]) takes perm = sigma^-1.
  AffineMap inverse = inversePermutation(read.map);
  SmallVector<OpFoldResult> sourceSizes =
      tensor::getMixedSizes(rewriter, loc, read.value);
  SmallVector<OpFoldResult> sizes;
  SmallVector<int64_t> permutation;
  for (unsigned i = 0; i < inverse.getNumResults(); ++i) {
    unsigned from = inverse.getDimPosition(i);
    permutation.push_back(from);
    sizes.push_back(sourceSizes[from]);
  }
  Value init = tensor::EmptyOp::create(
      rewriter, loc, sizes, getElementTypeOrSelf(read.value.getType()));
  return linalg::TransposeOp::create(rewriter, loc, read.value, init,
                                     permutation)
      ->getResult(0);
}

struct RaiseAttention final : OpRewritePattern<accel::MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::MatmulOp pv,
                                PatternRewriter &rewriter) const override {
    auto productType = cast<RankedTensorType>(pv.getType());
    if (pv.getBias() || productType.getRank() != 4)
      return failure();
    MLIRContext *context = rewriter.getContext();
    AffineMap swap = getSwapLastTwoMap(4, context);
    auto isRank4 = [](Value v) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      return type && type.getRank() == 4;
    };
    if (!isRank4(pv.getA()) || !isRank4(pv.getB()))
      return failure();
    // o = p v (v possibly given as v^T, transpose_b), or, as
    // jax.nn.dot_product_attention computes it, o^T = v^T p^T (transpose_b
    // with p as B).
    Value x = matchSoftmax(pv.getA(), 4);
    bool transposedProduct = false;
    if (!x && pv.getTransposeB()) {
      x = matchSoftmax(pv.getB(), 4);
      transposedProduct = true;
    }
    if (!x)
      return rewriter.notifyMatchFailure(pv, "no softmax operand");
    FailureOr<Logits> logits = peelLogits(x);
    if (failed(logits))
      return rewriter.notifyMatchFailure(pv, "logits");
    accel::MatmulOp qk = logits->scores;
    // A per-key bias the contraction patterns folded into q k^T is the
    // attention's bias, when nothing scaled it afterwards.
    Value keyBias = qk.getBias();
    if (keyBias && (logits->bias.value || logits->scale != 1.0))
      return rewriter.notifyMatchFailure(pv, "bias before the scaling");
    double scale = logits->scale;
    Value q = peelOperandScale(qk.getA(), scale);
    // K is read in place (transpose_b), or from a materialized K^T.
    if (!isRank4(qk.getA()) || !isRank4(qk.getB()))
      return rewriter.notifyMatchFailure(pv, "q, k are not [B, H, S, D]");
    Access kRead = qk.getTransposeB()
                       ? Access{peelOperandScale(qk.getB(), scale),
                                AffineMap::getMultiDimIdentityMap(4, context)}
                       : findPermutedRead(peelOperandScale(qk.getB(), scale),
                                          swap);
    Value vSource = transposedProduct ? pv.getA() : pv.getB();
    Access vRead = transposedProduct || pv.getTransposeB()
                       ? findPermutedRead(vSource, swap)
                       : Access{vSource,
                                AffineMap::getMultiDimIdentityMap(4, context)};
    if (kRead.map.isIdentity())
      kRead.value = lookThroughRepeatedHeads(kRead.value);
    if (vRead.map.isIdentity())
      vRead.value = lookThroughRepeatedHeads(vRead.value);
    auto outType = transposedProduct
                       ? cast<RankedTensorType>(productType.clone(
                             getPermutedReadType({pv.getResult(), swap})
                                 .getShape()))
                       : productType;

    auto qType = cast<RankedTensorType>(q.getType());
    RankedTensorType kType = getPermutedReadType(kRead);
    RankedTensorType vType = getPermutedReadType(vRead);
    if (qType.getRank() != 4 || kType.getRank() != 4 || vType.getRank() != 4)
      return rewriter.notifyMatchFailure(pv, "q, k, v are not [B, H, S, D]");
    Type element = qType.getElementType();
    if (kType.getElementType() != element ||
        vType.getElementType() != element ||
        outType.getElementType() != element)
      return rewriter.notifyMatchFailure(pv, "element types differ");
    // Same batch; kv heads dividing the query heads; keys shared by k and v.
    auto sameDim = [](int64_t x, int64_t y) {
      return x == y && !ShapedType::isDynamic(x);
    };
    int64_t hq = qType.getDimSize(1), hkv = kType.getDimSize(1);
    if (!sameDim(qType.getDimSize(0), kType.getDimSize(0)) ||
        !sameDim(kType.getDimSize(0), vType.getDimSize(0)) ||
        hkv != vType.getDimSize(1) || ShapedType::isDynamic(hq) ||
        ShapedType::isDynamic(hkv) || hkv == 0 || hq % hkv != 0 ||
        kType.getDimSize(2) != vType.getDimSize(2))
      return rewriter.notifyMatchFailure(pv, "q, k, v shapes");

    // The scores and the output have q's heads (q k^T may have broadcast a
    // single query head over repeated kv heads).
    auto scoresType = cast<RankedTensorType>(qk.getType());
    if (scoresType.getDimSize(1) != hq || outType.getDimSize(1) != hq ||
        outType.getDimSize(2) != qType.getDimSize(2) ||
        scoresType.getDimSize(2) != qType.getDimSize(2) ||
        scoresType.getDimSize(3) != kType.getDimSize(2))
      return rewriter.notifyMatchFailure(pv, "scores or output shape");
    if (!std::isfinite(scale) || !(scale > 0) ||
        scale > std::numeric_limits<float>::max())
      return rewriter.notifyMatchFailure(pv, "scale not a finite f32");
    SmallVector<int64_t> scoresShape = {qType.getDimSize(0), hq,
                                        qType.getDimSize(2), kType.getDimSize(2)};
    bool causal = false;
    if (logits->mask) {
      if (!isCausalMask(*logits->mask, logits->keepWhereTrue, scoresShape))
        return rewriter.notifyMatchFailure(pv, "mask is not causal");
      // A row that sees no key is NaN or uniform in the front end's IR and
      // 0 in accel.attention: only raise when every row sees one.
      if (scoresShape[3] < scoresShape[2])
        return rewriter.notifyMatchFailure(pv, "causal with Sq > Sk");
      causal = true;
    }
    Value bias = keyBias;
    if (bias) {
      Type biasElement = getElementTypeOrSelf(bias.getType());
      if (!(biasElement.isF32() || biasElement == element))
        return rewriter.notifyMatchFailure(pv, "bias");
    }
    if (logits->bias.value) {
      bias = getBroadcastableBias(logits->bias);
      Type biasElement = bias ? getElementTypeOrSelf(bias.getType()) : Type();
      if (!bias || !(biasElement.isF32() || biasElement == element))
        return rewriter.notifyMatchFailure(pv, "bias");
    }

    Location loc = pv.getLoc();
    Value k = createPermutedRead(rewriter, loc, kRead);
    Value v = createPermutedRead(rewriter, loc, vRead);
    SmallVector<Value> operands = {q, k, v};
    if (bias)
      operands.push_back(bias);
    SmallVector<NamedAttribute> attributes = {
        rewriter.getNamedAttr("scale", rewriter.getF32FloatAttr(scale))};
    if (causal)
      attributes.push_back(
          rewriter.getNamedAttr("causal", rewriter.getBoolAttr(true)));
    auto attention = accel::AttentionOp::create(
        rewriter, loc, TypeRange{outType}, operands, attributes);
    Value out = attention.getOut();
    if (transposedProduct)
      out = createPermutedRead(rewriter, loc, {out, swap});
    rewriter.replaceOp(pv, out);
    return success();
  }
};

} // namespace

void accel::populateRaiseAttentionPatterns(RewritePatternSet &patterns) {
  patterns.add<RaiseAttention>(patterns.getContext());
}
