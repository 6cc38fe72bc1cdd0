//===- TileConfig.h - the tuning knobs of a kernel instance -----*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Where a kernel instance's configuration comes from, in order: the op's
// `accel.tile_config` attribute (a dictionary: block_m, block_n, num_warps,
// num_stages), the tuning table (keyed by family, op signature and SM;
// written by the GPU harness's tuning mode), the family's cost model.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_TILECONFIG_H
#define ACCEL_CODEGEN_TILECONFIG_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

#include <optional>
#include <string>

namespace accel::codegen {

struct TileConfig {
  int blockM = 64;
  int blockN = 64;
  int numWarps = 4;
  int numStages = 2;

  /// `block_m=64,block_n=64,num_warps=4,num_stages=2`.
  std::string str() const;
  bool operator==(const TileConfig &other) const {
    return blockM == other.blockM && blockN == other.blockN &&
           numWarps == other.numWarps && numStages == other.numStages;
  }
};

/// The attribute that overrides a kernel's configuration.
inline constexpr llvm::StringLiteral kTileConfigAttrName = "accel.tile_config";

/// Reads `accel.tile_config` from `op`: none when absent; an error on the
/// op (and failure) when malformed. Keys not given keep `defaults`.
mlir::FailureOr<std::optional<TileConfig>>
readTileConfigAttr(mlir::Operation *op, const TileConfig &defaults);

/// A tuning-table entry: the best configuration measured for one kernel
/// family, op signature and SM.
std::optional<TileConfig> lookupTuningTable(llvm::StringRef family,
                                            llvm::StringRef signature, int sm);

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_TILECONFIG_H
