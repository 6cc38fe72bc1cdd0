//===- Layout.cpp - matmul weights in the layout the kernels read ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel-layout (contract section 7): the operand layouts the tensor-core
// kernels want, as exact rewrites of the IR. Today: the B operand of
// accel.matmul and accel.quantized_matmul. A linalg.transpose of B's last
// two dims folds into `transpose_b` (the kernels read either layout through
// their strides, so the copy is pure waste), and a constant B is stored
// K-major (`[..., N, K]` with `transpose_b = true`): both operands then have
// K innermost, the "TN" GEMM that ldmatrix reads without `.trans` and that
// wgmma requires for 8-bit operands. Constants are transposed once, at
// compile time, instead of on every call.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"

namespace accel {
#define GEN_PASS_DEF_LAYOUTPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// `values` (in row-major order of `shape`) with the last two dims swapped.
template <typename T>
std::vector<T> swapLastTwo(ArrayRef<T> values, ArrayRef<int64_t> shape) {
  int64_t rank = shape.size();
  int64_t rows = shape[rank - 2], cols = shape[rank - 1];
  int64_t matrices = rows * cols == 0 ? 0 : values.size() / (rows * cols);
  std::vector<T> result;
  result.reserve(values.size());
  for (int64_t m = 0; m < matrices; ++m)
    for (int64_t c = 0; c < cols; ++c)
      for (int64_t r = 0; r < rows; ++r)
        result.push_back(values[(m * rows + r) * cols + c]);
  return result;
}

/// The constant `attr` with its last two dims swapped.
DenseElementsAttr transposeConstant(DenseElementsAttr attr) {
  auto type = cast<RankedTensorType>(attr.getType());
  SmallVector<int64_t> shape(type.getShape());
  std::swap(shape[shape.size() - 2], shape[shape.size() - 1]);
  auto transposedType = type.clone(shape);
  if (attr.isSplat())
    return DenseElementsAttr::get(transposedType,
                                  attr.getSplatValue<Attribute>());
  if (isa<FloatType>(type.getElementType())) {
    SmallVector<APFloat> values(attr.getValues<APFloat>());
    return DenseElementsAttr::get(
        transposedType,
        ArrayRef<APFloat>(swapLastTwo<APFloat>(values, type.getShape())));
  }
  SmallVector<APInt> values(attr.getValues<APInt>());
  return DenseElementsAttr::get(
      transposedType,
      ArrayRef<APInt>(swapLastTwo<APInt>(values, type.getShape())));
}

/// A dense constant of rank 2 or more (what can be stored transposed).
DenseElementsAttr getTransposableConstant(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return nullptr;
  auto type = dyn_cast<RankedTensorType>(attr.getType());
  if (!type || type.getRank() < 2)
    return nullptr;
  return attr;
}

class LayoutPass : public accel::impl::LayoutPassBase<LayoutPass> {
public:
  using LayoutPassBase::LayoutPassBase;

  void runOnOperation() override {
    SmallVector<Operation *> matmuls;
    getOperation()->walk([&](Operation *op) {
      if (isa<MatmulOp, QuantizedMatmulOp>(op))
        matmuls.push_back(op);
    });
    for (Operation *op : matmuls) {
      if (auto matmul = dyn_cast<MatmulOp>(op))
        rewrite(op, matmul.getBMutable(), nullptr, matmul.getTransposeB(),
                [&](bool t) { matmul.setTransposeB(t); });
      else if (auto quantized = dyn_cast<QuantizedMatmulOp>(op))
        rewrite(op, quantized.getBMutable(), &quantized.getBScaleMutable(),
                quantized.getTransposeB(),
                [&](bool t) { quantized.setTransposeB(t); });
    }
  }

private:
  /// Sets `operand` to `value` and erases the constant it read when that
  /// was its last use.
  static void replaceOperand(OpOperand &operand, Value value) {
    Operation *old = operand.get().getDefiningOp();
    operand.set(value);
    if (old && old->use_empty() && isa<arith::ConstantOp>(old))
      old->erase();
  }

  void remark(Operation *op, const Twine &message) {
    if (remarks)
      op->emitRemark() << message;
  }

  /// The group-wise scale of a quantized weight follows the weight's
  /// layout (b's shape with K replaced by K / g): it moves with it. Per
  /// tensor and per channel scales do not. Null when it cannot move.
  FailureOr<Value> transposeScale(Operation *op, OpOperand *scale) {
    if (!scale)
      return Value();
    auto type = dyn_cast<RankedTensorType>(scale->get().getType());
    if (!type || type.getRank() < 2)
      return Value();
    DenseElementsAttr attr = getTransposableConstant(scale->get());
    if (!attr)
      return failure();
    OpBuilder builder(op);
    return arith::ConstantOp::create(builder, scale->get().getLoc(),
                                     transposeConstant(attr))
        .getResult();
  }

  void rewrite(Operation *op, OpOperand &b, OpOperand *scale, bool transposeB,
               llvm::function_ref<void(bool)> setTransposeB) {
    // A transpose of B's last two dims is the other value of the flag.
    // (accel.matmul's canonicalization folds this too; here it also covers
    // quantized_matmul, whose group-wise scale must move with the weight.)
    if (auto transpose = b.get().getDefiningOp<linalg::TransposeOp>();
        transpose && transpose.hasPureTensorSemantics() &&
        isTransposeOfLastTwoDims(transpose.getPermutation())) {
      FailureOr<Value> newScale = transposeScale(op, scale);
      if (failed(newScale)) {
        remark(op, "kept the linalg.transpose of its weight: the group-wise "
                   "b_scale is not a constant that can move with it");
      } else {
        b.set(transpose.getInput());
        if (*newScale)
          replaceOperand(*scale, *newScale);
        transposeB = !transposeB;
        setTransposeB(transposeB);
        ++numTransposesFolded;
        remark(op, Twine("folded the linalg.transpose of its weight into "
                         "transpose_b = ") +
                       (transposeB ? "true" : "false"));
        if (transpose->use_empty())
          transpose->erase();
      }
    }
    if (!weightsKMajor || transposeB)
      return;
    DenseElementsAttr weight = getTransposableConstant(b.get());
    if (!weight)
      return;
    FailureOr<Value> newScale = transposeScale(op, scale);
    if (failed(newScale)) {
      remark(op, "left its constant weight [K, N]: the group-wise b_scale is "
                 "not a constant that can be transposed with it");
      return;
    }
    OpBuilder builder(op);
    Operation *oldWeight = b.get().getDefiningOp();
    b.set(arith::ConstantOp::create(builder, b.get().getLoc(),
                                    transposeConstant(weight)));
    if (*newScale)
      replaceOperand(*scale, *newScale);
    setTransposeB(true);
    ++numWeightsTransposed;
    remark(op, "stored its constant weight K-major ([N, K], transpose_b = "
               "true)");
    if (oldWeight && oldWeight->use_empty())
      oldWeight->erase();
  }
};

} // namespace
