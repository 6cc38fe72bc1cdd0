//===- AccelOps.cpp - accel operations: verifiers and builders ------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Verifiers stay thin: each checks what is specific to its op (element
// types, attributes) and hands shapes to the family's rules in
// TypeInference.cpp, which builders reuse to infer result types.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/IR/TypeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/SetVector.h"

#include <cmath>

using namespace mlir;
using namespace accel;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static RankedTensorType tensorTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType());
}
static ArrayRef<int64_t> shapeOf(Value value) {
  return tensorTypeOf(value).getShape();
}
static Type elementTypeOf(Value value) {
  return tensorTypeOf(value).getElementType();
}

/// Fails unless `lhs` and `rhs` have one element type.
static LogicalResult verifySameElementType(Operation *op, Value lhs,
                                           StringRef lhsName, Value rhs,
                                           StringRef rhsName) {
  Type lhsType = elementTypeOf(lhs), rhsType = elementTypeOf(rhs);
  if (lhsType == rhsType)
    return success();
  return op->emitOpError() << "expects " << lhsName << " and " << rhsName
                           << " to share an element type, got " << lhsType
                           << " and " << rhsType;
}

/// Fails unless `value`'s element type is one of `allowed` (listed once
/// each in the diagnostic).
static LogicalResult verifyElementTypeIn(Operation *op, Value value,
                                         StringRef name,
                                         ArrayRef<Type> allowed) {
  Type type = elementTypeOf(value);
  if (llvm::is_contained(allowed, type))
    return success();
  llvm::SetVector<Type> unique(allowed.begin(), allowed.end());
  InFlightDiagnostic diag = op->emitOpError()
                            << "expects " << name << " of element type ";
  llvm::interleave(
      unique, [&](Type t) { diag << t; }, [&] { diag << " or "; });
  return diag << ", got " << type;
}

static bool isComputeFloat(Type type) {
  return type.isF32() || type.isF16() || type.isBF16();
}

/// A builder's result type when the operands break a rule: the builder
/// reports the rule and leaves the shape dynamic; the verifier then fails.
static RankedTensorType inferredOrDynamic(FailureOr<Shape> shape,
                                          int64_t fallbackRank,
                                          Type elementType) {
  if (succeeded(shape))
    return RankedTensorType::get(*shape, elementType);
  return RankedTensorType::get(Shape(fallbackRank, ShapedType::kDynamic),
                               elementType);
}

/// The softmax scale shared by attention and its gradient.
static std::optional<float> effectiveScale(std::optional<APFloat> scale,
                                           Value q) {
  if (scale)
    return scale->convertToFloat();
  int64_t headDim = shapeOf(q)[3];
  if (ShapedType::isDynamic(headDim) || headDim == 0)
    return std::nullopt;
  return 1.0f / std::sqrt(static_cast<float>(headDim));
}

/// Rules shared by attention and attention_grad: q/k/v element types, the
/// scale attribute, and the shapes.
static FailureOr<AttentionShapes>
verifyAttentionCommon(Operation *op, Value q, Value k, Value v,
                      std::optional<APFloat> scale) {
  if (failed(verifySameElementType(op, q, "q", k, "k")) ||
      failed(verifySameElementType(op, q, "q", v, "v")))
    return failure();
  if (scale && !scale->isFinite()) {
    op->emitOpError() << "expects a finite scale, got "
                      << scale->convertToFloat();
    return failure();
  }
  return inferAttentionShapes(shapeOf(q), shapeOf(k), shapeOf(v),
                              [op] { return op->emitOpError(); });
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  if (failed(verifySameElementType(*this, getA(), "a", getB(), "b")))
    return failure();
  FailureOr<Shape> shape = inferMatmulShape(shapeOf(getA()), shapeOf(getB()),
                                            getTransposeB(), emitError);
  if (failed(shape))
    return failure();
  if (Value bias = getBias()) {
    if (failed(verifyElementTypeIn(
            *this, bias, "bias",
            {Float32Type::get(getContext()), elementTypeOf(getA()),
             getType().getElementType()})))
      return failure();
    if (failed(verifyShapeMatches(shapeOf(bias), {shape->back()}, "bias",
                                  emitError)))
      return failure();
  }
  return verifyShapeMatches(getType().getShape(), *shape, "result", emitError);
}

