//===- GemmWgmmaEmulationTest.cpp - the sm_90a GEMM on the CPU ------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the sm_90a GEMM (GemmSm90.cuh: TMA producer warpgroup, two wgmma
// consumer warpgroups, a ring of k-tile stages) under the host emulation
// against the float64 reference of GemmReference.h: b as [K, N] (MN-major
// halves, tnspB) and as [N, K] (K-major), every column tile (64, 128 and 256:
// one and two wgmma chains per warpgroup), rings that wrap several times
// and a two-stage ring, tail tiles in M, N and K that TMA fills with zeros
// (the padding past K holds NaN), broadcast batch dims through size-1 map
// dims, the fused bias + squared-ReLU + residual epilogue, f32 output, and
// the grouped tile order over many tiles. The host side is the launcher's
// (setUpGemmSm90 with the emulation's encoder); what TMA cannot read (an
// unaligned base, a row stride that is not a multiple of 16 bytes, three
// indexed batch dims, K = 0) must choose the mma.sync fallback, which then
// runs as the launcher runs it.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "GemmSm90.cuh"

#include "GemmReference.h"

using namespace accelkern_gemm;
using namespace accelkern_gemm::reference;

namespace {
template <typename T, typename OutT, typename Epilogue, int BN, int S,
          bool TransB>
void checkWgmma(const Problem &pb, unsigned seed,
                GemmSm90Setup expected = GemmSm90Setup::Launch,
                bool fold = false) {
  ASSERT_EQ(pb.transB, TransB);
  checkGemm<T, OutT, TransB>(pb, seed, [&](const GemmParams &original) {
    // The launcher folds the batch into M first where it can.
    GemmParams p = original;
    if (fold)
      ASSERT_TRUE(foldBatchIntoRows(p));
    GemmSm90Params params;
    GemmSm90Setup setup = setUpGemmSm90<T, BN, TransB>(
        p, params, [](TmaDescriptor *map, const TmaTensor &t) {
          return ::accelkern_tc::encodeTmaDescriptor(map, t);
        });
    ASSERT_EQ(setup, expected);
    if (setup == GemmSm90Setup::Fallback) {
      // launchGemmSm90's fallback: the mma.sync kernel's default tiles.
      emu::Dim3 grid{unsigned((p.m + 127) / 128), unsigned((p.n + 127) / 128),
                     unsigned(p.batchCount)};
      emu::launch(grid, 256, [&] {
        gemmKernel<T, OutT, Epilogue, 128, 128, 32, 2, 4, 3, TransB>(p);
      });
      return;
    }
    const int tiles = ((p.m + 127) / 128) * ((p.n + BN - 1) / BN);
    emu::launch(
        emu::Dim3{unsigned(tiles), unsigned(p.batchCount), 1}, 384,
        [&] { gemmSm90Kernel<T, OutT, Epilogue, BN, S, TransB>(params); },
        gemmSm90SharedBytes<BN, S>(), ::accelkern_tc::kSm90EntryRegisters);
  });
}
} // namespace

TEST(GemmWgmmaEmulation, MnMajorBTailTilesRingWraps) {
  // b [K, N]: 5 k tiles (the last one partial: TMA zero-fills past K)
  // through a 2-stage ring; tail row and column tiles.
  Problem pb;
  pb.m = 150;
  pb.n = 72;
  pb.k = 296;
  checkWgmma<Bf16, Bf16, RoundOnly<Bf16>, 64, 2, false>(pb, 11);
}

TEST(GemmWgmmaEmulation, KMajorBWideTileTwoChains) {
  // b [N, K] with the 256-column tile: two m64n128 chains per consumer
  // sharing a's descriptor, a 4-stage ring over 3 k tiles.
  Problem pb;
  pb.m = 130;
  pb.n = 300;
  pb.k = 136;
  pb.transB = true;
  checkWgmma<Bf16, Bf16, RoundOnly<Bf16>, 256, 4, true>(pb, 12);
}

TEST(GemmWgmmaEmulation, MnMajorBWideTileHalfFloatOutput) {
  // b [K, N] with 256 columns: four 64-column halves per stage, two chains
  // of two halves each; f16 in, f32 out.
  Problem pb;
  pb.m = 64;
  pb.n = 264;
  pb.k = 200;
  checkWgmma<Half, float, RoundOnly<float>, 256, 3, false>(pb, 13);
}

TEST(GemmWgmmaEmulation, KMajorB128BroadcastBatch) {
  // [2, 3] batch: a broadcast over the first dim, b over the second (maps
  // with a dim of size 1 there), three ring rounds.
  Problem pb;
  pb.m = 40;
  pb.n = 136;
  pb.k = 392;
  pb.batch = {2, 3};
  pb.aBroadcast = {true, false};
  pb.bBroadcast = {false, true};
  pb.transB = true;
  checkWgmma<Half, Half, RoundOnly<Half>, 128, 2, true>(pb, 14);
}

