//===- InitAllPasses.h - passes accel's tools register ----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_INITALLPASSES_H
#define ACCEL_INITALLPASSES_H

#include "accel/Conversion/Passes.h"
#include "accel/Pipelines/Pipelines.h"
#include "mlir/InitAllPasses.h"

namespace accel {

/// accel's passes and pipelines plus every upstream pass, so that accel-opt
/// takes any mlir-opt pipeline.
inline void registerAllPasses() {
  mlir::registerAllPasses();
  registerAccelConversionPasses();
  registerPipelines();
}

} // namespace accel

#endif // ACCEL_INITALLPASSES_H
