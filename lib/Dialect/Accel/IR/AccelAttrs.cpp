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
