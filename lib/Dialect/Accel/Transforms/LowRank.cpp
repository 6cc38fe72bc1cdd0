//===- LowRank.cpp - best low-rank approximations of small matrices -------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Subspace iteration (Halko, Martinsson and Tropp, "Finding structure with
// randomness", algorithm 4.4) on a block of `rank + oversampling` vectors,
// finished by Rayleigh-Ritz: with Y an orthonormal basis of A Q and
// Z = A^T Y, the small symmetric matrix Z^T Z = (Y^T A)(Y^T A)^T is
// diagonalized by cyclic Jacobi, which gives the singular values of Y^T A
// and, through its eigenvectors E, the left vectors Y E and the right
// vectors Z E / sigma. When the block spans all of A's row space (A has
// rank <= the block width, as a Monarch-structured weight's blocks do), one
// iteration is exact. Otherwise each iteration shrinks the error in the
// leading triplets by (sigma_{k+1} / sigma_rank)^2; it stops when the
// leading pairs satisfy A v = sigma u to 1e-11 of the largest value. Everything
// is double precision and deterministic (a fixed-seed start block), so a
// compile is reproducible.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/LowRank.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace accel;

namespace {

/// A row-major dense matrix.
struct Matrix {
  int64_t rows = 0, cols = 0;
  std::vector<double> data;
  Matrix(int64_t rows, int64_t cols)
      : rows(rows), cols(cols), data(rows * cols, 0.0) {}
  double &at(int64_t i, int64_t j) { return data[i * cols + j]; }
  double at(int64_t i, int64_t j) const { return data[i * cols + j]; }
};

/// out = A * B where A is given row-major `rows x inner`.
Matrix multiply(llvm::ArrayRef<double> a, int64_t rows, int64_t inner,
                const Matrix &b) {
  Matrix out(rows, b.cols);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t l = 0; l < inner; ++l) {
      double ail = a[i * inner + l];
      if (ail == 0.0)
        continue;
      for (int64_t j = 0; j < b.cols; ++j)
        out.at(i, j) += ail * b.at(l, j);
    }
  return out;
}

/// out = A^T * B where A is given row-major `inner x cols`.
Matrix multiplyTransposed(llvm::ArrayRef<double> a, int64_t inner, int64_t cols,
                          const Matrix &b) {
  Matrix out(cols, b.cols);
  for (int64_t l = 0; l < inner; ++l)
    for (int64_t i = 0; i < cols; ++i) {
      double ali = a[l * cols + i];
      if (ali == 0.0)
        continue;
      for (int64_t j = 0; j < b.cols; ++j)
        out.at(i, j) += ali * b.at(l, j);
    }
  return out;
}

/// Orthonormalizes the columns of `m` in place by modified Gram-Schmidt,
/// run twice ("twice is enough" for orthogonality to rounding). A column
/// that is (numerically) in the span of the previous ones becomes zero.
void orthonormalizeColumns(Matrix &m) {
  std::vector<double> originalNorm(m.cols, 0.0);
  for (int64_t j = 0; j < m.cols; ++j)
    for (int64_t i = 0; i < m.rows; ++i)
      originalNorm[j] += m.at(i, j) * m.at(i, j);
  for (int pass = 0; pass < 2; ++pass) {
    for (int64_t j = 0; j < m.cols; ++j) {
      for (int64_t prev = 0; prev < j; ++prev) {
        double dot = 0.0;
        for (int64_t i = 0; i < m.rows; ++i)
          dot += m.at(i, prev) * m.at(i, j);
        for (int64_t i = 0; i < m.rows; ++i)
          m.at(i, j) -= dot * m.at(i, prev);
      }
      double norm = 0.0;
      for (int64_t i = 0; i < m.rows; ++i)
        norm += m.at(i, j) * m.at(i, j);
      bool degenerate = norm <= 1e-28 * originalNorm[j] || norm == 0.0;
      double scale = degenerate ? 0.0 : 1.0 / std::sqrt(norm);
      for (int64_t i = 0; i < m.rows; ++i)
        m.at(i, j) *= scale;
    }
  }
}

/// Eigen-decomposition of the symmetric `n x n` matrix `s` by cyclic
/// Jacobi rotations: returns the eigenvalues in non-increasing order and
/// writes the matching eigenvectors as the columns of `vectors`.
std::vector<double> symmetricEigen(Matrix s, Matrix &vectors) {
  int64_t n = s.rows;
  vectors = Matrix(n, n);
  for (int64_t i = 0; i < n; ++i)
    vectors.at(i, i) = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0, total = 0.0;
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < n; ++j) {
        total += s.at(i, j) * s.at(i, j);
        if (i != j)
          off += s.at(i, j) * s.at(i, j);
      }
    if (off <= 1e-30 * total || off == 0.0)
      break;
    for (int64_t p = 0; p < n; ++p)
      for (int64_t q = p + 1; q < n; ++q) {
        double apq = s.at(p, q);
        if (apq == 0.0)
          continue;
        // The rotation that zeroes s[p][q] (Golub and Van Loan 8.5.2).
        double theta = (s.at(q, q) - s.at(p, p)) / (2.0 * apq);
        double t = (theta >= 0 ? 1.0 : -1.0) /
                   (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        double c = 1.0 / std::sqrt(t * t + 1.0), sn = t * c;
        for (int64_t k = 0; k < n; ++k) {
          double skp = s.at(k, p), skq = s.at(k, q);
          s.at(k, p) = c * skp - sn * skq;
          s.at(k, q) = sn * skp + c * skq;
        }
        for (int64_t k = 0; k < n; ++k) {
          double spk = s.at(p, k), sqk = s.at(q, k);
          s.at(p, k) = c * spk - sn * sqk;
          s.at(q, k) = sn * spk + c * sqk;
        }
        for (int64_t k = 0; k < n; ++k) {
          double vkp = vectors.at(k, p), vkq = vectors.at(k, q);
          vectors.at(k, p) = c * vkp - sn * vkq;
          vectors.at(k, q) = sn * vkp + c * vkq;
        }
      }
  }
  std::vector<int64_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Descending singular values; ties keep their index order so the result is
  // deterministic. (std::sort with an explicit tie-break rather than
  // std::stable_sort, whose libstdc++ 12 buffer uses a deprecated API that the
  // sanitizer build rejects.)
  std::sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
    double sx = s.at(x, x), sy = s.at(y, y);
    return sx != sy ? sx > sy : x < y;
  });
  std::vector<double> values(n);
  Matrix sorted(n, n);
  for (int64_t j = 0; j < n; ++j) {
    values[j] = s.at(order[j], order[j]);
    for (int64_t i = 0; i < n; ++i)
      sorted.at(i, j) = vectors.at(i, order[j]);
  }
  vectors = std::move(sorted);
  return values;
}

} // namespace

