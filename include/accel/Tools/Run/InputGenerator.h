//===- InputGenerator.h - seeded inputs for accel functions -----*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Random inputs that respect what each argument means to the accel ops that
// read it: node and relation ids in range (destinations drawn with
// power-law degrees), segment offsets that partition the rows (empty
// segments included), positive scales, an lse that matches its scores'
// magnitude; everything else uniform in a per-dtype range.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_RUN_INPUTGENERATOR_H
#define ACCEL_TOOLS_RUN_INPUTGENERATOR_H

#include "accel/Tools/Run/HostArray.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <random>

namespace accel::run {

/// What an argument is to the ops that use it.
struct ArgumentRole {
  enum class Kind {
    Values,         ///< uniform data
    IndexBelow,     ///< ids in [0, bound)
    SegmentOffsets, ///< offsets partitioning `bound` rows
    Scale,          ///< positive quantization scales
    LogSumExp,      ///< log(bound) + small noise
  };
  Kind kind = Kind::Values;
  /// The id range, the rows partitioned, or the key count; -1 if unknown.
  int64_t bound = -1;
  /// Ids follow a power law (destinations of edges).
  bool powerLaw = false;
  /// For scales: the qmax of the quantized type they serve.
  double qmax = 127.0;
};

/// The role of each argument of `func`, given the concrete shapes the
/// arguments will have.
llvm::SmallVector<ArgumentRole>
analyzeArgumentRoles(mlir::func::FuncOp func,
                     llvm::ArrayRef<llvm::SmallVector<int64_t>> shapes);

/// A random array of the given kind and shape for an argument of `role`.
HostArray generateInput(ElementKind kind, llvm::ArrayRef<int64_t> shape,
                        const ArgumentRole &role, std::mt19937_64 &rng);

} // namespace accel::run

#endif // ACCEL_TOOLS_RUN_INPUTGENERATOR_H
