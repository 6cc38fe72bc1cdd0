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
#include "mlir/IR/Matchers.h"
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

void accel::forEachWeightGroupAlongK(
    ArrayRef<int64_t> shape, bool transposeB, int64_t groupSize,
    function_ref<void(int64_t, int64_t, ArrayRef<int64_t>)> visit) {
  int64_t rank = shape.size();
  int64_t rows = shape[rank - 2], cols = shape[rank - 1];
  int64_t k = transposeB ? cols : rows, n = transposeB ? rows : cols;
  int64_t matrices = 1;
  for (int64_t size : shape.drop_back(2))
    matrices *= size;
  SmallVector<int64_t> indices(groupSize);
  for (int64_t m = 0; m < matrices; ++m)
    for (int64_t column = 0; column < n; ++column)
      for (int64_t group = 0; group < k / groupSize; ++group) {
        for (int64_t i = 0; i < groupSize; ++i) {
          int64_t kIndex = group * groupSize + i;
          int64_t r = transposeB ? column : kIndex;
          int64_t c = transposeB ? kIndex : column;
          indices[i] = (m * rows + r) * cols + c;
        }
        visit(m * n + column, group, indices);
      }
}

/// `accel.sparse_2_4`: a unit attribute of an accel.matmul whose K is a
/// multiple of 4 and, when its weight is a float constant, that weight has
/// at most 2 nonzeros in every group of 4 consecutive K elements.
static LogicalResult verifySparse24(Operation *op, Attribute value) {
  StringRef name = AccelDialect::kSparse24AttrName;
  auto matmul = dyn_cast<MatmulOp>(op);
  if (!matmul)
    return op->emitOpError() << "carries '" << name
                             << "', which only an accel.matmul may carry";
  if (!isa<UnitAttr>(value))
    return op->emitOpError()
           << "expects '" << name << "' to be a unit attribute, got " << value;
  auto bType = cast<RankedTensorType>(matmul.getB().getType());
  int64_t rank = bType.getRank();
  bool transposed = matmul.getTransposeB();
  if (rank < 2)
    return success();
  int64_t k = bType.getDimSize(transposed ? rank - 1 : rank - 2);
  if (!ShapedType::isDynamic(k) && k % 4 != 0)
    return op->emitOpError() << "carries '" << name
                             << "', which needs K to be a multiple of 4, got "
                             << k;
  DenseElementsAttr weight;
  if (!matchPattern(matmul.getB(), m_Constant(&weight)) ||
      !isa<FloatType>(weight.getElementType()))
    return success();
  if (weight.isSplat()) {
    if (weight.getSplatValue<APFloat>().isZero())
      return success();
    return op->emitOpError() << "carries '" << name
                             << "', but its constant weight is a nonzero "
                                "splat (4 nonzeros in every group of 4)";
  }
  auto values = weight.getValues<APFloat>();
  std::optional<std::pair<int64_t, int64_t>> firstDense;
  int nonzerosThere = 0;
  forEachWeightGroupAlongK(
      bType.getShape(), transposed, 4,
      [&](int64_t column, int64_t group, ArrayRef<int64_t> indices) {
        if (firstDense)
          return;
        int nonzeros = llvm::count_if(
            indices, [&](int64_t i) { return !values[i].isZero(); });
        if (nonzeros > 2) {
          firstDense = {column, group};
          nonzerosThere = nonzeros;
        }
      });
  if (!firstDense)
    return success();
  return op->emitOpError() << "carries '" << name
                           << "', but its constant weight has "
                           << nonzerosThere << " nonzeros in K elements ["
                           << firstDense->second * 4 << ", "
                           << firstDense->second * 4 + 4
                           << ") of output column " << firstDense->first
                           << " (2:4 allows 2)";
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
  if (attr.getName() == kSparse24AttrName)
    return verifySparse24(op, attr.getValue());
  return op->emitOpError() << "carries '" << attr.getName().getValue()
                           << "', which is not an accel attribute (accel "
                              "knows '"
                           << kTargetAttrName << "', '" << kKernelConfigAttrName
                           << "', '" << kMonarchAttrName << "' and '"
                           << kSparse24AttrName << "')";
}
