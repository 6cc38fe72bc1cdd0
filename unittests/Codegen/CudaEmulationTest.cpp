//===- CudaEmulationTest.cpp - the emulation's own rules ------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The CUDA emulation must be as strict as what it stands in for:
//   - cuTensorMapEncodeTiled: one case per documented requirement (cuda.h),
//     each a valid tensor map changed in one parameter, rejected with
//     CUDA_ERROR_INVALID_VALUE; the boundary values the driver accepts
//     are accepted;
//   - setmaxnreg: the block's register pool (entry registers x threads);
//     a budget that balances runs, one that does not aborts instead of
//     passing (on a GPU setmaxnreg.inc would wait forever), with the real
//     sm_90a kernel and with a minimal warp-specialized kernel.
//
//===----------------------------------------------------------------------===//

#include "AttentionForwardReference.h"

#include "AttentionForwardSm90.cuh"

#include "gtest/gtest.h"

#include <functional>
#include <string>

namespace {

/// cuTensorMapEncodeTiled's arguments, initialized to a valid tiled map
/// (the attention kernel's K: bf16 [1][2][300][64], boxes of 64 x 128).
struct Encode {
  alignas(128) unsigned char map[256];
  void *tensorMap = map;
  int dataType = emu::kTensorBfloat16;
  unsigned rank = 4;
  alignas(256) static unsigned char data[1 << 12];
  const void *address = data;
  // One entry past the largest rank, valid too: a rank-6 map is refused
  // by the rank rule, not by garbage in a sixth dimension.
  unsigned long long dims[6] = {64, 300, 2, 1, 1, 1};
  unsigned long long strides[5] = {128, 300 * 128, 600 * 128, 600 * 128,
                                   600 * 128};
  unsigned box[6] = {64, 128, 1, 1, 1, 1};
  unsigned elementStrides[6] = {1, 1, 1, 1, 1, 1};
  int interleave = emu::kInterleaveNone, swizzle = emu::kSwizzle128B;
  int l2 = emu::kL2_256B, oobFill = emu::kOobFillNone;

