//===- Quantize.cpp - matmuls with constant weights to quantized matmuls --===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel-quantize{mode=...} (contract section 7): every accel.matmul whose
// weight is a 2-d float constant becomes an accel.quantized_matmul. The
// weight is quantized here, once, symmetrically (scale = absmax / qmax of
// each output channel or K-group, an all-zero group gets scale 1, then
// round-half-even and clamp for integers, a saturating conversion for
// fp8), in f32 like accel.quantize; activations are quantized at run time
// per token by an accel.quantize the pass inserts (dynamic scales), except
// in W4A16 where they stay in f16/bf16. The modes are those of "FP8 versus
// INT8" and Quamba2:
//
//   w8a8   i8 weights per output channel, i8 activations per token
//   fp8    f8E4M3FN weights per channel, f8E4M3FN activations per token
//   w4a16  i4 weights per K-group, f16/bf16 activations unscaled
//   w4a8   i4 weights per K-group, i8 activations per token
//   auto   per matmul, w8a8 or fp8, whichever quantizes its weight with the
//          smaller relative error (the paper's rule: INT8 for well-behaved
//          distributions, FP8 E4M3 where outliers dominate)
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/Passes.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/IR/TypeInference.h"
#include "accel/Dialect/Accel/Transforms/Calibration.h"
#include "accel/Dialect/Accel/Transforms/ConstantValues.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace accel {
#define GEN_PASS_DEF_QUANTIZEPASS
#include "accel/Dialect/Accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// What a mode quantizes to.
struct Scheme {
  Type weightType;
  /// Null: activations stay in their float type (W4A16).
  Type activationType;
  /// Whether weight scales are per K-group rather than per output channel.
  bool grouped;
};

/// `value / scale` in f32, as the quantized element of `type`: round half
/// to even and clamp for integers, a saturating conversion for fp8.
APInt quantizeInteger(float value, float scale, IntegerType type) {
  double limit = getQuantizedMaxValue(type);
  float scaled = value / scale;
  double rounded =
      std::clamp<double>(std::nearbyint(scaled), -limit - 1.0, limit);
  return APInt(type.getWidth(), static_cast<int64_t>(rounded),
               /*isSigned=*/true);
}

APFloat quantizeFloat(float value, float scale, FloatType type) {
  double limit = getQuantizedMaxValue(type);
  double scaled = std::clamp<double>(value / scale, -limit, limit);
  APFloat result(static_cast<float>(scaled));
  bool lossy;
  result.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                 &lossy);
  return result;
}

/// The largest K the Hadamard rotation is built for (a [K, K] constant).
constexpr int64_t kMaxHadamardK = 4096;

/// The orthonormal Hadamard matrix of order `k` (a power of two), row-major:
/// Sylvester's construction, H[i][j] = (-1)^popcount(i & j) / sqrt(k). It is
/// symmetric and its own inverse.
std::vector<double> hadamardMatrix(int64_t k) {
  std::vector<double> h(k * k);
  double norm = 1.0 / std::sqrt(static_cast<double>(k));
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = 0; j < k; ++j)
      h[i * k + j] = (llvm::popcount(static_cast<uint64_t>(i & j)) & 1) ? -norm
                                                                        : norm;
  return h;
}

/// H^T W (= H W) for a weight `values` stored [K, N], or [N, K] with
/// `transposed` (then W^T H, stored the same way), by the fast
/// Walsh-Hadamard transform of every column along K, in double.
std::vector<double> rotateWeight(std::vector<double> values, int64_t k,
                                 int64_t n, bool transposed) {
  double norm = 1.0 / std::sqrt(static_cast<double>(k));
  auto at = [&](int64_t row, int64_t column) -> double & {
    return transposed ? values[column * k + row] : values[row * n + column];
  };
  for (int64_t column = 0; column < n; ++column) {
    for (int64_t half = 1; half < k; half *= 2)
      for (int64_t start = 0; start < k; start += 2 * half)
        for (int64_t i = start; i < start + half; ++i) {
          double x = at(i, column), y = at(i + half, column);
          at(i, column) = x + y;
          at(i + half, column) = x - y;
        }
    for (int64_t row = 0; row < k; ++row)
      at(row, column) *= norm;
  }
  return values;
}

