//===- InputGenerator.cpp - seeded inputs for accel functions -------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/InputGenerator.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/IR/TypeInference.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace accel;
using namespace accel::run;

namespace {
/// Static knowledge of the entry's values: an argument's concrete shape,
/// else the value's static type.
struct ShapeOracle {
  Operation *func;
  ArrayRef<SmallVector<int64_t>> shapes;

  int64_t dim(Value value, int64_t d) const {
    while (auto cast = value.getDefiningOp<tensor::CastOp>())
      value = cast.getSource();
    if (auto arg = dyn_cast<BlockArgument>(value))
      if (arg.getOwner()->getParentOp() == func)
        return shapes[arg.getArgNumber()][d];
    auto type = cast<RankedTensorType>(value.getType());
    return type.isDynamicDim(d) ? -1 : type.getDimSize(d);
  }
};
} // namespace

/// The role `op` gives its operand `operand`, if any.
static std::optional<ArgumentRole> roleOfUse(OpOperand &use,
                                             const ShapeOracle &shapes) {
  Operation *op = use.getOwner();
  Value v = use.get();
  using Kind = ArgumentRole::Kind;
  if (auto gather = dyn_cast<GatherRowsOp>(op); gather && v == gather.getIdx())
    return ArgumentRole{Kind::IndexBelow, shapes.dim(gather.getX(), 0)};
  if (auto typed = dyn_cast<TypedMatmulOp>(op); typed && v == typed.getTypes())
    return ArgumentRole{Kind::IndexBelow, shapes.dim(typed.getW(), 0)};
  if (auto segment = dyn_cast<SegmentMatmulOp>(op);
      segment && v == segment.getOffsets())
    return ArgumentRole{Kind::SegmentOffsets, shapes.dim(segment.getX(), 0)};
  if (auto scatter = dyn_cast<ScatterReduceOp>(op);
      scatter && v == scatter.getIdx())
    return ArgumentRole{Kind::IndexBelow,
                        static_cast<int64_t>(scatter.getNumRows()), true};
  if (auto softmax = dyn_cast<EdgeSoftmaxOp>(op);
      softmax && v == softmax.getDst())
    return ArgumentRole{Kind::IndexBelow,
                        static_cast<int64_t>(softmax.getNumNodes()), true};
  if (auto quantize = dyn_cast<QuantizeOp>(op);
      quantize && v == quantize.getScale())
    return ArgumentRole{Kind::Scale, -1, false,
                        getQuantizedMaxValue(quantize.getDtype())};
  if (auto dequantize = dyn_cast<DequantizeOp>(op);
      dequantize && v == dequantize.getScale())
    return ArgumentRole{
        Kind::Scale, -1, false,
        getQuantizedMaxValue(
            cast<RankedTensorType>(dequantize.getQ().getType())
                .getElementType())};
  if (auto matmul = dyn_cast<QuantizedMatmulOp>(op)) {
    Value data = v == matmul.getAScale()   ? matmul.getA()
                 : v == matmul.getBScale() ? matmul.getB()
                                           : Value();
    if (data) {
      Type element = cast<RankedTensorType>(data.getType()).getElementType();
      double qmax = getQuantizedMaxValue(element);
      // A float operand's scale is a plain multiplier near 1.
      return ArgumentRole{Kind::Scale, -1, false, qmax > 0 ? qmax : 1.0};
    }
  }
  if (auto grad = dyn_cast<AttentionGradOp>(op); grad && v == grad.getLse())
    return ArgumentRole{Kind::LogSumExp, shapes.dim(grad.getK(), 2)};
  return std::nullopt;
}

SmallVector<ArgumentRole>
accel::run::analyzeArgumentRoles(func::FuncOp func,
                                 ArrayRef<SmallVector<int64_t>> shapes) {
  ShapeOracle oracle{func, shapes};
  SmallVector<ArgumentRole> roles(func.getNumArguments());
  for (BlockArgument arg : func.getArguments()) {
    // Follow casts: the role comes from the accel op that reads the value.
    SmallVector<Value> worklist{arg};
    while (!worklist.empty()) {
      Value value = worklist.pop_back_val();
      for (OpOperand &use : value.getUses()) {
        if (auto cast = dyn_cast<tensor::CastOp>(use.getOwner())) {
          worklist.push_back(cast.getResult());
          continue;
        }
        if (std::optional<ArgumentRole> role = roleOfUse(use, oracle))
          roles[arg.getArgNumber()] = *role;
      }
    }
  }
  return roles;
}