TEST(GemmWgmmaEmulation, FusedEpilogueSharedB) {
  // The FFN-up dispatch: a batch of a over one b (b broadcast), bias,
  // squared ReLU and a residual read through the epilogue's strides.
  Problem pb;
  pb.m = 96;
  pb.n = 200;
  pb.k = 64;
  pb.batch = {2};
  pb.bBroadcast = {true};
  pb.transB = true;
  pb.withEpilogue = true;
  checkWgmma<Bf16, Bf16, BiasSquaredReluResidual<Bf16>, 128, 3, true>(pb, 15);
}

TEST(GemmWgmmaEmulation, FoldedBatchThroughTensorMaps) {
  // What launchGemmSm90 does with a shared b: three entries of 50 rows
  // become one GEMM of 150 rows, tail tile across the entries' seam.
  Problem pb;
  pb.m = 50;
  pb.n = 72;
  pb.k = 64;
  pb.batch = {3};
  pb.bBroadcast = {true};
  pb.withEpilogue = true;
  checkWgmma<Bf16, Bf16, BiasSquaredReluResidual<Bf16>, 64, 2, false>(
      pb, 23, GemmSm90Setup::Launch, /*fold=*/true);
}

TEST(GemmWgmmaEmulation, GroupedTileOrderCoversEveryTile) {
  // 10 x 3 tiles of 128 x 64: more row tiles than a group (8), so the
  // last group is partial; every output element must be written once.
  Problem pb;
  pb.m = 1250;
  pb.n = 136;
  pb.k = 64;
  checkWgmma<Bf16, Bf16, RoundOnly<Bf16>, 64, 2, false>(pb, 16);
}

TEST(GemmWgmmaEmulation, StridedViewsThroughTensorMaps) {
  // Row strides wider than the rows (multiples of 16 bytes): the maps'
  // strides, not the sizes, place the rows; the padding holds NaN.
  Problem pb;
  pb.m = 70;
  pb.n = 64;
  pb.k = 80;
  pb.aPad = 16;
  pb.bPad = 8;
  pb.outPad = 3;
  checkWgmma<Bf16, Bf16, RoundOnly<Bf16>, 64, 3, false>(pb, 17);
}

TEST(GemmWgmmaEmulation, UnreadableOperandsFallBackToMmaSync) {
  Problem unalignedBase; // a's base one element past a 16-byte boundary
  unalignedBase.m = 33;
  unalignedBase.n = 40;
  unalignedBase.k = 64;
  unalignedBase.aPad = 8;
  checkWgmma<Bf16, Bf16, RoundOnly<Bf16>, 64, 2, false>(
      unalignedBase, 18, GemmSm90Setup::Fallback);

  Problem oddK; // rows of 70 elements: 140 bytes, not a multiple of 16
  oddK.m = 37;
  oddK.n = 45;
  oddK.k = 70;
  oddK.transB = true;
  checkWgmma<Half, Half, RoundOnly<Half>, 128, 2, true>(oddK, 19,
                                                         GemmSm90Setup::Fallback);

  Problem threeBatchDims; // the maps index two batch dims
  threeBatchDims.m = 16;
  threeBatchDims.n = 24;
  threeBatchDims.k = 32;
  threeBatchDims.batch = {2, 2, 2};
  checkWgmma<Bf16, Bf16, RoundOnly<Bf16>, 64, 2, false>(
      threeBatchDims, 20, GemmSm90Setup::Fallback);

  Problem emptyReduction; // K = 0: no map has a zero dim; the epilogue runs
  emptyReduction.m = 5;
  emptyReduction.n = 9;
  emptyReduction.k = 0;
  emptyReduction.withEpilogue = true;
  checkWgmma<Half, Half, BiasSquaredReluResidual<Half>, 64, 2, false>(
      emptyReduction, 21, GemmSm90Setup::Fallback);
}

TEST(GemmWgmmaEmulation, EmptyOutputLaunchesNothing) {
  GemmParams p = {};
  p.m = 0;
  p.n = 8;
  p.k = 8;
  p.batchCount = 1;
  GemmSm90Params params;
  bool encoded = false;
  EXPECT_EQ((setUpGemmSm90<__nv_bfloat16, 64, false>(
                p, params,
                [&](TmaDescriptor *, const TmaTensor &) { return encoded = true; })),
            GemmSm90Setup::Empty);
  EXPECT_FALSE(encoded);
}
