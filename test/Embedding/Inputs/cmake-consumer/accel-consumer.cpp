//===- accel-consumer.cpp - accel as another compiler's backend -----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What a front-end compiler that hands its linalg to accel does, with only
// the installed headers and libraries: register accel's dialects, raise the
// front end's IR to accel ops, run accel's optimization pipeline, and
// translate the result to CUDA C++.
//
//   accel-consumer input.mlir [sm]      prints the optimized IR, then the CUDA
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"
#include "accel/Conversion/Passes.h"
#include "accel/InitAllDialects.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Version.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    llvm::errs() << "usage: accel-consumer input.mlir [sm]\n";
    return 2;
  }
  llvm::outs() << "consumer built against accel " << ACCEL_VERSION_STRING
               << "\n";
  mlir::DialectRegistry registry;
  accel::registerAllDialects(registry);
  mlir::MLIRContext context(registry);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], &context);
  if (!module)
    return 1;

  mlir::PassManager pm(&context);
  pm.addPass(accel::createRaisePass());
  accel::buildOptimizePipeline(pm, accel::OptimizePipelineOptions());
  if (mlir::failed(pm.run(*module)))
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";

  accel::codegen::CudaCompileOptions options;
  options.chip = argc > 2 ? argv[2] : "sm_90a";
  if (mlir::failed(accel::codegen::translateToCuda(*module, options, llvm::outs())))
    return 1;
  return 0;
}
