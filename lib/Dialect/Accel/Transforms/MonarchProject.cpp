//===- MonarchProject.cpp - dense constant weights onto Monarch factors ---===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The closed-form projection of the Monarch paper (Dao et al. 2022, section
// 3.3), contract section 7 (v1.2). With N blocks, a weight W: [K, M] and
// p = K/N, s = M/N, the monarch_matmul with w1: [N, N, p], w2: [N, s, N]
// multiplies by
//
//   W'[a*p + j, o*N + c] = w2[c, o, a] * w1[a, c, j],
//
// so for each a, c < N the sub-block B_ac[j, o] = W[a*p + j, o*N + c] is a
// rank-1 matrix, and the blocks are independent: the Frobenius-optimal
// Monarch approximation replaces each one by its best rank-1 approximation
// sigma u v^T (Eckart-Young), split as w1[a, c, :] = sqrt(sigma) u and
// w2[c, :, a] = sqrt(sigma) v so both factors keep the weight's magnitude.
//
// The rank option is the block-low-rank generalization: with rank r the
// factors are w1: [N, r*N, p] and w2: [N, s, r*N], term t of block (a, c)
// in w1[a, t*N + c, :] and w2[c, :, a*r + t]. The contract's monarch_matmul
// then computes sum_t w2[c, o, a*r + t] * w1[a, t*N + c, j], the best
// rank-r approximation of every block (r = 1 is the contract's case).
//
// The other direction: a monarch_matmul whose factors are constants is
// materialized as an accel.matmul with the dense product when both of its
// dims are at most `densify-below` (small layers, where one dense GEMM
// beats two block GEMMs and a permutation).
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/ConstantValues.h"
#include "accel/Dialect/Accel/Transforms/LowRank.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/Format.h"

#include <cmath>

namespace accel {
#define GEN_PASS_DEF_MONARCHPROJECTPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// `result + bias` broadcast over the last dim, computed in f32 and rounded
/// once to `resultType`'s element type.
Value addBias(OpBuilder &builder, Location loc, Value result, Value bias,
              RankedTensorType resultType) {
  int64_t rank = resultType.getRank();
  MLIRContext *ctx = builder.getContext();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(builder, loc, result);
  Value init =
      tensor::EmptyOp::create(builder, loc, sizes, resultType.getElementType());
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, ctx);
  AffineMap lastDim =
      AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, ctx), ctx);
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Type f32 = builder.getF32Type();
  auto toF32 = [&](OpBuilder &b, Location l, Value v) -> Value {
    if (v.getType() == f32)
      return v;
    return arith::ExtFOp::create(b, l, f32, v);
  };
  return linalg::GenericOp::create(
             builder, loc, resultType, ValueRange{result, bias},
             ValueRange{init}, ArrayRef<AffineMap>{identity, lastDim, identity},
             iterators,
             [&](OpBuilder &b, Location l, ValueRange args) {
               Value sum = arith::AddFOp::create(b, l, toF32(b, l, args[0]),
                                                 toF32(b, l, args[1]));
               Type out = resultType.getElementType();
               if (out != f32)
                 sum = arith::TruncFOp::create(b, l, out, sum);
               linalg::YieldOp::create(b, l, sum);
             })
      .getResult(0);
}

