//===- AccelToLinalg.h - accel's reference lowering -------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Patterns that lower accel ops to linalg/tensor/arith/math/scf on tensors,
// one populate function per op family (one source file each).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CONVERSION_ACCELTOLINALG_ACCELTOLINALG_H
#define ACCEL_CONVERSION_ACCELTOLINALG_ACCELTOLINALG_H

#include "mlir/IR/PatternMatch.h"

namespace accel {

/// accel.matmul.
void populateMatmulToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// accel.attention and accel.attention_grad.
void populateAttentionToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// accel.block_diag_matmul and accel.monarch_matmul.
void populateMonarchToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// gather_rows, typed_matmul, segment_matmul, scatter_reduce, edge_softmax.
void populateGraphToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// quantize, dequantize, quantized_matmul.
void populateQuantizationToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// selective_scan and ssd_scan.
void populateScanToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// All of the above.
void populateAccelToLinalgPatterns(mlir::RewritePatternSet &patterns);

} // namespace accel

#endif // ACCEL_CONVERSION_ACCELTOLINALG_ACCELTOLINALG_H
