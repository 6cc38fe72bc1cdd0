//===- QuantizeFamily.cpp - accel.quantize on CUDA ------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The quantize family (Quantize.cuh): accel.quantize of an f32/f16/bf16
// tensor to i8 or f8E4M3FN, per tensor, per channel or per group, with a
// static scale operand or a dynamic (absmax) scale, one warp per scale
// element; and #accel.quantize_config's interface model. x is read dense;
// q and the scale are written dense.
//
//===----------------------------------------------------------------------===//

#include "CodegenSupport.h"

#include "accel/Codegen/KernelFamily.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

namespace {
#include "Quantize.cuh.inc"
#include "TensorCoreSm80.cuh.inc"

using Pred = arith::CmpIPredicate;

/// The kernel's element type of q.
std::optional<StringRef> getQuantizedType(Type type) {
  if (type.isSignlessInteger(8))
    return StringRef("signed char");
  if (isa<Float8E4M3FNType>(type))
    return StringRef("unsigned char");
  return std::nullopt;
}

LogicalResult checkQuantizeSupported(QuantizeOp op) {
  Type x = tensorType(op.getX()).getElementType();
  if (!getCudaFloatType(x))
    return op.emitOpError() << "quantizes " << x
                            << "; the CUDA quantize kernel reads f32, f16 and "
                               "bf16";
  Type q = op.getDtype();
  if (!getQuantizedType(q))
    return op.emitOpError()
           << "quantizes to " << q
           << "; the CUDA quantize kernel writes i8 and f8E4M3FN (i4 and "
              "f8E5M2 have no CUDA kernel yet)";
  return success();
}

/// The template arguments `<T, Q, kWarps>`.
std::string getTemplateArguments(QuantizeOp op, QuantizeConfigAttr config) {
  return "<" + getCudaFloatType(tensorType(op.getX()).getElementType())->str() +
         ", " + getQuantizedType(op.getDtype())->str() + ", " +
         std::to_string(config.getNumWarps()) + ">";
}

/// The number of scale elements (segments), dynamic where the scale's
/// shape is.
int64_t getSegmentCount(QuantizeOp op) {
  int64_t count = 1;
  for (int64_t size : tensorType(op.getScaleOut()).getShape()) {
    if (ShapedType::isDynamic(size))
      return ShapedType::kDynamic;
    count *= size;
  }
  return count;
}

class QuantizeFamily final : public KernelFamily {
public:
  StringRef getName() const override { return "quantize"; }
  bool matches(Operation *op) const override { return isa<QuantizeOp>(op); }

  LogicalResult checkSupported(Operation *op, CudaTargetAttr) const override {
    return checkQuantizeSupported(cast<QuantizeOp>(op));
  }

  std::string getSignature(Operation *op) const override {
    auto quantize = cast<QuantizeOp>(op);
    std::string text;
    llvm::raw_string_ostream os(text);
    os << tensorType(quantize.getX()).getElementType() << "."
       << quantize.getDtype() << "." << quantize.getGranularity()
       << (quantize.getScale() ? ".static" : ".dynamic") << ".r"
       << tensorType(quantize.getX()).getRank();
    return text;
  }

  KernelConfigAttrInterface getDefaultConfig(Operation *op,
                                             CudaTargetAttr) const override {
    // 8 warps (8 segments) a block: the per-token case's rows of a few
    // thousand elements are 32-lane coalesced reads, twice.
    return dyn_cast<KernelConfigAttrInterface>(
        QuantizeConfigAttr::get(op->getContext(), 8));
  }

  StringRef getTemplateSource() const override {
    // NVRTC's fixed-width types and std::is_same come with the sm_80
    // primitives' header part.
    static const std::string source =
        std::string(kTensorCoreSm80Source) + "\n" + kQuantizeSource;
    return source;
  }

  StringRef getKernelParameterList() const override {
    return "(const accelkern_quantize::QuantizeParams)";
  }

