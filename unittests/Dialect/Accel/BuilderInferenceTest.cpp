//===- BuilderInferenceTest.cpp - builders infer result types -------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Verifier.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace accel;

namespace {
constexpr int64_t kDyn = ShapedType::kDynamic;

/// Builds ops on the arguments of a function and verifies them.
class BuilderInferenceTest : public ::testing::Test {
protected:
  BuilderInferenceTest() : builder(&context) {
    context.loadDialect<AccelDialect, func::FuncDialect>();
    module = ModuleOp::create(builder.getUnknownLoc());
  }

  /// A block whose arguments have the given tensor types.
  Block *makeBlock(ArrayRef<Type> argTypes) {
    auto func = func::FuncOp::create(builder, builder.getUnknownLoc(), "f",
                                     builder.getFunctionType(argTypes, {}));
    module->push_back(func);
    Block *block = func.addEntryBlock();
    builder.setInsertionPointToStart(block);
    func::ReturnOp::create(builder, builder.getUnknownLoc());
    builder.setInsertionPointToStart(block);
    return block;
  }

  RankedTensorType tensor(ArrayRef<int64_t> shape, Type element) {
    return RankedTensorType::get(shape, element);
  }

  MLIRContext context;
  OpBuilder builder;
  OwningOpRef<ModuleOp> module;
};
} // namespace

TEST_F(BuilderInferenceTest, MonarchAndBlockDiag) {
  Type f16 = builder.getF16Type();
  Block *block = makeBlock({tensor({kDyn, 64}, f16), tensor({8, 4, 8}, f16),
                            tensor({4, 16, 8}, f16)});
  Location loc = builder.getUnknownLoc();
  auto monarch =
      MonarchMatmulOp::create(builder, loc, block->getArgument(0),
                              block->getArgument(1), block->getArgument(2));
  EXPECT_EQ(monarch.getType(), tensor({kDyn, 64}, f16));
  auto blockDiag = BlockDiagMatmulOp::create(builder, loc, block->getArgument(0),
                                             block->getArgument(1));
  EXPECT_EQ(blockDiag.getType(), tensor({kDyn, 32}, f16));
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(BuilderInferenceTest, GraphOps) {
  Type f32 = builder.getF32Type(), i64 = builder.getI64Type();
  Block *block = makeBlock({tensor({100, 16}, f32), tensor({kDyn}, i64),
                            tensor({kDyn, 16}, f32), tensor({5, 16, 8}, f32),
                            tensor({6}, i64)});
  Location loc = builder.getUnknownLoc();
  auto gather = GatherRowsOp::create(builder, loc, block->getArgument(0),
                                     block->getArgument(1));
  EXPECT_EQ(gather.getType(), tensor({kDyn, 16}, f32));
  auto typed = TypedMatmulOp::create(builder, loc, gather.getResult(),
                                     block->getArgument(3),
                                     block->getArgument(1));
  EXPECT_EQ(typed.getType(), tensor({kDyn, 8}, f32));
  auto segment = SegmentMatmulOp::create(builder, loc, block->getArgument(2),
                                         block->getArgument(3),
                                         block->getArgument(4));
  EXPECT_EQ(segment.getType(), tensor({kDyn, 8}, f32));
  EXPECT_TRUE(succeeded(verify(*module)));
}
