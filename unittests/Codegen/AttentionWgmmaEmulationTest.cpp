//===- AttentionWgmmaEmulationTest.cpp - the sm_90a attention kernel on the CPU ===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the sm_90a attention forward (TMA producer warpgroup, two wgmma
// consumer warpgroups, a ring of K/V stages) under the host emulation
// against the float64 reference: both key tiles and head dims, one to
// three stages (the ring wraps several times), tail tiles that TMA fills
// with zeros, causal with Sq != Sk both ways, head sharding (both roles
// skip the same tiles), GQA, bias. The tensor maps come from the same
// host code the launcher uses (describeForwardTensors).
//
//===----------------------------------------------------------------------===//

#include "AttentionForwardReference.h"

#include "AttentionForwardSm90.cuh"

using namespace accelkern_attention;
using accelkern_attention::reference::Problem;

namespace {
template <typename T, int HeadDim, int BlockN, int Stages, bool Causal,
          bool Sharded>
void checkWgmma(const Problem &pb, unsigned seed) {
  reference::checkForward<T, HeadDim, Causal, Sharded>(
      pb, seed, [&](const ForwardParams &p) {
        // The launcher's host side: the same setup, the emulation's encoder.
        ForwardSm90Params params;
        int encoded = 0;
        ForwardSm90Setup setup = setUpForwardSm90<T, HeadDim, BlockN>(
            p, params, [&](TmaDescriptor *map, const TmaTensor &t) {
              ++encoded;
              return encodeTmaDescriptor(map, t);
            });
        ASSERT_EQ(setup, ForwardSm90Setup::Launch);
        // q, k and v; q alone without keys (no zero-dim tensor map).
        EXPECT_EQ(encoded, pb.seqK > 0 ? 3 : 1);
        emu::Dim3 grid{unsigned((pb.seqQ + 127) / 128), unsigned(pb.headsQ),
                       unsigned(pb.batch)};
        emu::launch(
            grid, 384,
            [&] {
              if (pb.bias == Problem::Bias::None)
                attentionForwardSm90Kernel<T, HeadDim, BlockN, Stages, Causal,
                                           Sharded, true, false>(params);
              else
                attentionForwardSm90Kernel<T, HeadDim, BlockN, Stages, Causal,
                                           Sharded, true, true>(params);
            },
            forwardSm90SharedBytes<HeadDim, BlockN, Stages>(),
            detail::kSm90EntryRegisters);
      });
}
} // namespace

TEST(AttentionWgmmaEmulation, NonCausalTailTilesRingWraps) {
  // 5 key tiles through a 2-stage ring; the last tile and the second query
  // block are partial.
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 150, pb.seqK = 300;
  checkWgmma<__nv_bfloat16, 64, 64, 2, false, false>(pb, 11);
}

TEST(AttentionWgmmaEmulation, HeadDim128CausalGqa) {
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 200, pb.seqK = 260, pb.causal = true;
  checkWgmma<__nv_bfloat16, 128, 128, 2, true, false>(pb, 12);
}

TEST(AttentionWgmmaEmulation, CausalMoreQueriesThanKeysHalf) {
  // Rows 0 .. Sq - Sk - 1 see no key: out 0, lse -inf; one stage.
  Problem pb;
  pb.headsQ = 1, pb.headsKV = 1, pb.seqQ = 180, pb.seqK = 70, pb.causal = true;
  checkWgmma<__half, 64, 128, 1, true, false>(pb, 13);
}

TEST(AttentionWgmmaEmulation, HeadShardSkipsTilesInBothRoles) {
  // Shard blocks of 32 keys inside 64-key tiles: the producer and the
  // consumers skip the same whole tiles; three stages.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 300, pb.seqK = 300, pb.causal = true;
  pb.shardCount = 4, pb.shardBlock = 32, pb.shardLocal = 1;
  checkWgmma<__nv_bfloat16, 64, 64, 3, true, true>(pb, 14);
}

TEST(AttentionWgmmaEmulation, HeadDim128HalfFloatBias) {
  Problem pb;
  pb.batch = 2, pb.headsQ = 2, pb.headsKV = 2, pb.seqQ = 70, pb.seqK = 130;
  pb.bias = Problem::Bias::FloatMatrix;
  checkWgmma<__half, 128, 64, 2, false, false>(pb, 15);
}

