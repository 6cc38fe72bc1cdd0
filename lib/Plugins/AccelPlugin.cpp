//===- AccelPlugin.cpp - accel as a plugin of upstream MLIR tools ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// One shared library that Debian's mlir-opt-22 (or any tool built on
// libMLIR.so with MlirOptMain) loads both ways:
//
//   mlir-opt-22 --load-dialect-plugin=AccelPlugin.so \
//               --load-pass-plugin=AccelPlugin.so model.mlir --accel-optimize
//
// The dialect entry point registers the accel dialect and the kernel-config
// models that verify `accel.kernel_config`; the pass entry point registers
// every accel pass and pipeline (the upstream ones are the tool's own). The
// tool and the plugin share libMLIR.so, so they share TypeIDs and
// registries; a tool with MLIR linked in statically cannot load it.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/KernelFamily.h"
#include "accel/Codegen/Passes.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Version.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "accel", ACCEL_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            registry->insert<accel::AccelDialect>();
            accel::codegen::registerKernelConfigModels(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "accel", ACCEL_VERSION_STRING, []() {
            accel::registerAccelConversionPasses();
            accel::registerAccelTransformsPasses();
            accel::registerAccelCodegenPasses();
            accel::registerPipelines();
          }};
}