/// The dequantized value of a quantized element.
double dequantize(const APInt &q, float scale) {
  return static_cast<double>(q.getSExtValue()) * scale;
}
double dequantize(APFloat q, float scale) {
  bool lossy;
  q.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven, &lossy);
  return q.convertToDouble() * scale;
}

class QuantizePass : public accel::impl::QuantizePassBase<QuantizePass> {
public:
  using QuantizePassBase::QuantizePassBase;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    Builder b(context);
    Scheme scheme;
    automatic = mode == "auto";
    int8Scheme = {b.getI8Type(), b.getI8Type(), false};
    fp8Scheme = {b.getType<Float8E4M3FNType>(), b.getType<Float8E4M3FNType>(),
                 false};
    if (automatic)
      scheme = int8Scheme; // decided per matmul
    else if (mode == "w8a8")
      scheme = {b.getI8Type(), b.getI8Type(), false};
    else if (mode == "fp8")
      scheme = {b.getType<Float8E4M3FNType>(), b.getType<Float8E4M3FNType>(),
                false};
    else if (mode == "w4a16")
      scheme = {b.getIntegerType(4), nullptr, true};
    else if (mode == "w4a8")
      scheme = {b.getIntegerType(4), b.getI8Type(), true};
    else {
      getOperation()->emitError()
          << "accel-quantize: unknown mode '" << mode
          << "' (expected w8a8, fp8, w4a16, w4a8 or auto)";
      return signalPassFailure();
    }
    if (groupSize < 1) {
      getOperation()->emitError()
          << "accel-quantize: group-size must be positive, got " << groupSize;
      return signalPassFailure();
    }
    if (!calibration.empty()) {
      llvm::Expected<CalibrationTable> table =
          readCalibrationFile(calibration);
      if (!table) {
        getOperation()->emitError()
            << "accel-quantize: " << llvm::toString(table.takeError());
        return signalPassFailure();
      }
      calibrated = std::move(*table);
    }
    SmallVector<MatmulOp> matmuls;
    getOperation()->walk([&](MatmulOp matmul) { matmuls.push_back(matmul); });
    for (MatmulOp matmul : matmuls)
      rewrite(matmul, scheme);
  }