  SmallVector<SmallVector<Value>>
  getResultSizes(Operation *op, HostBuilder &host,
                 ArrayRef<TensorBinding> operands) const override {
    auto quantize = cast<QuantizeOp>(op);
    const TensorBinding &x = operands[0];
    SmallVector<Value> scale;
    switch (quantize.getGranularityKind()) {
    case QuantGranularity::Tensor:
      break;
    case QuantGranularity::Channel:
      scale.push_back(x.sizes[*quantize.getAxis()]);
      break;
    case QuantGranularity::Group:
      scale = x.sizes;
      scale[*quantize.getAxis()] =
          host.div(x.sizes[*quantize.getAxis()],
                   host.constant(int64_t(*quantize.getGroupSize())));
      break;
    }
    return {x.sizes, scale};
  }

  void buildChecks(Operation *op, HostBuilder &host,
                   ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>) const override {
    auto quantize = cast<QuantizeOp>(op);
    const TensorBinding &x = operands[0];
    if (quantize.getGranularityKind() == QuantGranularity::Group) {
      Value size = x.sizes[*quantize.getAxis()];
      Value group = host.constant(int64_t(*quantize.getGroupSize()));
      host.check(op, host.cmp(Pred::ne, host.rem(size, group), 0),
                 "the group size to divide dim " +
                     std::to_string(*quantize.getAxis()) +
                     " of x, got %lld and %lld",
                 {size, group});
    }
    if (quantize.getScale()) {
      SmallVector<Value> expected = getResultSizes(op, host, operands)[1];
      for (auto [d, size] : llvm::enumerate(operands[1].sizes))
        host.checkEqual(op, size, expected[d],
                        "the static scale's dim " + std::to_string(d) +
                            " and the granularity's");
    }
  }

  void buildLaunch(Operation *op, KernelConfigAttrInterface config,
                   HostBuilder &host, ArrayRef<TensorBinding> operands,
                   ArrayRef<TensorBinding>,
                   ArrayRef<TensorBinding> results) const override;
};

struct QuantizeModel
    : KernelConfigAttrInterface::ExternalModel<QuantizeModel,
                                               QuantizeConfigAttr> {
  StringRef getFamilyName(Attribute) const { return "quantize"; }

  LogicalResult verifyForOp(Attribute attr, Operation *op,
                            CudaTargetAttr) const {
    auto quantize = dyn_cast<QuantizeOp>(op);
    if (!quantize)
      return op->emitOpError()
             << "cannot take '#accel."
             << cast<QuantizeConfigAttr>(attr).getMnemonic()
             << "', which configures accel.quantize";
    return checkQuantizeSupported(quantize);
  }

  std::string getTemplateInstance(Attribute attr, Operation *op) const {
    return "accelkern_quantize::quantizeKernel" +
           getTemplateArguments(cast<QuantizeOp>(op),
                                cast<QuantizeConfigAttr>(attr));
  }

  KernelLaunchShape getLaunchShape(Attribute attr, Operation *op) const {
    auto config = cast<QuantizeConfigAttr>(attr);
    auto quantize = cast<QuantizeOp>(op);
    int64_t threads = 32 * config.getNumWarps();
    int64_t blocks = tilesOf(getSegmentCount(quantize), config.getNumWarps());
    if (quantize.getScale() &&
        quantize.getGranularityKind() == QuantGranularity::Tensor) {
      // The flat grid-stride mode (launchQuantize).
      auto x = tensorType(quantize.getX());
      blocks = x.hasStaticShape()
                   ? std::clamp<int64_t>(ceilDiv(x.getNumElements(), threads),
                                         1, 65535)
                   : ShapedType::kDynamic;
    }
    return {{blocks, 1, 1}, threads, 0};
  }

  /// DRAM time of reading x (twice for a dynamic scale; the second read
  /// mostly hits L2 for rows of a few thousand elements, not counted) and
  /// writing q.
  std::optional<double> estimateMicroseconds(Attribute, Operation *op,
                                             CudaTargetAttr target) const {
    auto quantize = cast<QuantizeOp>(op);
    auto x = tensorType(quantize.getX());
    if (!target || !x.hasStaticShape())
      return std::nullopt;
    double bytes = double(x.getNumElements()) *
                   (getElementBytes(x.getElementType()) + 1);
    return bytes / (target.getReferencePart().dramTerabytesPerSecond * 1e12) *
           1e6;
  }
};
} // namespace

