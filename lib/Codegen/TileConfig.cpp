//===- TileConfig.cpp - the tuning knobs of a kernel instance -------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/TileConfig.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace accel::codegen;

std::string TileConfig::str() const {
  return "block_m=" + std::to_string(blockM) +
         ",block_n=" + std::to_string(blockN) +
         ",num_warps=" + std::to_string(numWarps) +
         ",num_stages=" + std::to_string(numStages);
}

FailureOr<std::optional<TileConfig>>
accel::codegen::readTileConfigAttr(Operation *op, const TileConfig &defaults) {
  Attribute attr = op->getDiscardableAttr(kTileConfigAttrName);
  if (!attr)
    return std::optional<TileConfig>();
  auto dict = dyn_cast<DictionaryAttr>(attr);
  if (!dict) {
    op->emitOpError() << "expects " << kTileConfigAttrName
                      << " to be a dictionary, got " << attr;
    return failure();
  }
  TileConfig config = defaults;
  for (NamedAttribute entry : dict) {
    int *field = llvm::StringSwitch<int *>(entry.getName().strref())
                     .Case("block_m", &config.blockM)
                     .Case("block_n", &config.blockN)
                     .Case("num_warps", &config.numWarps)
                     .Case("num_stages", &config.numStages)
                     .Default(nullptr);
    auto value = dyn_cast<IntegerAttr>(entry.getValue());
    if (!field || !value || value.getValue().getSExtValue() <= 0 ||
        value.getValue().getSExtValue() > 4096) {
      op->emitOpError() << "expects " << kTileConfigAttrName
                        << " entries block_m, block_n, num_warps, num_stages "
                           "with positive integer values, got "
                        << entry.getName() << " = " << entry.getValue();
      return failure();
    }
    *field = static_cast<int>(value.getValue().getSExtValue());
  }
  return std::optional<TileConfig>(config);
}

std::optional<TileConfig>
accel::codegen::lookupTuningTable(llvm::StringRef family,
                                  llvm::StringRef signature, int sm) {
  struct Entry {
    const char *family, *signature;
    int sm;
    TileConfig config;
  };
  static const Entry entries[] = {
#define ACCEL_TUNING(fam, sig, smVersion, bm, bn, warps, stages)              \
  {fam, sig, smVersion, TileConfig{bm, bn, warps, stages}},
#include "TuningTable.def"
      {nullptr, nullptr, 0, TileConfig{}}};
  for (const Entry &entry : entries)
    if (entry.family && family == entry.family &&
        signature == entry.signature && sm == entry.sm)
      return entry.config;
  return std::nullopt;
}
