//===- Compare.h - the numerics policy for comparing results ----*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// docs/numerics.md: floats agree when |lhs - rhs| <= atol + rtol * |rhs|
// with per-dtype defaults (and the same non-finite value at the same
// place); integers agree exactly.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_RUN_COMPARE_H
#define ACCEL_TOOLS_RUN_COMPARE_H

#include "accel/Tools/Run/HostArray.h"

#include <optional>
#include <string>

namespace accel::run {

struct Tolerance {
  double rtol = 0.0;
  double atol = 0.0;
};

/// The default tolerance of an element kind (zero for integers).
Tolerance getDefaultTolerance(ElementKind kind);

struct Comparison {
  /// Elements beyond the tolerance (or a shape/kind mismatch: all).
  int64_t numMismatches = 0;
  double maxAbsError = 0.0;
  /// The element that exceeds its allowance by the most.
  std::optional<int64_t> worstIndex;
  double worstLhs = 0.0, worstRhs = 0.0;
  /// Set when the arrays cannot be compared element by element.
  std::string structuralError;

  bool ok() const { return numMismatches == 0 && structuralError.empty(); }
};

Comparison compareArrays(const HostArray &lhs, const HostArray &rhs,
                         Tolerance tolerance);

} // namespace accel::run

#endif // ACCEL_TOOLS_RUN_COMPARE_H
