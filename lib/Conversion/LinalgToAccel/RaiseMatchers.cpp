//===- RaiseMatchers.cpp - reading front-end linalg for accel-raise -------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "RaiseMatchers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/DenseMap.h"

using namespace mlir;
using namespace accel::raise;

namespace {

/// How deep the scalar and mask evaluators follow operands; front-end IR
/// needs a handful of levels, and a bound keeps hostile input cheap.
constexpr int kMaxDepth = 32;

bool isAllParallel(linalg::GenericOp generic) {
  return llvm::all_of(generic.getIteratorTypesArray(), [](auto type) {
    return linalg::isParallelIterator(type);
  });
}

/// A generic with one input and one init, all parallel, the identity map on
/// its output and a body that yields its input element: pure data movement
/// through the input's map.
bool isYieldOnlyGeneric(linalg::GenericOp generic) {
  if (generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
      generic->getNumResults() != 1 || !isAllParallel(generic))
    return false;
  if (!generic.getIndexingMapsArray()[1].isIdentity())
    return false;
  Block &body = generic.getRegion().front();
  if (body.getOperations().size() != 1)
    return false;
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  return yield.getNumOperands() == 1 &&
         yield.getOperand(0) == body.getArgument(0);
}

/// For a reshape that only adds or removes unit dims: per group of the
/// larger shape, the position of its one non-unit dim, or of its last dim
/// when all are unit dims (a single-dim group keeps its dim either way, so
/// that a size-1 batch dim is still read as itself). Fails when a group has
/// several non-unit dims.
std::optional<SmallVector<int64_t>>
unitDimGroups(ArrayRef<ReassociationIndices> groups,
              ArrayRef<int64_t> largerShape) {
  SmallVector<int64_t> nonUnit;
  for (const ReassociationIndices &group : groups) {
    int64_t found = -1;
    for (int64_t dim : group) {
      if (largerShape[dim] == 1)
        continue;
      if (found != -1)
        return std::nullopt;
      found = dim;
    }
    nonUnit.push_back(found == -1 ? group.back() : found);
  }
  return nonUnit;
}

double roundTo(double value, Type type) {
  auto floatType = dyn_cast<FloatType>(type);
  if (!floatType)
    return value;
  llvm::APFloat rounded(value);
  bool losesInfo = false;
  rounded.convert(floatType.getFloatSemantics(),
                  llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  rounded.convert(llvm::APFloat::IEEEdouble(),
                  llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return rounded.convertToDouble();
}

std::optional<double> constantFloat(Value value, int depth);

/// A scalar inside a generic's body, evaluated when it only depends on
/// constants and on inputs that are constant tensors.
std::optional<double> scalarFloat(Value value, int depth) {
  if (depth > kMaxDepth)
    return std::nullopt;
  if (auto arg = dyn_cast<BlockArgument>(value)) {
    auto generic = dyn_cast<linalg::GenericOp>(arg.getOwner()->getParentOp());
    if (!generic || arg.getArgNumber() >= generic.getNumDpsInputs())
      return std::nullopt;
    return constantFloat(generic.getDpsInputOperand(arg.getArgNumber())->get(),
                         depth + 1);
  }
  Operation *op = value.getDefiningOp();
  if (!op)
    return std::nullopt;
  FloatAttr attr;
  if (matchPattern(value, m_Constant(&attr)))
    return attr.getValueAsDouble();
  auto operand = [&](unsigned i) { return scalarFloat(op->getOperand(i), depth + 1); };
  std::optional<double> result;
  if (isa<math::SqrtOp, math::RsqrtOp, arith::NegFOp, arith::ExtFOp,
          arith::TruncFOp>(op)) {
    std::optional<double> x = operand(0);
    if (!x)
      return std::nullopt;
    if (isa<math::SqrtOp>(op))
      result = std::sqrt(*x);
    else if (isa<math::RsqrtOp>(op))
      result = 1.0 / std::sqrt(*x);
    else if (isa<arith::NegFOp>(op))
      result = -*x;
    else
      result = *x;
  } else if (isa<arith::MulFOp, arith::DivFOp, arith::AddFOp, arith::SubFOp>(
                 op)) {
    std::optional<double> x = operand(0), y = operand(1);
    if (!x || !y)
      return std::nullopt;
    if (isa<arith::MulFOp>(op))
      result = *x * *y;
    else if (isa<arith::DivFOp>(op))
      result = *x / *y;
    else if (isa<arith::AddFOp>(op))
      result = *x + *y;
    else
      result = *x - *y;
  }
  if (!result)
    return std::nullopt;
  return roundTo(*result, value.getType());
}

std::optional<double> constantFloat(Value value, int depth) {
  if (depth > kMaxDepth)
    return std::nullopt;
  if (!isa<TensorType>(value.getType()))
    return scalarFloat(value, depth);
  // Data movement does not change which values occur.
  auto type = cast<ShapedType>(value.getType());
  value = lookThroughDataMovement(
              {value, AffineMap::getMultiDimIdentityMap(type.getRank(),
                                                        value.getContext())})
              .value;
  DenseElementsAttr dense;
  if (matchPattern(value, m_Constant(&dense))) {
    if (!dense.isSplat() || !isa<FloatType>(dense.getElementType()))
      return std::nullopt;
    return dense.getSplatValue<APFloat>().convertToDouble();
  }
  Operation *op = value.getDefiningOp();
  if (auto fill = dyn_cast_or_null<linalg::FillOp>(op))
    return scalarFloat(fill.getDpsInputOperand(0)->get(), depth + 1);
  if (auto generic = dyn_cast_or_null<linalg::GenericOp>(op)) {
    // Every element must be written: all-parallel with a permutation as
    // the output map (a generic writing one element of its init is no
    // splat of what it yields).
    if (generic->getNumResults() != 1 || !isAllParallel(generic) ||
        !generic.getIndexingMapsArray().back().isPermutation())
      return std::nullopt;
    auto yield =
        cast<linalg::YieldOp>(generic.getRegion().front().getTerminator());
    return scalarFloat(yield.getOperand(0), depth + 1);
  }
  return std::nullopt;
}

/// The bit width of an integer or index value (index: 64).
unsigned getIntegerWidth(Type type) {
  type = getElementTypeOrSelf(type);
  if (type.isIndex())
    return 64;
  return type.getIntOrFloatBitWidth();
}

/// `value` wrapped to `width` bits, sign-extended: how the evaluator holds
/// every integer (an i1 true is -1, as its bit pattern sign-extended).
int64_t wrapToWidth(int64_t value, unsigned width) {
  if (width >= 64)
    return value;
  uint64_t mask = (uint64_t(1) << width) - 1;
  uint64_t bits = uint64_t(value) & mask;
  if (bits >> (width - 1))
    bits |= ~mask;
  return static_cast<int64_t>(bits);
}

/// `value` (held sign-extended from `width`) read as unsigned.
uint64_t asUnsigned(int64_t value, unsigned width) {
  return width >= 64 ? uint64_t(value)
                     : uint64_t(value) & ((uint64_t(1) << width) - 1);
}

/// Evaluates the integer tensors a mask is built from, element by element,
/// with the arith ops' two's-complement semantics at their bit widths.
struct IndexEvaluator {
  int64_t limit = 0;
  /// Evaluated tensors, row-major; boxed so that pointers to them stay
  /// valid while the map grows.
  llvm::DenseMap<Value, std::unique_ptr<SmallVector<int64_t>>> tensors;

  std::optional<int64_t> scalar(Value value, ArrayRef<int64_t> point,
                                linalg::GenericOp generic,
                                ArrayRef<const SmallVector<int64_t> *> inputs,
                                int depth) {
    if (depth > kMaxDepth || !getElementTypeOrSelf(value.getType())
                                  .isSignlessIntOrIndex())
      return std::nullopt;
    unsigned width = getIntegerWidth(value.getType());
    if (auto arg = dyn_cast<BlockArgument>(value)) {
      if (arg.getOwner()->getParentOp() != generic ||
          arg.getArgNumber() >= generic.getNumDpsInputs())
        return std::nullopt;
      unsigned i = arg.getArgNumber();
      auto type =
          cast<ShapedType>(generic.getDpsInputOperand(i)->get().getType());
      SmallVector<int64_t> at =
          generic.getIndexingMapsArray()[i].compose(point);
      int64_t flat = 0;
      for (auto [index, size] : llvm::zip(at, type.getShape())) {
        if (index < 0 || index >= size)
          return std::nullopt; // a map that reads outside its input
        flat = flat * size + index;
      }
      return (*inputs[i])[flat];
    }
    IntegerAttr attr;
    if (matchPattern(value, m_Constant(&attr)))
      return wrapToWidth(attr.getValue().getSExtValue(), width);
    Operation *op = value.getDefiningOp();
    if (!op)
      return std::nullopt;
    if (auto index = dyn_cast<linalg::IndexOp>(op))
      return point[index.getDim()];
    auto operand = [&](unsigned i) {
      return scalar(op->getOperand(i), point, generic, inputs, depth + 1);
    };
    auto operandWidth = [&](unsigned i) {
      return getIntegerWidth(op->getOperand(i).getType());
    };
    // Casts: sign- or zero-extend from the source width, then wrap.
    if (isa<arith::IndexCastOp, arith::ExtSIOp, arith::TruncIOp>(op)) {
      std::optional<int64_t> x = operand(0);
      if (!x)
        return std::nullopt;
      return wrapToWidth(*x, width);
    }
    if (isa<arith::IndexCastUIOp, arith::ExtUIOp>(op)) {
      std::optional<int64_t> x = operand(0);
      if (!x)
        return std::nullopt;
      return wrapToWidth(static_cast<int64_t>(asUnsigned(*x, operandWidth(0))),
                         width);
    }
    if (isa<arith::SelectOp>(op)) {
      std::optional<int64_t> c = operand(0);
      if (!c)
        return std::nullopt;
      return *c ? operand(1) : operand(2);
    }
    if (op->getNumOperands() != 2)
      return std::nullopt;
    std::optional<int64_t> x = operand(0), y = operand(1);
    if (!x || !y)
      return std::nullopt;
    if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
      unsigned w = operandWidth(0);
      uint64_t ux = asUnsigned(*x, w), uy = asUnsigned(*y, w);
      bool result;
      switch (cmp.getPredicate()) {
      case arith::CmpIPredicate::eq: result = *x == *y; break;
      case arith::CmpIPredicate::ne: result = *x != *y; break;
      case arith::CmpIPredicate::slt: result = *x < *y; break;
      case arith::CmpIPredicate::sle: result = *x <= *y; break;
      case arith::CmpIPredicate::sgt: result = *x > *y; break;
      case arith::CmpIPredicate::sge: result = *x >= *y; break;
      case arith::CmpIPredicate::ult: result = ux < uy; break;
      case arith::CmpIPredicate::ule: result = ux <= uy; break;
      case arith::CmpIPredicate::ugt: result = ux > uy; break;
      case arith::CmpIPredicate::uge: result = ux >= uy; break;
      }
      return result ? -1 : 0; // i1, sign-extended
    }
    // Wrapping arithmetic, computed on the unsigned bit patterns.
    uint64_t ux = uint64_t(*x), uy = uint64_t(*y);
    if (isa<arith::AddIOp>(op))
      return wrapToWidth(static_cast<int64_t>(ux + uy), width);
    if (isa<arith::SubIOp>(op))
      return wrapToWidth(static_cast<int64_t>(ux - uy), width);
    if (isa<arith::MulIOp>(op))
      return wrapToWidth(static_cast<int64_t>(ux * uy), width);
    if (isa<arith::AndIOp>(op))
      return wrapToWidth(*x & *y, width);
    if (isa<arith::OrIOp>(op))
      return wrapToWidth(*x | *y, width);
    if (isa<arith::XOrIOp>(op))
      return wrapToWidth(*x ^ *y, width);
    if (isa<arith::MinSIOp>(op))
      return std::min(*x, *y);
    if (isa<arith::MaxSIOp>(op))
      return std::max(*x, *y);
    return std::nullopt;
  }

  const SmallVector<int64_t> *tensor(Value value, int depth) {
    if (depth > kMaxDepth)
      return nullptr;
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || !type.hasStaticShape() ||
        !type.getElementType().isSignlessIntOrIndex() ||
        type.getNumElements() > limit)
      return nullptr;
    auto cached = tensors.find(value);
    if (cached != tensors.end())
      return cached->second.get();
    unsigned width = getIntegerWidth(type);
    auto values = std::make_unique<SmallVector<int64_t>>();
    DenseIntElementsAttr dense;
    Operation *op = value.getDefiningOp();
    if (matchPattern(value, m_Constant(&dense))) {
      for (APInt element : dense.getValues<APInt>())
        values->push_back(wrapToWidth(element.getSExtValue(), width));
    } else if (auto fill = dyn_cast_or_null<linalg::FillOp>(op)) {
      IntegerAttr attr;
      if (!matchPattern(fill.getDpsInputOperand(0)->get(), m_Constant(&attr)))
        return nullptr;
      values->assign(type.getNumElements(),
                     wrapToWidth(attr.getValue().getSExtValue(), width));
    } else if (isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
                   op)) {
      // A reshape keeps the row-major order.
      const SmallVector<int64_t> *source = tensor(op->getOperand(0), depth + 1);
      if (!source)
        return nullptr;
      *values = *source;
    } else if (auto generic = dyn_cast_or_null<linalg::GenericOp>(op)) {
      if (generic->getNumResults() != 1 || !isAllParallel(generic) ||
          !generic.getIndexingMapsArray().back().isIdentity())
        return nullptr;
      SmallVector<const SmallVector<int64_t> *> inputs;
      for (OpOperand *input : generic.getDpsInputOperands()) {
        inputs.push_back(tensor(input->get(), depth + 1));
        if (!inputs.back())
          return nullptr;
      }
      Value yielded =
          cast<linalg::YieldOp>(generic.getRegion().front().getTerminator())
              .getOperand(0);
      ArrayRef<int64_t> shape = type.getShape();
      SmallVector<int64_t> point(shape.size(), 0);
      for (int64_t flat = 0, e = type.getNumElements(); flat < e; ++flat) {
        std::optional<int64_t> element =
            scalar(yielded, point, generic, inputs, depth + 1);
        if (!element)
          return nullptr;
        values->push_back(*element);
        for (int64_t d = shape.size() - 1; d >= 0; --d) {
          if (++point[d] < shape[d])
            break;
          point[d] = 0;
        }
      }
    } else {
      return nullptr;
    }
    const SmallVector<int64_t> *result = values.get();
    tensors.try_emplace(value, std::move(values));
    return result;
  }
};

} // namespace

