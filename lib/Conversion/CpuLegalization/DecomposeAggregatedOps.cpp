//===- DecomposeAggregatedOps.cpp - accel-decompose-aggregated-ops --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// linalg.softmax (the one upstream op with AggregatedOpInterface in LLVM 22)
// and the Winograd transforms have no bufferization and no loop lowering of
// their own: upstream expects them to be decomposed first. This pass applies
// those decompositions everywhere.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace accel {
#define GEN_PASS_DEF_DECOMPOSEAGGREGATEDOPSPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace {
struct DecomposeAggregatedOpsPass final
    : accel::impl::DecomposeAggregatedOpsPassBase<DecomposeAggregatedOpsPass> {
  using Base::Base;

  void runOnOperation() override {
    if (failed(decomposeAggregates()) || failed(decomposeWinograd()))
      signalPassFailure();
  }

  /// The Winograd filter/input/output transforms, by upstream's patterns.
  LogicalResult decomposeWinograd() {
    RewritePatternSet patterns(&getContext());
    linalg::populateDecomposeWinogradOpsPatterns(patterns);
    // Only the Winograd ops are rewritten: nothing else is touched.
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::WinogradFilterTransformOp, linalg::WinogradInputTransformOp,
              linalg::WinogradOutputTransformOp>(op))
        ops.push_back(op);
    });
    if (ops.empty())
      return success();
    (void)applyOpPatternsGreedily(ops, std::move(patterns), config);
    WalkResult left = getOperation()->walk([&](Operation *op) {
      if (!isa<linalg::WinogradFilterTransformOp,
               linalg::WinogradInputTransformOp,
               linalg::WinogradOutputTransformOp>(op))
        return WalkResult::advance();
      op->emitOpError("has no decomposition into simpler ops (needed to "
                      "lower it for the CPU)");
      return WalkResult::interrupt();
    });
    return failure(left.wasInterrupted());
  }

  LogicalResult decomposeAggregates() {
    IRRewriter rewriter(&getContext());
    // A decomposition may produce aggregates again: repeat until none is
    // left (bounded, in case a decomposition reproduces itself).
    for (int round = 0; round < 8; ++round) {
      SmallVector<linalg::AggregatedOpInterface> ops;
      getOperation()->walk(
          [&](linalg::AggregatedOpInterface op) { ops.push_back(op); });
      if (ops.empty())
        return success();
      for (linalg::AggregatedOpInterface op : ops) {
        rewriter.setInsertionPoint(op);
        FailureOr<SmallVector<Value>> results =
            op.decomposeOperation(rewriter);
        if (failed(results) || results->size() != op->getNumResults()) {
          return op->emitOpError("has no decomposition into simpler ops "
                                 "(needed to lower it for the CPU)");
        }
        rewriter.replaceOp(op, *results);
      }
    }
    return getOperation()->emitError(
        "aggregated ops still present after 8 rounds of decomposition");
  }
};
} // namespace
