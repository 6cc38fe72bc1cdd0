//===- GemmKernelEmulationTest.cpp - the CUDA GEMM template on the CPU ----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the GEMM template (GemmSm80.cuh) under the host emulation against a
// float64 reference: b as [K, N] and as [N, K], odd sizes (every tile a
// tail tile, unaligned rows on the element-wise load path), aligned sizes
// (cp.async path), broadcast batch dims, strided views (row strides wider
// than the rows, a shifted base), an epilogue reading a bias and a residual
// through broadcast strides, f32 and 16-bit outputs, K = 0, and several
// tile configurations. Outputs are poisoned with NaN and the padding of a
// strided output must stay untouched.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "GemmSm80.cuh"

#include "GemmReference.h"

#include <algorithm>

using namespace accelkern_gemm;
using namespace accelkern_gemm::reference;

namespace {
/// The mma.sync kernel on `pb` with the given tiles.
template <typename T, typename OutT, typename Epilogue, int BM, int BN, int BK,
          int WM, int WN, int S, bool TransB>
void check(const Problem &pb, unsigned seed) {
  ASSERT_EQ(pb.transB, TransB);
  checkGemm<T, OutT, TransB>(pb, seed, [&](const GemmParams &p) {
    emu::Dim3 grid{unsigned((pb.m + BM - 1) / BM),
                   unsigned((pb.n + BN - 1) / BN), unsigned(p.batchCount)};
    emu::launch(grid, 32 * WM * WN, [&] {
      gemmKernel<T, OutT, Epilogue, BM, BN, BK, WM, WN, S, TransB>(p);
    });
  });
}
} // namespace

TEST(GemmKernelEmulation, OddSizesElementwiseLoads) {
  Problem pb;
  pb.m = 37;
  pb.n = 45;
  pb.k = 70;
  check<Bf16, Bf16, RoundOnly<Bf16>, 32, 32, 32, 1, 2, 2, false>(pb, 1);
}

TEST(GemmKernelEmulation, OddSizesTransposedB) {
  Problem pb;
  pb.m = 19;
  pb.n = 50;
  pb.k = 41;
  pb.transB = true;
  check<Half, Half, RoundOnly<Half>, 32, 32, 32, 2, 1, 3, true>(pb, 2);
}

TEST(GemmKernelEmulation, AlignedTailTilesDefaultConfig) {
  Problem pb;
  pb.m = 136;
  pb.n = 136;
  pb.k = 96;
  check<Bf16, Bf16, RoundOnly<Bf16>, 128, 128, 32, 2, 4, 3, false>(pb, 3);
}

TEST(GemmKernelEmulation, AlignedTransposedBFloatOutput) {
  Problem pb;
  pb.m = 64;
  pb.n = 40;
  pb.k = 160;
  pb.transB = true;
  check<Bf16, float, RoundOnly<float>, 64, 64, 32, 2, 2, 4, true>(pb, 4);
}

TEST(GemmKernelEmulation, BroadcastBatchDims) {
  Problem pb;
  pb.m = 24;
  pb.n = 24;
  pb.k = 32;
  pb.batch = {2, 3};
  pb.aBroadcast = {false, true}; // a: [2, 1, M, K]
  pb.bBroadcast = {true, false}; // b: [1, 3, K, N]
  check<Half, Half, RoundOnly<Half>, 32, 32, 32, 1, 2, 2, false>(pb, 5);
}

TEST(GemmKernelEmulation, StridedViewsMixedPaths) {
  // a's rows are 64 + 8 wide (aligned stride, base shifted by one element:
  // the element path), b's rows 40 + 8 (cp.async), out's rows 40 + 3.
  Problem pb;
  pb.m = 33;
  pb.n = 40;
  pb.k = 64;
  pb.aPad = 8;
  pb.bPad = 8;
  pb.outPad = 3;
  check<Bf16, Bf16, RoundOnly<Bf16>, 32, 64, 32, 2, 2, 3, false>(pb, 6);
}

TEST(GemmKernelEmulation, PartialChunksOfAlignedRowsStayInTheView) {
  // Rows of 60 and 36 elements in storage of 64 and 40 (cp.async-aligned):
  // the last chunk of each row is partial and must not read the padding.
  Problem pb;
  pb.m = 20;
  pb.n = 36;
  pb.k = 60;
  pb.aPad = 4;
  pb.bPad = 4;
  pb.transB = true;
  check<Half, Half, RoundOnly<Half>, 32, 32, 32, 1, 2, 2, true>(pb, 9);
}

TEST(GemmKernelEmulation, FusedBiasSquaredReluResidual) {
  Problem pb;
  pb.m = 48;
  pb.n = 80;
  pb.k = 48;
  pb.batch = {2};
  pb.transB = true;
  pb.withEpilogue = true;
  check<Bf16, Bf16, BiasSquaredReluResidual<Bf16>, 64, 64, 32, 2, 2, 2, true>(
      pb, 7);
}

TEST(GemmKernelEmulation, EmptyReductionStillRunsTheEpilogue) {
  Problem pb;
  pb.m = 5;
  pb.n = 9;
  pb.k = 0;
  pb.withEpilogue = true;
  check<Half, Half, BiasSquaredReluResidual<Half>, 32, 32, 32, 1, 2, 2, false>(
      pb, 8);
}

