//===- Sparsify.cpp - structured sparsity -------------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel-sparsify (contract section 7). Two things today:
//
// - S2-Attention's head shards cover the context only across S consecutive
//   query heads: head h sees the key blocks of class h mod S (plus its
//   local window), so a layer with fewer than S query heads leaves some
//   classes to no head. That is valid IR with a surprising meaning; the
//   pass warns.
// - Opt-in 2:4 semi-structured pruning of constant matmul weights: in every
//   group of 4 consecutive K elements of an output column the 2 of largest
//   magnitude stay (magnitude pruning as in Mishra et al., "Accelerating
//   Sparse Deep Neural Networks", 2021), which is the pattern the sparse
//   tensor cores (mma.sp, wgmma .sp) read. The pruned matmul carries
//   `accel.sparse_2_4`, which the verifier checks on the constant.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/ConstantValues.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace accel {
#define GEN_PASS_DEF_SPARSIFYPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// The weight of `matmul` pruned to 2:4 along K, and the relative Frobenius
/// norm of what was removed; a reason when it cannot be pruned.
struct Pruned {
  DenseElementsAttr weight;
  double relativeError = 0;
  std::string whyNot;
};

Pruned pruneTo24(MatmulOp matmul) {
  Pruned result;
  DenseElementsAttr attr;
  if (!matchPattern(matmul.getB(), m_Constant(&attr)))
    return result; // Not a constant weight: nothing to say.
  auto type = cast<RankedTensorType>(attr.getType());
  if (!isa<FloatType>(type.getElementType())) {
    result.whyNot = "the weight is not a float constant";
    return result;
  }
  int64_t rank = type.getRank();
  bool transposed = matmul.getTransposeB();
  int64_t k = type.getDimSize(transposed ? rank - 1 : rank - 2);
  if (k % 4 != 0) {
    result.whyNot = "K (" + std::to_string(k) + ") is not a multiple of 4";
    return result;
  }
  std::vector<double> values = getDoubleValues(attr);
  if (!llvm::all_of(values, [](double v) { return std::isfinite(v); })) {
    result.whyNot = "the weight has a non-finite entry";
    return result;
  }
  double total = 0, removed = 0;
  for (double v : values)
    total += v * v;
  forEachWeightGroupAlongK(
      type.getShape(), transposed, 4,
      [&](int64_t, int64_t, ArrayRef<int64_t> indices) {
        // Largest magnitude first; the earlier element on a tie.
        std::array<int64_t, 4> order = {0, 1, 2, 3};
        auto size = [&](int64_t i) { return std::fabs(values[indices[i]]); };
        std::sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
          return size(x) != size(y) ? size(x) > size(y) : x < y;
        });
        for (int i = 2; i < 4; ++i) {
          double &pruned = values[indices[order[i]]];
          removed += pruned * pruned;
          pruned = 0.0;
        }
      });
  // Every kept value came from the element type, so nothing rounds.
  result.weight = getFloatConstant(type, values);
  result.relativeError = total > 0 ? std::sqrt(removed / total) : 0;
  return result;
}

class SparsifyPass : public accel::impl::SparsifyPassBase<SparsifyPass> {
public:
  using SparsifyPassBase::SparsifyPassBase;

  void runOnOperation() override {
    getOperation()->walk([&](Operation *op) {
      if (auto attention = dyn_cast<AttentionOp>(op))
        checkCoverage(op, attention.getQ(), attention.getSparsity());
      else if (auto grad = dyn_cast<AttentionGradOp>(op))
        checkCoverage(op, grad.getQ(), grad.getSparsity());
      else if (auto matmul = dyn_cast<MatmulOp>(op); matmul && prune24)
        prune(matmul);
    });
  }

private:
  void checkCoverage(Operation *op, Value q,
                     std::optional<HeadShardAttr> shard) {
    if (!shard)
      return;
    int64_t heads = cast<RankedTensorType>(q.getType()).getDimSize(1);
    int64_t shards = shard->getNumShards();
    if (ShapedType::isDynamic(heads) || heads >= shards)
      return;
    ++numUncoveredShards;
    op->emitWarning() << "head_shard with " << shards << " shards over "
                      << heads
                      << " query heads: key blocks of the classes kb mod "
                      << shards << " in [" << heads << ", " << shards
                      << ") are seen by no head outside its local window ("
                      << shards << " consecutive heads cover the context)";
  }

  void prune(MatmulOp matmul) {
    if (matmul->hasAttr(AccelDialect::kSparse24AttrName))
      return;
    Pruned pruned = pruneTo24(matmul);
    if (!pruned.weight) {
      if (remarks && !pruned.whyNot.empty())
        matmul->emitRemark() << "not pruned to 2:4: " << pruned.whyNot;
      return;
    }
    OpBuilder builder(matmul);
    Operation *old = matmul.getB().getDefiningOp();
    matmul.getBMutable().assign(
        arith::ConstantOp::create(builder, matmul.getB().getLoc(),
                                  pruned.weight));
    matmul->setAttr(AccelDialect::kSparse24AttrName, builder.getUnitAttr());
    if (old && old->use_empty())
      old->erase();
    ++numPruned;
    if (remarks) {
      std::string error;
      llvm::raw_string_ostream(error)
          << llvm::format("%.3g", pruned.relativeError);
      matmul->emitRemark() << "pruned its constant weight to 2:4 along K "
                           << "(relative Frobenius error " << error << ")";
    }
  }
};

} // namespace
