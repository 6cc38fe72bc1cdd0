//===- Calibration.h - activation ranges for static scales ------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The calibration file (docs/transforms.md, "Calibration"): the largest
// absolute value each accel.matmul's activation took over sample runs,
// written by `accel-run --calibrate=FILE` and read by
// `accel-quantize{calibration=FILE}` for static per-tensor activation
// scales. A matmul is named by its source location, which survives the
// passes between calibration and quantization (accel-raise keeps the
// location of the linalg op it raised).
//
//   {"accel-calibration": 1,
//    "activations": [{"location": "model.mlir:12:8", "absmax": 3.25}, ...]}
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_TRANSFORMS_CALIBRATION_H
#define ACCEL_DIALECT_ACCEL_TRANSFORMS_CALIBRATION_H

#include "mlir/IR/Location.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace accel {

struct CalibrationTable {
  /// The activation's absmax per matmul location.
  llvm::StringMap<double> absmaxByLocation;

  /// Records `absmax` for `location`, keeping the larger of two records
  /// (several sample runs, or two matmuls at one location).
  void record(llvm::StringRef location, double absmax);

  /// The absmax recorded for `location`: the entry of that exact key, else
  /// the one entry with the same file name (without its directories), line
  /// and column (the tools may have been given the file by different
  /// paths); nothing when there is none or the second match is ambiguous.
  std::optional<double> lookup(llvm::StringRef location) const;
};

/// The key of a matmul at `loc`: "file:line:col" of its first file
/// location; empty when it has none (such a matmul cannot be calibrated).
std::string getCalibrationKey(mlir::Location loc);

/// Reads a calibration file; a missing file, bad JSON, another format
/// version or a negative / non-finite absmax is an error naming the file.
llvm::Expected<CalibrationTable> readCalibrationFile(llvm::StringRef path);

/// Writes `table` (sorted by location, so that files diff well).
llvm::Error writeCalibrationFile(llvm::StringRef path,
                                 const CalibrationTable &table);

} // namespace accel

#endif // ACCEL_DIALECT_ACCEL_TRANSFORMS_CALIBRATION_H
