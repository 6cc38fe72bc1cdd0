//===- Reparameterize.cpp - RePaViT's FFN reparameterization --------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// RePaViT (contract sections 6 and 7, v1.2): in the FFN
//
//   y = x + act_idle(x W1 + b1) W2 + b2,
//
// the activation touches only the leading A hidden channels; the idle rest
// is linear, so its path folds at compile time:
//
//   y = x (I + W1[:, A:] W2[A:, :]) + act(x W1[:, :A] + b1[:A]) W2[:A, :]
//       + (b2 + b1[A:] W2[A:, :]).
//
// The idle channels' linear path becomes one constant weight added to the
// residual, and what is left is a smaller FFN over the active channels.
// Without the residual the folded weight has no identity, and the FFN's
// output dim may differ from its input's.
//
// Recognized form (the split in upstream ops): h = a linear layer of x
// (accel.matmul with optional bias, or linalg.matmul with its default maps),
// the active part `act(tensor.extract_slice h[.., 0:A])` where act is any
// side-effect-free computation of that slice and constants, the idle part
// `tensor.extract_slice h[.., A:H]`, their `tensor.concat` along the last
// dim, the second linear layer of the concat, and optionally an
// `arith.addf` of its result and x. All weights and biases must be
// constants; the folded constants are computed in double precision and
// rounded once to the weights' element type (biases: f32).
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/ConstantValues.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"

namespace accel {
#define GEN_PASS_DEF_REPARAMETERIZEPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// A linear layer `out = in W (+ bias)` whose weight and bias are
/// constants, read in double precision as W: [inDim, outDim].
struct LinearLayer {
  Operation *op = nullptr;
  Value input;
  int64_t inDim = 0, outDim = 0;
  std::vector<double> weight; // row-major [inDim, outDim]
  std::vector<double> bias;   // [outDim], empty when absent
  Type weightType;
  Type biasType;
};

Value createConstant(OpBuilder &builder, Location loc, ArrayRef<int64_t> shape,
                     Type elementType, ArrayRef<double> values) {
  auto type = RankedTensorType::get(shape, elementType);
  return arith::ConstantOp::create(builder, loc, type,
                                   getFloatConstant(type, values));
}

/// Fills `layer` from a constant 2-d weight (`[in, out]`, or `[out, in]`
/// when transposed) and an optional constant 1-d bias; the reason when
/// they are not constants.
std::string readWeights(LinearLayer &layer, Value weight, bool transposed,
                        Value bias) {
  DenseElementsAttr weightAttr;
  auto weightType = cast<RankedTensorType>(weight.getType());
  if (weightType.getRank() != 2 || !weightType.hasStaticShape())
    return "a weight is not a static 2-d tensor";
  if (!matchPattern(weight, m_Constant(&weightAttr)))
    return "a weight is not a constant";
  std::vector<double> values = getDoubleValues(weightAttr);
  int64_t rows = weightType.getDimSize(0), cols = weightType.getDimSize(1);
  layer.inDim = transposed ? cols : rows;
  layer.outDim = transposed ? rows : cols;
  layer.weightType = weightType.getElementType();
  layer.weight.assign(layer.inDim * layer.outDim, 0.0);
  for (int64_t i = 0; i < layer.inDim; ++i)
    for (int64_t o = 0; o < layer.outDim; ++o)
      layer.weight[i * layer.outDim + o] =
          transposed ? values[o * cols + i] : values[i * cols + o];
  if (bias) {
    DenseElementsAttr biasAttr;
    if (!matchPattern(bias, m_Constant(&biasAttr)))
      return "a bias is not a constant";
    layer.bias = getDoubleValues(biasAttr);
    layer.biasType = biasAttr.getElementType();
  }
  return "";
}

/// The linear layer that produces `value`, or the reason it is not one.
FailureOr<LinearLayer> matchLinearLayer(Value value, std::string &why) {
  LinearLayer layer;
  Operation *def = value.getDefiningOp();
  if (auto matmul = dyn_cast_or_null<MatmulOp>(def)) {
    layer.op = matmul;
    layer.input = matmul.getA();
    why = readWeights(layer, matmul.getB(), matmul.getTransposeB(),
                      matmul.getBias());
  } else if (auto matmul = dyn_cast_or_null<linalg::MatmulOp>(def)) {
    layer.op = matmul;
    layer.input = matmul.getInputs()[0];
    if (matmul.hasUserDefinedMaps())
      why = "a linalg.matmul has non-default indexing maps";
    else if (getElementTypeOrSelf(matmul.getInputs()[0].getType()) !=
             getElementTypeOrSelf(matmul.getInputs()[1].getType()))
      why = "a linalg.matmul mixes element types";
    else if (!matchPattern(matmul.getOutputs()[0], m_AnyZeroFloat()) &&
             !(matmul.getOutputs()[0].getDefiningOp<linalg::FillOp>() &&
               matchPattern(matmul.getOutputs()[0]
                                .getDefiningOp<linalg::FillOp>()
                                .getInputs()[0],
                            m_AnyZeroFloat())))
      why = "a linalg.matmul accumulates into something other than zero";
    else
      why = readWeights(layer, matmul.getInputs()[1], false, Value());
  } else {
    why = "the hidden activations are not produced by a matmul";
  }
  if (!why.empty())
    return failure();
  return layer;
}

/// Whether `size` is all of dim `dim` of `source`.
bool isWholeDim(OpFoldResult size, Value source, int64_t dim) {
  auto type = cast<RankedTensorType>(source.getType());
  if (std::optional<int64_t> constant = getConstantIntValue(size))
    return !type.isDynamicDim(dim) && *constant == type.getDimSize(dim);
  auto dimOp = dyn_cast_or_null<tensor::DimOp>(
      dyn_cast<Value>(size) ? cast<Value>(size).getDefiningOp() : nullptr);
  return dimOp && dimOp.getSource() == source &&
         getConstantIntValue(dimOp.getIndex()) == dim;
}

/// The channel range [begin, end) that `slice` takes from the last dim of
/// its source, when it keeps every other dim whole with unit strides.
std::optional<std::pair<int64_t, int64_t>>
getChannelRange(tensor::ExtractSliceOp slice) {
  Value source = slice.getSource();
  int64_t rank = slice.getSourceType().getRank();
  if (slice.getResultType().getRank() != rank)
    return std::nullopt;
  SmallVector<OpFoldResult> offsets = slice.getMixedOffsets(),
                            sizes = slice.getMixedSizes(),
                            strides = slice.getMixedStrides();
  for (int64_t d = 0; d < rank; ++d) {
    if (getConstantIntValue(strides[d]) != 1)
      return std::nullopt;
    if (d + 1 < rank && (getConstantIntValue(offsets[d]) != 0 ||
                         !isWholeDim(sizes[d], source, d)))
      return std::nullopt;
  }
  std::optional<int64_t> offset = getConstantIntValue(offsets[rank - 1]);
  std::optional<int64_t> size = getConstantIntValue(sizes[rank - 1]);
  if (!offset || !size)
    return std::nullopt;
  return std::make_pair(*offset, *offset + *size);
}

/// The slice of `hidden` that `active` is computed from, when `active`
/// depends on nothing else but constants through side-effect-free ops.
tensor::ExtractSliceOp findActiveSlice(Value active, Value hidden) {
  tensor::ExtractSliceOp found;
  SmallVector<Value> worklist{active};
  llvm::SmallPtrSet<Operation *, 16> visited;
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    Operation *def = value.getDefiningOp();
    if (!def)
      return {}; // a block argument: not a function of the slice alone
    if (!visited.insert(def).second)
      continue;
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(def);
        slice && slice.getSource() == hidden) {
      if (found && found != slice)
        return {};
      found = slice;
      continue;
    }
    if (!isMemoryEffectFree(def))
      return {};
    for (Value operand : def->getOperands())
      worklist.push_back(operand);
    // Values a region reads from above (a linalg.generic's captured
    // scalars) count too.
    llvm::SetVector<Value> capturedValues;
    getUsedValuesDefinedAbove(def->getRegions(), capturedValues);
    worklist.append(capturedValues.begin(), capturedValues.end());
  }
  return found;
}

