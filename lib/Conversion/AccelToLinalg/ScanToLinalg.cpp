//===- ScanToLinalg.cpp - reference lowering of the Mamba scans -----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The contract's recurrences, step by step: an scf.for over time carries the
// f32 state and the f32 outputs. Each step is one all-parallel linalg.generic
// that updates the state in place and one that reduces it over the state dim
// into the step's outputs, inserted at that time step. Operands that are read
// at the step's time or group (dt, u, B, C and their Mamba-2 counterparts)
// are read with tensor.extract from the generics' bodies, so the group
// mapping (channel d uses group d / (Dm / G)) is plain index arithmetic and
// works for dynamic sizes. dt's bias and softplus run once before the loop,
// D and the SiLU gate once after it, where y is rounded once to the input's
// type. Chunked evaluation (the SSD algorithm) is the kernels' business;
// this is the meaning.
//
// Sizes the verifier could not compare are checked at run time, including
// the group count dividing the channel (or head) count, so no index can go
// out of bounds.
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
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace accel::lowering;

namespace {

Value toF32(OpBuilder &b, Location loc, Value scalar) {
  return convertScalar(b, loc, scalar, b.getF32Type());
}

/// softplus(x) = log(1 + exp(x)), and x itself above 20 where the two agree
/// in f32 (PyTorch's threshold, which Mamba uses).
Value softplus(OpBuilder &b, Location loc, Value x) {
  Value threshold = constantF32(b, loc, 20.0);
  Value large =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, threshold);
  Value smooth = math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, x));
  return arith::SelectOp::create(b, loc, large, x, smooth);
}

/// silu(z) = z / (1 + exp(-z)).
Value silu(OpBuilder &b, Location loc, Value z) {
  Value one = constantF32(b, loc, 1.0);
  Value denominator = arith::AddFOp::create(
      b, loc, one,
      math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, z)));
  return arith::DivFOp::create(b, loc, z, denominator);
}

Value indexConstant(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

/// heads / groups (the channels, or heads, per group). Sizes the verifier
/// saw are static; otherwise asserts `groups >= 1` and `groups | heads` and
/// divides by max(groups, 1), so nothing divides by zero even with the
/// asserts compiled out.
Value checkedPerGroup(OpBuilder &b, Location loc, OpFoldResult headsSize,
                      OpFoldResult groupsSize, const std::string &opName,
                      StringRef headsName) {
  std::optional<int64_t> staticHeads = getConstantIntValue(headsSize);
  std::optional<int64_t> staticGroups = getConstantIntValue(groupsSize);
  if (staticHeads && staticGroups && *staticGroups > 0)
    return indexConstant(b, loc, *staticHeads / *staticGroups);
  Value heads = getValueOrCreateConstantIndexOp(b, loc, headsSize);
  Value groups = getValueOrCreateConstantIndexOp(b, loc, groupsSize);
  Value zero = indexConstant(b, loc, 0), one = indexConstant(b, loc, 1);
  Value nonEmpty =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, groups, zero);
  cf::AssertOp::create(b, loc, nonEmpty,
                       "'" + opName + "' op expects at least one group");
  Value divisor = arith::MaxUIOp::create(b, loc, groups, one);
  Value rem = arith::RemUIOp::create(b, loc, heads, divisor);
  Value exact =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, rem, zero);
  cf::AssertOp::create(b, loc, exact,
                       ("'" + opName + "' op expects " + headsName +
                        " to be a multiple of the groups of B and C")
                           .str());
  return arith::DivUIOp::create(b, loc, heads, divisor);
}

