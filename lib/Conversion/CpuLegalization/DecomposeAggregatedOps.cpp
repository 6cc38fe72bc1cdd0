//===- DecomposeAggregatedOps.cpp - accel-decompose-aggregated-ops --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// linalg.softmax (the one upstream op with AggregatedOpInterface in LLVM 22)
// has no bufferization and no loop lowering of its own: upstream expects it
// to be decomposed first. This pass applies that decomposition everywhere.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/IR/PatternMatch.h"

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
    IRRewriter rewriter(&getContext());
    // A decomposition may produce aggregates again: repeat until none is
    // left (bounded, in case a decomposition reproduces itself).
    for (int round = 0; round < 8; ++round) {
      SmallVector<linalg::AggregatedOpInterface> ops;
      getOperation()->walk(
          [&](linalg::AggregatedOpInterface op) { ops.push_back(op); });
      if (ops.empty())
        return;
      for (linalg::AggregatedOpInterface op : ops) {
        rewriter.setInsertionPoint(op);
        FailureOr<SmallVector<Value>> results =
            op.decomposeOperation(rewriter);
        if (failed(results) || results->size() != op->getNumResults()) {
          op->emitOpError("has no decomposition into simpler ops (needed "
                          "to lower it for the CPU)");
          return signalPassFailure();
        }
        rewriter.replaceOp(op, *results);
      }
    }
    getOperation()->emitError("aggregated ops still present after 8 rounds "
                              "of decomposition");
    signalPassFailure();
  }
};
} // namespace
