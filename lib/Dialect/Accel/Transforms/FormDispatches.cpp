//===- FormDispatches.cpp - a dispatch of one per remaining accel op ------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

namespace accel {
#define GEN_PASS_DEF_FORMDISPATCHESPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

/// Moves `op` into a new accel.dispatch of its distinct operands.
static void wrapInDispatch(Operation *op) {
  OpBuilder builder(op);
  llvm::SetVector<Value> inputs(op->operand_begin(), op->operand_end());
  auto dispatch = DispatchOp::create(
      builder, op->getLoc(), op->getResultTypes(), inputs.getArrayRef());
  Block *body = builder.createBlock(&dispatch.getBody());
  IRMapping mapping;
  for (Value input : inputs)
    mapping.map(input, body->addArgument(input.getType(), input.getLoc()));
  Operation *inner = builder.clone(*op, mapping);
  YieldOp::create(builder, op->getLoc(), inner->getResults());
  op->replaceAllUsesWith(dispatch.getResults());
  op->erase();
}

namespace {
struct FormDispatchesPass
    : public accel::impl::FormDispatchesPassBase<FormDispatchesPass> {
  void runOnOperation() override {
    SmallVector<Operation *> toWrap;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<DispatchOp>(op))
        return WalkResult::skip();
      if (isa<AccelDialect>(op->getDialect()) && !isa<YieldOp>(op))
        toWrap.push_back(op);
      return WalkResult::advance();
    });
    for (Operation *op : toWrap)
      wrapInDispatch(op);
  }
};
} // namespace
