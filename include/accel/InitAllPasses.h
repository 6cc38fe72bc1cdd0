//===- InitAllPasses.h - passes accel's tools register ----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_INITALLPASSES_H
#define ACCEL_INITALLPASSES_H

#include "accel/Codegen/Passes.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Pipelines/Pipelines.h"
#include "mlir/InitAllPasses.h"

namespace accel {
namespace test {
/// Test-only passes (test/lib), linked into the tools for lit tests.
void registerTestWrongRewritePass();
void registerTestCrashPass();
} // namespace test

/// accel's passes and pipelines plus every upstream pass, so that accel-opt
/// takes any mlir-opt pipeline.
inline void registerAllPasses() {
  mlir::registerAllPasses();
  registerAccelConversionPasses();
  registerAccelTransformsPasses();
  registerAccelCodegenPasses();
  registerPipelines();
  test::registerTestWrongRewritePass();
  test::registerTestCrashPass();
}

} // namespace accel

#endif // ACCEL_INITALLPASSES_H