std::optional<Access> accel::raise::lookThroughOneStep(Access access) {
  Operation *op = access.value.getDefiningOp();
  MLIRContext *context = access.map.getContext();
  if (auto generic = dyn_cast_or_null<linalg::GenericOp>(op)) {
    if (!isYieldOnlyGeneric(generic))
      return std::nullopt;
    access = {generic.getDpsInputOperand(0)->get(),
              generic.getIndexingMapsArray()[0].compose(access.map)};
    return access;
  }
  if (auto transpose = dyn_cast_or_null<linalg::TransposeOp>(op)) {
    // result dim i is input dim perm[i]: the input reads through the
    // inverse permutation.
    AffineMap toInput = inversePermutation(
        AffineMap::getPermutationMap(transpose.getPermutation(), context));
    access = {transpose.getInput(), toInput.compose(access.map)};
    return access;
  }
  if (auto broadcast = dyn_cast_or_null<linalg::BroadcastOp>(op)) {
    unsigned rank = broadcast.getInit().getType().getRank();
    SmallVector<AffineExpr> exprs;
    ArrayRef<int64_t> added = broadcast.getDimensions();
    for (unsigned d = 0; d < rank; ++d)
      if (!llvm::is_contained(added, d))
        exprs.push_back(getAffineDimExpr(d, context));
    AffineMap toInput = AffineMap::get(rank, 0, exprs, context);
    access = {broadcast.getInput(), toInput.compose(access.map)};
    return access;
  }
  if (auto expand = dyn_cast_or_null<tensor::ExpandShapeOp>(op)) {
    // Result dims grouped per source dim; only unit dims may be added.
    std::optional<SmallVector<int64_t>> nonUnit = unitDimGroups(
        expand.getReassociationIndices(), expand.getResultType().getShape());
    if (!nonUnit)
      return std::nullopt;
    SmallVector<AffineExpr> exprs;
    for (int64_t dim : *nonUnit)
      exprs.push_back(dim < 0 ? getAffineConstantExpr(0, context)
                              : access.map.getResult(dim));
    access = {expand.getSrc(), AffineMap::get(access.map.getNumDims(), 0,
                                              exprs, context)};
    return access;
  }
  if (auto collapse = dyn_cast_or_null<tensor::CollapseShapeOp>(op)) {
    SmallVector<ReassociationIndices> groups =
        collapse.getReassociationIndices();
    std::optional<SmallVector<int64_t>> nonUnit =
        unitDimGroups(groups, collapse.getSrcType().getShape());
    if (!nonUnit)
      return std::nullopt;
    unsigned sourceRank = collapse.getSrcType().getRank();
    SmallVector<AffineExpr> exprs(sourceRank,
                                  getAffineConstantExpr(0, context));
    for (auto [group, dim] : llvm::enumerate(*nonUnit))
      exprs[dim < 0 ? groups[group].front() : dim] =
          access.map.getResult(group);
    access = {collapse.getSrc(), AffineMap::get(access.map.getNumDims(), 0,
                                                exprs, context)};
    return access;
  }
  return std::nullopt;
}

