//===- accel-opt.cpp - accel's optimizer driver ---------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// mlir-opt with the accel dialect, accel's passes and pipelines, and the
// upstream dialects and passes users combine with them. Every standard
// mlir-opt flag works (pipelines, reproducers, timing, IR printing).
//
//===----------------------------------------------------------------------===//

#include "accel/InitAllDialects.h"
#include "accel/InitAllPasses.h"
#include "accel/Tools/LargeStack.h"
#include "accel/Tools/ToolVersion.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  accel::installVersionPrinter("accel-opt");
  mlir::DialectRegistry registry;
  accel::registerAllDialects(registry);
  accel::registerAllPasses();
  return accel::runWithLargeStack([&] {
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, "accel optimizer driver\n", registry));
  });
}