/// `dt (+ bias) (then softplus)` in f32, over `dt`'s shape; the bias is
/// indexed by dim `biasDim` of dt.
Value preprocessDt(OpBuilder &b, Location loc, Value dt, Value bias,
                   int64_t biasDim, bool applySoftplus) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(dt.getType()).getRank();
  SmallVector<Value> inputs = {dt};
  SmallVector<AffineMap> maps = {AffineMap::getMultiDimIdentityMap(rank, ctx)};
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(AffineMap::get(rank, 0, getAffineDimExpr(biasDim, ctx)));
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  Value init = createEmpty(b, loc, getDims(b, loc, dt), b.getF32Type());
  return linalg::GenericOp::create(
             b, loc, init.getType(), inputs, ValueRange{init}, maps,
             iterators(rank),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               Value value = toF32(nb, nl, args[0]);
               if (bias)
                 value = arith::AddFOp::create(nb, nl, value, args[1]);
               if (applySoftplus)
                 value = softplus(nb, nl, value);
               linalg::YieldOp::create(nb, nl, value);
             })
      .getResult(0);
}

/// The step's outputs: out[i...] = sum_n C(i..., n) * state[i..., n] for
/// an f32 `state` of rank `rank` whose last dim is the state dim; `readC`
/// reads C at the loop indices.
Value reduceState(
    OpBuilder &b, Location loc, Value state,
    function_ref<Value(OpBuilder &, Location, ValueRange)> readC) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(state.getType()).getRank();
  SmallVector<OpFoldResult> sizes = getDims(b, loc, state);
  sizes.pop_back();
  Value init = createFilled(b, loc, sizes, b.getF32Type(), 0.0);
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, ctx),
      AffineMap::getMultiDimIdentityMap(rank, ctx).getMajorSubMap(rank - 1)};
  return linalg::GenericOp::create(
             b, loc, init.getType(), ValueRange{state}, ValueRange{init}, maps,
             iterators(rank - 1, 1),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               SmallVector<Value> indices;
               for (int64_t d = 0; d < rank; ++d)
                 indices.push_back(linalg::IndexOp::create(nb, nl, d));
               Value c = readC(nb, nl, indices);
               Value sum = arith::AddFOp::create(
                   nb, nl, args[1], arith::MulFOp::create(nb, nl, c, args[0]));
               linalg::YieldOp::create(nb, nl, sum);
             })
      .getResult(0);
}

/// Updates the f32 `state` in place: state[i...] = update(indices, state).
Value updateState(
    OpBuilder &b, Location loc, Value state,
    function_ref<Value(OpBuilder &, Location, ValueRange, Value)> update) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = cast<RankedTensorType>(state.getType()).getRank();
  return linalg::GenericOp::create(
             b, loc, state.getType(), ValueRange{}, ValueRange{state},
             SmallVector<AffineMap>{
                 AffineMap::getMultiDimIdentityMap(rank, ctx)},
             iterators(rank),
             [&](OpBuilder &nb, Location nl, ValueRange args) {
               SmallVector<Value> indices;
               for (int64_t d = 0; d < rank; ++d)
                 indices.push_back(linalg::IndexOp::create(nb, nl, d));
               linalg::YieldOp::create(nb, nl,
                                       update(nb, nl, indices, args[0]));
             })
      .getResult(0);
}

/// `y` (f32) with `+ D * x` and `* silu(z)` applied and rounded to
/// `resultType`'s element type; `dMap` indexes D from y's loops.
Value finishOutputs(OpBuilder &b, Location loc, Value y, Value x, Value d,
                    AffineMap dMap, Value z, RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = resultType.getRank();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
  SmallVector<Value> inputs = {y};
  SmallVector<AffineMap> maps = {id};
  if (d) {
    inputs.append({x, d});
    maps.append({id, dMap});
  }
  if (z) {
    inputs.push_back(z);
    maps.push_back(id);
  }
  maps.push_back(id);
  Value init =
      createEmpty(b, loc, getDims(b, loc, y), resultType.getElementType());
  Value result =
      linalg::GenericOp::create(
          b, loc, init.getType(), inputs, ValueRange{init}, maps,
          iterators(rank),
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            Value value = args[0];
            unsigned next = 1;
            if (d) {
              value = arith::AddFOp::create(
                  nb, nl, value,
                  arith::MulFOp::create(nb, nl, args[next + 1],
                                        toF32(nb, nl, args[next])));
              next += 2;
            }
            if (z)
              value = arith::MulFOp::create(
                  nb, nl, value, silu(nb, nl, toF32(nb, nl, args[next])));
            linalg::YieldOp::create(
                nb, nl,
                convertScalar(nb, nl, value, resultType.getElementType()));
          })
          .getResult(0);
  return castToType(b, loc, result, resultType);
}

