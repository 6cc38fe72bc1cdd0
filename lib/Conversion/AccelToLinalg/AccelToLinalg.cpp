//===- AccelToLinalg.cpp - the accel-to-linalg pass -----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
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
}

namespace {
struct ConvertAccelToLinalgPass final
    : accel::impl::ConvertAccelToLinalgPassBase<ConvertAccelToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ConversionTarget target(*context);
    target.addIllegalDialect<accel::AccelDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(context);
    accel::populateAccelToLinalgPatterns(patterns);
    // The reference is the contract's formula: it folds nothing, so that a
    // fold of an accel op can be checked against it.
    ConversionConfig config;
    config.foldingMode = DialectConversionFoldingMode::Never;
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns), config)))
      signalPassFailure();
  }
};
} // namespace
