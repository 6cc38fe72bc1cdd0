//===- CudaTranslations.cpp - --accel-to-cuda and --accel-to-ptx ----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"
#include "accel/InitAllDialects.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;
using namespace accel::codegen;

static llvm::cl::opt<std::string>
    targetSm("accel-sm",
             llvm::cl::desc("CUDA target of --accel-to-cuda/--accel-to-ptx "
                            "(sm_80, sm_86, sm_89, sm_90, sm_90a, ...)"),
             llvm::cl::init("sm_80"));

static FailureOr<TargetInfo> getTarget(Operation *op) {
  std::optional<TargetInfo> target = TargetInfo::parse(targetSm);
  if (!target)
    return op->emitError() << "unsupported --accel-sm=" << targetSm
                           << ": accel's CUDA kernels need sm_80 or newer "
                              "(e.g. sm_80, sm_90a)";
  return *target;
}

/// A translation of a module for the --accel-sm target.
static LogicalResult
translateModule(Operation *op, raw_ostream &os,
                llvm::function_ref<LogicalResult(ModuleOp, const TargetInfo &,
                                                 raw_ostream &)>
                    emit) {
  auto module = dyn_cast<ModuleOp>(op);
  if (!module)
    return op->emitError("expects a module");
  FailureOr<TargetInfo> target = getTarget(op);
  if (failed(target))
    return failure();
  return emit(module, *target, os);
}

void accel::codegen::registerCudaTranslations() {
  auto registerDialects = [](DialectRegistry &registry) {
    accel::registerAllDialects(registry);
  };
  TranslateFromMLIRRegistration toCuda(
      "accel-to-cuda", "accel module -> CUDA C++ kernels and host entry points",
      [](Operation *op, raw_ostream &os) {
        return translateModule(
            op, os, [](ModuleOp module, const TargetInfo &target,
                       raw_ostream &out) {
              return emitCuda(module, CudaEmitOptions{target, false}, out);
            });
      },
      registerDialects);
  TranslateFromMLIRRegistration toPtx(
      "accel-to-ptx", "accel module -> PTX of its kernels (NVRTC)",
      [](Operation *op, raw_ostream &os) {
        return translateModule(op, os, emitPtx);
      },
      registerDialects);
}