/// `updated` ([sizes without the time dim]) inserted into `acc` at time
/// `t` of dim `timeDim`.
Value insertAtTime(OpBuilder &b, Location loc, Value updated, Value acc,
                   int64_t timeDim, Value t) {
  int64_t rank = cast<RankedTensorType>(acc.getType()).getRank();
  SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes = getDims(b, loc, acc);
  SmallVector<OpFoldResult> strides(rank, b.getIndexAttr(1));
  offsets[timeDim] = t;
  sizes[timeDim] = b.getIndexAttr(1);
  return tensor::InsertSliceOp::create(b, loc, updated, acc, offsets, sizes,
                                       strides);
}

/// Run-time checks that two dims agree, with the op's message format.
struct SizeAgreement {
  OpBuilder &b;
  Location loc;
  StringRef opName;

  void operator()(Value lhs, int64_t lhsDim, Value rhs, int64_t rhsDim,
                  StringRef what) const {
    assertSameSize(b, loc, getDim(b, loc, lhs, lhsDim),
                   getDim(b, loc, rhs, rhsDim),
                   "'" + opName + "' op expects " + what + " to agree");
  }
};

/// One step of both recurrences, in f32:
/// `exp(dt * a) * prev + (dt * first) * second`, with the operands in the
/// contract's order (Mamba-1: dt * B * u; Mamba-2: dt * x * B).
Value recurrenceStep(OpBuilder &b, Location loc, Value dt, Value a,
                     Value first, Value second, Value prev) {
  Value decay =
      math::ExpOp::create(b, loc, arith::MulFOp::create(b, loc, dt, a));
  Value input = arith::MulFOp::create(
      b, loc, arith::MulFOp::create(b, loc, dt, first), second);
  return arith::AddFOp::create(
      b, loc, arith::MulFOp::create(b, loc, decay, prev), input);
}

