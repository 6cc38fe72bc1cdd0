//===- GemmOp.h - what the GEMM families read of their ops ------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The GEMM kernels compute accel.matmul and accel.quantized_matmul alike:
// out = epilogue(scale(a . b) + bias) over the same operand layouts, with
// the quantized op's a_scale and b_scale read by the epilogue like any
// other tensor. GemmOp is the view of either op that the families, the
// config models and the epilogue writer share, so each rule is written
// once for both.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_GEMM_GEMMOP_H
#define ACCEL_LIB_CODEGEN_GEMM_GEMMOP_H

#include "accel/Dialect/Accel/IR/AccelOps.h"

namespace accel::codegen::gemm {

class GemmOp {
public:
  GemmOp(MatmulOp op)
      : op(op), a(op.getA()), b(op.getB()), bias(op.getBias()),
        transposeB(op.getTransposeB()) {}
  GemmOp(QuantizedMatmulOp op)
      : op(op), a(op.getA()), b(op.getB()), bias(op.getBias()),
        aScale(op.getAScale()), bScale(op.getBScale()),
        transposeB(op.getTransposeB()) {}

  /// Whether `op` is one of the two.
  static bool classof(mlir::Operation *op) {
    return mlir::isa<MatmulOp, QuantizedMatmulOp>(op);
  }
  /// `op`, which must be one of the two.
  static GemmOp get(mlir::Operation *op) {
    if (auto matmul = mlir::dyn_cast<MatmulOp>(op))
      return matmul;
    return mlir::cast<QuantizedMatmulOp>(op);
  }

  mlir::Operation *getOperation() const { return op; }
  operator mlir::Operation *() const { return op; }
  mlir::Operation *operator->() const { return op; }
  mlir::MLIRContext *getContext() const { return op->getContext(); }
  mlir::InFlightDiagnostic emitOpError() const { return op->emitOpError(); }

  mlir::Value getA() const { return a; }
  mlir::Value getB() const { return b; }
  /// Null when absent.
  mlir::Value getBias() const { return bias; }
  /// accel.quantized_matmul's scales; null for accel.matmul.
  mlir::Value getAScale() const { return aScale; }
  mlir::Value getBScale() const { return bScale; }
  bool isQuantized() const { return aScale != nullptr; }
  bool getTransposeB() const { return transposeB; }
  mlir::Value getResult() const { return op->getResult(0); }
  mlir::RankedTensorType getType() const {
    return mlir::cast<mlir::RankedTensorType>(getResult().getType());
  }

private:
  mlir::Operation *op;
  mlir::Value a, b, bias, aScale, bScale;
  bool transposeB;
};

} // namespace accel::codegen::gemm

#endif // ACCEL_LIB_CODEGEN_GEMM_GEMMOP_H