//===----------------------------------------------------------------------===//
// AttentionOp
//===----------------------------------------------------------------------===//

std::optional<float> AttentionOp::getEffectiveScale() {
  return effectiveScale(getScale(), getQ());
}

LogicalResult AttentionOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  FailureOr<AttentionShapes> shapes =
      verifyAttentionCommon(*this, getQ(), getK(), getV(), getScale());
  if (failed(shapes))
    return failure();
  if (Value bias = getBias()) {
    if (failed(verifyElementTypeIn(
            *this, bias, "bias",
            {Float32Type::get(getContext()), elementTypeOf(getQ())})))
      return failure();
    if (failed(verifyBroadcastableTo(shapeOf(bias), shapes->scores, "bias",
                                     emitError)))
      return failure();
  }
  Type outType = elementTypeOf(getOut());
  if (!isComputeFloat(outType))
    return emitOpError() << "expects out of element type f32, f16 or bf16, got "
                         << outType;
  if (failed(verifyShapeMatches(shapeOf(getOut()), shapes->out, "out",
                                emitError)))
    return failure();
  if (Value lse = getLse())
    return verifyShapeMatches(shapeOf(lse), shapes->lse, "lse", emitError);
  return success();
}

//===----------------------------------------------------------------------===//
// AttentionGradOp
//===----------------------------------------------------------------------===//

std::optional<float> AttentionGradOp::getEffectiveScale() {
  return effectiveScale(getScale(), getQ());
}

LogicalResult AttentionGradOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  FailureOr<AttentionShapes> shapes =
      verifyAttentionCommon(*this, getQ(), getK(), getV(), getScale());
  if (failed(shapes))
    return failure();
  if (failed(verifyShapeMatches(shapeOf(getOut()), shapes->out, "out",
                                emitError)) ||
      failed(verifyShapeMatches(shapeOf(getLse()), shapes->lse, "lse",
                                emitError)) ||
      failed(verifyShapeMatches(shapeOf(getDout()), shapes->out, "dout",
                                emitError)))
    return failure();
  for (auto [grad, input, name] :
       {std::tuple(getDq(), getQ(), "dq"), std::tuple(getDk(), getK(), "dk"),
        std::tuple(getDv(), getV(), "dv")}) {
    if (!isComputeFloat(elementTypeOf(grad)))
      return emitOpError() << "expects " << name
                           << " of element type f32, f16 or bf16, got "
                           << elementTypeOf(grad);
    if (failed(verifyShapeMatches(shapeOf(grad), shapeOf(input), name,
                                  emitError)))
      return failure();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// BlockDiagMatmulOp / MonarchMatmulOp
//===----------------------------------------------------------------------===//

void BlockDiagMatmulOp::build(OpBuilder &builder, OperationState &state,
                              Value x, Value w) {
  FailureOr<Shape> shape =
      inferBlockDiagMatmulShape(shapeOf(x), shapeOf(w), [&] {
        return mlir::emitError(state.location);
      });
  build(builder, state,
        inferredOrDynamic(shape, shapeOf(x).size(), elementTypeOf(x)), x, w);
}

LogicalResult BlockDiagMatmulOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  if (failed(verifySameElementType(*this, getX(), "x", getW(), "w")))
    return failure();
  FailureOr<Shape> shape =
      inferBlockDiagMatmulShape(shapeOf(getX()), shapeOf(getW()), emitError);
  if (failed(shape))
    return failure();
  return verifyShapeMatches(getType().getShape(), *shape, "result", emitError);
}

void MonarchMatmulOp::build(OpBuilder &builder, OperationState &state, Value x,
                            Value w1, Value w2) {
  FailureOr<Shape> shape =
      inferMonarchMatmulShape(shapeOf(x), shapeOf(w1), shapeOf(w2), [&] {
        return mlir::emitError(state.location);
      });
  build(builder, state,
        inferredOrDynamic(shape, shapeOf(x).size(), elementTypeOf(x)), x, w1,
        w2);
}

