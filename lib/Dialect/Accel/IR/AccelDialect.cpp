//===- AccelDialect.cpp - accel dialect registration ----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelAttrs.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel;

#include "accel/Dialect/Accel/IR/AccelDialect.cpp.inc"

void AccelDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "accel/Dialect/Accel/IR/AccelOps.cpp.inc"
      >();
  registerAttributes();
}

CudaTargetAttr AccelDialect::lookupTarget(Operation *op) {
  for (; op; op = op->getParentOp())
    if (auto target = op->getAttrOfType<CudaTargetAttr>(kTargetAttrName))
      return target;
  return {};
}

LogicalResult AccelDialect::verifyOperationAttribute(Operation *op,
                                                     NamedAttribute attr) {
  if (attr.getName() == kTargetAttrName) {
    if (!isa<ModuleOp>(op))
      return op->emitOpError() << "carries '" << kTargetAttrName
                               << "', which only a builtin.module may carry";
    if (!isa<CudaTargetAttr>(attr.getValue()))
      return op->emitOpError()
             << "expects '" << kTargetAttrName
             << "' to be a #accel.cuda_target, got " << attr.getValue();
    return success();
  }
  if (attr.getName() == kKernelConfigAttrName) {
    auto config = dyn_cast<KernelConfigAttrInterface>(attr.getValue());
    if (!config)
      return op->emitOpError()
             << "expects '" << kKernelConfigAttrName
             << "' to be the kernel config of a registered kernel family "
                "(e.g. #accel.attention_sm80_config), got "
             << attr.getValue();
    return config.verifyForOp(op, lookupTarget(op));
  }
  if (attr.getName() == kMonarchAttrName) {
    if (!isa<MatmulOp>(op))
      return op->emitOpError() << "carries '" << kMonarchAttrName
                               << "', which only an accel.matmul may carry";
    auto dict = dyn_cast<DictionaryAttr>(attr.getValue());
    // {nblocks = N : i64} as the contract writes it, and optionally the
    // per-block rank of accel-monarch-project's block-low-rank form.
    auto isPositiveI64 = [](Attribute value) {
      auto integer = dyn_cast_or_null<IntegerAttr>(value);
      return integer && integer.getType().isInteger(64) &&
             integer.getInt() >= 1;
    };
    bool valid = dict && isPositiveI64(dict.get("nblocks"));
    if (valid)
      for (NamedAttribute entry : dict)
        valid &= entry.getName() == "nblocks" ||
                 (entry.getName() == "rank" && isPositiveI64(entry.getValue()));
    if (!valid)
      return op->emitOpError()
             << "expects '" << kMonarchAttrName
             << "' to be {nblocks = N : i64} (optionally with rank = R : "
                "i64) with N, R >= 1, got "
             << attr.getValue();
    return success();
  }
  return op->emitOpError() << "carries '" << attr.getName().getValue()
                           << "', which is not an accel attribute (accel "
                              "knows '"
                           << kTargetAttrName << "', '" << kKernelConfigAttrName
                           << "' and '" << kMonarchAttrName << "')";
}
