//===- RgnnOptimize.cpp - linear operator reordering for RGNN layers ------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel-rgnn-optimize (contract section 7), PIGEON/Hector's linear operator
// reordering: a typed linear layer on gathered node features moves from the
// edges to the (node, relation) pairs when there are fewer of those.
//
//   m = typed_matmul(gather_rows(x, src), w, etype)        E * K * Nout
// becomes
//   t = matmul(x, w) : [R, N, Nout]                         R * N * K * Nout
//   m = gather_rows(collapse(t) : [R * N, Nout], etype * N + src)
//
// Both compute m[e] = x[src[e]] @ w[etype[e]] with the same products in the
// same order, so the rewrite is exact. The reordered form also puts the
// FLOPs into one dense GEMM (accel.matmul's kernel family) and leaves a pure
// gather per edge (the traversal template's business).
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "llvm/Support/CheckedArithmetic.h"

namespace accel {
#define GEN_PASS_DEF_RGNNOPTIMIZEPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

enum class Reorder { Auto, Always, Never };

/// The per-edge gather index `types[e] * n + src[e]` as i64, or -1 where
/// either id is out of its range (which the asserts in front of it report
/// first), so that no out-of-range id ever reads another relation's row.
Value buildCombinedIndex(OpBuilder &b, Location loc, Value types, Value src,
                         Value nodes, int64_t relations) {
  auto srcType = cast<RankedTensorType>(src.getType());
  SmallVector<Value> dynamicSizes;
  if (srcType.isDynamicDim(0))
    dynamicSizes.push_back(tensor::DimOp::create(b, loc, src, 0));
  Type i64 = b.getI64Type();
  Value init = tensor::EmptyOp::create(b, loc, srcType.getShape(), i64,
                                       dynamicSizes);
  Value nodes64 = arith::IndexCastOp::create(b, loc, i64, nodes);
  AffineMap id = b.getMultiDimIdentityMap(1);
  // `types` is read by index, not as a second input: its length is only
  // known to match src's through the run-time check in front (a generic
  // with both as inputs would not verify once the sizes became static and
  // different).
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{src}, ValueRange{init},
      ArrayRef<AffineMap>{id, id},
      ArrayRef<utils::IteratorType>{utils::IteratorType::parallel},
      [&](OpBuilder &nb, Location l, ValueRange args) {
        auto widen = [&](Value v) -> Value {
          return v.getType() == i64 ? v
                                    : Value(arith::ExtSIOp::create(nb, l, i64, v));
        };
        Value edge = linalg::IndexOp::create(nb, l, 0);
        Value type = widen(tensor::ExtractOp::create(nb, l, types, edge));
        Value node = widen(args[0]);
        Value zero = arith::ConstantIntOp::create(nb, l, i64, 0);
        Value bad = arith::ConstantIntOp::create(nb, l, i64, -1);
        Value r = arith::ConstantIntOp::create(nb, l, i64, relations);
        auto inRange = [&](Value v, Value bound) {
          Value low = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge, v, zero);
          Value high = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, v, bound);
          return arith::AndIOp::create(nb, l, low, high);
        };
        Value valid = arith::AndIOp::create(nb, l, inRange(type, r),
                                            inRange(node, nodes64));
        Value row = arith::AddIOp::create(
            nb, l, arith::MulIOp::create(nb, l, type, nodes64), node);
        Value index = arith::SelectOp::create(nb, l, valid, row, bad);
        linalg::YieldOp::create(nb, l, index);
      });
  return generic.getResult(0);
}

/// Emits `cf.assert` that every id of the 1-D tensor `ids` is in
/// `[0, bound)`: the check the rewritten op made (and its message), kept
/// because the gather that replaces it indexes a larger table.
void assertIdsInRange(OpBuilder &b, Location loc, Value ids, Value bound,
                      const std::string &message) {
  Type i64 = b.getI64Type();
  Type i1 = b.getI1Type();
  Value init = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{}, i1);
  Value allTrue = arith::ConstantIntOp::create(b, loc, i1, 1);
  init = linalg::FillOp::create(b, loc, allTrue, init).getResult(0);
  Value bound64 = arith::IndexCastOp::create(b, loc, i64, bound);
  MLIRContext *context = b.getContext();
  auto all = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{ids}, ValueRange{init},
      ArrayRef<AffineMap>{AffineMap::getMultiDimIdentityMap(1, context),
                          AffineMap::get(1, 0, {}, context)},
      ArrayRef<utils::IteratorType>{utils::IteratorType::reduction},
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value id = args[0].getType() == i64
                       ? args[0]
                       : Value(arith::ExtSIOp::create(nb, l, i64, args[0]));
        Value zero = arith::ConstantIntOp::create(nb, l, i64, 0);
        Value low = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge, id, zero);
        Value high = arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, id, bound64);
        Value ok = arith::AndIOp::create(nb, l, low, high);
        linalg::YieldOp::create(nb, l,
                                Value(arith::AndIOp::create(nb, l, ok, args[1])));
      });
  Value ok = tensor::ExtractOp::create(b, loc, all.getResult(0), ValueRange{});
  cf::AssertOp::create(b, loc, ok, message);
}

/// "[0, 12)" for a static bound, "[0, N)" with the given name otherwise.
std::string rangeText(int64_t bound, StringRef name) {
  return "[0, " +
         (ShapedType::isDynamic(bound) ? name.str() : std::to_string(bound)) +
         ")";
}

