//===- MonarchProjectTest.cpp - the Monarch projection is optimal ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel-monarch-project claims the Frobenius-optimal Monarch factors. These
// tests check the claim on random matrices rather than on the pass's own
// arithmetic: the singular triplets satisfy their defining equations, no
// random unit vector is stretched more than the leading singular value, and
// no perturbation of the pass's factors (read back from the IR it writes)
// brings the product closer to the weight.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/LowRank.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "gtest/gtest.h"

#include <cmath>
#include <random>
#include <sstream>

using namespace mlir;
using namespace accel;

namespace {

std::vector<double> randomMatrix(std::mt19937 &rng, int64_t rows,
                                 int64_t cols) {
  std::normal_distribution<double> normal;
  std::vector<double> a(rows * cols);
  for (double &value : a)
    value = normal(rng);
  return a;
}

double frobeniusSquared(const std::vector<double> &a) {
  double sum = 0.0;
  for (double value : a)
    sum += value * value;
  return sum;
}

/// ||A - sum_t sigma_t u_t v_t^T||_F^2.
double residualSquared(const std::vector<double> &a, int64_t rows, int64_t cols,
                       const SingularTriplets &t) {
  double sum = 0.0;
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) {
      double approx = 0.0;
      for (int64_t r = 0; r < t.rank; ++r)
        approx += t.sigma[r] * t.u[i * t.rank + r] * t.v[j * t.rank + r];
      double d = a[i * cols + j] - approx;
      sum += d * d;
    }
  return sum;
}

struct Shape {
  int64_t rows, cols, rank;
};

class LeadingTripletsTest : public ::testing::TestWithParam<Shape> {};

TEST_P(LeadingTripletsTest, SatisfiesTheSingularValueEquations) {
  auto [rows, cols, rank] = GetParam();
  std::mt19937 rng(1234 + rows * 31 + cols);
  std::vector<double> a = randomMatrix(rng, rows, cols);
  SingularTriplets t = computeLeadingSingularTriplets(a, rows, cols, rank);
  ASSERT_EQ(t.rank, std::min({rows, cols, rank}));
  for (int64_t r = 0; r < t.rank; ++r) {
    if (r > 0) {
      EXPECT_LE(t.sigma[r], t.sigma[r - 1]);
    }
    // A v = sigma u and A^T u = sigma v.
    for (int64_t i = 0; i < rows; ++i) {
      double av = 0.0;
      for (int64_t j = 0; j < cols; ++j)
        av += a[i * cols + j] * t.v[j * t.rank + r];
      EXPECT_NEAR(av, t.sigma[r] * t.u[i * t.rank + r], 1e-9 * t.sigma[0]);
    }
    for (int64_t j = 0; j < cols; ++j) {
      double atu = 0.0;
      for (int64_t i = 0; i < rows; ++i)
        atu += a[i * cols + j] * t.u[i * t.rank + r];
      EXPECT_NEAR(atu, t.sigma[r] * t.v[j * t.rank + r], 1e-9 * t.sigma[0]);
    }
  }
  // The leading value is the operator norm: no unit vector is stretched
  // more.
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> x = randomMatrix(rng, cols, 1);
    double norm = std::sqrt(frobeniusSquared(x)), stretched = 0.0;
    for (int64_t i = 0; i < rows; ++i) {
      double dot = 0.0;
      for (int64_t j = 0; j < cols; ++j)
        dot += a[i * cols + j] * x[j] / norm;
      stretched += dot * dot;
    }
    EXPECT_LE(std::sqrt(stretched), t.sigma[0] * (1 + 1e-12));
  }
  // Eckart-Young's residual is what is left of the norm.
  double left = frobeniusSquared(a);
  for (double s : t.sigma)
    left -= s * s;
  EXPECT_NEAR(residualSquared(a, rows, cols, t), left,
              1e-9 * frobeniusSquared(a));
}

TEST_P(LeadingTripletsTest, RecoversALowRankMatrixExactly) {
  auto [rows, cols, rank] = GetParam();
  std::mt19937 rng(99 + rows + cols * 7);
  int64_t r = std::min({rows, cols, rank});
  std::vector<double> left = randomMatrix(rng, rows, r),
                      right = randomMatrix(rng, r, cols);
  std::vector<double> a(rows * cols, 0.0);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      for (int64_t k = 0; k < r; ++k)
        a[i * cols + j] += left[i * r + k] * right[k * cols + j];
  SingularTriplets t = computeLeadingSingularTriplets(a, rows, cols, r);
  EXPECT_LE(residualSquared(a, rows, cols, t), 1e-24 * frobeniusSquared(a));
}

INSTANTIATE_TEST_SUITE_P(Shapes, LeadingTripletsTest,
                         ::testing::Values(Shape{1, 1, 1}, Shape{5, 3, 1},
                                           Shape{3, 7, 1}, Shape{16, 16, 1},
                                           Shape{40, 24, 3}, Shape{9, 64, 2},
                                           Shape{64, 64, 4}, Shape{6, 6, 6}));

