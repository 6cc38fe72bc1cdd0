//===- accel-opt.cpp - accel's optimizer driver ---------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the accel dialect, accel's passes and pipelines, and the
// upstream dialects and passes users combine with them. Every standard
// mlir-opt flag works (pipelines, reproducers, timing, IR printing). The
// input is screened for the constructs that crash the upstream parser
// (UpstreamGuards.h) before MLIR parses it, and a crash prints a short
// report (CrashHandler.h).
//
//===----------------------------------------------------------------------===//

#include "accel/InitAllDialects.h"
#include "accel/InitAllPasses.h"
#include "accel/Tools/CrashHandler.h"
#include "accel/Tools/LargeStack.h"
#include "accel/Tools/ToolVersion.h"
#include "accel/Tools/UpstreamGuards.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"

static int runOpt(int argc, char **argv, mlir::DialectRegistry &registry) {
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "accel optimizer driver\n", registry);
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();
  // Listing dialects or passes reads no input: upstream's driver does it.
  if (config.shouldShowDialects() || config.shouldListPasses())
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &errorMessage);
  if (!input) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  llvm::SourceMgr screen;
  unsigned bufferId = screen.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBuffer(input->getMemBufferRef(),
                                       /*RequiresNullTerminator=*/false),
      llvm::SMLoc());
  if (accel::findUpstreamParserCrashes(screen, bufferId))
    return 1;

  std::unique_ptr<llvm::ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &errorMessage);
  if (!output) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  if (mlir::failed(
          mlir::MlirOptMain(output->os(), std::move(input), registry, config)))
    return 1;
  output->keep();
  return 0;
}

int main(int argc, char **argv) {
  accel::installCrashHandler("accel-opt", argv[0]);
  accel::installVersionPrinter("accel-opt");
  mlir::DialectRegistry registry;
  accel::registerAllDialects(registry);
  accel::registerAllPasses();
  accel::test::registerAllTestPasses();
  return accel::runWithLargeStack([&] { return runOpt(argc, argv, registry); });
}
