//===- LinalgToAccel.h - accel-raise's patterns -----------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel-raise (contract section 7): the upstream-dialect forms that real
// front ends emit (JAX/StableHLO and torch-mlir through IREE's input phase,
// see docs/raise.md) rewritten into accel ops. Two pattern sets, applied in
// this order by the pass: contractions first, because attention is matched
// on the accel.matmul ops they produce.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CONVERSION_LINALGTOACCEL_LINALGTOACCEL_H
#define ACCEL_CONVERSION_LINALGTOACCEL_LINALGTOACCEL_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::linalg {
struct ControlDropUnitDims;
} // namespace mlir::linalg

namespace accel {

/// Front-end reshape spellings into the form the patterns below read: the
/// innermost unit dims of linalg ops above rank four dropped, chains of
/// expand/collapse_shape that are one reshape made one. `unitDims` must
/// outlive the patterns.
void populateRaiseNormalizationPatterns(
    mlir::RewritePatternSet &patterns,
    mlir::linalg::ControlDropUnitDims &unitDims);

/// linalg.matmul / batch_matmul / contraction generics on a zero-filled
/// output become accel.matmul; transposes of B fold into `transpose_b`;
/// batch dims merged by tensor.collapse_shape around the contraction are
/// split again; leading-dim broadcasts of an operand become accel.matmul's
/// own batch broadcasting.
void populateRaiseContractionPatterns(mlir::RewritePatternSet &patterns);

/// softmax(scale * Q K^T [masked causally | + bias]) V, over accel.matmul
/// ops, becomes accel.attention (with GQA when K and V are repeated heads).
void populateRaiseAttentionPatterns(mlir::RewritePatternSet &patterns);

} // namespace accel

#endif // ACCEL_CONVERSION_LINALGTOACCEL_LINALGTOACCEL_H