Access accel::raise::lookThroughDataMovement(Access access) {
  for (int steps = 0; steps < kMaxDepth; ++steps) {
    std::optional<Access> next = lookThroughOneStep(access);
    if (!next)
      break;
    access = *next;
  }
  return access;
}

SmallVector<Access> accel::raise::getDataMovementChain(Access access) {
  SmallVector<Access> chain = {access};
  for (int steps = 0; steps < kMaxDepth; ++steps) {
    std::optional<Access> next = lookThroughOneStep(chain.back());
    if (!next)
      break;
    chain.push_back(*next);
  }
  return chain;
}

bool accel::raise::isIdentityAccess(const Access &access) {
  auto type = dyn_cast<ShapedType>(access.value.getType());
  return type && access.map.isIdentity() &&
         access.map.getNumResults() == type.getRank();
}

Value accel::raise::getRowBroadcastSource(const Access &access, unsigned rank) {
  auto type = dyn_cast<ShapedType>(access.value.getType());
  if (!type || rank == 0 || access.map.getNumDims() != rank)
    return {};
  unsigned results = access.map.getNumResults();
  bool unitLast = results == rank && type.getRank() == rank &&
                  type.getShape().back() == 1;
  if (results != rank - 1 && !unitLast)
    return {};
  for (unsigned d = 0; d + 1 < rank; ++d)
    if (access.map.getResult(d) != getAffineDimExpr(d, access.map.getContext()))
      return {};
  if (unitLast && access.map.getResult(rank - 1) !=
                      getAffineConstantExpr(0, access.map.getContext()))
    return {};
  return access.value;
}

