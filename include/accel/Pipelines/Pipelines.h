//===- Pipelines.h - accel's named pass pipelines ---------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_PIPELINES_PIPELINES_H
#define ACCEL_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace accel {

/// Options of the default optimization pipeline.
struct OptimizePipelineOptions
    : public mlir::PassPipelineOptions<OptimizePipelineOptions> {};

/// `accel-optimize`: the default optimization pipeline. For now it
/// canonicalizes (accel's folds and patterns included) and CSEs; the
/// fusion, layout, sparsity and quantization passes join it as they land.
void buildOptimizePipeline(mlir::OpPassManager &pm,
                           const OptimizePipelineOptions &options);

/// Registers every accel pipeline with the global registry (for tools).
void registerPipelines();

} // namespace accel

#endif // ACCEL_PIPELINES_PIPELINES_H
