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

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace accelkern_gemm;

namespace {
/// acc rounded to the 16-bit type T (what an accel.matmul result holds).
template <typename T> struct RoundOnly {
  static float apply(const GemmParams &, float acc, const EpilogueCoord &) {
    return roundTo<T>(acc);
  }
};

/// What the backend generates for `relu(matmul(a, b, bias))^2 + residual`
/// in T: extras[0] is an f32 bias over columns, extras[1] a residual.
template <typename T> struct BiasSquaredReluResidual {
  static float apply(const GemmParams &p, float acc, const EpilogueCoord &at) {
    float v = roundTo<T>(acc + loadExtra<float, 0>(p, at));
    float relu = roundTo<T>(v > 0.f ? v : 0.f);
    float squared = roundTo<T>(relu * relu);
    return roundTo<T>(squared + loadExtra<T, 1>(p, at));
  }
};

struct Problem {
  int m = 16, n = 16, k = 16;
  /// The output's batch dims; aBroadcast[d] / bBroadcast[d]: the operand
  /// has size 1 there.
  std::vector<int> batch;
  std::vector<bool> aBroadcast, bBroadcast;
  bool transB = false;
  /// Extra elements per row of each operand's storage (a strided view).
  int aPad = 0, bPad = 0, outPad = 0;
  bool withEpilogue = false;
};

template <typename T, typename OutT, typename Epilogue, int BM, int BN, int BK,
          int WM, int WN, int S, bool TransB>
void check(const Problem &pb, unsigned seed) {
  ASSERT_EQ(pb.transB, TransB);
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.f, 1.f);
  int rank = pb.batch.size();
  ASSERT_LE(rank, kMaxBatchDims);

  // Batch strides of a contiguous operand of the given per-dim sizes.
  auto batchLayout = [&](const std::vector<bool> &broadcast, long long matrix,
                         long long *strides, long long &total) {
    long long running = matrix;
    for (int d = kMaxBatchDims - 1; d >= 0; --d) {
      int od = d - (kMaxBatchDims - rank);
      if (od < 0) {
        strides[d] = 0;
        continue;
      }
      bool bc = !broadcast.empty() && broadcast[od];
      strides[d] = bc ? 0 : running;
      running *= bc ? 1 : pb.batch[od];
    }
    total = running;
  };

  GemmParams p = {};
  p.m = pb.m;
  p.n = pb.n;
  p.k = pb.k;
  p.batchCount = 1;
  for (int d = 0; d < kMaxBatchDims; ++d) {
    int od = d - (kMaxBatchDims - rank);
    p.batchSizes[d] = od < 0 ? 1 : pb.batch[od];
    p.batchCount *= p.batchSizes[d];
  }
  int aCols = pb.k + pb.aPad;
  int bRows = TransB ? pb.n : pb.k, bCols = (TransB ? pb.k : pb.n) + pb.bPad;
  int outCols = pb.n + pb.outPad;
  long long aTotal, bTotal, outTotal;
  batchLayout(pb.aBroadcast, (long long)pb.m * aCols, p.aBatchStrides, aTotal);
  batchLayout(pb.bBroadcast, (long long)bRows * bCols, p.bBatchStrides, bTotal);
  batchLayout({}, (long long)pb.m * outCols, p.outBatchStrides, outTotal);
  p.aRowStride = aCols;
  p.bRowStride = bCols;
  p.outRowStride = outCols;

  // One element of offset makes a's base unaligned when padded by 8.
  int shift = pb.aPad == 8 ? 1 : 0;
  std::vector<uint16_t> a(aTotal + shift), b(bTotal);
  // Storage outside the views (padding past each row) holds NaN: a kernel
  // that reads past K or N poisons its sums.
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = emu::fromFloat<T>(
        i >= size_t(shift) && (i - shift) % aCols >= size_t(pb.k) ? NAN
                                                                   : normal(rng));
  int bValidCols = TransB ? pb.k : pb.n;
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = emu::fromFloat<T>(i % bCols >= size_t(bValidCols) ? NAN : normal(rng));
  p.a = a.data() + shift;
  p.b = b.data();
  std::vector<OutT> out(outTotal);
  for (OutT &x : out) {
    if constexpr (std::is_same<OutT, float>::value)
      x = NAN;
    else
      x.bits = emu::fromFloat<OutT>(NAN);
  }
  p.out = out.data();