void QuantizeFamily::buildLaunch(Operation *op, KernelConfigAttrInterface config,
                                 HostBuilder &host,
                                 ArrayRef<TensorBinding> operands,
                                 ArrayRef<TensorBinding>,
                                 ArrayRef<TensorBinding> results) const {
  auto quantize = cast<QuantizeOp>(op);
  const TensorBinding &x = operands[0];
  Value p = host.makeStruct("accelkern_quantize::QuantizeParams");
  host.setField(p, "x", x.pointer);
  host.setField(p, "scale",
                quantize.getScale()
                    ? host.castPointer(operands[1].pointer, "const float")
                    : host.castPointer(host.nullPointer(), "const float"));
  host.setField(p, "q", results[0].pointer);
  host.setField(p, "scaleOut", host.castPointer(results[1].pointer, "float"));
  // x as [O, C, I] around the axis (channel), [O, C / G, G, I] (group), or
  // one run of all its elements (tensor): see QuantizeParams.
  Value zero = host.constant(0), one = host.constant(1);
  Value segments, segInner, lenOuter, lenInner, segOuterStride,
      segInnerStride, lenOuterStride, lenInnerStride;
  if (quantize.getGranularityKind() == QuantGranularity::Tensor) {
    segments = segInner = lenOuter = lenInnerStride = one;
    lenInner = host.product(x.sizes);
    segOuterStride = segInnerStride = lenOuterStride = zero;
  } else {
    int64_t axis = *quantize.getAxis();
    ArrayRef<Value> sizes = x.sizes;
    Value outer = host.product(sizes.take_front(axis));
    Value channels = sizes[axis];
    Value inner = host.product(sizes.drop_front(axis + 1));
    if (quantize.getGranularityKind() == QuantGranularity::Channel) {
      segments = segInner = channels;
      segOuterStride = zero;
      segInnerStride = inner;
      lenOuter = outer;
      lenInner = inner;
      lenOuterStride = host.mul(channels, inner);
      lenInnerStride = one;
    } else {
      Value group = host.constant(int64_t(*quantize.getGroupSize()));
      segInner = inner;
      segments = host.mul(host.mul(outer, host.div(channels, group)), inner);
      segOuterStride = host.mul(group, inner);
      segInnerStride = one;
      lenOuter = one;
      lenInner = group;
      lenOuterStride = zero;
      lenInnerStride = inner;
    }
  }
  host.setField(p, "segments", segments);
  host.setField(p, "segInner", segInner);
  host.setField(p, "lenOuter", lenOuter);
  host.setField(p, "lenInner", lenInner);
  host.setField(p, "segOuterStride", segOuterStride);
  host.setField(p, "segInnerStride", segInnerStride);
  host.setField(p, "lenOuterStride", lenOuterStride);
  host.setField(p, "lenInnerStride", lenInnerStride);
  host.setField(p, "flat",
                host.boolean(quantize.getScale() &&
                             quantize.getGranularityKind() ==
                                 QuantGranularity::Tensor));
  host.launch(op,
              "accelkern_quantize::launchQuantize" +
                  getTemplateArguments(quantize,
                                       cast<QuantizeConfigAttr>(config)),
              p);
}

void accel::codegen::registerQuantizeKernels(KernelRegistry &registry) {
  registry.add(std::make_unique<QuantizeFamily>());
}

void accel::codegen::registerQuantizeConfigModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, AccelDialect *) {
    QuantizeConfigAttr::attachInterface<QuantizeModel>(*context);
  });
}
