/*===- accel-capi-test.c - accel driven from plain C -------------------===*\
|*                                                                          *|
|* Part of the accel project.                                               *|
|*                                                                          *|
\*===----------------------------------------------------------------------===*/

/* RUN: accel-capi-test 2>&1 | FileCheck %s
 *
 * A C host (no C++ anywhere) that registers accel, parses front-end IR,
 * raises and optimizes it through a pass pipeline named by string, prints
 * it, translates the raised f32 matmul and an attention to CUDA, and sees a
 * translation for a chip accel has no kernels for as a diagnostic and a
 * failure result, not a crash.
 */

#include "accel-c/Accel.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <stdio.h>

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

static void countBytes(MlirStringRef text, void *userData) {
  size_t *total = (size_t *)userData;
  *total += text.length;
}

static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  printf("diagnostic: ");
  mlirDiagnosticPrint(diagnostic, printToStdout, NULL);
  printf("\n");
  return mlirLogicalResultSuccess();
}

static const char *kFrontEndMatmul =
    "func.func @linear(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>) -> tensor<5x3xf32> {\n"
    "  %zero = arith.constant 0.0 : f32\n"
    "  %e = tensor.empty() : tensor<5x3xf32>\n"
    "  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>\n"
    "  %r = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>)\n"
    "      outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>\n"
    "  return %r : tensor<5x3xf32>\n"
    "}\n";

static const char *kAttention =
    "func.func @attend(%q: tensor<1x4x128x64xbf16>, %k: tensor<1x4x128x64xbf16>,\n"
    "                     %v: tensor<1x4x128x64xbf16>) -> tensor<1x4x128x64xbf16> {\n"
    "  %o = accel.attention %q, %k, %v {causal = true}\n"
    "      : (tensor<1x4x128x64xbf16>, tensor<1x4x128x64xbf16>, tensor<1x4x128x64xbf16>)\n"
    "      -> tensor<1x4x128x64xbf16>\n"
    "  return %o : tensor<1x4x128x64xbf16>\n"
    "}\n";

int main(void) {
  MlirStringRef version = accelGetVersion();
  MlirStringRef llvmVersion = accelGetLlvmVersion();
  // CHECK: accel {{[0-9]+\.[0-9]+\.[0-9]+}} (LLVM 22.
  printf("accel %.*s (LLVM %.*s)\n", (int)version.length, version.data,
         (int)llvmVersion.length, llvmVersion.data);

  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  accelRegisterAllDialects(registry);
  MlirContext context = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(context, printDiagnostic, NULL, NULL);
  accelRegisterAllPasses();
  accelRegisterAllPasses(); /* a second call is harmless */

  /* Front-end linalg, raised and optimized by a pipeline named by string. */
  MlirModule module =
      mlirModuleCreateParse(context, mlirStringRefCreateFromCString(kFrontEndMatmul));
  if (mlirModuleIsNull(module))
    return 1;
  MlirPassManager pm = mlirPassManagerCreate(context);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  if (mlirLogicalResultIsFailure(mlirParsePassPipeline(
          opm,
          mlirStringRefCreateFromCString("builtin.module(accel-raise,accel-optimize)"),
          printToStdout, NULL)))
    return 2;
  if (mlirLogicalResultIsFailure(
          mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module))))
    return 3;
  // CHECK: func.func @linear
  // CHECK-NEXT: accel.matmul %arg0, %arg1 : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
  mlirOperationPrint(mlirModuleGetOperation(module), printToStdout, NULL);
  printf("\n");

  /* The raised f32 matmul becomes CUDA C++ (the CUDA-core f32 kernel). */
  size_t bytes = 0;
  MlirLogicalResult translated = accelTranslateModuleToCuda(
      module, mlirStringRefCreateFromCString("sm_80"), countBytes, &bytes);
  // CHECK: matmul translation: ok, non-empty: yes
  printf("matmul translation: %s, non-empty: %s\n",
         mlirLogicalResultIsSuccess(translated) ? "ok" : "failed",
         bytes > 1000 ? "yes" : "no");

  /* A chip accel has no kernels for: a diagnostic and a failure. */
  translated = accelTranslateModuleToCuda(
      module, mlirStringRefCreateFromCString("sm_75"), countBytes, &bytes);
  // CHECK: diagnostic: {{.*}}sm_75
  // CHECK: sm_75 translation failed: yes
  printf("sm_75 translation failed: %s\n",
         mlirLogicalResultIsFailure(translated) ? "yes" : "no");
  mlirModuleDestroy(module);

  /* An attention becomes CUDA C++ for sm_90a. */
  module = mlirModuleCreateParse(context, mlirStringRefCreateFromCString(kAttention));
  if (mlirModuleIsNull(module))
    return 4;
  bytes = 0;
  translated = accelTranslateModuleToCuda(
      module, mlirStringRefCreateFromCString("sm_90a"), countBytes, &bytes);
  // CHECK: attention translation: ok, non-empty: yes
  printf("attention translation: %s, non-empty: %s\n",
         mlirLogicalResultIsSuccess(translated) ? "ok" : "failed",
         bytes > 1000 ? "yes" : "no");

  /* Bad IR is a diagnostic with a location and a null module. */
  MlirModule bad = mlirModuleCreateParse(
      context, mlirStringRefCreateFromCString("func.func @f() { accel.nope }"));
  // CHECK: diagnostic: custom op 'accel.nope' is unknown
  // CHECK: bad module is null: yes
  printf("bad module is null: %s\n", mlirModuleIsNull(bad) ? "yes" : "no");

  mlirModuleDestroy(module);
  mlirPassManagerDestroy(pm);
  mlirContextDestroy(context);
  // CHECK: done
  printf("done\n");
  return 0;
}