struct ReparameterizePass final
    : accel::impl::ReparameterizePassBase<ReparameterizePass> {
  using ReparameterizePassBase::ReparameterizePassBase;

  void runOnOperation() override {
    SmallVector<tensor::ConcatOp> concats;
    getOperation()->walk([&](tensor::ConcatOp op) { concats.push_back(op); });
    for (tensor::ConcatOp concat : concats)
      reparameterize(concat);
  }

  void reparameterize(tensor::ConcatOp concat) {
    int64_t rank = concat.getResultType().getRank();
    if (concat.getDim() != static_cast<uint64_t>(rank - 1) ||
        concat.getInputs().size() != 2)
      return;
    auto idleSlice =
        concat.getInputs()[1].getDefiningOp<tensor::ExtractSliceOp>();
    if (!idleSlice)
      return;
    Value hidden = idleSlice.getSource();
    if (!isa_and_nonnull<MatmulOp, linalg::MatmulOp>(hidden.getDefiningOp()))
      return;
    // From here on the shape is RePaViT's; what does not fit says why.
    auto leaveAlone = [&](const Twine &why) {
      concat->emitRemark() << "FFN not reparameterized: " << why;
      ++numLeftAlone;
    };
    tensor::ExtractSliceOp activeSlice =
        findActiveSlice(concat.getInputs()[0], hidden);
    if (!activeSlice)
      return leaveAlone("the leading channels are not a function of one "
                        "slice of the hidden activations and constants");
    auto activeRange = getChannelRange(activeSlice);
    auto idleRange = getChannelRange(idleSlice);
    int64_t hiddenDim =
        cast<RankedTensorType>(hidden.getType()).getShape()[rank - 1];
    if (!activeRange || !idleRange || activeRange->first != 0 ||
        idleRange->first != activeRange->second ||
        idleRange->second != hiddenDim || ShapedType::isDynamic(hiddenDim))
      return leaveAlone("the slices are not the leading channels [0, A) and "
                        "the rest [A, H) of the hidden activations");
    int64_t activeDim = activeRange->second;
    if (activeDim == 0)
      return leaveAlone("no channel is active");
    if (!concat->hasOneUse())
      return leaveAlone("the concatenated activations have other uses");
    std::string why;
    FailureOr<LinearLayer> up = matchLinearLayer(hidden, why);
    if (failed(up))
      return leaveAlone(why);
    FailureOr<LinearLayer> down =
        matchLinearLayer(concat->use_begin()->getOwner()->getResult(0), why);
    if (failed(down) || down->input != concat.getResult())
      return leaveAlone(why.empty() ? "the activations do not feed a matmul"
                                    : why);
    if (down->inDim != up->outDim)
      return leaveAlone("the layers' dims do not chain");
    Value x = up->input;
    auto xType = cast<RankedTensorType>(x.getType());
    if (xType.getElementType() != up->weightType)
      return leaveAlone("the input and the weight differ in element type");

    // The residual `x + FFN(x)`, when the FFN's only use is it.
    Value ffnOut = down->op->getResult(0);
    arith::AddFOp residual;
    if (ffnOut.hasOneUse())
      if (auto add = dyn_cast<arith::AddFOp>(*ffnOut.user_begin());
          add && (add.getLhs() == x || add.getRhs() == x) &&
          add.getLhs() != add.getRhs() && add.getType() == ffnOut.getType() &&
          down->outDim == up->inDim)
        residual = add;

    int64_t in = up->inDim, hid = up->outDim, out = down->outDim;
    std::vector<double> w1Active(in * activeDim), w2Active(activeDim * out);
    std::vector<double> folded(in * out, 0.0), bias(out, 0.0);
    for (int64_t i = 0; i < in; ++i)
      for (int64_t c = 0; c < activeDim; ++c)
        w1Active[i * activeDim + c] = up->weight[i * hid + c];
    for (int64_t c = 0; c < activeDim; ++c)
      for (int64_t o = 0; o < out; ++o)
        w2Active[c * out + o] = down->weight[c * out + o];
    for (int64_t i = 0; i < in; ++i)
      for (int64_t c = activeDim; c < hid; ++c) {
        double w1 = up->weight[i * hid + c];
        if (w1 != 0.0)
          for (int64_t o = 0; o < out; ++o)
            folded[i * out + o] += w1 * down->weight[c * out + o];
      }
    if (residual)
      for (int64_t i = 0; i < in; ++i)
        folded[i * out + i] += 1.0;
    if (!down->bias.empty())
      bias = down->bias;
    if (!up->bias.empty())
      for (int64_t c = activeDim; c < hid; ++c)
        for (int64_t o = 0; o < out; ++o)
          bias[o] += up->bias[c] * down->weight[c * out + o];
    bool hasBias = !up->bias.empty() || !down->bias.empty();

    Operation *root = residual ? residual.getOperation() : down->op;
    Location loc = concat.getLoc();
    // The smaller FFN: the active channels recomputed from x.
    OpBuilder builder(activeSlice);
    Value b1Active;
    if (!up->bias.empty())
      b1Active =
          createConstant(builder, loc, {activeDim}, up->biasType,
                         ArrayRef<double>(up->bias).take_front(activeDim));
    Value w1Value =
        createConstant(builder, loc, {in, activeDim}, up->weightType, w1Active);
    Value hiddenActive = MatmulOp::create(builder, activeSlice.getLoc(),
                                          activeSlice.getResultType(), x,
                                          w1Value, b1Active, false);
    activeSlice.getResult().replaceAllUsesWith(hiddenActive);

    builder.setInsertionPoint(root);
    auto resultType = cast<RankedTensorType>(root->getResult(0).getType());
    Value w2Value = createConstant(builder, loc, {activeDim, out},
                                   down->weightType, w2Active);
    Value biasValue = hasBias ? createConstant(builder, loc, {out},
                                               builder.getF32Type(), bias)
                              : Value();
    Value active =
        MatmulOp::create(builder, loc, resultType, concat.getInputs()[0],
                         w2Value, biasValue, false);
    // The idle channels' linear path (and the residual): one constant.
    Value foldedValue =
        createConstant(builder, loc, {in, out}, up->weightType, folded);
    Value linear = MatmulOp::create(builder, loc, resultType, x, foldedValue,
                                    Value(), false);
    Value result = arith::AddFOp::create(builder, loc, active, linear);
    root->getResult(0).replaceAllUsesWith(result);
    // The original FFN is dead now.
    SmallVector<Operation *> dead{root};
    if (residual)
      dead.push_back(down->op);
    dead.push_back(concat);
    dead.push_back(idleSlice);
    for (Operation *op : dead)
      if (op->use_empty())
        op->erase();
    if (activeSlice->use_empty())
      activeSlice->erase();
    if (up->op->use_empty())
      up->op->erase();
    ++numReparameterized;
    result.getDefiningOp()->emitRemark()
        << "reparameterized the FFN: " << activeDim << " of " << hid
        << " hidden channels stay active, the other " << hid - activeDim
        << " fold into a constant [" << in << ", " << out << "] weight"
        << (residual ? " with the residual" : "");
  }
};

} // namespace