struct SelectiveScanLowering final : OpRewritePattern<accel::SelectiveScanOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::SelectiveScanOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(checkRunTimeChecksAvailable(op)))
      return failure();
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    std::string name = "accel.selective_scan";
    Value u = op.getU(), delta = op.getDelta(), a = op.getA(), bMat = op.getB(),
          cMat = op.getC(), d = op.getD(), z = op.getZ(),
          bias = op.getDeltaBias();
    SizeAgreement same{b, loc, name};
    for (int64_t dim = 0; dim < 3; ++dim) {
      same(u, dim, delta, dim, "the shapes of u and delta");
      if (z)
        same(u, dim, z, dim, "the shapes of u and z");
    }
    same(u, 1, a, 0, "the channels of u and A");
    same(u, 0, bMat, 0, "the batch of u and B");
    same(u, 2, bMat, 3, "the length of u and B");
    same(a, 1, bMat, 2, "the state size of A and B");
    for (int64_t dim = 0; dim < 4; ++dim)
      same(bMat, dim, cMat, dim, "the shapes of B and C");
    if (d)
      same(u, 1, d, 0, "the channels of u and D");
    if (bias)
      same(u, 1, bias, 0, "the channels of u and delta_bias");
    Value perGroup =
        checkedPerGroup(b, loc, getDim(b, loc, u, 1), getDim(b, loc, bMat, 1),
                        name, "the channels");

    Value dt = preprocessDt(b, loc, delta, bias, 1, op.getDeltaSoftplus());
    Type f32 = b.getF32Type();
    SmallVector<OpFoldResult> stateSizes = {
        getDim(b, loc, u, 0), getDim(b, loc, u, 1), getDim(b, loc, a, 1)};
    Value state = createFilled(b, loc, stateSizes, f32, 0.0);
    Value outputs = createEmpty(b, loc, getDims(b, loc, u), f32);
    Value zero = indexConstant(b, loc, 0), one = indexConstant(b, loc, 1);
    auto loop = scf::ForOp::create(
        b, loc, zero, getDimValue(b, loc, u, 2), one,
        ValueRange{state, outputs},
        [&](OpBuilder &lb, Location ll, Value t, ValueRange carried) {
          // x_t[d, n] = exp(dt * A[d, n]) * x_{t-1}[d, n] + dt * B * u.
          Value next = updateState(
              lb, ll, carried[0],
              [&](OpBuilder &nb, Location nl, ValueRange idx, Value prev) {
                Value batch = idx[0], chan = idx[1], n = idx[2];
                Value group = arith::DivUIOp::create(nb, nl, chan, perGroup);
                Value dtv = tensor::ExtractOp::create(
                    nb, nl, dt, ValueRange{batch, chan, t});
                Value av =
                    tensor::ExtractOp::create(nb, nl, a, ValueRange{chan, n});
                Value bv =
                    toF32(nb, nl,
                          tensor::ExtractOp::create(
                              nb, nl, bMat, ValueRange{batch, group, n, t}));
                Value uv = toF32(nb, nl,
                                 tensor::ExtractOp::create(
                                     nb, nl, u, ValueRange{batch, chan, t}));
                return recurrenceStep(nb, nl, dtv, av, bv, uv, prev);
              });
          // y[d, t] = sum_n C[g, n, t] * x_t[d, n].
          Value y = reduceState(
              lb, ll, next, [&](OpBuilder &nb, Location nl, ValueRange idx) {
                Value group = arith::DivUIOp::create(nb, nl, idx[1], perGroup);
                return toF32(
                    nb, nl,
                    tensor::ExtractOp::create(
                        nb, nl, cMat, ValueRange{idx[0], group, idx[2], t}));
              });
          scf::YieldOp::create(
              lb, ll,
              ValueRange{next, insertAtTime(lb, ll, y, carried[1], 2, t)});
        });
    MLIRContext *ctx = b.getContext();
    Value y = finishOutputs(b, loc, loop.getResult(1), u, d,
                            AffineMap::get(3, 0, getAffineDimExpr(1, ctx)), z,
                            op.getY().getType());
    SmallVector<Value> results = {y};
    if (Value last = op.getLastState())
      results.push_back(castToType(b, loc, loop.getResult(0), last.getType()));
    rewriter.replaceOp(op, results);
    return success();
  }
};

