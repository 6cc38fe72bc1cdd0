//===- TypeInferenceTest.cpp - shape rules of accel ops -------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/TypeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace accel;

namespace {
constexpr int64_t kDyn = ShapedType::kDynamic;

/// Runs shape rules against a context that records the last diagnostic.
class TypeInferenceTest : public ::testing::Test {
protected:
  TypeInferenceTest()
      : handler(&context, [this](Diagnostic &diag) {
          lastError = diag.str();
          return success();
        }) {}

  /// What the rules call to report a broken rule. The callable lives as
  /// long as the fixture, since EmitErrorFn only refers to it.
  EmitErrorFn emitter() { return emitFn; }
  std::function<InFlightDiagnostic()> emitFn = [this] {
    return emitError(UnknownLoc::get(&context));
  };

  MLIRContext context;
  ScopedDiagnosticHandler handler;
  std::string lastError;
};
} // namespace

TEST_F(TypeInferenceTest, FormatShapePrintsDynamicDims) {
  EXPECT_EQ(formatShape({2, kDyn, 64}), "[2, ?, 64]");
  EXPECT_EQ(formatShape({}), "[]");
}

TEST_F(TypeInferenceTest, BroadcastFollowsNumpy) {
  FailureOr<Shape> shape = broadcastShapes({8, 1, 3}, {5, 1}, emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{8, 5, 3}));

  shape = broadcastShapes({kDyn}, {4}, emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{kDyn}));

  EXPECT_TRUE(failed(broadcastShapes({2}, {3}, emitter())));
  EXPECT_EQ(lastError, "expects broadcast-compatible batch dims, got [2] and [3]");
}

TEST_F(TypeInferenceTest, MatmulShapes) {
  FailureOr<Shape> shape =
      inferMatmulShape({4, 1, 16, 32}, {7, 32, 8}, false, emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{4, 7, 16, 8}));

  shape = inferMatmulShape({kDyn, 32}, {8, 32}, /*transposeB=*/true, emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{kDyn, 8}));

  EXPECT_TRUE(failed(inferMatmulShape({16, 32}, {16, 8}, false, emitter())));
  EXPECT_EQ(lastError,
            "expects the reduction dims of a (32) and b (16) to match");
  EXPECT_TRUE(failed(inferMatmulShape({16}, {16, 8}, false, emitter())));
  EXPECT_EQ(lastError, "expects a to have rank >= 2, got 1");
}

TEST_F(TypeInferenceTest, AttentionShapesWithGqa) {
  FailureOr<AttentionShapes> shapes =
      inferAttentionShapes({2, 8, 100, 64}, {2, 2, 130, 64}, {2, 2, 130, 32},
                           emitter());
  ASSERT_TRUE(succeeded(shapes));
  EXPECT_EQ(shapes->out, (Shape{2, 8, 100, 32}));
  EXPECT_EQ(shapes->lse, (Shape{2, 8, 100}));
  EXPECT_EQ(shapes->scores, (Shape{2, 8, 100, 130}));

  EXPECT_TRUE(failed(inferAttentionShapes({2, 8, 100, 64}, {2, 3, 130, 64},
                                          {2, 3, 130, 64}, emitter())));
  EXPECT_EQ(lastError,
            "expects the query heads (8) to be a multiple of the kv heads (3)");

  // Dynamic head counts defer the GQA rule to run time.
  EXPECT_TRUE(succeeded(inferAttentionShapes(
      {2, kDyn, 100, 64}, {2, 3, 130, 64}, {2, 3, 130, 64}, emitter())));
}

TEST_F(TypeInferenceTest, BiasBroadcastsToScores) {
  EXPECT_TRUE(succeeded(
      verifyBroadcastableTo({1, 100, 130}, {2, 8, 100, 130}, "bias", emitter())));
  EXPECT_TRUE(failed(
      verifyBroadcastableTo({3, 100, 130}, {2, 8, 100, 130}, "bias", emitter())));
  EXPECT_EQ(lastError,
            "expects bias of shape [3, 100, 130] to broadcast to [2, 8, 100, 130]");
}

TEST_F(TypeInferenceTest, MonarchFactorRules) {
  FailureOr<Shape> shape =
      inferMonarchMatmulShape({16, 64}, {8, 4, 8}, {4, 16, 8}, emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{16, 64}));

  EXPECT_TRUE(failed(
      inferMonarchMatmulShape({16, 60}, {8, 4, 8}, {4, 16, 8}, emitter())));
  EXPECT_EQ(lastError,
            "expects the last dim of x (60) to equal k * p of w1 (8 * 8)");
  EXPECT_TRUE(failed(
      inferMonarchMatmulShape({16, 64}, {8, 4, 8}, {4, 16, 4}, emitter())));
  EXPECT_EQ(lastError,
            "expects l * r of w2 (4 * 4) to equal k * q of w1 (8 * 4)");
}