SingularTriplets accel::computeLeadingSingularTriplets(llvm::ArrayRef<double> a,
                                                       int64_t rows,
                                                       int64_t cols,
                                                       int64_t rank) {
  SingularTriplets result;
  int64_t full = std::min(rows, cols);
  result.rank = std::max<int64_t>(0, std::min(rank, full));
  if (result.rank == 0)
    return result;
  constexpr int64_t kOversampling = 8;
  int64_t width = std::min(result.rank + kOversampling, full);

  // A fixed-seed pseudo-random start block (splitmix64), so that no
  // leading direction is orthogonal to it except with probability zero.
  Matrix q(cols, width);
  uint64_t state = 0x9e3779b97f4a7c15ull;
  for (double &value : q.data) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    value = static_cast<double>(z >> 11) * 0x1.0p-53 * 2.0 - 1.0;
  }
  orthonormalizeColumns(q);

  Matrix y(rows, width), z(cols, width), eigenvectors(width, width);
  std::vector<double> sigma(width, 0.0);
  constexpr int kMaxIterations = 500;
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    y = multiply(a, rows, cols, q);
    orthonormalizeColumns(y);
    z = multiplyTransposed(a, rows, cols, y);
    // Rayleigh-Ritz: Z^T Z = (Y^T A)(Y^T A)^T.
    Matrix gram(width, width);
    for (int64_t i = 0; i < width; ++i)
      for (int64_t j = 0; j < width; ++j) {
        double dot = 0.0;
        for (int64_t k = 0; k < cols; ++k)
          dot += z.at(k, i) * z.at(k, j);
        gram.at(i, j) = dot;
      }
    std::vector<double> eigenvalues = symmetricEigen(gram, eigenvectors);
    for (int64_t t = 0; t < width; ++t)
      sigma[t] = std::sqrt(std::max(eigenvalues[t], 0.0));
    // Exact once the block spans the whole row space. Otherwise converged
    // when the leading pairs satisfy A v = sigma u to 1e-11 of sigma_0
    // (A^T u = sigma v holds by construction: A^T Y E = Z E). The
    // singular values settle long before the vectors, so they are not the
    // test.
    bool converged = width == full;
    if (!converged && sigma[0] > 0.0) {
      double worst = 0.0;
      std::vector<double> u(rows), v(cols);
      for (int64_t t = 0; t < result.rank && sigma[t] > 0.0; ++t) {
        for (int64_t i = 0; i < rows; ++i) {
          u[i] = 0.0;
          for (int64_t c = 0; c < width; ++c)
            u[i] += y.at(i, c) * eigenvectors.at(c, t);
        }
        for (int64_t i = 0; i < cols; ++i) {
          v[i] = 0.0;
          for (int64_t c = 0; c < width; ++c)
            v[i] += z.at(i, c) * eigenvectors.at(c, t) / sigma[t];
        }
        double residual = 0.0;
        for (int64_t i = 0; i < rows; ++i) {
          double av = -sigma[t] * u[i];
          for (int64_t j = 0; j < cols; ++j)
            av += a[i * cols + j] * v[j];
          residual += av * av;
        }
        worst = std::max(worst, std::sqrt(residual));
      }
      converged = worst <= 1e-11 * sigma[0];
    }
    if (converged || sigma[0] == 0.0)
      break;
    q = z;
    orthonormalizeColumns(q);
  }

  result.sigma.assign(sigma.begin(), sigma.begin() + result.rank);
  result.u.assign(rows * result.rank, 0.0);
  result.v.assign(cols * result.rank, 0.0);
  for (int64_t t = 0; t < result.rank; ++t) {
    if (sigma[t] == 0.0)
      continue;
    for (int64_t i = 0; i < rows; ++i) {
      double dot = 0.0;
      for (int64_t k = 0; k < width; ++k)
        dot += y.at(i, k) * eigenvectors.at(k, t);
      result.u[i * result.rank + t] = dot;
    }
    for (int64_t i = 0; i < cols; ++i) {
      double dot = 0.0;
      for (int64_t k = 0; k < width; ++k)
        dot += z.at(i, k) * eigenvectors.at(k, t);
      result.v[i * result.rank + t] = dot / sigma[t];
    }
  }
  return result;
}
