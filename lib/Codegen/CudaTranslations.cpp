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

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

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

void accel::codegen::registerCudaTranslations(
    std::function<CudaCompileOptions()> getOptions, const InputScreen &screen) {
  // The tool's options are read when a translation runs (after parsing the
  // command line), not when it registers.
  auto translateWith = [getOptions](auto translate) {
    return [getOptions, translate](Operation *op, raw_ostream &os) {
      auto module = dyn_cast<ModuleOp>(op);
      if (!module)
        return LogicalResult(op->emitError("expects a module"));
      return translate(module, getOptions(), os);
    };
  };
  registerScreenedTranslation(
      "accel-to-cuda", "accel module -> CUDA C++ kernels and host entry points",
      screen, translateWith(translateToCuda));
  registerScreenedTranslation(
      "accel-to-cuda-host",
      "accel module -> the EmitC host program of its CUDA entry points",
      screen, translateWith(translateToCudaHost));
  registerScreenedTranslation("accel-to-ptx",
                              "accel module -> PTX of its kernels (NVRTC)",
                              screen, translateWith(translateToPtx));
}