TEST_F(TypeInferenceTest, BlockDiagOverflowIsADiagnostic) {
  int64_t huge = int64_t(1) << 40;
  EXPECT_TRUE(failed(
      inferBlockDiagMatmulShape({kDyn}, {huge, huge, 1}, emitter())));
  EXPECT_EQ(lastError, "expects nb * q (1099511627776 * 1099511627776) to fit "
                       "in 64 bits");
}

TEST_F(TypeInferenceTest, SegmentOffsets) {
  EXPECT_TRUE(succeeded(verifySegmentOffsets({0, 3, 3, 7}, 7, emitter())));
  EXPECT_TRUE(succeeded(verifySegmentOffsets({0, 3, 3, 7}, kDyn, emitter())));
  EXPECT_TRUE(failed(verifySegmentOffsets({1, 3}, 3, emitter())));
  EXPECT_EQ(lastError, "expects offsets[0] to be 0, got 1");
  EXPECT_TRUE(failed(verifySegmentOffsets({0, 4, 3}, 3, emitter())));
  EXPECT_EQ(lastError, "expects non-decreasing offsets, got offsets[1] = 4 > "
                       "offsets[2] = 3");
  EXPECT_TRUE(failed(verifySegmentOffsets({0, 3}, 5, emitter())));

  FailureOr<Shape> shape =
      inferRelationMatmulShape({kDyn, 16}, {4, 16, 8}, {5}, true, emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{kDyn, 8}));
  EXPECT_TRUE(failed(
      inferRelationMatmulShape({kDyn, 16}, {4, 16, 8}, {4}, true, emitter())));
  EXPECT_EQ(lastError, "expects offsets to have R + 1 = 4 + 1 entries, got 4");
}

TEST_F(TypeInferenceTest, ScaleShapesFollowGranularity) {
  FailureOr<Shape> shape = inferScaleShape(
      {128, 256}, QuantGranularity::Tensor, std::nullopt, std::nullopt,
      emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_TRUE(shape->empty());

  shape = inferScaleShape({128, 256}, QuantGranularity::Channel, 1,
                          std::nullopt, emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{256}));

  shape = inferScaleShape({kDyn, 256}, QuantGranularity::Group, 1, 64,
                          emitter());
  ASSERT_TRUE(succeeded(shape));
  EXPECT_EQ(*shape, (Shape{kDyn, 4}));

  EXPECT_TRUE(failed(inferScaleShape({128, 256}, QuantGranularity::Group, 1,
                                     100, emitter())));
  EXPECT_EQ(lastError, "expects group_size (100) to divide dim 1 (256)");
  EXPECT_TRUE(failed(inferScaleShape({128, 256}, QuantGranularity::Channel, 2,
                                     std::nullopt, emitter())));
  EXPECT_EQ(lastError, "expects axis in [0, 2), got 2");
  EXPECT_TRUE(failed(inferScaleShape({128}, QuantGranularity::Tensor, 0,
                                     std::nullopt, emitter())));
}

TEST_F(TypeInferenceTest, QuantizedMatmulPairsAndGroups) {
  Builder b(&context);
  Type i8 = b.getIntegerType(8), i4 = b.getIntegerType(4);
  Type f8 = b.getType<Float8E4M3FNType>(), f8e5 = b.getType<Float8E5M2Type>();
  EXPECT_TRUE(isSupportedQuantizedMatmulPair(i8, i8));
  EXPECT_TRUE(isSupportedQuantizedMatmulPair(i8, i4));
  EXPECT_TRUE(isSupportedQuantizedMatmulPair(f8, f8));
  EXPECT_TRUE(isSupportedQuantizedMatmulPair(b.getBF16Type(), i4));
  EXPECT_TRUE(isSupportedQuantizedMatmulPair(b.getF16Type(), i4));
  EXPECT_FALSE(isSupportedQuantizedMatmulPair(i4, i8));
  EXPECT_FALSE(isSupportedQuantizedMatmulPair(f8e5, f8e5));
  EXPECT_FALSE(isSupportedQuantizedMatmulPair(b.getF32Type(), i4));
  EXPECT_DOUBLE_EQ(getQuantizedMaxValue(f8), 448.0);
  EXPECT_DOUBLE_EQ(getQuantizedMaxValue(f8e5), 57344.0);
  EXPECT_DOUBLE_EQ(getQuantizedMaxValue(i8), 127.0);
  EXPECT_DOUBLE_EQ(getQuantizedMaxValue(i4), 7.0);

  // W4A16 with groups of 128 along K on a transposed [N, K] weight.
  FailureOr<QuantizedMatmulShapes> shapes = inferQuantizedMatmulShapes(
      {kDyn, 4096}, {}, {11008, 4096}, {11008, 32}, true, emitter());
  ASSERT_TRUE(succeeded(shapes));
  EXPECT_EQ(shapes->result, (Shape{kDyn, 11008}));
  EXPECT_EQ(shapes->bGroupSize, 128);

  EXPECT_TRUE(failed(inferQuantizedMatmulShapes({8, 100}, {8}, {100, 16},
                                                {3, 16}, false, emitter())));
  EXPECT_EQ(lastError, "expects the 3 scale groups of b to divide K (100)");
}
