//===- Compare.cpp - the numerics policy for comparing results ------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/Compare.h"

#include <cmath>

using namespace accel::run;

Tolerance accel::run::getDefaultTolerance(ElementKind kind) {
  // About two units in the last place of the format at magnitude 1, plus
  // an absolute floor for values that cancel to near zero.
  switch (kind) {
  case ElementKind::F64:
    return {1e-12, 1e-12};
  case ElementKind::F32:
    return {1e-5, 1e-6};
  case ElementKind::F16:
    return {2e-3, 1e-4};
  case ElementKind::BF16:
    return {1.6e-2, 1e-3};
  case ElementKind::F8E4M3FN:
    return {0.25, 1.0 / 64};
  case ElementKind::F8E5M2:
    return {0.5, 1.0 / 8192};
  default:
    return {0.0, 0.0};
  }
}

Comparison accel::run::compareArrays(const HostArray &lhs,
                                     const HostArray &rhs,
                                     Tolerance tolerance) {
  Comparison result;
  if (lhs.kind != rhs.kind) {
    result.structuralError = "element types differ: " + lhs.describe() +
                             " vs " + rhs.describe();
    return result;
  }
  if (lhs.shape != rhs.shape) {
    result.structuralError =
        "shapes differ: " + lhs.describe() + " vs " + rhs.describe();
    return result;
  }
  double worstExcess = -1.0;
  for (int64_t i = 0, e = lhs.getNumElements(); i < e; ++i) {
    double a = lhs.get(i), b = rhs.get(i);
    double excess;
    if (std::isnan(a) || std::isnan(b) || std::isinf(a) || std::isinf(b)) {
      // Non-finite values must agree exactly (NaN with NaN).
      bool same = (std::isnan(a) && std::isnan(b)) || a == b;
      excess = same ? 0.0 : INFINITY;
    } else {
      double error = std::fabs(a - b);
      result.maxAbsError = std::fmax(result.maxAbsError, error);
      excess = error - (tolerance.atol + tolerance.rtol * std::fabs(b));
    }
    if (excess > 0.0)
      ++result.numMismatches;
    if (excess > 0.0 && excess > worstExcess) {
      worstExcess = excess;
      result.worstIndex = i;
      result.worstLhs = a;
      result.worstRhs = b;
    }
  }
  return result;
}