LogicalResult MonarchMatmulOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  if (failed(verifySameElementType(*this, getX(), "x", getW1(), "w1")) ||
      failed(verifySameElementType(*this, getX(), "x", getW2(), "w2")))
    return failure();
  FailureOr<Shape> shape = inferMonarchMatmulShape(
      shapeOf(getX()), shapeOf(getW1()), shapeOf(getW2()), emitError);
  if (failed(shape))
    return failure();
  return verifyShapeMatches(getType().getShape(), *shape, "result", emitError);
}

//===----------------------------------------------------------------------===//
// Relational graph ops
//===----------------------------------------------------------------------===//

void GatherRowsOp::build(OpBuilder &builder, OperationState &state, Value x,
                         Value idx) {
  FailureOr<Shape> shape = inferGatherRowsShape(
      shapeOf(x), shapeOf(idx), [&] { return mlir::emitError(state.location); });
  build(builder, state, inferredOrDynamic(shape, 2, elementTypeOf(x)), x, idx);
}

LogicalResult GatherRowsOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  FailureOr<Shape> shape =
      inferGatherRowsShape(shapeOf(getX()), shapeOf(getIdx()), emitError);
  if (failed(shape))
    return failure();
  if (getType().getElementType() != elementTypeOf(getX()))
    return emitOpError() << "expects the result element type to be "
                         << elementTypeOf(getX()) << ", got "
                         << getType().getElementType();
  return verifyShapeMatches(getType().getShape(), *shape, "result", emitError);
}

/// Shared by typed_matmul and segment_matmul.
static LogicalResult verifyRelationMatmul(Operation *op, Value x, Value w,
                                          Value index, bool indexIsOffsets,
                                          RankedTensorType resultType) {
  auto emitError = [op] { return op->emitOpError(); };
  if (failed(verifySameElementType(op, x, "x", w, "w")))
    return failure();
  FailureOr<Shape> shape = inferRelationMatmulShape(
      shapeOf(x), shapeOf(w), shapeOf(index), indexIsOffsets, emitError);
  if (failed(shape))
    return failure();
  return verifyShapeMatches(resultType.getShape(), *shape, "result",
                            emitError);
}

void TypedMatmulOp::build(OpBuilder &builder, OperationState &state, Value x,
                          Value w, Value types) {
  FailureOr<Shape> shape = inferRelationMatmulShape(
      shapeOf(x), shapeOf(w), shapeOf(types), /*indexIsOffsets=*/false,
      [&] { return mlir::emitError(state.location); });
  build(builder, state, inferredOrDynamic(shape, 2, elementTypeOf(x)), x, w,
        types);
}

LogicalResult TypedMatmulOp::verify() {
  return verifyRelationMatmul(*this, getX(), getW(), getTypes(),
                              /*indexIsOffsets=*/false, getType());
}

void SegmentMatmulOp::build(OpBuilder &builder, OperationState &state, Value x,
                            Value w, Value offsets) {
  FailureOr<Shape> shape = inferRelationMatmulShape(
      shapeOf(x), shapeOf(w), shapeOf(offsets), /*indexIsOffsets=*/true,
      [&] { return mlir::emitError(state.location); });
  build(builder, state, inferredOrDynamic(shape, 2, elementTypeOf(x)), x, w,
        offsets);
}

LogicalResult SegmentMatmulOp::verify() {
  if (failed(verifyRelationMatmul(*this, getX(), getW(), getOffsets(),
                                  /*indexIsOffsets=*/true, getType())))
    return failure();
  // The contract lets the verifier check what it can see: constant offsets.
  DenseIntElementsAttr offsets;
  if (!matchPattern(getOffsets(), m_Constant(&offsets)))
    return success();
  SmallVector<int64_t> values;
  for (const APInt &value : offsets.getValues<APInt>())
    values.push_back(value.getSExtValue());
  return verifySegmentOffsets(values, shapeOf(getX())[0],
                              [this] { return emitOpError(); });
}

