//===- accel-translate.cpp - accel's translation driver -------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// mlir-translate for accel: --accel-to-cuda (CUDA C++ kernels and host
// entry points), --accel-to-ptx (their PTX, through NVRTC), and MLIR's
// export of LLVM-dialect modules to LLVM IR.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"
#include "accel/InitAllDialects.h"
#include "accel/Tools/CrashHandler.h"
#include "accel/Tools/UpstreamGuards.h"
#include "accel/Tools/LargeStack.h"
#include "accel/Tools/ToolVersion.h"

#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

namespace {
llvm::cl::opt<std::string> targetChip(
    "accel-sm",
    llvm::cl::desc("CUDA target of --accel-to-cuda/--accel-to-ptx for a "
                   "module without accel.target (sm_80, sm_86, sm_89, sm_90, "
                   "sm_90a, ...; default sm_80)"),
    llvm::cl::init("sm_80"));
llvm::cl::opt<std::string> tuningTable(
    "accel-tuning-table",
    llvm::cl::desc("tuning table of measured kernel configs for "
                   "accel-select-kernels (docs/codegen.md)"),
    llvm::cl::init(""));

/// `--mlir-to-llvmir`: modules already lowered to the LLVM dialect.
void registerToLLVMIR() {
  mlir::TranslateFromMLIRRegistration registration(
      "mlir-to-llvmir", "translate a module in the LLVM dialect to LLVM IR",
      [](mlir::Operation *op, llvm::raw_ostream &output) {
        llvm::LLVMContext llvmContext;
        std::unique_ptr<llvm::Module> module =
            mlir::translateModuleToLLVMIR(op, llvmContext);
        if (!module)
          return mlir::failure();
        module->print(output, nullptr);
        return mlir::success();
      },
      [](mlir::DialectRegistry &registry) {
        accel::registerAllDialects(registry);
        registry.insert<mlir::LLVM::LLVMDialect>();
        mlir::registerAllToLLVMIRTranslations(registry);
      });
}
} // namespace

int main(int argc, char **argv) {
  accel::installCrashHandler("accel-translate", argv[0]);
  accel::installVersionPrinter("accel-translate");
  registerToLLVMIR();
  accel::codegen::registerCudaTranslations(
      [] {
        accel::codegen::CudaCompileOptions options;
        if (targetChip.getNumOccurrences())
          options.chip = targetChip;
        options.tuningTable = tuningTable;
        return options;
      },
      [](const llvm::SourceMgr &sourceMgr) {
        return accel::findUpstreamParserCrashes(sourceMgr,
                                                sourceMgr.getMainFileID());
      });
  return accel::runWithLargeStack([&] {
    return mlir::failed(
        mlir::mlirTranslateMain(argc, argv, "accel translation driver\n"));
  });
}
