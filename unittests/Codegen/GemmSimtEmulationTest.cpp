//===- GemmSimtEmulationTest.cpp - the f32 GEMM on the CPU ----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the f32 GEMM (GemmSimt.cuh: FFMA on the CUDA cores, double-buffered
// k tiles) under the host emulation against the float64 reference of
// GemmReference.h: b as [K, N] and as [N, K], odd sizes (every tile a tail
// in M, N and K, NaN in the storage past K), the default and the smaller
// tiles, broadcast batch dims, strided views, the fused bias + squared
// ReLU + residual epilogue in f32, and K = 0.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "GemmSimt.cuh"

#include "GemmReference.h"

using namespace accelkern_gemm;
using namespace accelkern_gemm::reference;

namespace {
template <typename Epilogue, int BM, int BN, int BK, bool TransB>
void checkSimt(const Problem &pb, unsigned seed) {
  ASSERT_EQ(pb.transB, TransB);
  checkGemm<float, float, TransB>(pb, seed, [&](const GemmParams &p) {
    emu::Dim3 grid{unsigned((p.m + BM - 1) / BM), unsigned((p.n + BN - 1) / BN),
                   unsigned(p.batchCount)};
    emu::launch(grid, 256, [&] {
      gemmSimtKernel<float, Epilogue, BM, BN, BK, TransB>(p);
    });
  });
}
} // namespace

TEST(GemmSimtEmulation, OddSizesDefaultTiles) {
  // 3 k tiles of 8 with a partial last one, tails in M and N.
  Problem pb;
  pb.m = 150;
  pb.n = 133;
  pb.k = 21;
  checkSimt<RoundOnly<float>, 128, 128, 8, false>(pb, 31);
}

TEST(GemmSimtEmulation, TransposedBSmallTiles) {
  Problem pb;
  pb.m = 37;
  pb.n = 45;
  pb.k = 70;
  pb.transB = true;
  checkSimt<RoundOnly<float>, 32, 64, 16, true>(pb, 32);
}

TEST(GemmSimtEmulation, BroadcastBatchStridedViews) {
  // a: [2, 1, M, K] with rows padded by 8 (NaN, and its base shifted), b:
  // [1, 3, K, N] with rows padded by 5, the output's rows by 3; K is not a
  // multiple of the k tile, so a kernel that reads a past K meets the NaN.
  Problem pb;
  pb.m = 20;
  pb.n = 30;
  pb.k = 37;
  pb.batch = {2, 3};
  pb.aBroadcast = {false, true};
  pb.bBroadcast = {true, false};
  pb.aPad = 8;
  pb.bPad = 5;
  pb.outPad = 3;
  checkSimt<RoundOnly<float>, 64, 32, 8, false>(pb, 33);
}

TEST(GemmSimtEmulation, FusedEpilogueInF32) {
  Problem pb;
  pb.m = 70;
  pb.n = 90;
  pb.k = 33;
  pb.batch = {2};
  pb.transB = true;
  pb.withEpilogue = true;
  checkSimt<BiasSquaredReluResidual<float>, 64, 64, 8, true>(pb, 34);
}

TEST(GemmSimtEmulation, EmptyReductionStillRunsTheEpilogue) {
  Problem pb;
  pb.m = 5;
  pb.n = 9;
  pb.k = 0;
  pb.withEpilogue = true;
  checkSimt<BiasSquaredReluResidual<float>, 32, 32, 8, false>(pb, 35);
}

TEST(GemmEpilogueEmulation, MaskTensorsAreBytesThroughTheExtraStrides) {
  // An i1 epilogue tensor (a mask) as the generated epilogues read it: one
  // byte an element, nonzero true, through the same per-coordinate strides
  // as the float extras (here a [2, 3, 5] mask broadcast over dim 1 with
  // its rows padded to 7 bytes).
  std::vector<unsigned char> mask(2 * 7);
  for (size_t i = 0; i < mask.size(); ++i)
    mask[i] = (i * 37 % 5 == 0) ? (i % 2 ? 1 : 0xff) : 0;
  GemmParams p = {};
  p.extras[0] = mask.data();
  long long *s = p.extraStrides;
  s[kMaxBatchDims - 2] = 7; // batch dim 0
  s[kMaxBatchDims - 1] = 0; // batch dim 1: broadcast
  s[kMaxBatchDims] = 0;     // rows: the mask has one
  s[kMaxBatchDims + 1] = 1; // columns
  for (int b0 = 0; b0 < 2; ++b0)
    for (int b1 = 0; b1 < 3; ++b1)
      for (int col = 0; col < 5; ++col) {
        EpilogueCoord at = {};
        at.batch[kMaxBatchDims - 2] = b0;
        at.batch[kMaxBatchDims - 1] = b1;
        at.col = col;
        EXPECT_EQ(loadExtraBool<0>(p, at), mask[b0 * 7 + col] != 0)
            << "at [" << b0 << ", " << b1 << ", " << col << "]";
      }
}