ReduceKind ScatterReduceOp::getReduceKind() {
  return symbolizeReduceKind(getReduce()).value_or(ReduceKind::Sum);
}

LogicalResult ScatterReduceOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  if (!symbolizeReduceKind(getReduce()))
    return emitOpError() << "expects reduce to be \"sum\", \"mean\" or "
                            "\"max\", got \""
                         << getReduce() << "\"";
  FailureOr<Shape> shape = inferScatterReduceShape(
      shapeOf(getMsg()), shapeOf(getIdx()), getNumRows(), emitError);
  if (failed(shape))
    return failure();
  if (getType().getElementType() != elementTypeOf(getMsg()))
    return emitOpError() << "expects the result element type to be "
                         << elementTypeOf(getMsg()) << ", got "
                         << getType().getElementType();
  return verifyShapeMatches(getType().getShape(), *shape, "result", emitError);
}

LogicalResult EdgeSoftmaxOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  FailureOr<Shape> shape = inferEdgeSoftmaxShape(shapeOf(getScore()),
                                                 shapeOf(getDst()), emitError);
  if (failed(shape))
    return failure();
  if (getType().getElementType() != elementTypeOf(getScore()))
    return emitOpError() << "expects the result element type to be "
                         << elementTypeOf(getScore()) << ", got "
                         << getType().getElementType();
  return verifyShapeMatches(getType().getShape(), *shape, "result", emitError);
}

//===----------------------------------------------------------------------===//
// Quantization ops
//===----------------------------------------------------------------------===//

QuantGranularity QuantizeOp::getGranularityKind() {
  return symbolizeQuantGranularity(getGranularity())
      .value_or(QuantGranularity::Tensor);
}

QuantGranularity DequantizeOp::getGranularityKind() {
  return symbolizeQuantGranularity(getGranularity())
      .value_or(QuantGranularity::Tensor);
}

/// The scale shape that granularity/axis/group_size give a tensor of shape
/// `shape`.
static FailureOr<Shape> verifyGranularity(Operation *op, StringRef spelling,
                                          std::optional<int64_t> axis,
                                          std::optional<int64_t> groupSize,
                                          ArrayRef<int64_t> shape) {
  auto emitError = [op] { return op->emitOpError(); };
  FailureOr<QuantGranularity> granularity =
      parseGranularity(spelling, emitError);
  if (failed(granularity))
    return failure();
  return inferScaleShape(shape, *granularity, axis, groupSize, emitError);
}

LogicalResult QuantizeOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  Type dtype = getDtype();
  if (!isQuantizedElementType(dtype))
    return emitOpError() << "expects dtype to be i8, i4, f8E4M3FN or f8E5M2, "
                            "got "
                         << dtype;
  if (elementTypeOf(getQ()) != dtype)
    return emitOpError() << "expects q of element type " << dtype
                         << " (the dtype), got " << elementTypeOf(getQ());
  if (failed(verifyShapeMatches(shapeOf(getQ()), shapeOf(getX()), "q",
                                emitError)))
    return failure();
  FailureOr<Shape> scaleShape = verifyGranularity(
      *this, getGranularity(), getAxis(), getGroupSize(), shapeOf(getX()));
  if (failed(scaleShape))
    return failure();
  if (Value scale = getScale())
    if (failed(verifyShapeMatches(shapeOf(scale), *scaleShape, "scale",
                                  emitError)))
      return failure();
  return verifyShapeMatches(shapeOf(getScaleOut()), *scaleShape, "scale_out",
                            emitError);
}

LogicalResult DequantizeOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  FailureOr<Shape> scaleShape = verifyGranularity(
      *this, getGranularity(), getAxis(), getGroupSize(), shapeOf(getQ()));
  if (failed(scaleShape) ||
      failed(verifyShapeMatches(shapeOf(getScale()), *scaleShape, "scale",
                                emitError)))
    return failure();
  return verifyShapeMatches(getType().getShape(), shapeOf(getQ()), "result",
                            emitError);
}

