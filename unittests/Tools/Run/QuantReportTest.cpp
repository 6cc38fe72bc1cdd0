//===- QuantReportTest.cpp - the quantization simulation of --quant-report ===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/QuantReport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace accel::run;

namespace {

TEST(QuantReportTest, Int8RoundsHalfToEvenAndClamps) {
  EXPECT_EQ(fakeQuantize(2.5, 1.0, "int8"), 2.0);
  EXPECT_EQ(fakeQuantize(3.5, 1.0, "int8"), 4.0);
  EXPECT_EQ(fakeQuantize(-2.5, 1.0, "int8"), -2.0);
  EXPECT_EQ(fakeQuantize(200.0, 1.0, "int8"), 127.0);
  EXPECT_EQ(fakeQuantize(-200.0, 1.0, "int8"), -128.0);
  // The scale divides first: 0.3 / 0.1 = 3.
  EXPECT_NEAR(fakeQuantize(0.3, 0.1, "int8"), 0.3, 1e-12);
}

TEST(QuantReportTest, Fp8RoundsToTheFormatsAndSaturates) {
  // E4M3: 3 mantissa bits, so in [0.25, 0.5) the step is 1/32: 0.3 lies
  // between 0.28125 and 0.3125 and is nearer the latter.
  EXPECT_EQ(fakeQuantize(0.3, 1.0, "e4m3"), 0.3125);
  // E5M2: 2 mantissa bits, step 1/16 there: 0.25 or 0.3125, the latter.
  EXPECT_EQ(fakeQuantize(0.3, 1.0, "e5m2"), 0.3125);
  EXPECT_EQ(fakeQuantize(0.27, 1.0, "e5m2"), 0.25);
  // Saturation at the formats' largest finite values, no NaN.
  EXPECT_EQ(fakeQuantize(1000.0, 1.0, "e4m3"), 448.0);
  EXPECT_EQ(fakeQuantize(-1e6, 1.0, "e5m2"), -57344.0);
}

TEST(QuantReportTest, ErrorsAreRelativeAndGrouped) {
  // Values on a format's grid (after the absmax scale) have no error:
  // multiples of 1 up to 127 for INT8, 1.75 * 2^e for both FP8 formats.
  EXPECT_EQ(quantizationError({127.0, -64.0, 32.0, 0.0}, "int8", 4), 0.0);
  std::vector<double> fp8Grid = {448.0, -224.0, 28.0, 0.0};
  EXPECT_EQ(quantizationError(fp8Grid, "e4m3", 4), 0.0);
  EXPECT_EQ(quantizationError(fp8Grid, "e5m2", 4), 0.0);
  // ... and off it they do: 63.5 is between INT8's steps.
  EXPECT_GT(quantizationError({127.0, 63.5}, "int8", 2), 0.0);
  // One scale for [1, 0.004]: 0.004 * 127 = 0.508 rounds to 1, so the
  // dequantized value is 1/127 and the relative error |1/127 - 0.004| /
  // |(1, 0.004)|.
  std::vector<double> mixed = {1.0, 0.004};
  double expected =
      std::fabs(1.0 / 127 - 0.004) / std::sqrt(1.0 + 0.004 * 0.004);
  EXPECT_NEAR(quantizationError(mixed, "int8", 2), expected, 1e-12);
  // With a scale per element both are exact.
  EXPECT_EQ(quantizationError(mixed, "int8", 1), 0.0);
  // An all-zero input has no error (and no division by zero).
  EXPECT_EQ(quantizationError({0.0, 0.0}, "e4m3", 2), 0.0);
}

TEST(QuantReportTest, OutliersFavourFp8OverInt8PerTensor) {
  // The finding of "FP8 versus INT8": with one large outlier per tensor,
  // INT8's uniform grid loses the small values, FP8's exponent keeps them.
  std::vector<double> values(256);
  for (int i = 0; i < 256; ++i)
    values[i] = 0.01 * std::sin(0.37 * i + 0.1);
  values[17] = 100.0;
  EXPECT_LT(quantizationError(values, "e4m3", 256),
            quantizationError(values, "int8", 256));
  // Without the outlier INT8 wins.
  values[17] = 0.01;
  EXPECT_LT(quantizationError(values, "int8", 256),
            quantizationError(values, "e4m3", 256));
}

} // namespace
