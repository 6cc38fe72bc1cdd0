//===- RuntimeChecks.cpp - run-time shape checks of the lowerings ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "RuntimeChecks.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

/// Whether every operand and result of `op` has a static shape, i.e. the
/// verifier has already compared every pair of sizes the lowering relies on.
bool accel::lowering::hasStaticShapes(Operation *op) {
  auto isStatic = [](Type type) {
    auto shaped = dyn_cast<ShapedType>(type);
    return !shaped || shaped.hasStaticShape();
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

/// Run-time checks are cf.assert ops; the cf dialect must have been loaded
/// before the conversion started (dialects cannot be loaded while passes
/// run).
LogicalResult accel::lowering::checkRunTimeChecksAvailable(Operation *op) {
  if (hasStaticShapes(op) ||
      op->getContext()->getLoadedDialect<cf::ControlFlowDialect>())
    return success();
  return op->emitOpError()
         << "with dynamic dims needs the cf dialect for run-time shape checks, "
            "which is not loaded";
}

/// Emits `cf.assert lhs == rhs` unless both sizes are static: the verifier
/// has then compared them already.
void accel::lowering::assertSameSize(OpBuilder &b, Location loc,
                                     OpFoldResult lhs, OpFoldResult rhs,
                                     const Twine &message) {
  if (getConstantIntValue(lhs) && getConstantIntValue(rhs))
    return;
  Value equal =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                            getValueOrCreateConstantIndexOp(b, loc, lhs),
                            getValueOrCreateConstantIndexOp(b, loc, rhs));
  cf::AssertOp::create(b, loc, equal, b.getStringAttr(message));
}

