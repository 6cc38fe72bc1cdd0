//===- AccelAttrs.cpp - accel attributes ----------------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelAttrs.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelEnums.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel;

#include "accel/Dialect/Accel/IR/AccelEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Accel/IR/AccelAttrs.cpp.inc"

#include "accel/Dialect/Accel/IR/AccelAttrInterfaces.cpp.inc"

void AccelDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "accel/Dialect/Accel/IR/AccelAttrs.cpp.inc"
      >();
}

LogicalResult
HeadShardAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      int64_t numShards, int64_t block, int64_t localBlocks) {
  if (numShards < 1)
    return emitError() << "'#accel.head_shard' expects num_shards >= 1, got "
                       << numShards;
  if (block < 1)
    return emitError() << "'#accel.head_shard' expects block >= 1, got "
                       << block;
  if (localBlocks < 0)
    return emitError() << "'#accel.head_shard' expects local_blocks >= 0, got "
                       << localBlocks;
  return success();
}

bool HeadShardAttr::isVisible(int64_t head, int64_t queryBlock,
                              int64_t keyBlock) const {
  int64_t distance = queryBlock - keyBlock;
  bool local = distance >= 0 && distance < getLocalBlocks();
  return keyBlock % getNumShards() == head % getNumShards() || local;
}

//===----------------------------------------------------------------------===//
// #accel.cuda_target
//===----------------------------------------------------------------------===//

std::optional<CudaTargetAttr::Capability>
CudaTargetAttr::parseChip(StringRef chip) {
  if (!chip.consume_front("sm_"))
    return std::nullopt;
  bool archSpecific = chip.consume_back("a");
  unsigned version;
  // Digits only (getAsInteger takes "0x50" and "+80" too); sm_80 to
  // sm_129, the architectures CUDA 13 names.
  if (chip.empty() || chip.size() > 4 ||
      !llvm::all_of(chip, [](char c) { return c >= '0' && c <= '9'; }) ||
      chip.getAsInteger(10, version) || version < 80 || version > 129)
    return std::nullopt;
  return Capability{static_cast<int>(version / 10),
                    static_cast<int>(version % 10), archSpecific};
}

LogicalResult CudaTargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                     StringRef chip) {
  if (!parseChip(chip))
    return emitError() << "'#accel.cuda_target' expects a chip from sm_80 to sm_129 "
                          "(sm_80, sm_86, sm_89, sm_90, sm_90a, ...), got \""
                       << chip << "\"";
  return success();
}

int64_t CudaTargetAttr::getMaxDynamicSharedMemoryBytes() const {
  switch (getSm()) {
  case 80:
  case 87:
    return 163 * 1024;
  case 86:
  case 89:
    return 99 * 1024;
  case 90:
    return 227 * 1024;
  default:
    return 99 * 1024; // the smallest of the newer parts
  }
}

CudaTargetAttr::ReferencePart CudaTargetAttr::getReferencePart() const {
  switch (getSm()) {
  case 80:
    return {"A100 SXM4", 108, 312.0, 2.039, 19.5};
  case 86:
    return {"RTX A6000", 84, 154.8, 0.768, 38.7};
  case 89:
    return {"L40S", 142, 362.0, 0.864, 91.6};
  case 90:
    return {"H100 SXM5", 132, 989.0, 3.35, 66.9};
  default:
    // Newer or embedded parts: no figures of their own yet.
    return {"H100 SXM5 (no figures for this SM)", 132, 989.0, 3.35, 66.9};
  }
}

//===----------------------------------------------------------------------===//
// Kernel configs: what the knobs alone can say (the op and the target are
// the families' verifyForOp)
//===----------------------------------------------------------------------===//

static LogicalResult verifyNumWarps(function_ref<InFlightDiagnostic()> emitError,
                                    StringRef attrName, int64_t numWarps) {
  if (numWarps == 1 || numWarps == 2 || numWarps == 4 || numWarps == 8)
    return success();
  return emitError() << "'#accel." << attrName
                     << "' expects num_warps of 1, 2, 4 or 8, got " << numWarps;
}

LogicalResult
AttentionSm80ConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                int64_t blockN, int64_t numWarps) {
  if (failed(verifyNumWarps(emitError, getMnemonic(), numWarps)))
    return failure();
  if (blockN < 16 || blockN > 256 || blockN % 16 != 0)
    return emitError() << "'#accel." << getMnemonic()
                       << "' expects block_n to be a multiple of 16 from 16 "
                          "to 256, got "
                       << blockN;
  return success();
}

LogicalResult
AttentionSm90aConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t blockN, int64_t numStages) {
  if (blockN != 64 && blockN != 128)
    return emitError() << "'#accel." << getMnemonic()
                       << "' expects block_n of 64 or 128 (the wgmma n of "
                          "S), got "
                       << blockN;
  if (numStages < 1 || numStages > 4)
    return emitError() << "'#accel." << getMnemonic()
                       << "' expects num_stages from 1 to 4, got "
                       << numStages;
  return success();
}

