//===- Float8Emulation.cpp - fp8 <-> f32 on the bit level -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "Float8Emulation.h"

#include "accel/Dialect/Accel/IR/TypeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace {
/// The parameters of an fp8 format that the bit-level conversions need.
struct F8Format {
  /// Mantissa bits.
  unsigned mantissaBits;
  /// Exponent bias.
  int bias;
  /// Largest finite value.
  float maxValue;
  /// Whether the all-ones exponent encodes infinities and NaNs (IEEE-like
  /// E5M2) rather than normal values (E4M3FN, whose only NaN is S.1111.111).
  bool ieeeSpecials;
};
} // namespace

static F8Format getF8Format(Type type) {
  auto largest = static_cast<float>(accel::getQuantizedMaxValue(type));
  if (isa<Float8E4M3FNType>(type))
    return {3, 7, largest, false};
  assert(isa<Float8E5M2Type>(type) && "expects an fp8 type");
  return {2, 15, largest, true};
}

bool accel::lowering::isFloat8(Type type) {
  return isa<Float8E4M3FNType, Float8E5M2Type>(type);
}

static Value constI32(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(value));
}

static Value constF32(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

/// 2^exp as an f32 constant (exact for the small exponents used here).
static Value powerOfTwo(OpBuilder &b, Location loc, int exp) {
  return constF32(b, loc, std::ldexp(1.0, exp));
}

/// Rounds the f32 `value` to the nearest fp8 value of `type` (ties to
/// even), saturating at the largest finite value; NaN stays NaN.
Value accel::lowering::encodeFloat8(OpBuilder &b, Location loc, Value value,
                                   Type type) {
  F8Format fmt = getF8Format(type);
  Type i32 = b.getI32Type();
  Value maxValue = constF32(b, loc, fmt.maxValue);
  Value minValue = constF32(b, loc, -fmt.maxValue);
  // minimumf/maximumf propagate NaN, which is handled at the end.
  Value clamped = arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, value, minValue), maxValue);

  Value bits = arith::BitcastOp::create(b, loc, i32, clamped);
  Value sign = arith::AndIOp::create(
      b, loc, arith::ShRUIOp::create(b, loc, bits, constI32(b, loc, 24)),
      constI32(b, loc, 0x80));
  Value abs = arith::AndIOp::create(b, loc, bits, constI32(b, loc, 0x7fffffff));

  // Normal range: rebias the exponent and round the mantissa to
  // `mantissaBits` bits, ties to even. `abs <= maxValue` (exactly
  // representable), so rounding never carries past the largest value.
  int shift = 23 - fmt.mantissaBits;
  Value rebiased = arith::SubIOp::create(
      b, loc, abs, constI32(b, loc, int64_t(127 - fmt.bias) << 23));
  Value lsb = arith::AndIOp::create(
      b, loc, arith::ShRUIOp::create(b, loc, rebiased, constI32(b, loc, shift)),
      constI32(b, loc, 1));
  Value roundingBias = arith::AddIOp::create(
      b, loc, constI32(b, loc, (int64_t(1) << (shift - 1)) - 1), lsb);
  Value normal = arith::ShRUIOp::create(
      b, loc, arith::AddIOp::create(b, loc, rebiased, roundingBias),
      constI32(b, loc, shift));

  // Subnormal range (|x| < 2^(1 - bias)): the encoding is the number of
  // smallest subnormals 2^(1 - bias - mantissaBits), rounded to even; a
  // round-up to 2^mantissaBits is exactly the smallest normal's encoding.
  // The scaling by a power of two is exact in f32.
  Value absFloat = arith::BitcastOp::create(b, loc, b.getF32Type(), abs);
  Value scaled = arith::MulFOp::create(
      b, loc, absFloat,
      powerOfTwo(b, loc, fmt.bias - 1 + int(fmt.mantissaBits)));
  Value subnormal = arith::FPToUIOp::create(
      b, loc, i32, math::RoundEvenOp::create(b, loc, scaled));
  Value isSubnormal = arith::CmpIOp::create(
      b, loc, arith::CmpIPredicate::ult, abs,
      constI32(b, loc, int64_t(127 + 1 - fmt.bias) << 23));
  Value magnitude =
      arith::SelectOp::create(b, loc, isSubnormal, subnormal, normal);

  // NaN: S.1111.111 for E4M3FN, the quiet NaN S.11111.10 for E5M2.
  Value isNan =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, value, value);
  magnitude = arith::SelectOp::create(
      b, loc, isNan, constI32(b, loc, fmt.ieeeSpecials ? 0x7e : 0x7f),
      magnitude);
  Value encoded = arith::OrIOp::create(b, loc, sign, magnitude);
  Value byte = arith::TruncIOp::create(b, loc, b.getI8Type(), encoded);
  return arith::BitcastOp::create(b, loc, type, byte);
}

