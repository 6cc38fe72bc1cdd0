//===- LowerTensorBitcast.cpp - accel-lower-tensor-bitcast ----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// tensor.bitcast verifies but does not bufferize; elementwise it is
// arith.bitcast.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace accel {
#define GEN_PASS_DEF_LOWERTENSORBITCASTPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

/// Whether arith.bitcast takes `type` (no signed/unsigned integers).
static bool isArithType(Type type) {
  auto integer = dyn_cast<IntegerType>(type);
  return !integer || integer.isSignless();
}

namespace {
struct LowerTensorBitcastPass final
    : accel::impl::LowerTensorBitcastPassBase<LowerTensorBitcastPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<tensor::BitcastOp> casts;
    getOperation()->walk([&](tensor::BitcastOp op) { casts.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (tensor::BitcastOp op : casts) {
      auto sourceType = dyn_cast<RankedTensorType>(op.getSource().getType());
      auto resultType = dyn_cast<RankedTensorType>(op.getType());
      if (!sourceType || !resultType) {
        op.emitOpError("on unranked tensors is not supported by the CPU "
                       "lowering");
        return signalPassFailure();
      }
      Type from = sourceType.getElementType();
      Type to = resultType.getElementType();
      if (!isArithType(from) || !isArithType(to)) {
        op.emitOpError("from ")
            << from << " to " << to
            << " is not supported by the CPU lowering (arith.bitcast takes "
               "signless integers and floats only)";
        return signalPassFailure();
      }
      Location loc = op.getLoc();
      rewriter.setInsertionPoint(op);
      SmallVector<Value> dynamicSizes;
      for (int64_t d = 0; d < resultType.getRank(); ++d)
        if (resultType.isDynamicDim(d))
          dynamicSizes.push_back(
              tensor::DimOp::create(rewriter, loc, op.getSource(), d));
      Value init = tensor::EmptyOp::create(rewriter, loc, resultType.getShape(),
                                           to, dynamicSizes);
      AffineMap identity = AffineMap::getMultiDimIdentityMap(
          resultType.getRank(), rewriter.getContext());
      SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                                 utils::IteratorType::parallel);
      auto generic = linalg::GenericOp::create(
          rewriter, loc, resultType, ValueRange{op.getSource()},
          ValueRange{init}, ArrayRef<AffineMap>{identity, identity}, iterators,
          [&](OpBuilder &b, Location loc, ValueRange args) {
            Value cast = arith::BitcastOp::create(b, loc, to, args[0]);
            linalg::YieldOp::create(b, loc, cast);
          });
      rewriter.replaceOp(op, generic.getResult(0));
    }
  }
};
} // namespace
