//===- Passes.h - passes of the CUDA backend --------------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_PASSES_H
#define ACCEL_CODEGEN_PASSES_H

#include "accel/Dialect/Accel/IR/AccelDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace accel {

#define GEN_PASS_DECL
#include "accel/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Codegen/Passes.h.inc"

} // namespace accel

#endif // ACCEL_CODEGEN_PASSES_H