struct MonarchProjectPass final
    : accel::impl::MonarchProjectPassBase<MonarchProjectPass> {
  using MonarchProjectPassBase::MonarchProjectPassBase;

  void runOnOperation() override {
    SmallVector<MatmulOp> matmuls;
    SmallVector<MonarchMatmulOp> monarchs;
    getOperation()->walk([&](Operation *op) {
      if (auto matmul = dyn_cast<MatmulOp>(op))
        matmuls.push_back(matmul);
      else if (auto monarch = dyn_cast<MonarchMatmulOp>(op))
        monarchs.push_back(monarch);
    });
    for (MatmulOp matmul : matmuls)
      project(matmul);
    if (densifyBelow > 0)
      for (MonarchMatmulOp monarch : monarchs)
        densify(monarch);
  }

  /// The request on `matmul`: its accel.monarch attribute, else the pass
  /// options; nblocks 0 when nothing asks for a projection.
  std::pair<int64_t, int64_t> getRequest(MatmulOp matmul) {
    if (auto dict = matmul->getAttrOfType<DictionaryAttr>(
            AccelDialect::kMonarchAttrName)) {
      auto blocks = dict.getAs<IntegerAttr>("nblocks");
      auto rankAttr = dict.getAs<IntegerAttr>("rank");
      return {blocks ? blocks.getInt() : 0,
              rankAttr ? rankAttr.getInt() : int64_t(1)};
    }
    return {nblocks, rank};
  }

  void project(MatmulOp matmul) {
    // Plain copies: C++17 lambdas cannot capture structured bindings.
    auto request = getRequest(matmul);
    int64_t numBlocks = request.first, blockRank = request.second;
    if (numBlocks <= 0)
      return;
    auto leaveAlone = [&](const Twine &why) {
      matmul->emitRemark() << "not projected onto Monarch factors (nblocks = "
                           << numBlocks << "): " << why;
      ++numLeftAlone;
    };
    auto bType = cast<RankedTensorType>(matmul.getB().getType());
    if (bType.getRank() != 2)
      return leaveAlone("the weight has rank " + Twine(bType.getRank()) +
                        "; a Monarch factorization needs a 2-d weight");
    DenseElementsAttr weight;
    if (!matchPattern(matmul.getB(), m_Constant(&weight)))
      return leaveAlone("the weight is not a dense constant");
    bool transposed = matmul.getTransposeB();
    int64_t k = bType.getDimSize(transposed ? 1 : 0);
    int64_t m = bType.getDimSize(transposed ? 0 : 1);
    if (k % numBlocks != 0 || m % numBlocks != 0)
      return leaveAlone("nblocks must divide both dims of the [K, M] = [" +
                        Twine(k) + ", " + Twine(m) + "] weight");
    int64_t p = k / numBlocks, s = m / numBlocks;
    if (blockRank < 1 || blockRank > std::min(p, s))
      return leaveAlone("rank " + Twine(blockRank) +
                        " is not in [1, min(K/N, M/N)] = [1, " +
                        Twine(std::min(p, s)) + "]");

    std::vector<double> w = getDoubleValues(weight);
    // A NaN or infinity has no best low-rank approximation; projecting it
    // would spread the non-finite value over every entry of its blocks.
    if (llvm::any_of(w, [](double x) { return !std::isfinite(x); }))
      return leaveAlone("the weight has a non-finite entry");
    auto at = [&](int64_t row, int64_t col) {
      return transposed ? w[col * k + row] : w[row * m + col];
    };
    int64_t n = numBlocks, r = blockRank;
    std::vector<double> w1(n * r * n * p, 0.0), w2(n * s * r * n, 0.0);
    std::vector<double> block(p * s);
    double total = 0.0, residual = 0.0;
    for (int64_t a = 0; a < n; ++a)
      for (int64_t c = 0; c < n; ++c) {
        for (int64_t j = 0; j < p; ++j)
          for (int64_t o = 0; o < s; ++o)
            block[j * s + o] = at(a * p + j, o * n + c);
        SingularTriplets triplets =
            computeLeadingSingularTriplets(block, p, s, r);
        for (int64_t t = 0; t < r; ++t) {
          double root = std::sqrt(triplets.sigma[t]);
          for (int64_t j = 0; j < p; ++j)
            w1[(a * r * n + t * n + c) * p + j] = root * triplets.u[j * r + t];
          for (int64_t o = 0; o < s; ++o)
            w2[(c * s + o) * r * n + a * r + t] = root * triplets.v[o * r + t];
        }
        // The projection error, measured rather than inferred.
        for (int64_t j = 0; j < p; ++j)
          for (int64_t o = 0; o < s; ++o) {
            double approx = 0.0;
            for (int64_t t = 0; t < r; ++t)
              approx += triplets.sigma[t] * triplets.u[j * r + t] *
                        triplets.v[o * r + t];
            double value = block[j * s + o];
            total += value * value;
            residual += (value - approx) * (value - approx);
          }
      }

    OpBuilder builder(matmul);
    Location loc = matmul.getLoc();
    Type elementType = bType.getElementType();
    auto w1Type = RankedTensorType::get({n, r * n, p}, elementType);
    auto w2Type = RankedTensorType::get({n, s, r * n}, elementType);
    Value w1Value = arith::ConstantOp::create(builder, loc, w1Type,
                                              getFloatConstant(w1Type, w1));
    Value w2Value = arith::ConstantOp::create(builder, loc, w2Type,
                                              getFloatConstant(w2Type, w2));
    RankedTensorType resultType = matmul.getType();
    Value bias = matmul.getBias();
    // With a bias the product stays in f32 until the bias is added, so the
    // result is rounded once, as the matmul rounds it.
    RankedTensorType productType =
        bias ? resultType.clone(builder.getF32Type()) : resultType;
    Value product = MonarchMatmulOp::create(builder, loc, productType,
                                            matmul.getA(), w1Value, w2Value);
    if (bias)
      product = addBias(builder, loc, product, bias, resultType);

    double relative = total > 0.0 ? std::sqrt(residual / total) : 0.0;
    std::string error;
    llvm::raw_string_ostream(error) << llvm::format("%.3e", relative);
    matmul->emitRemark() << "projected the [" << k << ", " << m
                         << "] weight onto Monarch factors (nblocks = " << n
                         << ", rank " << r << " per block): relative "
                         << "Frobenius error " << error;
    matmul.getResult().replaceAllUsesWith(product);
    matmul->erase();
    ++numProjected;
  }

  void densify(MonarchMatmulOp monarch) {
    DenseElementsAttr w1Attr, w2Attr;
    if (!matchPattern(monarch.getW1(), m_Constant(&w1Attr)) ||
        !matchPattern(monarch.getW2(), m_Constant(&w2Attr)))
      return;
    auto w1Type = cast<RankedTensorType>(monarch.getW1().getType());
    auto w2Type = cast<RankedTensorType>(monarch.getW2().getType());
    int64_t k = w1Type.getDimSize(0), q = w1Type.getDimSize(1),
            p = w1Type.getDimSize(2);
    int64_t l = w2Type.getDimSize(0), s = w2Type.getDimSize(1),
            r = w2Type.getDimSize(2);
    int64_t in = k * p, out = l * s;
    // accel.matmul needs a row dim: a 1-d x stays a monarch_matmul.
    if (in > densifyBelow || out > densifyBelow ||
        cast<RankedTensorType>(monarch.getX().getType()).getRank() < 2)
      return;
    std::vector<double> w1 = getDoubleValues(w1Attr), w2 = getDoubleValues(w2Attr);
    // t1[f] with f = b*q + i, viewed [r, l]: f = jj*l + c; then
    // out[o*l + c] = sum_jj w2[c, o, jj] * t1[jj*l + c].
    std::vector<double> dense(in * out, 0.0);
    for (int64_t c = 0; c < l; ++c)
      for (int64_t jj = 0; jj < r; ++jj) {
        int64_t f = jj * l + c, b = f / q, i = f % q;
        for (int64_t o = 0; o < s; ++o) {
          double outer = w2[(c * s + o) * r + jj];
          for (int64_t j = 0; j < p; ++j)
            dense[(b * p + j) * out + o * l + c] +=
                outer * w1[(b * q + i) * p + j];
        }
      }
    OpBuilder builder(monarch);
    Location loc = monarch.getLoc();
    auto denseType = RankedTensorType::get({in, out}, w1Type.getElementType());
    Value weight = arith::ConstantOp::create(builder, loc, denseType,
                                             getFloatConstant(denseType, dense));
    Value matmul = MatmulOp::create(builder, loc, monarch.getType(),
                                    monarch.getX(), weight, /*bias=*/Value(),
                                    /*transpose_b=*/false);
    monarch.getResult().replaceAllUsesWith(matmul);
    monarch->erase();
    ++numDensified;
  }
};

} // namespace
