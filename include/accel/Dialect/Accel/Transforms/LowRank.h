//===- LowRank.h - best low-rank approximations of small matrices -*- C++
//-*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The compile-time linear algebra behind accel-monarch-project: the leading
// singular triplets of a dense row-major matrix, in double precision. By
// Eckart-Young, sum_t sigma_t u_t v_t^T over the leading `rank` triplets is
// the Frobenius-optimal rank-`rank` approximation.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_LOWRANK_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_LOWRANK_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <vector>

namespace accel {

/// The leading singular triplets of a `rows x cols` matrix: `sigma` in
/// non-increasing order, `u` row-major `rows x rank` and `v` row-major
/// `cols x rank` with orthonormal columns (a column whose singular value
/// is zero may be zero).
struct SingularTriplets {
  int64_t rank = 0;
  std::vector<double> sigma;
  std::vector<double> u;
  std::vector<double> v;
};

/// The `rank` leading singular triplets of the row-major `rows x cols`
/// matrix `a` (rank is clamped to min(rows, cols)). Subspace iteration with
/// oversampling and a Rayleigh-Ritz step, so the result is exact (to
/// rounding) when `a` has rank <= `rank`, and converges to the leading
/// triplets otherwise; deterministic.
SingularTriplets computeLeadingSingularTriplets(llvm::ArrayRef<double> a,
                                                int64_t rows, int64_t cols,
                                                int64_t rank);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_LOWRANK_H
