//===- Accel.cpp - accel's C API ------------------------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel-c/Accel.h"

#include "accel/Codegen/CudaEmitter.h"
#include "accel/Codegen/KernelFamily.h"
#include "accel/Codegen/Passes.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Version.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/CAPI/Utils.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"

#include <mutex>

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Accel, accel, accel::AccelDialect)

void accelRegisterAllDialects(MlirDialectRegistry registry) {
  mlir::DialectRegistry &cppRegistry = *unwrap(registry);
  cppRegistry.insert<accel::AccelDialect>();
  accel::codegen::registerKernelConfigModels(cppRegistry);
  mlir::registerAllDialects(cppRegistry);
  mlir::registerAllExtensions(cppRegistry);
}

void accelRegisterAllPasses(void) {
  // Pass registration is global and refuses a second registration of a
  // name; hosts call this from wherever they initialize.
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::registerAllPasses();
    accel::registerAccelConversionPasses();
    accel::registerAccelTransformsPasses();
    accel::registerAccelCodegenPasses();
    accel::registerPipelines();
  });
}

namespace {
using Translation = mlir::LogicalResult (*)(mlir::ModuleOp,
                                           const accel::codegen::CudaCompileOptions &,
                                           llvm::raw_ostream &);

MlirLogicalResult translate(Translation translation, MlirModule module,
                            MlirStringRef chip, MlirStringCallback callback,
                            void *userData) {
  accel::codegen::CudaCompileOptions options;
  if (chip.length != 0)
    options.chip = std::string(chip.data, chip.length);
  mlir::detail::CallbackOstream stream(callback, userData);
  mlir::LogicalResult result = translation(unwrap(module), options, stream);
  stream.flush();
  return wrap(result);
}
} // namespace

MlirLogicalResult accelTranslateModuleToCuda(MlirModule module,
                                             MlirStringRef chip,
                                             MlirStringCallback callback,
                                             void *userData) {
  return translate(accel::codegen::translateToCuda, module, chip, callback,
                   userData);
}

MlirLogicalResult accelTranslateModuleToPtx(MlirModule module,
                                            MlirStringRef chip,
                                            MlirStringCallback callback,
                                            void *userData) {
  return translate(accel::codegen::translateToPtx, module, chip, callback,
                   userData);
}

MlirStringRef accelGetVersion(void) {
  return mlirStringRefCreateFromCString(ACCEL_VERSION_STRING);
}

MlirStringRef accelGetLlvmVersion(void) {
  return mlirStringRefCreateFromCString(ACCEL_LLVM_VERSION_STRING);
}
