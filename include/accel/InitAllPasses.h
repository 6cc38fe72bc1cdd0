//===- InitAllPasses.h - passes accel's tools register ----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_INITALLPASSES_H
#define ACCEL_INITALLPASSES_H

#include "accel/Pipelines/Pipelines.h"
#include "mlir/Transforms/Passes.h"

namespace accel {

/// accel's passes and pipelines plus the upstream cleanup passes
/// (canonicalize, cse, inline, symbol-dce, ...).
inline void registerAllPasses() {
  mlir::registerTransformsPasses();
  registerPipelines();
}

} // namespace accel

#endif // ACCEL_INITALLPASSES_H