private:
  bool automatic = false;
  /// Activation ranges from `calibration` (empty without it).
  std::optional<CalibrationTable> calibrated;
  Scheme int8Scheme, fp8Scheme;

  /// Per-channel (or per-group) scales of `values` under `scheme`, and the
  /// scale of every element.
  void computeScales(ArrayRef<double> values, RankedTensorType bType,
                     bool transposed, int64_t n, int64_t span, int64_t groups,
                     const Scheme &scheme, SmallVector<float> &scales,
                     SmallVector<float> &elementScales) {
    float qmax = static_cast<float>(getQuantizedMaxValue(scheme.weightType));
    scales.assign(groups * n, 0.0f);
    elementScales.assign(values.size(), 0.0f);
    forEachWeightGroupAlongK(
        bType.getShape(), transposed, span,
        [&](int64_t column, int64_t g, ArrayRef<int64_t> indices) {
          float absmax = 0;
          for (int64_t i : indices)
            absmax = std::max(absmax, std::fabs(static_cast<float>(values[i])));
          float scale = absmax == 0 ? 1.0f : absmax / qmax;
          scales[!scheme.grouped ? column
                 : transposed    ? column * groups + g
                                 : g * n + column] = scale;
          for (int64_t i : indices)
            elementScales[i] = scale;
        });
  }

  /// ||w - dequant(quant(w))|| / ||w|| under `scheme` (0 for a zero weight).
  double relativeError(ArrayRef<double> values, ArrayRef<float> elementScales,
                       const Scheme &scheme) {
    double error = 0, norm = 0;
    for (auto [value, scale] : llvm::zip_equal(values, elementScales)) {
      double restored =
          isa<IntegerType>(scheme.weightType)
              ? dequantize(quantizeInteger(static_cast<float>(value), scale,
                                           cast<IntegerType>(scheme.weightType)),
                           scale)
              : dequantize(quantizeFloat(static_cast<float>(value), scale,
                                         cast<FloatType>(scheme.weightType)),
                           scale);
      error += (value - restored) * (value - restored);
      norm += value * value;
    }
    return norm == 0 ? 0 : std::sqrt(error / norm);
  }

  void leaveAlone(MatmulOp matmul, const Twine &why) {
    ++numLeftAlone;
    matmul->emitRemark() << "not quantized (" << mode << "): " << why;
  }

  void rewrite(MatmulOp matmul, Scheme scheme) {
    DenseElementsAttr weight;
    if (!matchPattern(matmul.getB(), m_Constant(&weight)))
      return; // Only constant weights are quantized.
    auto bType = cast<RankedTensorType>(weight.getType());
    auto aType = cast<RankedTensorType>(matmul.getA().getType());
    Type aElement = aType.getElementType();
    if (bType.getRank() != 2)
      return leaveAlone(matmul, "the weight has rank " +
                                    Twine(bType.getRank()) +
                                    "; a quantized matmul takes a 2-d weight");
    if (!scheme.activationType && !isa<Float16Type, BFloat16Type>(aElement))
      return leaveAlone(matmul, "W4A16 needs f16 or bf16 activations");
    bool transposed = matmul.getTransposeB();
    int64_t k = bType.getDimSize(transposed ? 1 : 0);
    if (k == 0)
      return leaveAlone(matmul, "K is 0: there is nothing to quantize");
    int64_t n = bType.getDimSize(transposed ? 0 : 1);
    int64_t group = std::min<int64_t>(groupSize, k);
    if (scheme.grouped && (group == 0 || k % group != 0))
      return leaveAlone(matmul, "K (" + Twine(k) +
                                    ") is not a multiple of the group size " +
                                    Twine(group));
    int64_t tokenK = aType.getDimSize(aType.getRank() - 1);
    if (scheme.activationType && aType.getRank() > 2 &&
        ShapedType::isDynamic(tokenK))
      return leaveAlone(matmul, "per-token scales of an activation of rank " +
                                    Twine(aType.getRank()) +
                                    " need a static K");
    std::vector<double> values = getDoubleValues(weight);
    if (!llvm::all_of(values, [](double v) { return std::isfinite(v); }))
      return leaveAlone(matmul, "the weight has a non-finite entry");
    // Quamba's rotation: y = (x H)(H^T W) with H the orthonormal Hadamard
    // matrix, which spreads activation and weight outliers over all K
    // channels before either is quantized.
    bool rotate = hadamard && llvm::isPowerOf2_64(k) && k <= kMaxHadamardK;
    if (hadamard && !rotate && remarks)
      matmul->emitRemark() << "not rotated: K = " << k
                           << " is not a power of two up to "
                           << kMaxHadamardK;
    if (rotate)
      values = rotateWeight(values, k, n, transposed);

    // Scales: one per output channel, or per (K-group, channel) laid out
    // like the weight with K replaced by K / group; in f32, as
    // accel.quantize computes them.
    int64_t span = scheme.grouped ? group : k;
    int64_t groups = k / span;
    SmallVector<float> scales, elementScales;
    std::string chosenMode = mode;
    std::string choice;
    if (automatic) {
      // FP8 versus INT8: the format that keeps more of this weight.
      SmallVector<float> int8Scales, int8ElementScales;
      computeScales(values, bType, transposed, n, span, groups, int8Scheme,
                    int8Scales, int8ElementScales);
      double int8Error = relativeError(values, int8ElementScales, int8Scheme);
      computeScales(values, bType, transposed, n, span, groups, fp8Scheme,
                    scales, elementScales);
      double fp8Error = relativeError(values, elementScales, fp8Scheme);
      bool fp8Wins = fp8Error < int8Error;
      scheme = fp8Wins ? fp8Scheme : int8Scheme;
      if (!fp8Wins) {
        scales = std::move(int8Scales);
        elementScales = std::move(int8ElementScales);
      }
      chosenMode = fp8Wins ? "fp8" : "w8a8";
      std::string text;
      llvm::raw_string_ostream os(text);
      os << " (weight error int8 " << int8Error << ", fp8 e4m3 " << fp8Error
         << ")";
      choice = os.str();
    }
    if (!automatic)
      computeScales(values, bType, transposed, n, span, groups, scheme, scales,
                    elementScales);
    DenseElementsAttr quantized;
    auto qType = bType.clone(scheme.weightType);
    if (auto intType = dyn_cast<IntegerType>(scheme.weightType)) {
      SmallVector<APInt> q;
      for (auto [value, scale] : llvm::zip_equal(values, elementScales))
        q.push_back(quantizeInteger(static_cast<float>(value), scale, intType));
      quantized = DenseElementsAttr::get(qType, q);
    } else {
      SmallVector<APFloat> q;
      for (auto [value, scale] : llvm::zip_equal(values, elementScales))
        q.push_back(quantizeFloat(static_cast<float>(value), scale,
                                  cast<FloatType>(qType.getElementType())));
      quantized = DenseElementsAttr::get(qType, q);
    }
    SmallVector<int64_t> scaleShape{n};
    if (scheme.grouped)
      scaleShape = transposed ? SmallVector<int64_t>{n, groups}
                              : SmallVector<int64_t>{groups, n};
    auto f32 = Float32Type::get(&getContext());
    auto scaleAttr = DenseElementsAttr::get(
        RankedTensorType::get(scaleShape, f32), ArrayRef<float>(scales));

    OpBuilder builder(matmul);
    Location loc = matmul.getLoc();
    Value bq = arith::ConstantOp::create(builder, loc, quantized);
    Value bScale = arith::ConstantOp::create(builder, loc, scaleAttr);
    Value a = matmul.getA(), aScale;
    if (rotate) {
      // x H, in x's element type, as a matmul with a constant H.
      Type element = aType.getElementType();
      auto hType = RankedTensorType::get({k, k}, element);
      std::vector<double> h = hadamardMatrix(k);
      SmallVector<APFloat> hValues;
      for (double v : h) {
        APFloat value(v);
        bool lossy;
        value.convert(cast<FloatType>(element).getFloatSemantics(),
                      APFloat::rmNearestTiesToEven, &lossy);
        hValues.push_back(value);
      }
      Value hConst = arith::ConstantOp::create(
          builder, loc, DenseElementsAttr::get(hType, hValues));
      a = MatmulOp::create(builder, loc, aType, a, hConst, /*bias=*/Value(),
                           builder.getBoolAttr(false));
    }
    bool staticActivation = false;
    if (!scheme.activationType) {
      aScale = arith::ConstantOp::create(
          builder, loc,
          DenseElementsAttr::get(RankedTensorType::get({}, f32), 1.0f));
    } else if (std::optional<double> absmax =
                   // The calibration measured x, not the rotated x H (up to
                   // sqrt(K) larger): a rotated matmul keeps dynamic scales.
                   calibrated && !rotate
                       ? calibrated->lookup(getCalibrationKey(matmul.getLoc()))
                       : std::nullopt) {
      // A static per-tensor scale from the calibration: absmax / qmax in
      // f32 (an all-zero activation gets 1), as accel.quantize would compute
      // it from the calibration samples; values beyond the calibrated range
      // saturate.
      float qmax =
          static_cast<float>(getQuantizedMaxValue(scheme.activationType));
      float activationMax = static_cast<float>(*absmax);
      float scale = activationMax == 0 ? 1.0f : activationMax / qmax;
      // A range so small that its scale underflows f32 still gets a finite,
      // positive scale (the smallest normal float): quantizing by 0 would
      // make every element inf or NaN.
      if (!(scale >= std::numeric_limits<float>::min()))
        scale = std::numeric_limits<float>::min();
      auto scalarType = RankedTensorType::get({}, f32);
      Value staticScale = arith::ConstantOp::create(
          builder, loc, DenseElementsAttr::get(scalarType, scale));
      SmallVector<NamedAttribute> attrs{
          builder.getNamedAttr("dtype", TypeAttr::get(scheme.activationType)),
          builder.getNamedAttr("granularity", builder.getStringAttr("tensor"))};
      auto quantize = QuantizeOp::create(
          builder, loc,
          TypeRange{aType.clone(scheme.activationType), scalarType},
          ValueRange{a, staticScale}, attrs);
      a = quantize.getQ();
      aScale = quantize.getScaleOut();
      staticActivation = true;
    } else {
      // Dynamic per-token scales: per row of a 2-d activation, per group of
      // the whole K otherwise ([B..., M, 1], then collapsed to [B..., M]).
      int64_t rank = aType.getRank();
      SmallVector<NamedAttribute> attrs{
          builder.getNamedAttr("dtype", TypeAttr::get(scheme.activationType))};
      SmallVector<int64_t> scaleDims(aType.getShape().drop_back());
      if (rank == 2) {
        attrs.push_back(builder.getNamedAttr("granularity",
                                             builder.getStringAttr("channel")));
        attrs.push_back(
            builder.getNamedAttr("axis", builder.getI64IntegerAttr(0)));
      } else {
        attrs.push_back(builder.getNamedAttr("granularity",
                                             builder.getStringAttr("group")));
        attrs.push_back(builder.getNamedAttr(
            "axis", builder.getI64IntegerAttr(rank - 1)));
        attrs.push_back(builder.getNamedAttr(
            "group_size", builder.getI64IntegerAttr(tokenK)));
        scaleDims.push_back(1);
      }
      auto quantize = QuantizeOp::create(
          builder, loc,
          TypeRange{aType.clone(scheme.activationType),
                    RankedTensorType::get(scaleDims, f32)},
          ValueRange{a}, attrs);
      a = quantize.getQ();
      aScale = quantize.getScaleOut();
      if (rank > 2) {
        SmallVector<ReassociationIndices> groupsOfDims;
        for (int64_t d = 0; d < rank - 2; ++d)
          groupsOfDims.push_back({d});
        groupsOfDims.push_back({rank - 2, rank - 1});
        aScale = tensor::CollapseShapeOp::create(builder, loc, aScale,
                                                 groupsOfDims);
      }
    }
    SmallVector<Value> operands{a, aScale, bq, bScale};
    if (Value bias = matmul.getBias())
      operands.push_back(bias);
    auto quantizedMatmul = QuantizedMatmulOp::create(
        builder, loc, TypeRange{matmul.getType()}, operands,
        ArrayRef<NamedAttribute>{builder.getNamedAttr(
            "transpose_b", builder.getBoolAttr(transposed))});
    Operation *oldWeight = matmul.getB().getDefiningOp();
    matmul.replaceAllUsesWith(quantizedMatmul.getResult());
    matmul.erase();
    if (oldWeight && oldWeight->use_empty())
      oldWeight->erase();
    ++numQuantized;
    if (remarks)
      quantizedMatmul->emitRemark()
          << "quantized (" << chosenMode << choice << "): weight "
          << scheme.weightType
          << (scheme.grouped ? " per group of " + std::to_string(span) +
                                   " along K"
                             : std::string(" per output channel"))
          << ", activations "
          << (!scheme.activationType ? "unscaled in their float type"
              : staticActivation
                  ? "per tensor with the calibrated scale"
                  : calibrated ? (rotate ? "per token at run time (a "
                                           "calibration does not apply to "
                                           "rotated activations)"
                                         : "per token at run time (no "
                                           "calibration for this matmul)")
                               : "per token at run time")
          << (rotate ? "; both Hadamard-rotated along K" : "");
  }
};

} // namespace
