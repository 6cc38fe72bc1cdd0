//===- Pipelines.cpp - accel's named pass pipelines -----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Pipelines/Pipelines.h"

#include "accel/Codegen/Passes.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Pipelines/CpuLegalization.h"
#include "accel/Pipelines/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void accel::buildOptimizePipeline(OpPassManager &pm,
                                  const OptimizePipelineOptions &options) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(accel::createReparameterizePass());
  // Only matmuls that carry accel.monarch are projected here: the option
  // form changes numerics and stays explicit.
  pm.addPass(accel::createMonarchProjectPass());
  // Exact, and only where the cost model says the (node, relation) form is
  // cheaper (static sizes); before accel-layout, which sees its GEMM.
  pm.addPass(accel::createRgnnOptimizePass());
  // After the weight rewrites, so the weights they create are laid out too.
  pm.addPass(accel::createLayoutPass());
  // Head-shard coverage only: pruning changes numerics and stays explicit.
  pm.addPass(accel::createSparsifyPass());
  // The weights the two folded away are dead now.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(accel::createFuseEpiloguePass());
}

void accel::buildToCudaPipeline(OpPassManager &pm,
                                const ToCudaPipelineOptions &options) {
  // What accel-translate's prepareForCuda runs: the linalg chains fusion
  // left fused, then every kernel-bearing op (those linalg ops included) a
  // dispatch.
  pm.addPass(accel::createFuseLinalgPass());
  accel::FormDispatchesPassOptions formOptions;
  formOptions.includeLinalg = true;
  pm.addPass(accel::createFormDispatchesPass(formOptions));
  accel::SelectKernelsPassOptions selectOptions;
  selectOptions.target = options.target;
  selectOptions.tuningTable = options.tuningTable;
  pm.addPass(accel::createSelectKernelsPass(selectOptions));
}

void accel::buildCpuReferencePipeline(
    OpPassManager &pm, const CpuReferencePipelineOptions &options) {
  pm.addPass(createConvertAccelToLinalgPass());
  // Elementwise arith/math on tensors (residual adds, activations) is not
  // bufferizable as such: make it linalg.
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  accel::addCpuTensorLegalization(pm);
  pm.addPass(createCanonicalizerPass());
  // Contractions: cache and register tiles, vectorized on tensors; the
  // results are bitwise those of the scalar loops (see Passes.td).
  if (options.vectorizeContractions)
    pm.addNestedPass<func::FuncOp>(createCpuVectorizeContractionsPass());
  bufferization::OneShotBufferizePassOptions bufferizeOptions;
  bufferizeOptions.bufferizeFunctionBoundaries = true;
  bufferizeOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  // A loop may yield a new tensor (jax.lax.fori_loop): copy, do not refuse.
  bufferizeOptions.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferizeOptions));
  bufferization::buildBufferDeallocationPipeline(pm);
  // Deallocation leaves bufferization.clone where a result aliases an
  // argument.
  pm.addPass(createConvertBufferizationToMemRefPass());
  if (options.vectorizeContractions)
    pm.addNestedPass<func::FuncOp>(createCpuLowerVectorsPass());
  pm.addPass(accel::createLowerStridedCopiesPass());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  pm.addPass(createConvertVectorToSCFPass());
  // Before lower-affine: reshapes of dynamic dims expand to affine.apply.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(accel::createLowerRuntimeChecksPass(
      accel::LowerRuntimeChecksPassOptions{options.runtimeChecks}));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  // Entry points get `_mlir_ciface_` wrappers taking memref descriptors
  // (before the math lowering declares libm functions, which must not).
  pm.addNestedPass<func::FuncOp>(LLVM::createLLVMRequestCWrappersPass());
  accel::addCpuMathLowering(pm);
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  // Vector lowering leaves ub.poison (undefined padding of transfers).
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void accel::registerPipelines() {
  registerAccelPipelinesPasses();
  PassPipelineRegistration<CpuReferencePipelineOptions>(
      "accel-cpu-reference",
      "lower accel to LLVM for CPU execution (accel-to-linalg, bufferize, "
      "loops, LLVM dialect)",
      buildCpuReferencePipeline);
  PassPipelineRegistration<OptimizePipelineOptions>(
      "accel-optimize", "accel's default optimization pipeline",
      buildOptimizePipeline);
  PassPipelineRegistration<ToCudaPipelineOptions>(
      "accel-to-cuda",
      "the kernel boundary for the CUDA backend: accel-form-dispatches, "
      "then accel-select-kernels",
      buildToCudaPipeline);
}
