//===- KernelSelectionTest.cpp - configs, tuning tables, selection --------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The kernel boundary's pieces one at a time: chip parsing, the config
// models (verification, template instance, launch, estimate), tuning-table
// parsing, and accel-select-kernels' order of sources.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/KernelFamily.h"
#include "accel/Codegen/Passes.h"
#include "accel/Codegen/TuningTable.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

namespace {
class KernelSelectionTest : public ::testing::Test {
protected:
  KernelSelectionTest()
      : context(makeRegistry()), handler(&context, [this](Diagnostic &diag) {
          messages.push_back(diag.str());
          return success();
        }) {
    context.loadDialect<AccelDialect, func::FuncDialect>();
  }

  static DialectRegistry makeRegistry() {
    DialectRegistry registry;
    registerKernelConfigModels(registry);
    return registry;
  }

  /// The first accel op of the module parsed from `text`.
  Operation *firstAccelOp(ModuleOp module) {
    Operation *found = nullptr;
    module.walk([&](Operation *op) {
      if (!found && isa<AccelDialect>(op->getDialect()))
        found = op;
    });
    return found;
  }

  OwningOpRef<ModuleOp> parse(StringRef text) {
    return parseSourceString<ModuleOp>(text, ParserConfig(&context));
  }

  MLIRContext context;
  ScopedDiagnosticHandler handler;
  std::vector<std::string> messages;
};

constexpr llvm::StringLiteral kForward = R"mlir(
func.func @f(%q: tensor<2x8x1000x128xbf16>, %k: tensor<2x2x1000x128xbf16>)
    -> tensor<2x8x1000x128xbf16> {
  %o = accel.attention %q, %k, %k {causal = true}
      : (tensor<2x8x1000x128xbf16>, tensor<2x2x1000x128xbf16>, tensor<2x2x1000x128xbf16>)
      -> tensor<2x8x1000x128xbf16>
  return %o : tensor<2x8x1000x128xbf16>
}
)mlir";
} // namespace

TEST_F(KernelSelectionTest, ChipsParse) {
  auto sm90a = CudaTargetAttr::parseChip("sm_90a");
  ASSERT_TRUE(sm90a);
  EXPECT_EQ(sm90a->major, 9);
  EXPECT_EQ(sm90a->minor, 0);
  EXPECT_TRUE(sm90a->archSpecific);
  auto sm86 = CudaTargetAttr::parseChip("sm_86");
  ASSERT_TRUE(sm86);
  EXPECT_EQ(sm86->major * 10 + sm86->minor, 86);
  EXPECT_FALSE(sm86->archSpecific);
  for (StringRef bad : {"sm_75", "sm_", "sm_9x", "compute_90", "sm_+90",
                        "sm_0x50", "sm_130", "90a", "sm_90aa"})
    EXPECT_FALSE(CudaTargetAttr::parseChip(bad)) << bad.str();
  EXPECT_TRUE(CudaTargetAttr::get(&context, "sm_90a").hasWgmma());
  EXPECT_FALSE(CudaTargetAttr::get(&context, "sm_90").hasWgmma());
  EXPECT_EQ(
      CudaTargetAttr::get(&context, "sm_80").getMaxDynamicSharedMemoryBytes(),
      163 * 1024);
}