  int operator()() {
    return emu::encodeTensorMapTiled(tensorMap, dataType, rank, address, dims,
                                     strides, box, elementStrides, interleave,
                                     swizzle, l2, oobFill);
  }
};
alignas(256) unsigned char Encode::data[1 << 12];

struct Rule {
  const char *what;
  std::function<void(Encode &)> change;
  int expected;
};

void checkRules(const std::vector<Rule> &rules) {
  for (const Rule &rule : rules) {
    Encode e;
    ASSERT_EQ(e(), emu::kCudaSuccess) << "the unchanged map";
    rule.change(e);
    EXPECT_EQ(e(), rule.expected) << rule.what;
  }
}

constexpr int kOk = emu::kCudaSuccess, kInvalid = emu::kCudaErrorInvalidValue;

TEST(TensorMapEncode, TensorMapObjectAlignedTo64Bytes) {
  checkRules({
      {"map at +32", [](Encode &e) { e.tensorMap = e.map + 32; }, kInvalid},
      {"map at +64", [](Encode &e) { e.tensorMap = e.map + 64; }, kOk},
      {"null map", [](Encode &e) { e.tensorMap = nullptr; }, kInvalid},
  });
}

TEST(TensorMapEncode, DataTypeAndEnums) {
  checkRules({
      // Inner boxes of 128 bytes at 32 bits per element, so that only the
      // enum rule can refuse them.
      {"data type past the enum",
       [](Encode &e) { e.dataType = 16, e.box[0] = 32; }, kInvalid},
      {"negative data type", [](Encode &e) { e.dataType = -1, e.box[0] = 32; },
       kInvalid},
      {"last data type",
       [](Encode &e) {
         e.dataType = emu::kTensor16U6Align16B, e.address = Encode::data;
         e.dims[0] = 128, e.box[0] = 128;
       },
       kOk},
      {"interleave past the enum", [](Encode &e) { e.interleave = 3; },
       kInvalid},
      {"swizzle past the enum", [](Encode &e) { e.swizzle = 7; }, kInvalid},
      {"l2 promotion past the enum", [](Encode &e) { e.l2 = 4; }, kInvalid},
      {"oob fill past the enum", [](Encode &e) { e.oobFill = 2; }, kInvalid},
  });
}

TEST(TensorMapEncode, RankOneToFive) {
  checkRules({
      {"rank 0", [](Encode &e) { e.rank = 0; }, kInvalid},
      {"rank 6", [](Encode &e) { e.rank = 6; }, kInvalid},
      {"rank 5", [](Encode &e) { e.rank = 5; }, kOk},
      {"rank 1", [](Encode &e) { e.rank = 1; }, kOk},
      {"interleave with rank 2",
       [](Encode &e) {
         e.rank = 2, e.interleave = emu::kInterleave16B,
         e.swizzle = emu::kSwizzleNone;
       },
       kInvalid},
      {"interleave with rank 3",
       [](Encode &e) {
         e.rank = 3, e.interleave = emu::kInterleave16B,
         e.swizzle = emu::kSwizzleNone;
       },
       kOk},
  });
}

TEST(TensorMapEncode, GlobalAddressAlignment) {
  checkRules({
      {"address 8-byte aligned",
       [](Encode &e) { e.address = Encode::data + 8; }, kInvalid},
      {"address 16-byte aligned",
       [](Encode &e) { e.address = Encode::data + 16; }, kOk},
      {"32-byte interleave, address 16-byte aligned",
       [](Encode &e) {
         e.address = Encode::data + 16, e.interleave = emu::kInterleave32B,
         e.swizzle = emu::kSwizzle32B;
       },
       kInvalid},
      {"32-byte interleave, address 32-byte aligned",
       [](Encode &e) {
         e.address = Encode::data + 32, e.interleave = emu::kInterleave32B,
         e.swizzle = emu::kSwizzle32B;
       },
       kOk},
      {"16U4_ALIGN16B, address 16-byte aligned",
       [](Encode &e) {
         e.dataType = emu::kTensor16U4Align16B, e.address = Encode::data + 16;
         e.dims[0] = 128, e.box[0] = 128;
       },
       kInvalid},
      {"16U6_ALIGN16B, address 32-byte aligned",
       [](Encode &e) {
         e.dataType = emu::kTensor16U6Align16B, e.address = Encode::data + 32;
         e.dims[0] = 128, e.box[0] = 128;
       },
       kOk},
  });
}

TEST(TensorMapEncode, GlobalDimsNonZeroAndAtMost2To32) {
  checkRules({
      {"dim 1 zero (no keys)", [](Encode &e) { e.dims[1] = 0; }, kInvalid},
      {"dim 3 zero", [](Encode &e) { e.dims[3] = 0; }, kInvalid},
      {"dim 2^32", [](Encode &e) { e.dims[3] = 1ull << 32; }, kOk},
      {"dim 2^32 + 1", [](Encode &e) { e.dims[3] = (1ull << 32) + 1; },
       kInvalid},
      {"dim 4 zero but rank 4", [](Encode &e) { e.dims[4] = 0; }, kOk},
      {"16U4_ALIGN16B, inner dim not a multiple of 128",
       [](Encode &e) {
         e.dataType = emu::kTensor16U4Align16B, e.dims[0] = 64, e.box[0] = 128;
       },
       kInvalid},
      {"16U4_ALIGN8B, odd inner dim",
       [](Encode &e) {
         e.dataType = emu::kTensor16U4Align8B, e.dims[0] = 63, e.box[0] = 64;
       },
       kInvalid},
      {"16U4_ALIGN8B, even inner dim",
       [](Encode &e) {
         e.dataType = emu::kTensor16U4Align8B, e.dims[0] = 62, e.box[0] = 64;
       },
       kOk},
  });
}

TEST(TensorMapEncode, GlobalStridesMultipleOf16AndBelow2To40) {
  checkRules({
      {"stride 0 of 8 bytes", [](Encode &e) { e.strides[0] = 8; }, kInvalid},
      {"stride 2 of 136 bytes", [](Encode &e) { e.strides[2] = 136; },
       kInvalid},
      {"stride 2^40 - 16", [](Encode &e) { e.strides[2] = (1ull << 40) - 16; },
       kOk},
      {"stride 2^40", [](Encode &e) { e.strides[2] = 1ull << 40; }, kInvalid},
      {"stride past the rank is ignored", [](Encode &e) { e.strides[3] = 8; },
       kOk},
      {"32-byte interleave, stride a multiple of 16 only",
       [](Encode &e) {
         e.interleave = emu::kInterleave32B, e.swizzle = emu::kSwizzle32B;
         e.strides[1] = 48;
       },
       kInvalid},
      {"16U6_ALIGN16B, stride a multiple of 16 only",
       [](Encode &e) {
         e.dataType = emu::kTensor16U6Align16B, e.dims[0] = 128, e.box[0] = 128;
         e.strides[0] = 144;
       },
       kInvalid},
  });
}

TEST(TensorMapEncode, BoxDimsAndInnerBytes) {
  checkRules({
      {"box 1 of 0", [](Encode &e) { e.box[1] = 0; }, kInvalid},
      {"box 1 of 256", [](Encode &e) { e.box[1] = 256; }, kOk},
      {"box 1 of 257", [](Encode &e) { e.box[1] = 257; }, kInvalid},
      {"box 3 of 0", [](Encode &e) { e.box[3] = 0; }, kInvalid},
      {"inner box 12 bytes (no swizzle)",
       [](Encode &e) { e.box[0] = 6, e.swizzle = emu::kSwizzleNone; },
       kInvalid},
      {"inner box 16 bytes (no swizzle)",
       [](Encode &e) { e.box[0] = 8, e.swizzle = emu::kSwizzleNone; }, kOk},
      {"inner box 512 bytes (no swizzle)",
       [](Encode &e) { e.box[0] = 256, e.swizzle = emu::kSwizzleNone; }, kOk},
      {"inner box not a multiple of 16 is fine interleaved",
       [](Encode &e) {
         e.box[0] = 6, e.swizzle = emu::kSwizzleNone,
         e.interleave = emu::kInterleave16B;
       },
       kOk},
      {"16U4_ALIGN16B with an inner box of 64",
       [](Encode &e) {
         e.dataType = emu::kTensor16U4Align16B, e.dims[0] = 128, e.box[0] = 64;
       },
       kInvalid},
  });
}

TEST(TensorMapEncode, SwizzleSpanBoundsTheInnerBox) {
  checkRules({
      {"128B swizzle, inner box 144 bytes", [](Encode &e) { e.box[0] = 72; },
       kInvalid},
      {"128B swizzle, f32 inner box 128 bytes",
       [](Encode &e) { e.dataType = emu::kTensorFloat32, e.box[0] = 32; }, kOk},
      {"128B swizzle, f32 inner box 256 bytes",
       [](Encode &e) { e.dataType = emu::kTensorFloat32, e.box[0] = 64; },
       kInvalid},
      {"128B atom-32B swizzle, inner box 256 bytes",
       [](Encode &e) { e.swizzle = emu::kSwizzle128BAtom32B, e.box[0] = 128; },
       kInvalid},
      {"64B swizzle, inner box 64 bytes",
       [](Encode &e) { e.swizzle = emu::kSwizzle64B, e.box[0] = 32; }, kOk},
      {"64B swizzle, inner box 80 bytes",
       [](Encode &e) { e.swizzle = emu::kSwizzle64B, e.box[0] = 40; },
       kInvalid},
      {"32B swizzle, inner box 48 bytes",
       [](Encode &e) { e.swizzle = emu::kSwizzle32B, e.box[0] = 24; },
       kInvalid},
      {"32-byte interleave needs the 32B swizzle",
       [](Encode &e) { e.interleave = emu::kInterleave32B; }, kInvalid},
      {"16U6_ALIGN16B with the 128B atom-32B flip-8B swizzle",
       [](Encode &e) {
         e.dataType = emu::kTensor16U6Align16B, e.dims[0] = 128, e.box[0] = 128;
         e.swizzle = emu::kSwizzle128BAtom32BFlip8B;
       },
       kInvalid},
      {"16U6_ALIGN16B with the 128B atom-64B swizzle",
       [](Encode &e) {
         e.dataType = emu::kTensor16U6Align16B, e.dims[0] = 128, e.box[0] = 128;
         e.swizzle = emu::kSwizzle128BAtom64B;
       },
       kOk},
      {"16U6_ALIGN16B interleaved",
       [](Encode &e) {
         e.dataType = emu::kTensor16U6Align16B, e.dims[0] = 128, e.box[0] = 128;
         e.swizzle = emu::kSwizzleNone, e.interleave = emu::kInterleave16B;
       },
       kInvalid},
      {"16U4_ALIGN16B with the 128B atom-64B swizzle",
       [](Encode &e) {
         e.dataType = emu::kTensor16U4Align16B, e.dims[0] = 128, e.box[0] = 128;
         e.swizzle = emu::kSwizzle128BAtom64B;
       },
       kInvalid},
  });
}

TEST(TensorMapEncode, ElementStridesOneToEight) {
  checkRules({
      {"element stride 0", [](Encode &e) { e.elementStrides[1] = 0; },
       kInvalid},
      {"element stride 8", [](Encode &e) { e.elementStrides[1] = 8; }, kOk},
      {"element stride 9", [](Encode &e) { e.elementStrides[2] = 9; },
       kInvalid},
  });
}

TEST(TensorMapEncode, NanFillOnlyForFloatTypes) {
  checkRules({
      {"NaN fill, bf16",
       [](Encode &e) { e.oobFill = emu::kOobFillNanRequestZeroFma; }, kOk},
      {"NaN fill, uint16",
       [](Encode &e) {
         e.oobFill = emu::kOobFillNanRequestZeroFma,
         e.dataType = emu::kTensorUint16;
       },
       kInvalid},
      {"NaN fill, 16U4_ALIGN8B",
       [](Encode &e) {
         e.oobFill = emu::kOobFillNanRequestZeroFma;
         e.dataType = emu::kTensor16U4Align8B, e.box[0] = 64;
       },
       kInvalid},
  });
}

TEST(TensorMapEncode, KernelTensorMapsThroughTheLauncherCode) {
  // The launcher's own description and encoding (describeForwardTensors,
  // encodeTmaDescriptor): valid for a real problem, rejected with no keys.
  using namespace accelkern_attention;
  alignas(16) static uint16_t data[4 * 2 * 300 * 64];
  ForwardParams p = {};
  p.q = p.k = p.v = data;
  p.batch = 1, p.headsQ = p.headsKV = 2, p.seqQ = p.seqK = 300;
  for (long long *s : {p.qStrides, p.kStrides, p.vStrides}) {
    s[0] = 2 * 300 * 64, s[1] = 300 * 64, s[2] = 64;
  }
  TmaTensor tensors[3];
  ASSERT_TRUE(describeForwardTensors<__nv_bfloat16>(p, 128, 128, tensors, 64));
  TmaDescriptor map;
  for (const TmaTensor &t : tensors)
    EXPECT_TRUE(encodeTmaDescriptor(&map, t));
  // With no keys the launcher describes and encodes q alone: a K/V map of
  // zero rows, which the driver refuses, is never built.
  TmaTensor withKeys = tensors[1];
  p.seqK = 0;
  ASSERT_EQ(forwardSm90MapCount(p), 1);
  TmaTensor noKeys[3] = {};
  ASSERT_TRUE(describeForwardTensors<__nv_bfloat16>(p, 128, 128, noKeys, 64));
  EXPECT_TRUE(encodeTmaDescriptor(&map, noKeys[0])) << "q has rows";
  EXPECT_EQ(noKeys[1].base, nullptr) << "k is not described";
  withKeys.dims[1] = 0;
  EXPECT_FALSE(encodeTmaDescriptor(&map, withKeys)) << "k has no rows";
}

//===----------------------------------------------------------------------===//
// setmaxnreg
//===----------------------------------------------------------------------===//

/// A minimal warp-specialized kernel: warpgroup 0 gives registers up to
/// `Producer`, the other two take them up to `Consumer`.
template <int Producer, int Consumer> void splitKernel() {
  if (threadIdx.x < 128)
    accelkern_attention::detail::setMaxRegistersDec<Producer>();
  else
    accelkern_attention::detail::setMaxRegistersInc<Consumer>();
}

TEST(SetMaxNReg, BalancedBudgetRuns) {
  emu::launch({1, 1, 1}, 384, splitKernel<24, 240>, 0, 168);
  // Registers left over are fine: the pool covers every .inc.
  emu::launch({1, 1, 1}, 384, splitKernel<24, 232>, 0, 168);
}

using SetMaxNRegDeathTest = ::testing::Test;

TEST_F(SetMaxNRegDeathTest, UnbalancedBudgetAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // 8 more registers per consumer thread than the producers release.
  EXPECT_DEATH(emu::launch({1, 1, 1}, 384, splitKernel<24, 248>, 0, 168),
               "setmaxnreg.inc to 248 registers can never be satisfied");
  // The split of FlashAttention-3 at an entry count below 168.
  EXPECT_DEATH(emu::launch({1, 1, 1}, 384, splitKernel<24, 240>, 0, 160),
               "setmaxnreg.inc to 240 registers can never be satisfied");
  // More than the register file at entry.
  EXPECT_DEATH(emu::launch({1, 1, 1}, 384, splitKernel<24, 240>, 0, 176),
               "exceed the register file");
  // A launch that states no entry count.
  EXPECT_DEATH(emu::launch({1, 1, 1}, 384, splitKernel<24, 240>),
               "states no entry register count");
  // setmaxnreg's own operand rules.
  EXPECT_DEATH(emu::launch({1, 1, 1}, 384, splitKernel<20, 240>, 0, 168),
               "outside 24..256");
  EXPECT_DEATH(emu::launch({1, 1, 1}, 384, splitKernel<24, 160>, 0, 168),
               "setmaxnreg.inc below the current register count");
}

/// One block of the sm_90a kernel (one query row, one key) at
/// `entryRegisters`.
void runSm90Kernel(int entryRegisters) {
  using namespace accelkern_attention;
  alignas(16) static uint16_t data[64 * 2];
  static uint16_t out[64];
  ForwardParams p = {};
  p.q = p.k = p.v = data;
  p.out = out;
  p.batch = p.headsQ = p.headsKV = 1, p.seqQ = p.seqK = 1;
  for (long long *s : {p.qStrides, p.kStrides, p.vStrides, p.oStrides}) {
    s[0] = s[1] = s[2] = 64;
  }
  p.scaleLog2 = 1.f;
  ForwardSm90Params params;
  params.p = p;
  TmaTensor tensors[3];
  ASSERT_TRUE(describeForwardTensors<__nv_bfloat16>(p, 128, 64, tensors, 64));
  TmaDescriptor *maps[3] = {&params.q, &params.k, &params.v};
  for (int t = 0; t < 3; ++t)
    ASSERT_TRUE(encodeTmaDescriptor(maps[t], tensors[t]));
  emu::launch(
      {1, 1, 1}, 384,
      [&] {
        attentionForwardSm90Kernel<__nv_bfloat16, 64, 64, 1, false, false,
                                   false, false>(params);
      },
      forwardSm90SharedBytes<64, 64, 1>(), entryRegisters);
}

TEST(SetMaxNReg, Sm90KernelRunsAtItsStatedBudget) {
  runSm90Kernel(accelkern_attention::detail::kSm90EntryRegisters);
}

TEST_F(SetMaxNRegDeathTest, Sm90KernelAbortsBelowItsBudget) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(runSm90Kernel(accelkern_attention::detail::kSm90EntryRegisters - 8),
               "setmaxnreg.inc to 240 registers can never be satisfied");
}

} // namespace
