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

/// `accel-optimize`: the default optimization pipeline: canonicalize
/// (accel's folds and patterns included), CSE, then accel-fuse-epilogue;
/// the layout, sparsity and raising passes join it as they land.
void buildOptimizePipeline(mlir::OpPassManager &pm,
                           const OptimizePipelineOptions &options);

/// Options of the CUDA pipeline.
struct ToCudaPipelineOptions
    : public mlir::PassPipelineOptions<ToCudaPipelineOptions> {
  Option<std::string> target{
      *this, "target",
      llvm::cl::desc("the chip (sm_80, sm_90a, ...) of a module without "
                     "accel.target"),
      llvm::cl::init("")};
  Option<std::string> tuningTable{
      *this, "tuning-table",
      llvm::cl::desc("a tuning table file for accel-select-kernels"),
      llvm::cl::init("")};
};

/// `accel-to-cuda`: the kernel boundary: accel-form-dispatches (a dispatch
/// of one for every accel op that fusion did not put in one), then
/// accel-select-kernels (a typed config on every kernel-bearing op). Its
/// output is what `accel-translate --accel-to-cuda` compiles.
void buildToCudaPipeline(mlir::OpPassManager &pm,
                         const ToCudaPipelineOptions &options);

/// Options of the CPU reference pipeline.
struct CpuReferencePipelineOptions
    : public mlir::PassPipelineOptions<CpuReferencePipelineOptions> {
  /// How a failed run-time check ends (accel-lower-runtime-checks' mode).
  Option<std::string> runtimeChecks{
      *this, "runtime-checks",
      llvm::cl::desc("abort: print the located message and abort (for "
                     "mlir-runner); report: call the host's "
                     "__accel_runtime_check_failed (accel-run)"),
      llvm::cl::init("abort")};
  PassOptions::Option<bool> vectorizeContractions{
      *this, "vectorize-contractions",
      llvm::cl::desc("tile and vectorize linalg contractions (bitwise the "
                     "same results as the scalar loops)"),
      llvm::cl::init(true)};
};

/// `accel-cpu-reference`: accel-to-linalg, contractions tiled and
/// vectorized (accel-cpu-vectorize-contractions), then one-shot bufferization
/// (identity layouts at function boundaries, so entry points take plain
/// memrefs), vectors lowered (accel-cpu-lower-vectors), loops, run-time
/// checks located (accel-lower-runtime-checks), and the LLVM dialect with C
/// interfaces on every public function. What accel-run JITs; also usable
/// with mlir-runner.
void buildCpuReferencePipeline(mlir::OpPassManager &pm,
                               const CpuReferencePipelineOptions &options);

/// Registers every accel pipeline with the global registry (for tools).
void registerPipelines();

} // namespace accel

#endif // ACCEL_PIPELINES_PIPELINES_H
