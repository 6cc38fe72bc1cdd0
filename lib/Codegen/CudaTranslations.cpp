//===- CudaTranslations.cpp - --accel-to-cuda and --accel-to-ptx ----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"
#include "accel/InitAllDialects.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/ParseUtilities.h"
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

/// Registers translation `name`: the input is screened (when `screen` is
/// set), parsed with accel's dialects, verified, and handed to `translate`.
/// The raw registration sees the source before MLIR parses it, which
/// TranslateFromMLIRRegistration does not.
static void registerScreenedTranslation(
    StringRef name, StringRef description, const InputScreen &screen,
    std::function<LogicalResult(Operation *, raw_ostream &)> translate) {
  TranslateRegistration registration(
      name, description,
      [screen, translate](const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
                          raw_ostream &os, MLIRContext *context) {
        if (screen && screen(*sourceMgr))
          return failure();
        DialectRegistry registry;
        accel::registerAllDialects(registry);
        context->appendDialectRegistry(registry);
        OwningOpRef<Operation *> op = parseSourceFileForTool(
            sourceMgr, ParserConfig(context), /*insertImplicitModule=*/true);
        if (!op || failed(verify(*op)))
          return failure();
        return translate(*op, os);
      });
}

void accel::codegen::registerCudaTranslations(const InputScreen &screen) {
  registerScreenedTranslation(
      "accel-to-cuda", "accel module -> CUDA C++ kernels and host entry points",
      screen, [](Operation *op, raw_ostream &os) {
        return translateModule(
            op, os,
            [](ModuleOp module, const TargetInfo &target, raw_ostream &out) {
              return emitCuda(module, CudaEmitOptions{target, false}, out);
            });
      });
  registerScreenedTranslation("accel-to-ptx",
                              "accel module -> PTX of its kernels (NVRTC)",
                              screen, [](Operation *op, raw_ostream &os) {
                                return translateModule(op, os, emitPtx);
                              });
}