/// The f32 value of the fp8 scalar `value` (exact).
Value accel::lowering::decodeFloat8(OpBuilder &b, Location loc, Value value) {
  F8Format fmt = getF8Format(value.getType());
  Type i32 = b.getI32Type();
  Value byte = arith::BitcastOp::create(b, loc, b.getI8Type(), value);
  Value bits = arith::ExtUIOp::create(b, loc, i32, byte);
  Value sign = arith::ShLIOp::create(
      b, loc, arith::AndIOp::create(b, loc, bits, constI32(b, loc, 0x80)),
      constI32(b, loc, 24));
  Value abs = arith::AndIOp::create(b, loc, bits, constI32(b, loc, 0x7f));

  // Normal: exponent and mantissa move up to f32's positions as one field;
  // the exponent is rebiased by adding (127 - bias) to it.
  Value normal = arith::AddIOp::create(
      b, loc,
      arith::ShLIOp::create(b, loc, abs,
                            constI32(b, loc, 23 - fmt.mantissaBits)),
      constI32(b, loc, int64_t(127 - fmt.bias) << 23));
  // Subnormal (zero exponent): mantissa * 2^(1 - bias - mantissaBits).
  Value mantissa = arith::AndIOp::create(
      b, loc, abs, constI32(b, loc, (1 << fmt.mantissaBits) - 1));
  Value subnormalFloat = arith::MulFOp::create(
      b, loc, arith::UIToFPOp::create(b, loc, b.getF32Type(), mantissa),
      powerOfTwo(b, loc, 1 - fmt.bias - int(fmt.mantissaBits)));
  Value subnormal = arith::BitcastOp::create(b, loc, i32, subnormalFloat);
  Value isSubnormal =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, abs,
                            constI32(b, loc, 1 << fmt.mantissaBits));
  Value magnitude =
      arith::SelectOp::create(b, loc, isSubnormal, subnormal, normal);

  Value quietNan = constI32(b, loc, 0x7fc00000);
  if (fmt.ieeeSpecials) {
    // Exponent all ones: infinity (zero mantissa) or NaN.
    int64_t infBits = int64_t(0x7f) & ~int64_t((1 << fmt.mantissaBits) - 1);
    Value isSpecial = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge,
                                            abs, constI32(b, loc, infBits));
    Value isInf = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, abs,
                                        constI32(b, loc, infBits));
    Value special = arith::SelectOp::create(
        b, loc, isInf, constI32(b, loc, 0x7f800000), quietNan);
    magnitude = arith::SelectOp::create(b, loc, isSpecial, special, magnitude);
  } else {
    Value isNan = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, abs,
                                        constI32(b, loc, 0x7f));
    magnitude = arith::SelectOp::create(b, loc, isNan, quietNan, magnitude);
  }
  Value result = arith::OrIOp::create(b, loc, sign, magnitude);
  return arith::BitcastOp::create(b, loc, b.getF32Type(), result);
}

