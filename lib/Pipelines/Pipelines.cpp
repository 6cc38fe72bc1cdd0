//===- Pipelines.cpp - accel's named pass pipelines -----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Pipelines/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void accel::buildOptimizePipeline(OpPassManager &pm,
                                  const OptimizePipelineOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void accel::registerPipelines() {
  PassPipelineRegistration<OptimizePipelineOptions>(
      "accel-optimize", "accel's default optimization pipeline",
      buildOptimizePipeline);
}