/// Runs accel-monarch-project on a matmul with a random [k, m] weight and
/// returns the factors it wrote.
struct Projection {
  std::vector<double> weight, w1, w2;
  int64_t k, m, n, rank;
};

std::vector<double> readConstant(Value value) {
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  std::vector<double> out;
  for (APFloat element :
       cast<DenseElementsAttr>(constant.getValue()).getValues<APFloat>())
    out.push_back(element.convertToFloat());
  return out;
}

Projection project(std::mt19937 &rng, int64_t k, int64_t m, int64_t n,
                   int64_t rank) {
  Projection result{randomMatrix(rng, k, m), {}, {}, k, m, n, rank};
  // The weight as the f32 constant holds it.
  for (double &value : result.weight)
    value = static_cast<float>(value);
  std::ostringstream text;
  text.precision(17);
  text << "func.func @f(%x: tensor<2x" << k << "xf32>) -> tensor<2x" << m
       << "xf32> {\n  %w = arith.constant dense<[";
  for (int64_t i = 0; i < k; ++i) {
    text << (i ? ", [" : "[");
    for (int64_t j = 0; j < m; ++j)
      text << (j ? ", " : "") << std::scientific << result.weight[i * m + j];
    text << "]";
  }
  text << "]> : tensor<" << k << "x" << m << "xf32>\n"
       << "  %y = accel.matmul %x, %w {accel.monarch = {nblocks = " << n
       << " : i64, rank = " << rank << " : i64}} : (tensor<2x" << k
       << "xf32>, tensor<" << k << "x" << m << "xf32>) -> tensor<2x" << m
       << "xf32>\n  return %y : tensor<2x" << m << "xf32>\n}\n";
  MLIRContext context;
  context.loadDialect<AccelDialect, arith::ArithDialect, func::FuncDialect,
                      linalg::LinalgDialect, tensor::TensorDialect>();
  context.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(text.str(), &context);
  EXPECT_TRUE(module);
  if (!module)
    return result;
  PassManager pm(&context);
  pm.addPass(createMonarchProjectPass());
  EXPECT_TRUE(succeeded(pm.run(*module)));
  module->walk([&](MonarchMatmulOp op) {
    result.w1 = readConstant(op.getW1());
    result.w2 = readConstant(op.getW2());
  });
  return result;
}

/// ||W - W'||_F^2 for the factors' product W' (contract section 7, with
/// block rank r: W'[a*p + j, o*N + c] = sum_t w2[c, o, a*r + t] *
/// w1[a, t*N + c, j]).
double projectionError(const Projection &pr, const std::vector<double> &w1,
                       const std::vector<double> &w2) {
  int64_t n = pr.n, r = pr.rank, p = pr.k / n, s = pr.m / n;
  double sum = 0.0;
  for (int64_t a = 0; a < n; ++a)
    for (int64_t j = 0; j < p; ++j)
      for (int64_t o = 0; o < s; ++o)
        for (int64_t c = 0; c < n; ++c) {
          double approx = 0.0;
          for (int64_t t = 0; t < r; ++t)
            approx += w2[(c * s + o) * r * n + a * r + t] *
                      w1[(a * r * n + t * n + c) * p + j];
          double d = pr.weight[(a * p + j) * pr.m + o * n + c] - approx;
          sum += d * d;
        }
  return sum;
}

struct ProjectShape {
  int64_t k, m, n, rank;
};

class MonarchProjectPassTest : public ::testing::TestWithParam<ProjectShape> {};

TEST_P(MonarchProjectPassTest, NoPerturbationOfTheFactorsDoesBetter) {
  auto [k, m, n, rank] = GetParam();
  std::mt19937 rng(7 * k + 3 * m + n);
  Projection pr = project(rng, k, m, n, rank);
  ASSERT_EQ(pr.w1.size(), size_t(n * rank * n * (k / n)));
  ASSERT_EQ(pr.w2.size(), size_t(n * (m / n) * rank * n));
  double best = projectionError(pr, pr.w1, pr.w2);
  EXPECT_LT(best, frobeniusSquared(pr.weight));
  std::normal_distribution<double> normal;
  for (double size : {1e-1, 1e-3}) {
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<double> w1 = pr.w1, w2 = pr.w2;
      for (double &value : w1)
        value += size * normal(rng);
      for (double &value : w2)
        value += size * normal(rng);
      EXPECT_GE(projectionError(pr, w1, w2), best * (1 - 1e-12))
          << "a perturbation of size " << size << " did better";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, MonarchProjectPassTest,
                         ::testing::Values(ProjectShape{8, 8, 2, 1},
                                           ProjectShape{12, 20, 4, 1},
                                           ProjectShape{16, 16, 1, 1},
                                           ProjectShape{16, 16, 16, 1},
                                           ProjectShape{24, 12, 2, 3}));

} // namespace
