//===- TuningTable.h - measured best kernel configs, as data ----*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// A tuning table is a text file that accel-select-kernels reads
// (`tuning-table=<path>`; accel-translate --accel-tuning-table), so a user
// or the GPU harness's --tune mode extends it without rebuilding accel.
// One entry per line:
//
//   <family> <signature> <chip> <config attribute>
//   attention_wgmma bf16.d128.causal sm_90a
//   #accel.attention_sm90a_config<block_n = 128, num_stages = 2>
//
// Blank lines and lines starting with `//` are ignored. An entry whose
// config belongs to another family, or a second entry for the same key, is
// an error located in the file.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_TUNINGTABLE_H
#define ACCEL_CODEGEN_TUNINGTABLE_H

#include "accel/Dialect/Accel/IR/AccelAttrs.h"

#include "mlir/IR/Location.h"
#include "llvm/Support/MemoryBuffer.h"

#include <vector>

namespace accel::codegen {

class TuningTable {
public:
  struct Entry {
    std::string family, signature, chip;
    KernelConfigAttrInterface config;
    /// Where the entry is (`<file>:<line>:1`), for diagnostics.
    mlir::Location location;
  };

  /// Reads the table in `path`; diagnostics (at the file's lines) and
  /// failure when it cannot be read or an entry is malformed.
  static mlir::FailureOr<TuningTable> load(llvm::StringRef path,
                                           mlir::MLIRContext *context);
  /// Parses `buffer` (its identifier names the file in diagnostics).
  static mlir::FailureOr<TuningTable> parse(llvm::MemoryBufferRef buffer,
                                            mlir::MLIRContext *context);

  /// The entry for `family`, `signature` and `chip`, if any.
  const Entry *lookup(llvm::StringRef family, llvm::StringRef signature,
                      llvm::StringRef chip) const;
  llvm::ArrayRef<Entry> getEntries() const { return entries; }

private:
  std::vector<Entry> entries;
};

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_TUNINGTABLE_H