LogicalResult QuantizedMatmulOp::verify() {
  auto emitError = [this] { return emitOpError(); };
  Type aType = elementTypeOf(getA()), bType = elementTypeOf(getB());
  if (!isSupportedQuantizedMatmulPair(aType, bType))
    return emitOpError() << "expects a supported (a, b) element type pair: "
                            "(i8, i8), (f8E4M3FN, f8E4M3FN), (f16 or bf16, "
                            "i4) or (i8, i4), got ("
                         << aType << ", " << bType << ")";
  FailureOr<QuantizedMatmulShapes> shapes = inferQuantizedMatmulShapes(
      shapeOf(getA()), shapeOf(getAScale()), shapeOf(getB()),
      shapeOf(getBScale()), getTransposeB(), emitError);
  if (failed(shapes))
    return failure();
  if (Value bias = getBias())
    if (failed(verifyShapeMatches(shapeOf(bias), {shapes->result.back()},
                                  "bias", emitError)))
      return failure();
  return verifyShapeMatches(getType().getShape(), shapes->result, "result",
                            emitError);
}

//===----------------------------------------------------------------------===//
// State-space scans
//===----------------------------------------------------------------------===//

namespace {
/// An operand or result of a scan and its shape in named dims, e.g.
/// {"u", u, "BDL"}: the letters are the sizes the scan's operands share.
struct NamedShape {
  StringRef name;
  Value value;
  StringRef dims;
};
} // namespace

/// The contract's names of the scans' dims, by letter (the letters of the
/// two scans do not collide).
static StringRef getScanDimName(char dim) {
  switch (dim) {
  case 'b':
    return "Bt";
  case 'd':
    return "Dm";
  case 'l':
    return "L";
  case 'n':
    return "N";
  case 'h':
    return "H";
  case 'p':
    return "P";
  default:
    return "G";
  }
}

/// Checks the ranks of `shapes`, then that every named dim agrees where it
/// is static (the first static size of a name is the expected one). A
/// mismatch names the value, the shape it should have and the one it has.
static LogicalResult
verifyNamedShapes(Operation *op, ArrayRef<NamedShape> shapes,
                  llvm::SmallDenseMap<char, int64_t> &sizes) {
  for (const NamedShape &shape : shapes) {
    ArrayRef<int64_t> actual = shapeOf(shape.value);
    if (actual.size() != shape.dims.size()) {
      InFlightDiagnostic diag = op->emitOpError()
                                << "expects " << shape.name << " of rank "
                                << shape.dims.size() << " ([";
      llvm::interleaveComma(shape.dims, diag,
                            [&](char dim) { diag << getScanDimName(dim); });
      return diag << "]), got rank " << actual.size();
    }
    for (auto [dim, size] : llvm::zip_equal(shape.dims, actual)) {
      auto [it, inserted] = sizes.try_emplace(dim, size);
      if (!inserted && ShapedType::isDynamic(it->second))
        it->second = size;
    }
  }
  for (const NamedShape &shape : shapes) {
    Shape expected;
    for (char dim : shape.dims)
      expected.push_back(sizes.lookup(dim));
    if (failed(verifyShapeMatches(shapeOf(shape.value), expected, shape.name,
                                  [op] { return op->emitOpError(); })))
      return failure();
  }
  return success();
}

