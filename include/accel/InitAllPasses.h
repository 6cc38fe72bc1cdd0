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
/// Test-only passes (test/lib), linked into accel's own tools for the lit
/// tests; not part of the installed libraries.
void registerTestWrongRewritePass();
void registerTestCrashPass();
inline void registerAllTestPasses() {
  registerTestWrongRewritePass();
  registerTestCrashPass();
}
} // namespace test

/// accel's passes and pipelines plus every upstream pass, so that accel-opt
/// takes any mlir-opt pipeline.
inline void registerAllPasses() {
  mlir::registerAllPasses();
  registerAccelConversionPasses();
  registerAccelTransformsPasses();
  registerAccelCodegenPasses();
  registerPipelines();
}

} // namespace accel

#endif // ACCEL_INITALLPASSES_H
