//===- ConstantValues.h - float constants as doubles ------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The weight rewrites (Monarch projection, reparameterization, pruning,
// quantization) compute on constant weights in double precision and round
// the result once to the weight's element type; these are the two ends.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_CONSTANTVALUES_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_CONSTANTVALUES_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

#include <vector>

namespace accel {

/// The elements of a float constant (splat or not) in row-major order, in
/// double precision: exact for every float type accel's ops take.
std::vector<double> getDoubleValues(mlir::DenseElementsAttr attr);

/// A constant of `type` (a float element type) holding `values`, each
/// rounded once to nearest even to the element type.
mlir::DenseElementsAttr getFloatConstant(mlir::RankedTensorType type,
                                         llvm::ArrayRef<double> values);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_CONSTANTVALUES_H