Value ElementwiseStep::identityOperand(unsigned i) const {
  if (i >= operands.size() || !operands[i].value ||
      !isIdentityAccess(operands[i]))
    return {};
  return operands[i].value;
}

std::optional<ElementwiseStep> accel::raise::matchElementwiseStep(Value value) {
  auto generic = value.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic->getNumResults() != 1 ||
      generic.getNumDpsInits() != 1 || !isAllParallel(generic) ||
      !generic.getIndexingMapsArray().back().isIdentity())
    return std::nullopt;
  Block &body = generic.getRegion().front();
  if (body.getOperations().size() != 2)
    return std::nullopt;
  Operation *scalarOp = &body.front();
  if (scalarOp->getNumResults() != 1 ||
      body.getTerminator()->getOperand(0) != scalarOp->getResult(0))
    return std::nullopt;
  ElementwiseStep step;
  step.generic = generic;
  step.scalarOp = scalarOp;
  for (Value operand : scalarOp->getOperands()) {
    auto arg = dyn_cast<BlockArgument>(operand);
    if (arg && arg.getOwner() == &body) {
      if (arg.getArgNumber() >= generic.getNumDpsInputs())
        return std::nullopt; // reads the init: not elementwise
      OpOperand *input = generic.getDpsInputOperand(arg.getArgNumber());
      step.operands.push_back(lookThroughDataMovement(
          {input->get(), generic.getMatchingIndexingMap(input)}));
      step.captured.push_back({});
      continue;
    }
    if (operand.getParentRegion() == &generic.getRegion())
      return std::nullopt;
    step.operands.push_back({});
    step.captured.push_back(operand);
  }
  return step;
}

