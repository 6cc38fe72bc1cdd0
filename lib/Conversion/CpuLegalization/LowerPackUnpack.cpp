//===- LowerPackUnpack.cpp - accel-lower-pack-unpack ----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// linalg.pack/unpack (data-tiling layouts) do not bufferize; upstream's own
// lowering makes them ops that do.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"

namespace accel {
#define GEN_PASS_DEF_LOWERPACKUNPACKPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace {
struct LowerPackUnpackPass final
    : accel::impl::LowerPackUnpackPassBase<LowerPackUnpackPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::PackOp, linalg::UnPackOp>(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (Operation *op : ops) {
      rewriter.setInsertionPoint(op);
      bool ok;
      if (auto pack = dyn_cast<linalg::PackOp>(op))
        ok = succeeded(linalg::lowerPack(rewriter, pack));
      else
        ok = succeeded(
            linalg::lowerUnPack(rewriter, cast<linalg::UnPackOp>(op)));
      if (!ok) {
        op->emitOpError("cannot be lowered to pad, reshapes and transposes "
                        "(needed to bufferize it for the CPU)");
        return signalPassFailure();
      }
    }
  }
};
} // namespace
