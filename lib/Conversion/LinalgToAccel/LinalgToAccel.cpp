//===- LinalgToAccel.cpp - the accel-raise pass ---------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/LinalgToAccel/LinalgToAccel.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace accel {
#define GEN_PASS_DEF_RAISEPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace {
struct RaisePass final : accel::impl::RaisePassBase<RaisePass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    // What was accel before the raise is not reported as raised: it is
    // marked for the duration of the pass (an op the patterns create has no
    // mark; a pointer set could mistake a new op for an erased one).
    constexpr llvm::StringLiteral kPreexisting = "accel.raise.preexisting";
    if (remarks)
      getOperation()->walk([&](Operation *op) {
        if (isa<accel::MatmulOp, accel::AttentionOp>(op))
          op->setAttr(kPreexisting, UnitAttr::get(context));
      });
    linalg::ControlDropUnitDims unitDims;
    RewritePatternSet normalization(context);
    accel::populateRaiseNormalizationPatterns(normalization, unitDims);
    if (failed(applyPatternsGreedily(getOperation(), std::move(normalization)))) {
      getOperation()->emitError("accel-raise: normalization did not converge");
      return signalPassFailure();
    }
    // Contractions first, to a fixed point: attention is matched on the
    // accel.matmul ops they leave, with the batch dims split again, and the
    // greedy driver would not revisit an attention whose q k^T is raised
    // after its p v.
    RewritePatternSet contractions(context);
    accel::populateRaiseContractionPatterns(contractions);
    if (failed(applyPatternsGreedily(getOperation(), std::move(contractions)))) {
      getOperation()->emitError("accel-raise: contraction raising did not converge");
      return signalPassFailure();
    }
    RewritePatternSet attention(context);
    accel::populateRaiseAttentionPatterns(attention);
    if (failed(applyPatternsGreedily(getOperation(), std::move(attention)))) {
      getOperation()->emitError("accel-raise: attention raising did not converge");
      return signalPassFailure();
    }
    if (remarks)
      getOperation()->walk([&](Operation *op) {
        if (!isa<accel::MatmulOp, accel::AttentionOp>(op))
          return;
        if (!op->removeAttr(kPreexisting))
          op->emitRemark() << "raised to " << op->getName();
      });
  }
};
} // namespace
