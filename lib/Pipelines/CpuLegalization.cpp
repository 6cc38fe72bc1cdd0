//===- CpuLegalization.cpp - upstream IR the CPU pipeline must accept -----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Pipelines/CpuLegalization.h"

#include "accel/Conversion/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"

using namespace mlir;

void accel::addCpuTensorLegalization(OpPassManager &pm) {
  pm.addPass(accel::createDecomposeAggregatedOpsPass());
  pm.addPass(accel::createLowerPackUnpackPass());
  pm.addPass(accel::createLowerTensorGatherPass());
  pm.addPass(accel::createLowerTensorScatterPass());
  pm.addPass(accel::createLowerTensorBitcastPass());
  // libm and LLVM's intrinsics are f32/f64: f16 and bf16 math is computed
  // in f32 and rounded once (extf, op, truncf), as torch-mlir does itself.
  pm.addPass(math::createMathExtendToSupportedTypes());
}

void accel::addCpuMathLowering(OpPassManager &pm) {
  // math.ipowi and math.fpowi have no libm function (and math-to-libm
  // refuses fpowi): private functions with a loop of squarings (in cf),
  // which LLVM inlines and unrolls for the constant exponents front ends
  // write (x^2, x^3).
  pm.addPass(createConvertMathToFuncs());
  // math-to-libm would call an `rsqrtf` that libm does not have: 1 / sqrt
  // (two correctly rounded steps, what math-to-llvm does too).
  math::MathExpandOpsPassOptions expand;
  expand.opMnemonics = {"rsqrt"};
  pm.addPass(math::createMathExpandOpsPass(expand));
  // libm first: math-to-llvm lowers expm1 to exp(x) - 1 and log1p to
  // log(1 + x), which lose every digit of tiny arguments. What libm has
  // (erf, tanh, exp, log1p, expm1, ...) is a call, declared without side
  // effects so that LLVM still folds and vectorizes what it knows; the rest
  // (rsqrt, fpowi, integer ops) are LLVM intrinsics.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertMathToLLVMPass());
}