struct SsdScanLowering final : OpRewritePattern<accel::SsdScanOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(accel::SsdScanOp op,
                                PatternRewriter &rewriter) const override {
    if (failed(checkRunTimeChecksAvailable(op)))
      return failure();
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    std::string name = "accel.ssd_scan";
    Value x = op.getX(), dtIn = op.getDt(), a = op.getA(), bMat = op.getB(),
          cMat = op.getC(), d = op.getD(), z = op.getZ(), bias = op.getDtBias(),
          initial = op.getInitialState();
    SizeAgreement same{b, loc, name};
    for (int64_t dim = 0; dim < 3; ++dim)
      same(x, dim, dtIn, dim, "the batch, length and heads of x and dt");
    if (z)
      for (int64_t dim = 0; dim < 4; ++dim)
        same(x, dim, z, dim, "the shapes of x and z");
    same(x, 2, a, 0, "the heads of x and A");
    same(x, 0, bMat, 0, "the batch of x and B");
    same(x, 1, bMat, 1, "the length of x and B");
    for (int64_t dim = 0; dim < 4; ++dim)
      same(bMat, dim, cMat, dim, "the shapes of B and C");
    bool perHeadAndChannel =
        d && cast<RankedTensorType>(d.getType()).getRank() == 2;
    if (d) {
      same(x, 2, d, 0, "the heads of x and D");
      if (perHeadAndChannel)
        same(x, 3, d, 1, "the head dims of x and D");
    }
    if (bias)
      same(x, 2, bias, 0, "the heads of x and dt_bias");
    if (initial) {
      same(x, 0, initial, 0, "the batch of x and initial_state");
      same(x, 2, initial, 1, "the heads of x and initial_state");
      same(x, 3, initial, 2, "the head dims of x and initial_state");
      same(bMat, 3, initial, 3, "the state size of B and initial_state");
    }
    Value perGroup =
        checkedPerGroup(b, loc, getDim(b, loc, x, 2), getDim(b, loc, bMat, 2),
                        name, "the heads");

    Value dt = preprocessDt(b, loc, dtIn, bias, 2, op.getDtSoftplus());
    Type f32 = b.getF32Type();
    SmallVector<OpFoldResult> stateSizes = {
        getDim(b, loc, x, 0), getDim(b, loc, x, 2), getDim(b, loc, x, 3),
        getDim(b, loc, bMat, 3)};
    Value state;
    if (initial) {
      // A copy, so the loop's in-place updates never write the operand.
      Value init = createEmpty(b, loc, stateSizes, f32);
      state = linalg::CopyOp::create(b, loc, initial, init).getResult(0);
    } else {
      state = createFilled(b, loc, stateSizes, f32, 0.0);
    }
    Value outputs = createEmpty(b, loc, getDims(b, loc, x), f32);
    Value zero = indexConstant(b, loc, 0), one = indexConstant(b, loc, 1);
    auto loop = scf::ForOp::create(
        b, loc, zero, getDimValue(b, loc, x, 1), one,
        ValueRange{state, outputs},
        [&](OpBuilder &lb, Location ll, Value t, ValueRange carried) {
          // h_t[p, n] = exp(dt * A[h]) * h_{t-1}[p, n] + dt * x[p] * B[n].
          Value next = updateState(
              lb, ll, carried[0],
              [&](OpBuilder &nb, Location nl, ValueRange idx, Value prev) {
                Value batch = idx[0], head = idx[1], p = idx[2], n = idx[3];
                Value group = arith::DivUIOp::create(nb, nl, head, perGroup);
                Value dtv = tensor::ExtractOp::create(
                    nb, nl, dt, ValueRange{batch, t, head});
                Value av = tensor::ExtractOp::create(nb, nl, a, head);
                Value xv = toF32(nb, nl,
                                 tensor::ExtractOp::create(
                                     nb, nl, x, ValueRange{batch, t, head, p}));
                Value bv =
                    toF32(nb, nl,
                          tensor::ExtractOp::create(
                              nb, nl, bMat, ValueRange{batch, t, group, n}));
                return recurrenceStep(nb, nl, dtv, av, xv, bv, prev);
              });
          // y_t[p] = sum_n C_t[n] * h_t[p, n], as [Bt, H, P].
          Value y = reduceState(
              lb, ll, next, [&](OpBuilder &nb, Location nl, ValueRange idx) {
                Value group = arith::DivUIOp::create(nb, nl, idx[1], perGroup);
                return toF32(
                    nb, nl,
                    tensor::ExtractOp::create(
                        nb, nl, cMat, ValueRange{idx[0], t, group, idx[3]}));
              });
          scf::YieldOp::create(
              lb, ll,
              ValueRange{next, insertAtTime(lb, ll, y, carried[1], 1, t)});
        });
    MLIRContext *ctx = b.getContext();
    AffineMap dMap =
        perHeadAndChannel
            ? AffineMap::get(
                  4, 0, {getAffineDimExpr(2, ctx), getAffineDimExpr(3, ctx)},
                  ctx)
            : AffineMap::get(4, 0, getAffineDimExpr(2, ctx));
    Value y = finishOutputs(b, loc, loop.getResult(1), x, d, dMap, z,
                            op.getY().getType());
    SmallVector<Value> results = {y};
    if (Value last = op.getFinalState())
      results.push_back(castToType(b, loc, loop.getResult(0), last.getType()));
    rewriter.replaceOp(op, results);
    return success();
  }
};

} // namespace

void accel::populateScanToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<SelectiveScanLowering, SsdScanLowering>(patterns.getContext());
}
