//===- AttentionKernelEmulationTest.cpp - the CUDA attention kernel on the CPU ===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the attention forward template under the host emulation
// (CudaEmulation.h) against a float64 reference of the IR contract: GQA,
// causal with Sq != Sk both ways (fully masked rows), head sharding with
// blocks smaller than the key tile (tile skipping), odd lengths, both head
// dims, bf16 and f16, and non-default tile configs.
//
//===----------------------------------------------------------------------===//

#include "AttentionForwardReference.h"

using namespace accelkern_attention;
using accelkern_attention::reference::Problem;

namespace {
/// Checks the sm_80 forward with one tile configuration.
template <typename T, int HeadDim, int BlockM, int BlockN, int NumWarps,
          bool Causal, bool Sharded>
void checkAgainstReference(const Problem &pb, unsigned seed) {
  reference::checkForward<T, HeadDim, Causal, Sharded>(
      pb, seed, [&](const ForwardParams &p) {
        emu::Dim3 grid{unsigned((pb.seqQ + BlockM - 1) / BlockM),
                       unsigned(pb.headsQ), unsigned(pb.batch)};
        emu::launch(grid, NumWarps * 32, [&] {
          if (pb.bias == Problem::Bias::None)
            attentionForwardKernel<T, HeadDim, BlockM, BlockN, NumWarps,
                                   Causal, Sharded, true, false>(p);
          else
            attentionForwardKernel<T, HeadDim, BlockM, BlockN, NumWarps,
                                   Causal, Sharded, true, true>(p);
        });
      });
}
} // namespace

TEST(AttentionKernelEmulation, GqaCausalWithTailTiles) {
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 100, pb.seqK = 130, pb.causal = true;
  checkAgainstReference<__nv_bfloat16, 64, 64, 64, 4, true, false>(pb, 1);
}

TEST(AttentionKernelEmulation, NonCausalShortKeys) {
  Problem pb;
  pb.batch = 2, pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 70, pb.seqK = 33;
  checkAgainstReference<__nv_bfloat16, 64, 64, 64, 4, false, false>(pb, 2);
}

TEST(AttentionKernelEmulation, CausalWithMoreQueriesThanKeys) {
  // Rows 0 .. Sq - Sk - 1 see no key: out 0, lse -inf.
  Problem pb;
  pb.headsQ = 1, pb.headsKV = 1, pb.seqQ = 150, pb.seqK = 40, pb.causal = true;
  checkAgainstReference<__nv_bfloat16, 64, 64, 64, 4, true, false>(pb, 3);
}

TEST(AttentionKernelEmulation, HeadShardSkipsTiles) {
  // Shard blocks of 16 keys inside 32-key tiles: whole tiles skipped, the
  // rest masked per element.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 200, pb.seqK = 200, pb.causal = true;
  pb.shardCount = 4, pb.shardBlock = 16, pb.shardLocal = 1;
  checkAgainstReference<__nv_bfloat16, 64, 32, 32, 2, true, true>(pb, 4);
}

TEST(AttentionKernelEmulation, HeadShardBlocksAsWideAsTiles) {
  // Shard blocks of 32 keys = the key tile, 64-row query tiles spanning two
  // query blocks: a tile local to one query block and not the other (or
  // another head's) must still be masked per element, tiles of the own
  // shard or local to both are not (tileNeedsShardMask's fast path); Sk -
  // Sq = 16 shifts the query blocks off the tile grid.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 184, pb.seqK = 200;
  pb.shardCount = 4, pb.shardBlock = 32, pb.shardLocal = 1;
  checkAgainstReference<__nv_bfloat16, 64, 64, 32, 4, false, true>(pb, 14);
  pb.causal = true, pb.shardLocal = 2;
  checkAgainstReference<__nv_bfloat16, 64, 64, 32, 4, true, true>(pb, 15);
}

TEST(AttentionKernelEmulation, HeadDim128Half) {
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 65, pb.seqK = 65;
  checkAgainstReference<__half, 128, 64, 64, 4, false, false>(pb, 5);
}

TEST(AttentionKernelEmulation, SingleRowSingleKey) {
  Problem pb;
  pb.headsQ = 1, pb.headsKV = 1, pb.seqQ = 1, pb.seqK = 1, pb.causal = true;
  checkAgainstReference<__half, 64, 16, 16, 1, true, false>(pb, 6);
}

TEST(AttentionKernelEmulation, FloatBiasMatrixWithMaskedEntries) {
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 45, pb.seqK = 77, pb.causal = true;
  pb.bias = Problem::Bias::FloatMatrix;
  checkAgainstReference<__nv_bfloat16, 64, 64, 64, 4, true, false>(pb, 7);
}

TEST(AttentionKernelEmulation, InputTypeBiasRow) {
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 2, pb.seqQ = 33, pb.seqK = 40;
  pb.bias = Problem::Bias::InputTypeRow;
  checkAgainstReference<__half, 128, 32, 32, 2, false, false>(pb, 8);
}

// Head sharding with Sq != Sk: positions are aligned bottom-right (query
// row i stands at key position i + Sk - Sq), so the local blocks of a
// decoding query are the latest keys, and rows before the first key fall
// in negative query blocks (floor division) that no local block matches.
TEST(AttentionKernelEmulation, HeadShardDecodeSeesLatestBlocksAsLocal) {
  // One query against a 1000-key cache: head h % 4 sees its shard and the
  // local blocks 61 and 62 (keys 976 .. 999), not blocks 0 and 1.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 1, pb.seqK = 1000;
  pb.shardCount = 4, pb.shardBlock = 16, pb.shardLocal = 2;
  checkAgainstReference<__nv_bfloat16, 64, 64, 64, 4, false, true>(pb, 9);
}

TEST(AttentionKernelEmulation, HeadShardMoreQueriesThanKeysFloorsNegativeBlocks) {
  // Sq - Sk = 110: rows 0 .. 109 stand before key 0, in query blocks -7 ..
  // -1; rows 95 .. 109 (block -1) would meet key block 0 as local under a
  // truncating division.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 200, pb.seqK = 90;
  pb.shardCount = 4, pb.shardBlock = 16, pb.shardLocal = 1;
  checkAgainstReference<__nv_bfloat16, 64, 32, 32, 2, false, true>(pb, 10);
}

TEST(AttentionKernelEmulation, HeadShardCausalFewerQueriesThanKeys) {
  // Sk - Sq = 130: whole key tiles skipped by both causality and shards.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 1, pb.seqQ = 70, pb.seqK = 200, pb.causal = true;
  pb.shardCount = 4, pb.shardBlock = 16, pb.shardLocal = 1;
  checkAgainstReference<__half, 64, 32, 32, 2, true, true>(pb, 11);
}

TEST(AttentionKernelEmulation, NoKeysGivesZeroOutputAndNegativeInfinityLse) {
  // Sk = 0: no key tile at all; every row gets out = 0 and lse = -inf.
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 70, pb.seqK = 0;
  checkAgainstReference<__nv_bfloat16, 64, 64, 64, 4, false, false>(pb, 12);
  pb.causal = true, pb.shardCount = 2, pb.shardBlock = 16, pb.shardLocal = 1;
  checkAgainstReference<__half, 64, 32, 32, 2, true, true>(pb, 13);
}
