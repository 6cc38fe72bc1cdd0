//===- LoweringBuilders.cpp - builders shared by accel's lowerings --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "LoweringBuilders.h"
#include "Float8Emulation.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

OpFoldResult accel::lowering::getDim(OpBuilder &b, Location loc, Value tensor,
                                     int64_t dim) {
  OpFoldResult size = tensor::getMixedSize(b, loc, tensor, dim);
  // The tensor.dim folds when the size is known through a tensor.cast: say so
  // with an attribute, so that every builder treats the size as static.
  if (std::optional<int64_t> known = getConstantIntValue(size))
    return b.getIndexAttr(*known);
  return size;
}

SmallVector<OpFoldResult> accel::lowering::getDims(OpBuilder &b, Location loc,
                                                   Value tensor) {
  SmallVector<OpFoldResult> sizes;
  int64_t rank = cast<RankedTensorType>(tensor.getType()).getRank();
  for (int64_t dim = 0; dim < rank; ++dim)
    sizes.push_back(getDim(b, loc, tensor, dim));
  return sizes;
}

Value accel::lowering::getDimValue(OpBuilder &b, Location loc, Value tensor,
                                   int64_t dim) {
  return getValueOrCreateConstantIndexOp(b, loc, getDim(b, loc, tensor, dim));
}

Value accel::lowering::createEmpty(OpBuilder &b, Location loc,
                                   ArrayRef<OpFoldResult> sizes,
                                   Type elementType) {
  return tensor::EmptyOp::create(b, loc, sizes, elementType);
}

Value accel::lowering::createFilled(OpBuilder &b, Location loc,
                                    ArrayRef<OpFoldResult> sizes,
                                    Type elementType, double value) {
  Value empty = createEmpty(b, loc, sizes, elementType);
  TypedAttr attr;
  if (auto floatType = dyn_cast<FloatType>(elementType))
    attr = b.getFloatAttr(floatType, value);
  else
    attr = b.getIntegerAttr(elementType, static_cast<int64_t>(value));
  Value scalar = arith::ConstantOp::create(b, loc, attr);
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

Value accel::lowering::convertScalar(OpBuilder &b, Location loc, Value value,
                                     Type to) {
  Type from = value.getType();
  if (from == to)
    return value;
  // fp8 has no LLVM lowering of extf/truncf: go through f32 by hand.
  if (isFloat8(from))
    return convertScalar(b, loc, decodeFloat8(b, loc, value), to);
  if (isFloat8(to))
    return encodeFloat8(b, loc, convertScalar(b, loc, value, b.getF32Type()),
                        to);
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat) {
    if (fromFloat.getWidth() < toFloat.getWidth())
      return arith::ExtFOp::create(b, loc, to, value);
    if (fromFloat.getWidth() > toFloat.getWidth())
      return arith::TruncFOp::create(b, loc, to, value);
    // Same width, different format (f16 <-> bf16): go through f32.
    Value wide = arith::ExtFOp::create(b, loc, b.getF32Type(), value);
    return arith::TruncFOp::create(b, loc, to, wide);
  }
  if (from.isIndex() || to.isIndex())
    return arith::IndexCastOp::create(b, loc, to, value);
  if (toFloat)
    return arith::SIToFPOp::create(b, loc, to, value);
  if (fromFloat)
    return arith::FPToSIOp::create(b, loc, to, value);
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (fromWidth < toWidth)
    return arith::ExtSIOp::create(b, loc, to, value);
  return arith::TruncIOp::create(b, loc, to, value);
}

Value accel::lowering::constantF32(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

Value accel::lowering::multiplyAccumulateF32(OpBuilder &b, Location loc,
                                             Value lhs, Value rhs, Value acc) {
  Type f32 = b.getF32Type();
  Value product =
      arith::MulFOp::create(b, loc, convertScalar(b, loc, lhs, f32),
                            convertScalar(b, loc, rhs, f32));
  return arith::AddFOp::create(b, loc, acc, product);
}

Value accel::lowering::roundInto(OpBuilder &b, Location loc, Value source,
                                 Value dest) {
  unsigned rank = cast<RankedTensorType>(source.getType()).getRank();
  Type elementType = cast<RankedTensorType>(dest.getType()).getElementType();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  return linalg::GenericOp::create(
             b, loc, dest.getType(), ValueRange{source}, ValueRange{dest},
             ArrayRef<AffineMap>{identity, identity}, iterators(rank),
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(
                   nb, nloc, convertScalar(nb, nloc, args[0], elementType));
             })
      .getResult(0);
}

Value accel::lowering::roundTensorTo(OpBuilder &b, Location loc, Value source,
                                     Type elementType) {
  if (cast<RankedTensorType>(source.getType()).getElementType() == elementType)
    return source;
  return roundInto(b, loc, source,
                   createEmpty(b, loc, getDims(b, loc, source), elementType));
}

Value accel::lowering::castToType(OpBuilder &b, Location loc, Value value,
                                  Type type) {
  if (value.getType() == type)
    return value;
  return tensor::CastOp::create(b, loc, type, value);
}

SmallVector<utils::IteratorType> accel::lowering::iterators(unsigned parallel,
                                                            unsigned reductions) {
  SmallVector<utils::IteratorType> result(parallel,
                                          utils::IteratorType::parallel);
  result.append(reductions, utils::IteratorType::reduction);
  return result;
}

Value accel::lowering::broadcastAtRunTime(
    OpBuilder &b, Location loc, Value operand,
    ArrayRef<std::pair<int64_t, OpFoldResult>> stretch) {
  auto type = cast<RankedTensorType>(operand.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes = getDims(b, loc, operand);
  SmallVector<Value> isOne(rank);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  for (auto [dim, size] : stretch) {
    isOne[dim] = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                       getDimValue(b, loc, operand, dim), one);
    sizes[dim] = size;
  }
  Value init = createEmpty(b, loc, sizes, type.getElementType());
  AffineMap identity = b.getMultiDimIdentityMap(rank);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, ValueRange{init}, {identity},
      iterators(rank), [&](OpBuilder &nb, Location nloc, ValueRange) {
        SmallVector<Value> indices;
        Value zero = arith::ConstantIndexOp::create(nb, nloc, 0);
        for (int64_t d = 0; d < rank; ++d) {
          Value index = linalg::IndexOp::create(nb, nloc, d);
          if (isOne[d])
            index = arith::SelectOp::create(nb, nloc, isOne[d], zero, index);
          indices.push_back(index);
        }
        Value element = tensor::ExtractOp::create(nb, nloc, operand, indices);
        linalg::YieldOp::create(nb, nloc, element);
      });
  return generic.getResult(0);
}