TEST(GemmKernelEmulation, SwizzleIsAPermutationOfEachTile) {
  // Every (row, chunk) of a tile maps to its own 16-byte slot in its row,
  // for the chunk counts the configs use (4: k tiles of 32; 8 and 16:
  // [K][N] tiles of 64 and 128 columns).
  auto checkChunks = [](auto chunksTag, int rows) {
    constexpr int kChunks = decltype(chunksTag)::value;
    std::vector<int> seen(rows * kChunks, 0);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < kChunks; ++c) {
        int offset = detail::swizzledOffset<kChunks>(r, c);
        ASSERT_EQ(offset / (kChunks * 8), r);
        ASSERT_EQ(offset % 8, 0);
        ++seen[offset / 8];
      }
    for (int count : seen)
      EXPECT_EQ(count, 1);
  };
  checkChunks(std::integral_constant<int, 4>{}, 64);
  checkChunks(std::integral_constant<int, 8>{}, 64);
  checkChunks(std::integral_constant<int, 16>{}, 64);
}

TEST(GemmKernelEmulation, SwizzleSpreadsLdmatrixPhasesOverBanks) {
  // The 8 rows one ldmatrix phase reads (8 consecutive rows at one chunk)
  // touch 8 distinct groups of 4 banks: no conflict.
  auto checkBanks = [](auto chunksTag) {
    constexpr int kChunks = decltype(chunksTag)::value;
    for (int r0 = 0; r0 < 32; r0 += 8)
      for (int c = 0; c < kChunks; ++c) {
        std::vector<int> groups;
        for (int r = r0; r < r0 + 8; ++r)
          groups.push_back((detail::swizzledOffset<kChunks>(r, c) * 2 / 16) % 8);
        std::sort(groups.begin(), groups.end());
        EXPECT_EQ(std::unique(groups.begin(), groups.end()), groups.end())
            << kChunks << " chunks per row, rows " << r0 << "+, chunk " << c;
      }
  };
  checkBanks(std::integral_constant<int, 4>{});
  checkBanks(std::integral_constant<int, 8>{});
  checkBanks(std::integral_constant<int, 16>{});
}

TEST(GemmEpilogueHelpers, PowiBySquaring) {
  // math.fpowi's code: exact where the squarings are (small powers of
  // exactly representable values), within a few ulps of pow elsewhere,
  // 1 / x^|n| for negative n, x^0 = 1 (also for 0 and NaN, as pow says).
  EXPECT_EQ(powi(2.f, 10), 1024.f);
  EXPECT_EQ(powi(-3.f, 3), -27.f);
  EXPECT_EQ(powi(0.5f, -2), 4.f);
  EXPECT_EQ(powi(0.f, 0), 1.f);
  EXPECT_EQ(powi(NAN, 0), 1.f);
  EXPECT_TRUE(std::isinf(powi(0.f, -1)));
  for (float x : {1.1f, -0.7f, 3.3f})
    for (long long n : {3LL, 7LL, 12LL, -5LL}) {
      double want = std::pow(double(x), double(n));
      EXPECT_NEAR(powi(x, n), want, std::fabs(want) * 8 * 0x1p-24)
          << x << "^" << n;
    }
}

namespace {
/// The launchers' batch folding, then the mma.sync kernel on what it made;
/// `folds` says whether folding must apply.
template <typename T, typename OutT, typename Epilogue, bool TransB>
void checkFolded(const Problem &pb, unsigned seed, bool folds) {
  checkGemm<T, OutT, TransB>(pb, seed, [&](const GemmParams &p) {
    GemmParams q = p;
    ASSERT_EQ(foldBatchIntoRows(q), folds);
    if (folds) {
      EXPECT_EQ(q.m, p.m * p.batchCount);
      EXPECT_EQ(q.batchCount, 1);
    }
    emu::Dim3 grid{unsigned((q.m + 63) / 64), unsigned((q.n + 63) / 64),
                   unsigned(q.batchCount)};
    emu::launch(grid, 128, [&] {
      gemmKernel<T, OutT, Epilogue, 64, 64, 32, 2, 2, 3, TransB>(q);
    });
  });
}
} // namespace

TEST(GemmKernelEmulation, SharedBFoldsBatchIntoRows) {
  // [2, 3] batch entries of 20 rows against one b: one GEMM of 120 rows,
  // the bias broadcast over rows and batch, the residual's batch strides
  // nested over its rows, the output's rows padded.
  Problem pb;
  pb.m = 20;
  pb.n = 40;
  pb.k = 48;
  pb.batch = {2, 3};
  pb.bBroadcast = {true, true};
  pb.transB = true;
  pb.outPad = 3;
  pb.withEpilogue = true;
  checkFolded<Bf16, Bf16, BiasSquaredReluResidual<Bf16>, true>(pb, 41, true);
}

TEST(GemmKernelEmulation, BatchFoldingRefusedWhereAddressesWouldChange) {
  // b differs per entry; a broadcast over a batch dim (its rows repeat):
  // neither folds, and both still compute the batched product.
  Problem perEntryB;
  perEntryB.m = 20;
  perEntryB.n = 24;
  perEntryB.k = 32;
  perEntryB.batch = {3};
  checkFolded<Half, Half, RoundOnly<Half>, false>(perEntryB, 42, false);
  Problem repeatedA = perEntryB;
  repeatedA.batch = {2, 2};
  repeatedA.aBroadcast = {true, false};
  repeatedA.bBroadcast = {true, true};
  checkFolded<Half, Half, RoundOnly<Half>, false>(repeatedA, 43, false);
}
