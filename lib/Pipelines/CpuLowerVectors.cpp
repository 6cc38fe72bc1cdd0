//===- CpuLowerVectors.cpp - lower the register tiles' vector ops ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs after bufferization on what accel-cpu-vectorize-contractions made:
// hoists each register tile's accumulator out of its reduction loop, then
// lowers vector.contract to outer products with a separate multiply and add
// (the reference rounding; see Passes.td), and the transfers, masks,
// transposes and broadcasts towards convert-vector-to-scf/-llvm.
//
//===----------------------------------------------------------------------===//

#include "accel/Pipelines/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorTransforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace accel {
#define GEN_PASS_DEF_CPULOWERVECTORSPASS
#include "accel/Pipelines/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace {
/// vector.fma(a, b, c) -> c + a * b, each rounded: the contract lowering's
/// outer products fuse, the reference formulas do not.
struct SplitFma final : OpRewritePattern<vector::FMAOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::FMAOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value product =
        arith::MulFOp::create(rewriter, loc, op.getLhs(), op.getRhs());
    rewriter.replaceOpWithNewOp<arith::AddFOp>(op, op.getAcc(), product);
    return success();
  }
};

struct CpuLowerVectorsPass final
    : accel::impl::CpuLowerVectorsPassBase<CpuLowerVectorsPass> {
  using Base::Base;

  LogicalResult apply(RewritePatternSet &&patterns) {
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return getOperation().emitError(
          "accel-cpu-lower-vectors: the vector lowering did not converge");
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    MLIRContext *context = &getContext();
    bool hasVectors = false;
    func.walk([&](Operation *op) {
      if (isa<vector::VectorDialect>(op->getDialect()))
        hasVectors = true;
    });
    if (!hasVectors)
      return;
    // Bufferization leaves the tile loops carrying memrefs they yield
    // unchanged; folding those makes the tiles' subviews loop-invariant.
    {
      RewritePatternSet patterns(context);
      scf::ForOp::getCanonicalizationPatterns(patterns, context);
      memref::SubViewOp::getCanonicalizationPatterns(patterns, context);
      if (failed(apply(std::move(patterns))))
        return signalPassFailure();
    }
    // Accumulators into registers: the reads and writes of a tile's output
    // that do not depend on the reduction loop move out of it.
    func.walk([](LoopLikeOpInterface loop) { moveLoopInvariantCode(loop); });
    // A zero-trip loop then reads and writes back the same in-bounds tile.
    linalg::hoistRedundantVectorTransfers(func, /*verifyNonZeroTrip=*/false);
    {
      RewritePatternSet patterns(context);
      vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
      vector::populateVectorTransferDropUnitDimsPatterns(patterns);
      vector::populateDropUnitDimWithShapeCastPatterns(patterns);
      vector::populateSinkVectorOpsPatterns(patterns);
      vector::TransferReadOp::getCanonicalizationPatterns(patterns, context);
      vector::TransferWriteOp::getCanonicalizationPatterns(patterns, context);
      vector::ContractionOp::getCanonicalizationPatterns(patterns, context);
      if (failed(apply(std::move(patterns))))
        return signalPassFailure();
    }
    {
      RewritePatternSet patterns(context);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      vector::populateVectorMaskOpLoweringPatterns(patterns);
      patterns.add<SplitFma>(context, /*benefit=*/2);
      if (failed(apply(std::move(patterns))))
        return signalPassFailure();
    }
    {
      RewritePatternSet patterns(context);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::EltWise);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerParallel);
      patterns.add<SplitFma>(context, /*benefit=*/2);
      if (failed(apply(std::move(patterns))))
        return signalPassFailure();
    }
  }
};
} // namespace
