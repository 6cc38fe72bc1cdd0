//===- TestWrongRewrite.cpp - a deliberately wrong rewrite ----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// `accel-test-wrong-rewrite` changes what programs compute: it drops the
// bias of accel.matmul, flips `causal` on accel.attention and turns a mean
// scatter into a sum. It exists so that tests can show the differential
// checker (accel-run --compare-pipeline) catches a broken transform.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

namespace {
struct TestWrongRewritePass final
    : PassWrapper<TestWrongRewritePass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestWrongRewritePass)

  StringRef getArgument() const final { return "accel-test-wrong-rewrite"; }
  StringRef getDescription() const final {
    return "test only: a rewrite that breaks numerics on purpose";
  }

  void runOnOperation() override {
    getOperation()->walk([](Operation *op) {
      if (auto matmul = dyn_cast<accel::MatmulOp>(op)) {
        if (matmul.getBias())
          matmul.getBiasMutable().clear();
      } else if (auto attention = dyn_cast<accel::AttentionOp>(op)) {
        attention.setCausal(!attention.getCausal());
      } else if (auto scatter = dyn_cast<accel::ScatterReduceOp>(op)) {
        if (scatter.getReduce() == "mean")
          scatter.setReduce("sum");
      }
    });
  }
};
} // namespace

namespace accel::test {
void registerTestWrongRewritePass() {
  PassRegistration<TestWrongRewritePass>();
}
} // namespace accel::test
