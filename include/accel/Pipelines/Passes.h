//===- Passes.h - passes of the CPU reference pipeline ----------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_PIPELINES_PASSES_H
#define ACCEL_PIPELINES_PASSES_H

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace accel {

#define GEN_PASS_DECL
#include "accel/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Pipelines/Passes.h.inc"

} // namespace accel

#endif // ACCEL_PIPELINES_PASSES_H