TEST_F(KernelSelectionTest, ConfigModelsDescribeTheirKernel) {
  OwningOpRef<ModuleOp> module = parse(kForward);
  ASSERT_TRUE(module);
  Operation *op = firstAccelOp(*module);
  auto target = CudaTargetAttr::get(&context, "sm_90a");

  auto sm80 = cast<KernelConfigAttrInterface>(
      AttentionSm80ConfigAttr::get(&context, /*blockN=*/32, /*numWarps=*/2));
  EXPECT_EQ(sm80.getFamilyName(), "attention");
  EXPECT_TRUE(succeeded(sm80.verifyForOp(op, target)));
  EXPECT_EQ(sm80.getTemplateInstance(op),
            "accelkern_attention::attentionForwardKernel<__nv_bfloat16, 128, 32, "
            "32, 2, true, false, false, false>");
  KernelLaunchShape launch = sm80.getLaunchShape(op);
  // ceil(1000 / 32) query tiles, 8 heads, batch 2; 64 threads; (32 + 64) *
  // 128 * 2 bytes.
  EXPECT_EQ(launch.grid, (SmallVector<int64_t, 3>{32, 8, 2}));
  EXPECT_EQ(launch.threadsPerBlock, 64);
  EXPECT_EQ(launch.sharedMemoryBytes, 24576);

  auto wgmma = cast<KernelConfigAttrInterface>(
      AttentionSm90aConfigAttr::get(&context, /*blockN=*/128, /*stages=*/2));
  EXPECT_EQ(wgmma.getFamilyName(), "attention_wgmma");
  EXPECT_TRUE(succeeded(wgmma.verifyForOp(op, target)));
  KernelLaunchShape wgmmaLaunch = wgmma.getLaunchShape(op);
  EXPECT_EQ(wgmmaLaunch.grid, (SmallVector<int64_t, 3>{8, 8, 2}));
  EXPECT_EQ(wgmmaLaunch.threadsPerBlock, 384);
  EXPECT_EQ(wgmmaLaunch.sharedMemoryBytes,
            1024 + (128 + 2 * 2 * 128) * 128 * 2 + (1 + 3 * 2) * 8);
  EXPECT_TRUE(messages.empty());

  // The wgmma config is refused where wgmma does not exist.
  EXPECT_TRUE(
      failed(wgmma.verifyForOp(op, CudaTargetAttr::get(&context, "sm_80"))));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("needs wgmma"), std::string::npos) << messages[0];
}

TEST_F(KernelSelectionTest, EstimatesFollowTheRoofline) {
  OwningOpRef<ModuleOp> module = parse(kForward);
  ASSERT_TRUE(module);
  Operation *op = firstAccelOp(*module);
  auto target = CudaTargetAttr::get(&context, "sm_90a");
  auto config = cast<KernelConfigAttrInterface>(
      AttentionSm90aConfigAttr::get(&context, 128, 2));
  std::optional<double> us = config.estimateMicroseconds(op, target);
  ASSERT_TRUE(us);
  // Causal, bottom-right, Sq = Sk = 1000 with 128x128 tiles: query tile t
  // visits t + 1 key tiles (8 tiles: 36 pairs): 2 * 2 matmuls * 16 heads-
  // batches * 36 * 128 * 128 * 128 FLOP at 989 TFLOP/s, against q, k, v
  // and out (16 * 128 * 2 bytes * 2 * 2000) at 3.35 TB/s; 128 blocks on
  // 132 SMs fill 128 / 132 of a wave.
  double flops = 2.0 * 2 * 16 * 36 * 128.0 * 128 * 128;
  double bytes = 16.0 * 128 * 2 * 2 * 2000;
  double expected =
      std::max(flops / 989e12, bytes / 3.35e12) / (128.0 / 132) * 1e6;
  EXPECT_NEAR(*us, expected, expected * 1e-9);
  // Dynamic sizes: no estimate.
  OwningOpRef<ModuleOp> dynamic = parse(R"mlir(
func.func @f(%q: tensor<?x8x?x128xbf16>) -> tensor<?x8x?x128xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<?x8x?x128xbf16>, tensor<?x8x?x128xbf16>, tensor<?x8x?x128xbf16>) -> tensor<?x8x?x128xbf16>
  return %o : tensor<?x8x?x128xbf16>
}
)mlir");
  ASSERT_TRUE(dynamic);
  EXPECT_FALSE(config.estimateMicroseconds(firstAccelOp(*dynamic), target));
}