struct RgnnOptimizePass final
    : accel::impl::RgnnOptimizePassBase<RgnnOptimizePass> {
  using Base::Base;

  void remark(Operation *op, const Twine &message) {
    if (remarks)
      op->emitRemark() << message;
  }

  /// Whether the per-(node, relation) form is to be used for `op`, with the
  /// reason for the remark.
  bool decide(Reorder policy, int64_t nodes, int64_t relations, int64_t edges,
              std::string &why) {
    if (!ShapedType::isDynamic(nodes) &&
        !llvm::checkedMul(nodes, relations)) {
      why = "R * N overflows 64 bits";
      return false;
    }
    if (policy == Reorder::Always) {
      why = "reorder=always";
      return true;
    }
    if (ShapedType::isDynamic(nodes) || ShapedType::isDynamic(edges)) {
      why = "the cost model needs static node and edge counts (reorder=always "
            "applies it anyway)";
      return false;
    }
    std::optional<int64_t> product = llvm::checkedMul(nodes, relations);
    if (!product) {
      why = "R * N overflows 64 bits";
      return false;
    }
    int64_t pairs = *product;
    why = "R * N = " + std::to_string(pairs) + (pairs < edges ? " < " : " >= ") +
          "E = " + std::to_string(edges);
    return pairs < edges;
  }

  void runOnOperation() override {
    Reorder policy;
    if (reorder == "auto")
      policy = Reorder::Auto;
    else if (reorder == "always")
      policy = Reorder::Always;
    else if (reorder == "never")
      policy = Reorder::Never;
    else {
      getOperation()->emitError()
          << "accel-rgnn-optimize: unknown reorder '" << reorder
          << "' (expected auto, always or never)";
      return signalPassFailure();
    }

    SmallVector<TypedMatmulOp> layers;
    getOperation()->walk([&](TypedMatmulOp op) { layers.push_back(op); });
    for (TypedMatmulOp op : layers) {
      auto gather = op.getX().getDefiningOp<GatherRowsOp>();
      if (!gather) {
        remark(op, "left on the edges: its input is not gathered node rows");
        continue;
      }
      if (policy == Reorder::Never) {
        remark(op, "left on the edges: reorder=never");
        continue;
      }
      auto xType = cast<RankedTensorType>(gather.getX().getType());
      auto wType = cast<RankedTensorType>(op.getW().getType());
      auto resultType = cast<RankedTensorType>(op.getType());
      if (xType.getRank() != 2 || wType.getRank() != 3 ||
          xType.getElementType() != wType.getElementType() ||
          wType.isDynamicDim(0)) {
        remark(op, "left on the edges: needs x [N, K] and w [R, K, Nout] of "
                   "one element type with R static");
        continue;
      }
      int64_t nodes = xType.getDimSize(0), relations = wType.getDimSize(0);
      int64_t edges = resultType.getDimSize(0);
      std::string why;
      if (!decide(policy, nodes, relations, edges, why)) {
        remark(op, "left on the edges: " + why);
        continue;
      }

      OpBuilder b(op);
      Location loc = op.getLoc();
      // t[r, n] = x[n] @ w[r]: accel.matmul broadcasts x over the relations.
      SmallVector<int64_t> perPairShape = {relations, nodes,
                                           wType.getDimSize(2)};
      auto perPairType = RankedTensorType::get(perPairShape,
                                               resultType.getElementType());
      Value perPair = MatmulOp::create(b, loc, perPairType, gather.getX(),
                                       op.getW(), /*bias=*/Value(),
                                       b.getBoolAttr(false));
      SmallVector<ReassociationIndices> groups = {{0, 1}, {2}};
      Value rows = tensor::CollapseShapeOp::create(b, loc, perPair, groups);
      Value nodeCount = tensor::DimOp::create(b, loc, gather.getX(), 0);
      // The index generic reads types and src side by side; typed_matmul's
      // own check that there is one type per gathered row must survive
      // (also when both lengths are static and differ: the gathered rows
      // may be dynamic, so the verifier could not see it).
      auto srcType = cast<RankedTensorType>(gather.getIdx().getType());
      auto typesType = cast<RankedTensorType>(op.getTypes().getType());
      if (srcType.isDynamicDim(0) || typesType.isDynamicDim(0) ||
          srcType.getDimSize(0) != typesType.getDimSize(0)) {
        Value rowsOfX = tensor::DimOp::create(b, loc, gather.getIdx(), 0);
        Value typeCount = tensor::DimOp::create(b, loc, op.getTypes(), 0);
        Value same = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                           rowsOfX, typeCount);
        cf::AssertOp::create(
            b, loc, same,
            "'accel.typed_matmul' op expects one type per row of x");
      }
      assertIdsInRange(b, gather.getLoc(), gather.getIdx(), nodeCount,
                       "'accel.gather_rows' op expects indices in " +
                           rangeText(nodes, "N"));
      assertIdsInRange(
          b, loc, op.getTypes(),
          arith::ConstantIndexOp::create(b, loc, relations),
          "'accel.typed_matmul' op expects type ids in " +
              rangeText(relations, "R"));
      Value index = buildCombinedIndex(b, loc, op.getTypes(), gather.getIdx(),
                                       nodeCount, relations);
      Value replacement =
          GatherRowsOp::create(b, loc, resultType, rows, index);
      op.getResult().replaceAllUsesWith(replacement);
      op.erase();
      if (gather->use_empty())
        gather.erase();
      remark(replacement.getDefiningOp(),
             "typed linear layer moved from the edges to the (node, "
             "relation) pairs: " + why);
    }
  }
};

} // namespace