/// What both scans check: the operands that share the primary input's
/// element type, the named shapes, y in that element type, and at least
/// one group of B and C with the groups dividing the `channel` dim (where
/// both are static).
static LogicalResult
verifyScan(Operation *op, StringRef primaryName, Value primary,
           ArrayRef<std::pair<StringRef, Value>> sameType,
           ArrayRef<NamedShape> shapes, Value y, char channel) {
  for (auto [name, value] : sameType)
    if (value &&
        failed(verifySameElementType(op, primary, primaryName, value, name)))
      return failure();
  llvm::SmallDenseMap<char, int64_t> sizes;
  if (failed(verifyNamedShapes(op, shapes, sizes)))
    return failure();
  Type yElement = cast<ShapedType>(y.getType()).getElementType();
  if (yElement != elementTypeOf(primary))
    return op->emitOpError()
           << "expects y of " << primaryName << "'s element type "
           << elementTypeOf(primary) << ", got " << yElement;
  int64_t channels = sizes[channel], groups = sizes['g'];
  if (!ShapedType::isDynamic(groups) && groups < 1)
    return op->emitOpError()
           << "expects at least one group (G >= 1), got " << groups;
  if (!ShapedType::isDynamic(channels) && !ShapedType::isDynamic(groups) &&
      channels % groups != 0)
    return op->emitOpError()
           << "expects " << getScanDimName(channel) << " (" << channels
           << ") to be a multiple of G (" << groups << ")";
  return success();
}

LogicalResult SelectiveScanOp::verify() {
  Value u = getU();
  SmallVector<NamedShape> shapes = {
      {"u", u, "bdl"},       {"delta", getDelta(), "bdl"},
      {"A", getA(), "dn"},   {"B", getB(), "bgnl"},
      {"C", getC(), "bgnl"}, {"y", getY(), "bdl"}};
  if (Value d = getD())
    shapes.push_back({"D", d, "d"});
  if (Value z = getZ())
    shapes.push_back({"z", z, "bdl"});
  if (Value bias = getDeltaBias())
    shapes.push_back({"delta_bias", bias, "d"});
  if (Value state = getLastState())
    shapes.push_back({"last_state", state, "bdn"});
  return verifyScan(
      *this, "u", u,
      {{"delta", getDelta()}, {"B", getB()}, {"C", getC()}, {"z", getZ()}},
      shapes, getY(), 'd');
}

LogicalResult SsdScanOp::verify() {
  Value x = getX();
  SmallVector<NamedShape> shapes = {
      {"x", x, "blhp"},      {"dt", getDt(), "blh"}, {"A", getA(), "h"},
      {"B", getB(), "blgn"}, {"C", getC(), "blgn"},  {"y", getY(), "blhp"}};
  if (Value d = getD()) {
    // [H] or [H, P]: both are the contract's.
    shapes.push_back({"D", d, shapeOf(d).size() == 2 ? "hp" : "h"});
  }
  if (Value z = getZ())
    shapes.push_back({"z", z, "blhp"});
  if (Value bias = getDtBias())
    shapes.push_back({"dt_bias", bias, "h"});
  if (Value state = getInitialState())
    shapes.push_back({"initial_state", state, "bhpn"});
  if (Value state = getFinalState())
    shapes.push_back({"final_state", state, "bhpn"});
  return verifyScan(
      *this, "x", x,
      {{"dt", getDt()}, {"B", getB()}, {"C", getC()}, {"z", getZ()}}, shapes,
      getY(), 'h');
}

//===----------------------------------------------------------------------===//
// The kernel boundary
//===----------------------------------------------------------------------===//

LogicalResult DispatchOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError() << "expects one block argument per input ("
                         << getInputs().size() << "), got "
                         << body.getNumArguments();
  for (auto [i, input, argument] :
       llvm::enumerate(getInputs(), body.getArguments()))
    if (input.getType() != argument.getType())
      return emitOpError() << "expects block argument #" << i
                           << " to have the type of input #" << i << " ("
                           << input.getType() << "), got "
                           << argument.getType();
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield)
    return emitOpError() << "expects its body to end in accel.yield";
  if (yield.getValues().size() != getNumResults())
    return yield.emitOpError()
           << "yields " << yield.getValues().size()
           << " values, the enclosing accel.dispatch has " << getNumResults()
           << " results";
  for (auto [i, value, result] :
       llvm::enumerate(yield.getValues(), getResults()))
    if (value.getType() != result.getType())
      return yield.emitOpError()
             << "yields " << value.getType() << " as value #" << i
             << ", the enclosing accel.dispatch's result #" << i << " is "
             << result.getType();
  return success();
}

#define GET_OP_CLASSES
#include "accel/Dialect/Accel/IR/AccelOps.cpp.inc"
