//===- AttentionGradToLinalg.cpp - lowering of accel.attention_grad -------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The FlashAttention-2 backward as whole-matrix linalg.generics in f32, in
// the same [B, Hkv, G, ...] view of the query heads as the forward
// (AttentionToLinalg.cpp). dK and dV reduce over (g, i), which sums the G
// query heads that share a kv head.
//
//===----------------------------------------------------------------------===//

#include "AttentionLowering.h"

#include "LoweringBuilders.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace accel::lowering;
using namespace accel::attention;

/// `acc` (f32) times `scale` when given, rounded once to `elementType`.
static Value scaleAndRound(OpBuilder &b, Location loc, Value acc, Value scale,
                           Type elementType) {
  auto type = cast<RankedTensorType>(acc.getType());
  if (!scale && elementType == type.getElementType())
    return acc;
  Value init = createEmpty(b, loc, getDims(b, loc, acc), elementType);
  AffineMap id = b.getMultiDimIdentityMap(type.getRank());
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{acc}, ValueRange{init},
             SmallVector<AffineMap>{id, id},
             iteratorsOf(std::string(type.getRank(), 'p')),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value value = args[0];
               if (scale)
                 value = arith::MulFOp::create(nb, nl, value, scale);
               linalg::YieldOp::create(
                   nb, nl, convertScalar(nb, nl, value, elementType));
             })
      .getResult(0);
}

namespace {

/// accel.attention_grad: P = exp(scale * q k^T - lse) (0 where masked or
/// where lse = -inf), D = rowsum(dout * out), dV = P^T dout,
/// dS = P * (dout v^T - D), dQ = scale * dS k, dK = scale * dS^T q.
struct AttentionGradOpLowering final
    : OpRewritePattern<accel::AttentionGradOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::AttentionGradOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    Type f32 = rewriter.getF32Type();

    SizeRefs refs;
    refs.add(op.getQ(), kQueryLayout);
    refs.add(op.getK(), kKeyLayout);
    refs.add(op.getV(), kValueLayout);
    refs.add(op.getOut(), kOutLayout);
    refs.add(op.getLse(), kLseLayout);
    refs.add(op.getDout(), kOutLayout);
    refs.add(Value(), op.getDq().getType(), kQueryLayout);
    refs.add(Value(), op.getDk().getType(), kKeyLayout);
    refs.add(Value(), op.getDv().getType(), kValueLayout);
    Problem p = buildProblem(rewriter, loc, op->getName().getStringRef(), refs);

    auto expanded = [&](Value value, ArrayRef<Size> layout) {
      return expandHeads(rewriter, loc, refine(rewriter, loc, value, layout, p),
                         p);
    };
    Value q5 = expanded(op.getQ(), kQueryLayout);
    Value out5 = expanded(op.getOut(), kOutLayout);
    Value dout5 = expanded(op.getDout(), kOutLayout);
    Value lse4 = expanded(op.getLse(), kLseLayout);
    Value k = refine(rewriter, loc, op.getK(), kKeyLayout, p);
    Value v = refine(rewriter, loc, op.getV(), kValueLayout, p);
    Value scale = buildScale(rewriter, loc, op.getScale(), p.sizes[HeadDim]);
    MaskSpec mask =
        buildMaskSpec(rewriter, loc, op.getCausal(), op.getSparsity(), p);

    AffineMap id5 = rewriter.getMultiDimIdentityMap(5);
    AffineMap rows5 = dimsMap(context, 5, {0, 1, 2, 3});
    OpFoldResult batch = p.sizes[Batch], kvHeads = p.sizes[KvHeads],
                 qLen = p.sizes[QLen], kLen = p.sizes[KLen],
                 headDim = p.sizes[HeadDim], valueDim = p.sizes[ValueDim];