TEST_F(KernelSelectionTest, MonarchConfigDescribesBothFactors) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
func.func @f(%x: tensor<1000x128xf16>, %w1: tensor<4x64x32xf16>, %w2: tensor<2x128x128xf16>) -> tensor<1000x256xf32> {
  %y = accel.monarch_matmul %x, %w1, %w2 : (tensor<1000x128xf16>, tensor<4x64x32xf16>, tensor<2x128x128xf16>) -> tensor<1000x256xf32>
  return %y : tensor<1000x256xf32>
}
)mlir");
  ASSERT_TRUE(module);
  Operation *op = firstAccelOp(*module);
  auto target = CudaTargetAttr::get(&context, "sm_90a");
  auto config = cast<KernelConfigAttrInterface>(MonarchSm80ConfigAttr::get(
      &context, /*blockM=*/64, /*blockN=*/64, /*blockK=*/32, /*warpsM=*/2,
      /*warpsN=*/2, /*stages=*/3));
  EXPECT_EQ(config.getFamilyName(), "monarch");
  EXPECT_TRUE(succeeded(config.verifyForOp(op, target)));
  // The last factor writes the result (f32, the generated epilogue); the
  // first, an auxiliary instance, the f16 intermediate.
  std::string instance = config.getTemplateInstance(op);
  EXPECT_EQ(instance.rfind("accelkern_gemm::gemmKernel<__half, float, "
                           "accelkern_monarch::PermutedColumns<AccelEpilogue_",
                           0),
            0u)
      << instance;
  EXPECT_NE(instance.find(">, 64, 64, 32, 2, 2, 3, true>"), std::string::npos)
      << instance;
  EXPECT_EQ(config.getAuxiliaryInstances(op),
            (SmallVector<std::string>{
                "template __global__ void accelkern_gemm::gemmKernel<__half, "
                "__half, accelkern_monarch::Intermediate, 64, 64, 32, 2, 2, 3, "
                "true>(const accelkern_gemm::GemmParams)"}));
  // The last factor's grid: ceil(1000 / 64) row tiles, ceil(128 / 64)
  // column tiles of a block, l = 2 blocks.
  KernelLaunchShape launch = config.getLaunchShape(op);
  EXPECT_EQ(launch.grid, (SmallVector<int64_t, 3>{16, 2, 2}));
  EXPECT_EQ(launch.threadsPerBlock, 128);
  EXPECT_EQ(launch.sharedMemoryBytes, 3 * (64 + 64) * 32 * 2);
  // Roofline: 2 * 1000 * (4*64*32 + 2*128*128) FLOP at 989 TFLOP/s against
  // x, both factors, the intermediate written and read, the f32 result.
  double flops = 2.0 * 1000 * (4 * 64 * 32 + 2 * 128 * 128);
  double bytes = 2.0 * 1000 * 128 + 2.0 * (4 * 64 * 32 + 2 * 128 * 128) +
                 4.0 * 1000 * 256 + 4.0 * 1000 * 256;
  std::optional<double> us = config.estimateMicroseconds(op, target);
  ASSERT_TRUE(us);
  double expected = std::max(flops / 989e12, bytes / 3.35e12) * 1e6;
  EXPECT_NEAR(*us, expected, expected * 1e-9);
  EXPECT_TRUE(messages.empty());

  // It configures the Monarch ops only.
  OwningOpRef<ModuleOp> matmul = parse(R"mlir(
func.func @g(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  %c = accel.matmul %a, %a : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}
)mlir");
  ASSERT_TRUE(matmul);
  EXPECT_TRUE(failed(config.verifyForOp(firstAccelOp(*matmul), target)));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("which configures accel.block_diag_matmul and "
                             "accel.monarch_matmul"),
            std::string::npos)
      << messages[0];
}

TEST_F(KernelSelectionTest, TuningTableParses) {
  auto buffer = llvm::MemoryBuffer::getMemBuffer(
      "// comment\n\n"
      "attention bf16.d128.causal sm_80 #accel.attention_sm80_config<block_n = "
      "32, num_warps = 2>\n"
      "  attention_grad bf16.d64 sm_90a "
      "#accel.attention_grad_sm80_config<num_warps = 1>  \n",
      "table.txt");
  FailureOr<TuningTable> table =
      TuningTable::parse(buffer->getMemBufferRef(), &context);
  ASSERT_TRUE(succeeded(table));
  ASSERT_EQ(table->getEntries().size(), 2u);
  const TuningTable::Entry *entry =
      table->lookup("attention_grad", "bf16.d64", "sm_90a");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->config, AttentionGradSm80ConfigAttr::get(&context, 1));
  EXPECT_FALSE(table->lookup("attention_grad", "bf16.d64", "sm_80"));
  EXPECT_FALSE(table->lookup("attention", "bf16.d128", "sm_80"));
  EXPECT_TRUE(messages.empty());
}

