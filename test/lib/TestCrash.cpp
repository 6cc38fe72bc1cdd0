//===- TestCrash.cpp - a pass that crashes, for the crash report tests ----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The tools' crash report (accel/Tools/CrashHandler.h) is checked by making
// a tool crash on purpose: this pass raises SIGSEGV.
//
//===----------------------------------------------------------------------===//

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"

#include <csignal>

using namespace mlir;

namespace {
struct TestCrashPass final : PassWrapper<TestCrashPass, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestCrashPass)

  StringRef getArgument() const final { return "accel-test-crash"; }
  StringRef getDescription() const final {
    return "test only: crash with SIGSEGV";
  }

  void runOnOperation() override { std::raise(SIGSEGV); }
};
} // namespace

namespace accel::test {
void registerTestCrashPass() { PassRegistration<TestCrashPass>(); }
} // namespace accel::test