TEST(AttentionWgmmaEmulation, SingleRowSingleKeyInputTypeBias) {
  Problem pb;
  pb.headsQ = 1, pb.headsKV = 1, pb.seqQ = 1, pb.seqK = 1;
  pb.bias = Problem::Bias::InputTypeRow;
  checkWgmma<__nv_bfloat16, 128, 128, 2, false, false>(pb, 16);
}

TEST(AttentionWgmmaEmulation, TensorMapsRejectMisalignedTensors) {
  // TMA cannot address a tensor whose base is not 16-byte aligned: the
  // launcher reports cudaErrorMisalignedAddress instead of launching.
  alignas(16) static uint16_t data[2 * 64 + 1];
  ForwardParams p = {};
  p.q = p.k = p.v = data + 1;
  p.batch = p.headsQ = p.headsKV = 1;
  p.seqQ = p.seqK = 2;
  for (long long *s : {p.qStrides, p.kStrides, p.vStrides}) {
    s[0] = s[1] = 128;
    s[2] = 64;
  }
  TmaTensor tensors[3];
  EXPECT_FALSE(describeForwardTensors<__nv_bfloat16>(p, 128, 64, tensors, 64));
  p.q = p.k = p.v = data;
  EXPECT_TRUE(describeForwardTensors<__nv_bfloat16>(p, 128, 64, tensors, 64));
}

TEST(AttentionWgmmaEmulation, HeadShardBlocksAsWideAsTiles) {
  // Shard blocks of 64 keys = the key tile; Sk - Sq = 32 puts each
  // consumer's 64 rows across two query blocks, so a tile local to one of
  // them is masked per element while own-shard tiles and tiles local to
  // both take tileNeedsShardMask's fast path.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 300, pb.seqK = 332;
  pb.shardCount = 4, pb.shardBlock = 64, pb.shardLocal = 1;
  checkWgmma<__nv_bfloat16, 64, 64, 2, false, true>(pb, 21);
  pb.causal = true, pb.shardLocal = 2;
  checkWgmma<__nv_bfloat16, 64, 64, 2, true, true>(pb, 22);
}

TEST(AttentionWgmmaEmulation, HeadShardDecodeSeesLatestBlocksAsLocal) {
  // One query against a 1000-key cache (bottom-right positions): the local
  // blocks are the latest keys; the producer skips what the consumers skip.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 1, pb.seqK = 1000;
  pb.shardCount = 4, pb.shardBlock = 64, pb.shardLocal = 2;
  checkWgmma<__nv_bfloat16, 64, 64, 2, false, true>(pb, 17);
}

TEST(AttentionWgmmaEmulation, HeadShardMoreQueriesThanKeysFloorsNegativeBlocks) {
  // Rows 0 .. 109 stand before key 0 (negative query blocks, floored).
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 200, pb.seqK = 90;
  pb.shardCount = 4, pb.shardBlock = 32, pb.shardLocal = 1;
  checkWgmma<__half, 64, 64, 2, false, true>(pb, 18);
}

TEST(AttentionWgmmaEmulation, NoKeysGivesZeroOutputAndNegativeInfinityLse) {
  // Sk = 0: only Q's tensor map is encoded (a zero-dim K/V map is what the
  // driver rejects); every row gets out = 0 and lse = -inf, as on sm_80.
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 130, pb.seqK = 0;
  checkWgmma<__nv_bfloat16, 64, 64, 2, false, false>(pb, 19);
  pb.causal = true;
  checkWgmma<__half, 128, 128, 2, true, false>(pb, 20);
}

TEST(AttentionWgmmaEmulation, EmptyGridsLaunchNothingAndEncodeNothing) {
  // B = 0, Hq = 0 or Sq = 0: no block, and no tensor map (each would have a
  // zero dim).
  alignas(16) static uint16_t data[64];
  for (int empty = 0; empty < 3; ++empty) {
    ForwardParams p = {};
    p.q = p.k = p.v = p.out = data;
    p.batch = empty == 0 ? 0 : 1;
    p.headsQ = empty == 1 ? 0 : 2;
    p.headsKV = 1;
    p.seqQ = empty == 2 ? 0 : 5;
    p.seqK = 7;
    ForwardSm90Params params;
    int encoded = 0;
    EXPECT_EQ((setUpForwardSm90<__nv_bfloat16, 64, 64>(
                  p, params,
                  [&](TmaDescriptor *, const TmaTensor &) {
                    ++encoded;
                    return true;
                  })),
              ForwardSm90Setup::Empty)
        << "case " << empty;
    EXPECT_EQ(encoded, 0) << "case " << empty;
    EXPECT_TRUE(forwardSm90GridEmpty(p));
  }
}