TEST_F(KernelSelectionTest, TuningTableErrorsNameTheLine) {
  auto buffer = llvm::MemoryBuffer::getMemBuffer(
      "attention bf16.d64 sm_80 #accel.attention_sm80_config<block_n = 64, "
      "num_warps = 4>\n"
      "attention bf16.d64 sm_80 #accel.head_shard<num_shards = 1, block = 1, "
      "local_blocks = 0>\n",
      "table.txt");
  EXPECT_TRUE(failed(TuningTable::parse(buffer->getMemBufferRef(), &context)));
  ASSERT_FALSE(messages.empty());
  EXPECT_EQ(messages.back(),
            "expects a kernel config attribute (e.g. "
            "#accel.attention_sm80_config), got #accel.head_shard<num_shards "
            "= 1, block = 1, local_blocks = 0>");
}

TEST_F(KernelSelectionTest, SelectionPrefersAttributeThenTableThenDefault) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
func.func @f(%q: tensor<1x2x64x64xbf16>, %h: tensor<1x2x64x64xf16>)
    -> (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xf16>) {
  %0 = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 16, num_warps = 1>} : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
  %1 = accel.attention %q, %q, %q : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>) -> tensor<1x2x64x64xbf16>
  %2 = accel.attention %h, %h, %h : (tensor<1x2x64x64xf16>, tensor<1x2x64x64xf16>, tensor<1x2x64x64xf16>) -> tensor<1x2x64x64xf16>
  return %0, %1, %2 : tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xf16>
}
)mlir");
  ASSERT_TRUE(module);
  std::string path = testing::TempDir() + "/accel-kernel-selection-table.txt";
  {
    std::error_code error;
    llvm::raw_fd_ostream file(path, error);
    ASSERT_FALSE(error);
    file << "attention bf16.d64 sm_86 "
            "#accel.attention_sm80_config<block_n = 32, num_warps = 2>\n";
  }
  PassManager pm(&context);
  SelectKernelsPassOptions options;
  options.target = "sm_86";
  options.tuningTable = path;
  pm.addPass(createSelectKernelsPass(options));
  ASSERT_TRUE(succeeded(pm.run(*module)))
      << (messages.empty() ? "" : messages[0]);
  SmallVector<Attribute> chosen;
  module->walk([&](AttentionOp op) {
    chosen.push_back(op->getAttr(AccelDialect::kKernelConfigAttrName));
  });
  ASSERT_EQ(chosen.size(), 3u);
  EXPECT_EQ(chosen[0], AttentionSm80ConfigAttr::get(&context, 16, 1));
  EXPECT_EQ(chosen[1], AttentionSm80ConfigAttr::get(&context, 32, 2));
  EXPECT_EQ(chosen[2], AttentionSm80ConfigAttr::get(&context, 64, 4));
  EXPECT_EQ((*module)->getAttr(AccelDialect::kTargetAttrName),
            CudaTargetAttr::get(&context, "sm_86"));
}

TEST(KernelSelectionWithoutModelsTest, IsAnErrorNotACrash) {
  // A context that loads the dialect without the families' config models
  // (a host that links only the dialect): selection says what is missing.
  MLIRContext context;
  context.loadDialect<AccelDialect, func::FuncDialect>();
  std::vector<std::string> messages;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
    messages.push_back(diag.str());
    return success();
  });
  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(kForward, ParserConfig(&context));
  ASSERT_TRUE(module);
  PassManager pm(&context);
  SelectKernelsPassOptions options;
  options.target = "sm_80";
  pm.addPass(createSelectKernelsPass(options));
  EXPECT_TRUE(failed(pm.run(*module)));
  ASSERT_FALSE(messages.empty());
  EXPECT_NE(messages[0].find("config models are not registered"),
            std::string::npos)
      << messages[0];
}