std::optional<double> accel::raise::getConstantFloat(Value value) {
  return constantFloat(value, 0);
}

std::optional<LastDimReduction>
accel::raise::matchLastDimReduction(Value value) {
  auto generic = value.getDefiningOp<linalg::GenericOp>();
  if (!generic || cast<OpResult>(value).getResultNumber() != 0 ||
      generic.getNumDpsInputs() != 1)
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators =
      generic.getIteratorTypesArray();
  unsigned rank = iterators.size();
  if (rank == 0 || !linalg::isReductionIterator(iterators.back()))
    return std::nullopt;
  for (unsigned d = 0; d + 1 < rank; ++d)
    if (!linalg::isParallelIterator(iterators[d]))
      return std::nullopt;
  SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
  if (!maps[0].isIdentity())
    return std::nullopt;
  Value init = generic.getDpsInitOperand(0)->get();
  if (!getRowBroadcastSource({init, maps[1]}, rank))
    return std::nullopt;
  Block &body = generic.getRegion().front();
  Value in = body.getArgument(0);
  Value out = body.getArgument(1);
  Value yielded = body.getTerminator()->getOperand(0);
  Operation *combiner = yielded.getDefiningOp();
  if (!combiner || combiner->getBlock() != &body ||
      combiner->getNumOperands() != 2)
    return std::nullopt;
  auto isInput = [&](Value v) {
    if (v == in)
      return true;
    auto ext = v.getDefiningOp<arith::ExtFOp>();
    return ext && ext->getBlock() == &body && ext.getIn() == in;
  };
  Value lhs = combiner->getOperand(0), rhs = combiner->getOperand(1);
  if (!((lhs == out && isInput(rhs)) || (rhs == out && isInput(lhs))))
    return std::nullopt;
  return LastDimReduction{generic, combiner,
                          generic.getDpsInputOperand(0)->get(), init};
}

std::optional<SmallVector<int64_t>>
accel::raise::evaluateIndexTensor(Value value, int64_t limit) {
  IndexEvaluator evaluator;
  evaluator.limit = limit;
  const SmallVector<int64_t> *values = evaluator.tensor(value, 0);
  if (!values)
    return std::nullopt;
  return *values;
}