    // P = exp(scale * qk - lse), in place over qk.
    Value probs = buildScoresDot(rewriter, loc, q5, k, p);
    probs =
        linalg::GenericOp::create(
            rewriter, loc, probs.getType(), ValueRange{lse4}, ValueRange{probs},
            SmallVector<AffineMap>{rows5, id5}, iteratorsOf("ppppp"),
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value lse = args[0];
              Value s = arith::MulFOp::create(b, l, args[1], scale);
              Value e = math::ExpOp::create(
                  b, l, arith::SubFOp::create(b, l, s, lse));
              Value hidden =
                  arith::ConstantOp::create(b, l, b.getF32FloatAttr(-INFINITY));
              Value zero =
                  arith::ConstantOp::create(b, l, b.getF32FloatAttr(0.0f));
              // A row with lse = -inf saw no key in the forward: P = 0
              // rather than exp(-inf - -inf) = NaN.
              Value drop = arith::CmpFOp::create(
                  b, l, arith::CmpFPredicate::OEQ, lse, hidden);
              if (Value visible = buildVisible(b, l, mask)) {
                Value one =
                    arith::ConstantOp::create(b, l, b.getBoolAttr(true));
                Value masked = arith::XOrIOp::create(b, l, visible, one);
                drop = arith::OrIOp::create(b, l, drop, masked);
              }
              linalg::YieldOp::create(
                  b, l, Value(arith::SelectOp::create(b, l, drop, zero, e)));
            })
            .getResult(0);

    // D[b, kh, g, i] = sum_e dout * out
    Value delta =
        createFilled(rewriter, loc, {batch, kvHeads, p.group, qLen}, f32, 0.0);
    delta = buildContraction(rewriter, loc, dout5, {0, 1, 2, 3, 4}, out5,
                             {0, 1, 2, 3, 4}, delta, {0, 1, 2, 3},
                             iteratorsOf("ppppr"));

    // dV[b, kh, j, e] = sum_{g, i} P[b, kh, g, i, j] * dout[b, kh, g, i, e]
    Value dvAcc =
        createFilled(rewriter, loc, {batch, kvHeads, kLen, valueDim}, f32, 0.0);
    dvAcc = buildContraction(rewriter, loc, probs, {0, 1, 2, 3, 4}, dout5,
                             {0, 1, 2, 3, 5}, dvAcc, {0, 1, 4, 5},
                             iteratorsOf("pprrpp"));

    // dP[b, kh, g, i, j] = sum_e dout[b, kh, g, i, e] * v[b, kh, j, e]
    Value grad = createFilled(rewriter, loc,
                              {batch, kvHeads, p.group, qLen, kLen}, f32, 0.0);
    grad =
        buildContraction(rewriter, loc, dout5, {0, 1, 2, 3, 5}, v, {0, 1, 4, 5},
                         grad, {0, 1, 2, 3, 4}, iteratorsOf("pppppr"));

    // dS = P * (dP - D), in place over dP.
    grad = linalg::GenericOp::create(
               rewriter, loc, grad.getType(), ValueRange{probs, delta},
               ValueRange{grad}, SmallVector<AffineMap>{id5, rows5, id5},
               iteratorsOf("ppppp"),
               [](OpBuilder &b, Location l, ValueRange args) {
                 Value diff = arith::SubFOp::create(b, l, args[2], args[1]);
                 linalg::YieldOp::create(
                     b, l, Value(arith::MulFOp::create(b, l, args[0], diff)));
               })
               .getResult(0);

    // dQ[b, kh, g, i, d] = sum_j dS[b, kh, g, i, j] * k[b, kh, j, d]
    Value dqAcc = createFilled(
        rewriter, loc, {batch, kvHeads, p.group, qLen, headDim}, f32, 0.0);
    dqAcc =
        buildContraction(rewriter, loc, grad, {0, 1, 2, 3, 4}, k, {0, 1, 4, 5},
                         dqAcc, {0, 1, 2, 3, 5}, iteratorsOf("pppprp"));

    // dK[b, kh, j, d] = sum_{g, i} dS[b, kh, g, i, j] * q[b, kh, g, i, d]
    Value dkAcc =
        createFilled(rewriter, loc, {batch, kvHeads, kLen, headDim}, f32, 0.0);
    dkAcc = buildContraction(rewriter, loc, grad, {0, 1, 2, 3, 4}, q5,
                             {0, 1, 2, 3, 5}, dkAcc, {0, 1, 4, 5},
                             iteratorsOf("pprrpp"));

    // The scale is applied once to the f32 sums, then each gradient is
    // rounded once to its declared element type.
    auto dqType = cast<RankedTensorType>(op.getDq().getType());
    auto dkType = cast<RankedTensorType>(op.getDk().getType());
    auto dvType = cast<RankedTensorType>(op.getDv().getType());
    Value dq = collapseHeads(
        rewriter, loc,
        scaleAndRound(rewriter, loc, dqAcc, scale, dqType.getElementType()));
    Value dk =
        scaleAndRound(rewriter, loc, dkAcc, scale, dkType.getElementType());
    Value dv =
        scaleAndRound(rewriter, loc, dvAcc, Value(), dvType.getElementType());
    rewriter.replaceOp(op, {castToType(rewriter, loc, dq, dqType),
                            castToType(rewriter, loc, dk, dkType),
                            castToType(rewriter, loc, dv, dvType)});
    return success();
  }
};

} // namespace

void accel::attention::populateAttentionGradPatterns(
    RewritePatternSet &patterns) {
  patterns.add<AttentionGradOpLowering>(patterns.getContext());
}
