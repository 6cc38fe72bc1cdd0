//===- AttrParsingTest.cpp - parsing accel attributes ---------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelAttrs.h"
#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Dialect/Accel/IR/AccelEnums.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace accel;

namespace {
class AttrParsingTest : public ::testing::Test {
protected:
  AttrParsingTest()
      : handler(&context, [this](Diagnostic &diag) {
          lastError = diag.str();
          return success();
        }) {
    context.loadDialect<AccelDialect>();
  }

  MLIRContext context;
  ScopedDiagnosticHandler handler;
  std::string lastError;
};
} // namespace

TEST_F(AttrParsingTest, HeadShardRoundTrips) {
  Attribute attr = parseAttribute(
      "#accel.head_shard<num_shards = 4, block = 64, local_blocks = 2>",
      &context);
  auto shard = dyn_cast_or_null<HeadShardAttr>(attr);
  ASSERT_TRUE(shard);
  EXPECT_EQ(shard.getNumShards(), 4);
  EXPECT_EQ(shard.getBlock(), 64);
  EXPECT_EQ(shard.getLocalBlocks(), 2);

  std::string printed;
  llvm::raw_string_ostream os(printed);
  Attribute(shard).print(os);
  EXPECT_EQ(printed,
            "#accel.head_shard<num_shards = 4, block = 64, local_blocks = 2>");
  EXPECT_EQ(parseAttribute(printed, &context), attr);
}

TEST_F(AttrParsingTest, HeadShardParametersAreVerified) {
  EXPECT_FALSE(parseAttribute(
      "#accel.head_shard<num_shards = 0, block = 64, local_blocks = 2>",
      &context));
  EXPECT_EQ(lastError, "'#accel.head_shard' expects num_shards >= 1, got 0");
  EXPECT_FALSE(parseAttribute(
      "#accel.head_shard<num_shards = 2, block = 0, local_blocks = 2>",
      &context));
  EXPECT_EQ(lastError, "'#accel.head_shard' expects block >= 1, got 0");
  EXPECT_FALSE(parseAttribute(
      "#accel.head_shard<num_shards = 2, block = 8, local_blocks = -1>",
      &context));
  EXPECT_EQ(lastError, "'#accel.head_shard' expects local_blocks >= 0, got -1");
  // A missing parameter is a parse error, not a crash.
  EXPECT_FALSE(parseAttribute("#accel.head_shard<num_shards = 2, block = 8>",
                              &context));
}

TEST_F(AttrParsingTest, HeadShardVisibility) {
  auto shard = HeadShardAttr::get(&context, /*numShards=*/4, /*block=*/64,
                                  /*localBlocks=*/2);
  // Head 1 owns key blocks 1, 5, 9, ...
  EXPECT_TRUE(shard.isVisible(1, 9, 5));
  EXPECT_FALSE(shard.isVisible(1, 9, 6));
  // ... and sees the current and previous block as local context.
  EXPECT_TRUE(shard.isVisible(1, 9, 8));
  EXPECT_TRUE(shard.isVisible(1, 9, 9));
  // A later block is never local context.
  EXPECT_FALSE(shard.isVisible(1, 9, 10));
  // Any 4 consecutive heads together see every block.
  for (int64_t kb = 0; kb < 16; ++kb) {
    bool seen = false;
    for (int64_t h = 3; h < 7; ++h)
      seen |= shard.isVisible(h, 20, kb);
    EXPECT_TRUE(seen) << "key block " << kb;
  }
}

TEST_F(AttrParsingTest, EnumSpellings) {
  EXPECT_EQ(symbolizeReduceKind("mean"), ReduceKind::Mean);
  EXPECT_FALSE(symbolizeReduceKind("min").has_value());
  EXPECT_EQ(symbolizeQuantGranularity("group"), QuantGranularity::Group);
  EXPECT_EQ(stringifyQuantGranularity(QuantGranularity::Channel), "channel");
}
