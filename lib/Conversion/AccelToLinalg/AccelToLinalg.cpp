//===- AccelToLinalg.cpp - the accel-to-linalg pass -----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace accel {
#define GEN_PASS_DEF_CONVERTACCELTOLINALGPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

void accel::populateAccelToLinalgPatterns(RewritePatternSet &patterns) {
  populateMatmulToLinalgPatterns(patterns);
  populateAttentionToLinalgPatterns(patterns);
  populateMonarchToLinalgPatterns(patterns);
  populateGraphToLinalgPatterns(patterns);
  populateQuantizationToLinalgPatterns(patterns);
  populateScanToLinalgPatterns(patterns);
}

namespace {
struct ConvertAccelToLinalgPass final
    : accel::impl::ConvertAccelToLinalgPassBase<ConvertAccelToLinalgPass> {
  using Base::Base;

  /// A dispatch means what its ops mean: on the CPU its body replaces it
  /// (innermost first, should fusion ever nest them).
  static void inlineDispatches(Operation *root) {
    SmallVector<accel::DispatchOp> dispatches;
    root->walk([&](accel::DispatchOp dispatch) { dispatches.push_back(dispatch); });
    IRRewriter rewriter(root->getContext());
    for (accel::DispatchOp dispatch : dispatches) {
      Block &body = dispatch.getBody().front();
      auto yield = cast<accel::YieldOp>(body.getTerminator());
      SmallVector<Value> results(yield.getValues());
      rewriter.eraseOp(yield);
      rewriter.inlineBlockBefore(&body, dispatch, dispatch.getInputs());
      rewriter.replaceOp(dispatch, results);
    }
  }

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    inlineDispatches(getOperation());
    ConversionTarget target(*context);
    // accel ops have unknown legality rather than being illegal: a pattern
    // that cannot lower its op says why with an error on the op, and an
    // explicitly illegal op would get a second, opaque "failed to legalize
    // operation" from the driver. The ops left are reported below, once.
    target.markUnknownOpDynamicallyLegal(
        [](Operation *op) -> std::optional<bool> {
          if (isa<accel::AccelDialect>(op->getDialect()))
            return std::nullopt;
          return true;
        });
    RewritePatternSet patterns(context);
    accel::populateAccelToLinalgPatterns(patterns);
    // The reference is the contract's formula: it folds nothing, so that a
    // fold of an accel op can be checked against it.
    ConversionConfig config;
    config.foldingMode = DialectConversionFoldingMode::Never;

    // Where the patterns reported errors (the diagnostics still reach the
    // handlers installed before this one).
    DenseSet<Location> reported;
    LogicalResult converted = success();
    {
      ScopedDiagnosticHandler handler(context, [&](Diagnostic &diagnostic) {
        if (diagnostic.getSeverity() == DiagnosticSeverity::Error)
          reported.insert(diagnostic.getLocation());
        return failure();
      });
      converted = applyPartialConversion(getOperation(), target,
                                         std::move(patterns), config);
    }
    bool remaining = false;
    getOperation()->walk([&](Operation *op) {
      if (!isa<accel::AccelDialect>(op->getDialect()))
        return;
      remaining = true;
      if (!reported.contains(op->getLoc()))
        op->emitOpError() << "has no lowering to linalg in this form";
    });
    if (failed(converted) || remaining)
      signalPassFailure();
  }
};
} // namespace
