//===- FuseLinalg.cpp - one op of each elementwise linalg chain -----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace accel {
#define GEN_PASS_DEF_FUSELINALGPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {
struct FuseLinalgPass : public accel::impl::FuseLinalgPassBase<FuseLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(patterns, shouldFuse);
    FrozenRewritePatternSet frozen(std::move(patterns));
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    // The driver does not revisit a fused op whose other producer was still
    // used by the (erased) consumer: rounds over the current ops until none
    // changes. Each round fuses at least one pair, so this ends; the bound
    // is a guard. Not converging within a round leaves valid, partly fused
    // IR: nothing to fail for.
    for (int round = 0; round < 64; ++round) {
      SmallVector<Operation *> ops = collectLinalgOps();
      bool changed = false;
      if (ops.empty())
        return;
      (void)applyOpPatternsGreedily(ops, frozen, config, &changed);
      if (!changed)
        return;
    }
  }

private:
  /// The linalg ops in no dispatch (nor in another linalg op's body): the
  /// only ones the patterns may rewrite (and the ops they create).
  SmallVector<Operation *> collectLinalgOps() {
    SmallVector<Operation *> ops;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<DispatchOp>(op))
        return WalkResult::skip();
      if (isa<linalg::LinalgOp>(op)) {
        ops.push_back(op);
        return WalkResult::skip();
      }
      return WalkResult::advance();
    });
    return ops;
  }

  /// Fuse a producer into a consumer only where that duplicates no work
  /// and keeps the fused op what the CUDA generic kernel takes: the
  /// producer has one use, reads no init (upstream would keep its result as
  /// a second result of the fused op), the consumer reads it element for
  /// element (through a broadcast it would be recomputed for every element
  /// it is broadcast to), both are outside dispatches, and the fused op
  /// reads at most 8 tensors.
  static bool shouldFuse(OpOperand *fused) {
    auto producer = fused->get().getDefiningOp<linalg::LinalgOp>();
    auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
    if (!producer || !consumer || !producer->hasOneUse() ||
        producer->getParentOfType<DispatchOp>() ||
        consumer->getParentOfType<DispatchOp>())
      return false;
    for (OpOperand &init : producer.getDpsInitsMutable())
      if (producer.payloadUsesValueFromOperand(&init))
        return false;
    if (!consumer.getMatchingIndexingMap(fused).isPermutation())
      return false;
    return consumer.getNumDpsInputs() - 1 + producer.getNumDpsInputs() <=
           kMaxFusedInputs;
  }

  /// The CUDA generic kernel's limit on the tensors an op reads.
  static constexpr int64_t kMaxFusedInputs = 8;
};
} // namespace