/// A draw from a discrete power law over [0, bound): a few ids get most of
/// the mass, as node degrees do in real graphs.
static int64_t drawPowerLaw(int64_t bound, std::mt19937_64 &rng) {
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  // Inverse CDF of a Pareto-like tail, folded into range.
  double u = uniform(rng);
  double x = std::pow(1.0 - u, -1.0 / 1.2) - 1.0;
  return static_cast<int64_t>(x) % bound;
}

HostArray accel::run::generateInput(ElementKind kind, ArrayRef<int64_t> shape,
                                    const ArgumentRole &role,
                                    std::mt19937_64 &rng) {
  HostArray array(kind, shape);
  int64_t count = array.getNumElements();
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  using Kind = ArgumentRole::Kind;
  switch (role.kind) {
  case Kind::IndexBelow: {
    int64_t bound = std::max<int64_t>(role.bound, 1);
    std::uniform_int_distribution<int64_t> uniform(0, bound - 1);
    for (int64_t i = 0; i < count; ++i)
      array.set(i, role.powerLaw ? drawPowerLaw(bound, rng) : uniform(rng));
    return array;
  }
  case Kind::SegmentOffsets: {
    // Sorted cut points in [0, rows]: repeated cuts make empty segments.
    int64_t rows = std::max<int64_t>(role.bound, 0);
    std::uniform_int_distribution<int64_t> cut(0, rows);
    std::vector<int64_t> offsets(count);
    for (int64_t &offset : offsets)
      offset = cut(rng);
    std::sort(offsets.begin(), offsets.end());
    if (count > 0) {
      offsets.front() = 0;
      offsets.back() = rows;
    }
    for (int64_t i = 0; i < count; ++i)
      array.set(i, offsets[i]);
    return array;
  }
  case Kind::Scale: {
    // Values near 1/qmax, so that data in [-1, 1] spans the quantized range
    // and some of it saturates.
    std::uniform_real_distribution<double> spread(0.5, 1.5);
    for (int64_t i = 0; i < count; ++i)
      array.set(i, spread(rng) / role.qmax);
    return array;
  }
  case Kind::LogSumExp: {
    double base = std::log(static_cast<double>(std::max<int64_t>(role.bound, 1)));
    std::uniform_real_distribution<double> noise(0.0, 0.5);
    for (int64_t i = 0; i < count; ++i)
      array.set(i, base + noise(rng));
    return array;
  }
  case Kind::Values:
    break;
  }
  switch (kind) {
  case ElementKind::I1:
  case ElementKind::I4:
  case ElementKind::I8:
  case ElementKind::I16: {
    // The whole range of the narrow integers: quantized data.
    int64_t hi = kind == ElementKind::I1   ? 1
                 : kind == ElementKind::I4 ? 7
                 : kind == ElementKind::I8 ? 127
                                           : 32767;
    int64_t lo = kind == ElementKind::I1 ? 0 : -hi - 1;
    std::uniform_int_distribution<int64_t> uniform(lo, hi);
    for (int64_t i = 0; i < count; ++i)
      array.set(i, uniform(rng));
    return array;
  }
  case ElementKind::I32:
  case ElementKind::I64:
  case ElementKind::Index: {
    std::uniform_int_distribution<int64_t> uniform(-1000, 1000);
    for (int64_t i = 0; i < count; ++i)
      array.set(i, uniform(rng));
    return array;
  }
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2: {
    // fp8 data spans more than [-1, 1]; exercise the exponent range.
    std::uniform_real_distribution<double> wide(-8.0, 8.0);
    for (int64_t i = 0; i < count; ++i)
      array.set(i, wide(rng));
    return array;
  }
  default:
    for (int64_t i = 0; i < count; ++i)
      array.set(i, unit(rng));
    return array;
  }
}
