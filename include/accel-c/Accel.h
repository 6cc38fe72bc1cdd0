/*===- accel-c/Accel.h - accel's C API -------------------------*- C -*-===*\
|*                                                                          *|
|* Part of the accel project.                                               *|
|*                                                                          *|
|*===----------------------------------------------------------------------===*|
|*                                                                          *|
|* accel for hosts that do not speak C++ (Python through ctypes/cffi, Rust, *|
|* a C driver), in the style of MLIR's own C API (mlir-c/): it works on     *|
|* MlirContext / MlirModule / MlirDialectRegistry handles, and libAccelCAPI *|
|* also exports the MLIR C API of IR and passes (mlir-c/IR.h, mlir-c/Pass.h)*|
|* so that a host links one library. docs/embedding.md has the whole story. *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

#ifndef ACCEL_C_ACCEL_H
#define ACCEL_C_ACCEL_H

#include "mlir-c/IR.h"
#include "mlir-c/RegisterEverything.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The handle of the accel dialect alone
/// (`mlirDialectHandleInsertDialect(mlirGetDialectHandle__accel__(), r)`).
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Accel, accel);

/// Inserts accel, the dialects accel programs are written with (func, arith,
/// math, tensor, linalg, scf, ...; every upstream dialect and extension), and
/// the kernel-config models that verify `accel.kernel_config`.
MLIR_CAPI_EXPORTED void accelRegisterAllDialects(MlirDialectRegistry registry);

/// Registers every accel pass and pipeline (accel-raise, accel-optimize,
/// accel-to-cuda, ...) and every upstream pass, so that
/// mlirParsePassPipeline understands their names. Safe to call more than
/// once.
MLIR_CAPI_EXPORTED void accelRegisterAllPasses(void);

/// Translates `module` to CUDA C++ (kernels and extern "C" entry points),
/// as `accel-translate --accel-to-cuda --accel-sm=<chip>`, streaming the text
/// to `callback`. `chip` ("sm_80", "sm_90a", ...) applies to a module
/// without `accel.target`; an empty `chip` means sm_80. Failures are
/// reported through the context's diagnostic handlers; the module is
/// rewritten (dispatches and kernel configs), as the tool does.
MLIR_CAPI_EXPORTED MlirLogicalResult
accelTranslateModuleToCuda(MlirModule module, MlirStringRef chip,
                           MlirStringCallback callback, void *userData);

/// The same, to PTX compiled with NVRTC (`--accel-to-ptx`); fails with a
/// diagnostic when accel was built without NVRTC.
MLIR_CAPI_EXPORTED MlirLogicalResult
accelTranslateModuleToPtx(MlirModule module, MlirStringRef chip,
                          MlirStringCallback callback, void *userData);

/// accel's version ("0.1.0") and the LLVM it was built with ("22.1.8").
/// NUL-terminated, owned by the library.
MLIR_CAPI_EXPORTED MlirStringRef accelGetVersion(void);
MLIR_CAPI_EXPORTED MlirStringRef accelGetLlvmVersion(void);

#ifdef __cplusplus
}
#endif

#endif // ACCEL_C_ACCEL_H