/// The mma.sync GEMM configs' shared rules: tiles, warps, a ring of
/// `numStages` (2 to 4) tiles of `elementBytes` elements in 48 KiB.
static LogicalResult verifyMmaSyncGemmTiles(
    function_ref<InFlightDiagnostic()> emitError, StringRef mnemonic,
    int64_t blockM, int64_t blockN, int64_t blockK, ArrayRef<int64_t> blockKs,
    int64_t warpsM, int64_t warpsN, int64_t numStages, int64_t elementBytes) {
  auto fail = [&]() {
    return emitError() << "'#accel." << mnemonic << "' expects ";
  };
  for (auto [value, name] :
       {std::pair{blockM, "block_m"}, std::pair{blockN, "block_n"}})
    if (value < 16 || value > 256 || value % 16 != 0)
      return fail() << name << " to be a multiple of 16 from 16 to 256, got "
                    << value;
  if (!llvm::is_contained(blockKs, blockK))
    return fail() << "block_k of " << blockKs[0] << " or " << blockKs[1]
                  << ", got " << blockK;
  if (warpsM < 1 || warpsN < 1 || warpsM * warpsN > 16)
    return fail() << "warps_m and warps_n of at least 1 and at most 16 "
                     "warps in all, got "
                  << warpsM << " x " << warpsN;
  if (blockM % (16 * warpsM) != 0 || blockN % (16 * warpsN) != 0)
    return fail() << "each warp's tile to be a multiple of 16 x 16, got "
                  << blockM << " x " << blockN << " over " << warpsM << " x "
                  << warpsN << " warps";
  if (numStages < 2 || numStages > 4)
    return fail() << "num_stages from 2 to 4, got " << numStages;
  int64_t bytes = numStages * (blockM + blockN) * blockK * elementBytes;
  if (bytes > 48 * 1024)
    return fail() << "its tiles to fit in 49152 bytes of static shared "
                     "memory, got "
                  << bytes;
  return success();
}

LogicalResult GemmSm80ConfigAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, int64_t blockM,
    int64_t blockN, int64_t blockK, int64_t warpsM, int64_t warpsN,
    int64_t numStages) {
  return verifyMmaSyncGemmTiles(emitError, getMnemonic(), blockM, blockN,
                                blockK, {32, 64}, warpsM, warpsN, numStages,
                                /*elementBytes=*/2);
}

LogicalResult QuantizedGemmSm80ConfigAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, int64_t blockM,
    int64_t blockN, int64_t blockK, int64_t warpsM, int64_t warpsN,
    int64_t numStages) {
  return verifyMmaSyncGemmTiles(emitError, getMnemonic(), blockM, blockN,
                                blockK, {64, 128}, warpsM, warpsN, numStages,
                                /*elementBytes=*/1);
}

LogicalResult MonarchSm80ConfigAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, int64_t blockM,
    int64_t blockN, int64_t blockK, int64_t warpsM, int64_t warpsN,
    int64_t numStages) {
  return verifyMmaSyncGemmTiles(emitError, getMnemonic(), blockM, blockN,
                                blockK, {32, 64}, warpsM, warpsN, numStages,
                                /*elementBytes=*/2);
}

LogicalResult
QuantizeConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                           int64_t numWarps) {
  if (numWarps < 1 || numWarps > 32)
    return emitError() << "'#accel." << getMnemonic()
                       << "' expects num_warps from 1 to 32, got " << numWarps;
  return success();
}

LogicalResult
GemmSm90aConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                            int64_t blockN, int64_t numStages) {
  if (blockN != 64 && blockN != 128 && blockN != 256)
    return emitError() << "'#accel." << getMnemonic()
                       << "' expects block_n of 64, 128 or 256, got " << blockN;
  if (numStages < 2 || numStages > 8)
    return emitError() << "'#accel." << getMnemonic()
                       << "' expects num_stages from 2 to 8, got "
                       << numStages;
  return success();
}

LogicalResult
GemmSimtConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                           int64_t blockM, int64_t blockN, int64_t blockK) {
  auto fail = [&]() {
    return emitError() << "'#accel." << getMnemonic() << "' expects ";
  };
  for (auto [value, name] :
       {std::pair{blockM, "block_m"}, std::pair{blockN, "block_n"}})
    if (value < 16 || value > 128 || value % 16 != 0)
      return fail() << name << " to be a multiple of 16 from 16 to 128, got "
                    << value;
  if (blockK != 8 && blockK != 16)
    return fail() << "block_k of 8 or 16, got " << blockK;
  // Every thread loads whole elements of both tiles.
  if ((blockM * blockK) % kNumThreads != 0 ||
      (blockN * blockK) % kNumThreads != 0)
    return fail() << "block_m x block_k and block_n x block_k to be "
                     "multiples of its "
                  << kNumThreads << " threads, got " << blockM << " x "
                  << blockK << " and " << blockN << " x " << blockK;
  return success();
}

LogicalResult
AttentionSimtConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                int64_t blockM, int64_t blockN) {
  for (auto [value, name] :
       {std::pair{blockM, "block_m"}, std::pair{blockN, "block_n"}})
    if (value < 16 || value > 64 || value % 16 != 0)
      return emitError() << "'#accel." << getMnemonic() << "' expects " << name
                         << " to be a multiple of 16 from 16 to 64, got "
                         << value;
  return success();
}

LogicalResult
GenericConfigAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                          int64_t blockSize) {
  if (blockSize < 32 || blockSize > 1024 || (blockSize & (blockSize - 1)))
    return emitError() << "'#accel." << getMnemonic()
                       << "' expects block_size to be a power of two from 32 "
                          "to 1024, got "
                       << blockSize;
  return success();
}

LogicalResult AttentionGradSm80ConfigAttr::verify(
    function_ref<InFlightDiagnostic()> emitError, int64_t numWarps) {
  return verifyNumWarps(emitError, getMnemonic(), numWarps);
}
