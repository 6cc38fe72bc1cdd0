//===- FormDispatches.cpp - a dispatch of one per remaining accel op ------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/LinalgViews.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

namespace accel {
#define GEN_PASS_DEF_FORMDISPATCHESPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

/// A value a dispatch computes inside rather than taking as an input: a
/// scalar constant (a dispatch's inputs are tensors).
static bool isInlinedConstant(Value value) {
  return !isa<ShapedType>(value.getType()) && matchPattern(value, m_Constant());
}

/// The values `op`'s regions use from above, in order of first use.
static llvm::SetVector<Value> getCapturedValues(Operation *op) {
  llvm::SetVector<Value> captured;
  op->walk([&](Operation *inner) {
    if (inner == op)
      return; // its operands are the dispatch's inputs
    for (Value operand : inner->getOperands())
      if (!op->isAncestor(operand.getParentRegion()->getParentOp()))
        captured.insert(operand);
  });
  return captured;
}

/// Moves `op` into a new accel.dispatch of its distinct operands; scalar
/// constants it takes or its regions use are cloned inside.
static void wrapInDispatch(Operation *op) {
  OpBuilder builder(op);
  llvm::SetVector<Value> inputs;
  for (Value operand : op->getOperands())
    if (!isInlinedConstant(operand))
      inputs.insert(operand);
  auto dispatch = DispatchOp::create(
      builder, op->getLoc(), op->getResultTypes(), inputs.getArrayRef());
  Block *body = builder.createBlock(&dispatch.getBody());
  IRMapping mapping;
  for (Value input : inputs)
    mapping.map(input, body->addArgument(input.getType(), input.getLoc()));
  llvm::SetVector<Value> constants = getCapturedValues(op);
  for (Value operand : op->getOperands())
    if (isInlinedConstant(operand))
      constants.insert(operand);
  for (Value constant : constants)
    if (!mapping.contains(constant))
      builder.clone(*constant.getDefiningOp(), mapping);
  Operation *inner = builder.clone(*op, mapping);
  YieldOp::create(builder, op->getLoc(), inner->getResults());
  op->replaceAllUsesWith(dispatch.getResults());
  op->erase();
}

/// A linalg op the CUDA backend computes as a kernel of its own: a
/// linalg.generic or linalg.fill on tensors that is not a transpose (the
/// host program's views), whose scalar operands are constants and whose
/// regions use nothing from above but scalar constants.
static bool isStandaloneLinalgKernel(Operation *op) {
  if (!isa<linalg::GenericOp, linalg::FillOp>(op) ||
      !cast<linalg::LinalgOp>(op).hasPureTensorSemantics() ||
      getTransposePermutation(op))
    return false;
  // A dispatch takes tensors: a scalar operand must be a constant it clones.
  for (Value operand : op->getOperands())
    if (!isa<ShapedType>(operand.getType()) && !isInlinedConstant(operand))
      return false;
  return llvm::all_of(getCapturedValues(op), isInlinedConstant);
}

namespace {
struct FormDispatchesPass
    : public accel::impl::FormDispatchesPassBase<FormDispatchesPass> {
  using FormDispatchesPassBase::FormDispatchesPassBase;
  void runOnOperation() override {
    SmallVector<Operation *> toWrap;
    getOperation()->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (isa<DispatchOp>(op))
        return WalkResult::skip();
      if (isa<AccelDialect>(op->getDialect()) && !isa<YieldOp>(op))
        toWrap.push_back(op);
      if (includeLinalg && isa<linalg::LinalgOp>(op)) {
        if (isStandaloneLinalgKernel(op))
          toWrap.push_back(op);
        return WalkResult::skip(); // not into a linalg op's body
      }
      return WalkResult::advance();
    });
    for (Operation *op : toWrap)
      wrapInDispatch(op);
  }
};
} // namespace