  // The epilogue's bias [N] (f32) and residual [batch..., M, N] (T).
  std::vector<float> bias(pb.n);
  for (float &x : bias)
    x = normal(rng);
  std::vector<uint16_t> residual(outTotal / outCols * pb.n);
  for (uint16_t &x : residual)
    x = emu::fromFloat<T>(normal(rng));
  p.extras[0] = bias.data();
  p.extraStrides[kMaxBatchDims + 1] = 1;
  p.extras[1] = residual.data();
  {
    long long running = (long long)pb.m * pb.n;
    for (int d = kMaxBatchDims - 1; d >= kMaxBatchDims - rank; --d) {
      p.extraStrides[kExtraRank + d] = running;
      running *= p.batchSizes[d];
    }
    p.extraStrides[kExtraRank + kMaxBatchDims] = pb.n;
    p.extraStrides[kExtraRank + kMaxBatchDims + 1] = 1;
  }

  emu::Dim3 grid{unsigned((pb.m + BM - 1) / BM), unsigned((pb.n + BN - 1) / BN),
                 unsigned(p.batchCount)};
  emu::launch(grid, 32 * WM * WN, [&] {
    gemmKernel<T, OutT, Epilogue, BM, BN, BK, WM, WN, S, TransB>(p);
  });

  auto outValue = [&](long long i) -> float {
    if constexpr (std::is_same<OutT, float>::value)
      return out[i];
    else
      return emu::toFloat<OutT>(out[i].bits);
  };
  auto round = [](double v) { return emu::toFloat<T>(emu::fromFloat<T>(float(v))); };
  for (int z = 0; z < p.batchCount; ++z) {
    long long aOff = 0, bOff = 0, oOff = 0, rOff = 0;
    for (int d = kMaxBatchDims - 1, rest = z; d >= 0; --d) {
      int i = rest % p.batchSizes[d];
      rest /= p.batchSizes[d];
      aOff += i * p.aBatchStrides[d];
      bOff += i * p.bBatchStrides[d];
      oOff += i * p.outBatchStrides[d];
      rOff += i * p.extraStrides[kExtraRank + d];
    }
    for (int i = 0; i < pb.m; ++i)
      for (int j = 0; j < outCols; ++j) {
        long long at = oOff + (long long)i * outCols + j;
        if (j >= pb.n) {
          EXPECT_TRUE(std::isnan(outValue(at)))
              << "padding at batch " << z << " (" << i << ", " << j
              << ") was written";
          continue;
        }
        double sum = 0, magnitude = 0;
        for (int kk = 0; kk < pb.k; ++kk) {
          double x = emu::toFloat<T>(a[shift + aOff + (long long)i * aCols + kk]);
          long long bAt = TransB ? bOff + (long long)j * bCols + kk
                                 : bOff + (long long)kk * bCols + j;
          double y = emu::toFloat<T>(b[bAt]);
          sum += x * y;
          magnitude += std::fabs(x * y);
        }
        // The error bound, term by term: the f32 sum of k products is off
        // by at most k * 2^-24 * sum |x * y| (recursive summation); each
        // rounding to the output type by at most u = its unit roundoff.
        double u = std::is_same<OutT, float>::value ? 0x1p-24
                   : std::is_same<OutT, __half>::value ? 0x1p-11
                                                       : 0x1p-8;
        double accumulation = pb.k * 0x1p-24 * magnitude;
        double expected = sum;
        double tolerance = u * (std::fabs(expected) + accumulation) + accumulation;
        if (pb.withEpilogue) {
          // The reference rounds v and v^2 as the kernel does, from the
          // exact sum: v may land one ulp (2u|v|) apart besides the
          // accumulation and the f32 bias add; v^2 then differs by
          // 2|v| dv + dv^2 plus one ulp of its own; the final sum with the
          // residual is rounded once more (the reference keeps it exact).
          double v = round(sum + bias[j]);
          double relu = v > 0 ? v : 0;
          double sq = round(relu * relu);
          expected = sq + emu::toFloat<T>(residual[rOff + (long long)i * pb.n + j]);
          double dv = accumulation + 0x1p-24 * std::fabs(v) + 2 * u * std::fabs(v);
          double dsq = 2 * std::fabs(v) * dv + dv * dv + 2 * u * sq;
          tolerance = dsq + u * (std::fabs(expected) + dsq);
        }
        float got = outValue(at);
        ASSERT_FALSE(std::isnan(got))
            << "unwritten output at batch " << z << " (" << i << ", " << j << ")";
        EXPECT_NEAR(got, expected, tolerance)
            << "at batch " << z << " (" << i << ", " << j << ")";
      }
  }
}

using Bf16 = __nv_bfloat16;
using Half = __half;
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
