//===- QuantizedGemmEmulationTest.cpp - the 8-bit GEMM on the CPU ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the GEMM template (GemmSm80.cuh) with 8-bit operands, as the
// quantized_gemm family instantiates it for accel.quantized_matmul, under
// the host emulation: i8 x i8 (W8A8) against the exact integer sum, so
// that the kernel's result must equal, bit for bit, the reference's
// f32(P) * (a_scale * b_scale) + bias; and f8E4M3FN x f8E4M3FN (FP8)
// against a float64 reference within the f32 summation bound. b as [N, K]
// (ldmatrix) and as [K, N] (transposed through registers on its way to
// shared memory: the word path and the byte path), odd sizes, strided and
// misaligned views, batch entries against one b, extreme values (every
// product -128 * -128), K = 0. Outputs are poisoned with NaN, padding past
// each view's rows too.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "GemmSm80.cuh"

#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

using namespace accelkern_gemm;
using accelkern_tc::Float8E4M3;

namespace {

/// What the backend generates for accel.quantized_matmul with a per-token
/// a_scale (extras[0], [batch..., M]), a per-channel b_scale (extras[1],
/// [N]) and an f32 bias (extras[2], [N]): the dequantized sum, the bias,
/// one rounding to OutT (GemmEpilogue.cpp).
template <typename OutT> struct DequantizeBias {
  static float apply(const GemmParams &p, float acc, const EpilogueCoord &at) {
    float aScale = loadExtra<float, 0>(p, at);
    float bScale = loadExtra<float, 1>(p, at);
    float bias = loadExtra<float, 2>(p, at);
    return roundTo<OutT>((acc * (aScale * bScale)) + bias);
  }
};

struct Problem {
  int m = 16, n = 16, k = 32;
  /// a's batch dims (b is one [K, N] or [N, K] matrix for all of them).
  std::vector<int> batch;
  bool transB = true;
  /// Extra elements per row of a's and b's storage; `shift` moves a's base
  /// off its alignment.
  int aPad = 0, bPad = 0, shift = 0;
  /// Every element of a and b -128 (i8 only): the largest products.
  bool extremes = false;
};

template <typename T> uint8_t randomElement(std::mt19937 &rng) {
  if constexpr (std::is_same<T, signed char>::value)
    return uint8_t(std::uniform_int_distribution<int>(-128, 127)(rng));
  // f8E4M3FN: any byte but the two NaNs, and mostly moderate exponents so
  // that sums stay well inside f32's range and precision.
  for (;;) {
    uint8_t bits = uint8_t(std::uniform_int_distribution<int>(0, 255)(rng));
    int exponent = (bits >> 3) & 15;
    if ((bits & 0x7f) != 0x7f && exponent >= 3 && exponent <= 11)
      return bits;
  }
}
template <typename T> double decodeElement(uint8_t bits) {
  if constexpr (std::is_same<T, signed char>::value)
    return double(int8_t(bits));
  return emu::e4m3ToFloat(bits);
}

template <typename OutT> float readOut(const OutT &x) {
  if constexpr (std::is_same<OutT, float>::value)
    return x;
  else
    return emu::toFloat<OutT>(x.bits);
}

/// The 8-bit kernel with the given tiles on a fresh `pb`.
template <typename T, typename OutT, int BM, int BN, int BK, int WM, int WN,
          int S, bool TransB>
void check(const Problem &pb, unsigned seed) {
  ASSERT_EQ(pb.transB, TransB);
  constexpr bool kInt8 = std::is_same<T, signed char>::value;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> scale(0.001f, 0.05f);
  std::normal_distribution<float> normal(0.f, 1.f);

  int batchCount = 1;
  for (int size : pb.batch)
    batchCount *= size;
  int aCols = pb.k + pb.aPad;
  int bRows = TransB ? pb.n : pb.k, bCols = (TransB ? pb.k : pb.n) + pb.bPad;
  int bValidCols = TransB ? pb.k : pb.n;
  // 0xff is NaN in e4m3 and -1 in i8: for i8 the padding is caught by the
  // exact comparison instead.
  std::vector<uint8_t> a((size_t)batchCount * pb.m * aCols + pb.shift, 0xff),
      b((size_t)bRows * bCols, 0xff);
  for (size_t i = pb.shift; i < a.size(); ++i)
    if ((i - pb.shift) % aCols < size_t(pb.k))
      a[i] = pb.extremes ? 0x80 : randomElement<T>(rng);
  for (size_t i = 0; i < b.size(); ++i)
    if (i % bCols < size_t(bValidCols))
      b[i] = pb.extremes ? 0x80 : randomElement<T>(rng);
  std::vector<float> aScale((size_t)batchCount * pb.m), bScale(pb.n),
      bias(pb.n);
  for (float &x : aScale)
    x = scale(rng);
  for (float &x : bScale)
    x = scale(rng);
  for (float &x : bias)
    x = normal(rng);

  GemmParams p = {};
  p.a = a.data() + pb.shift;
  p.b = b.data();
  p.m = pb.m;
  p.n = pb.n;
  p.k = pb.k;
  p.batchCount = batchCount;
  int rank = pb.batch.size();
  long long running = (long long)pb.m * aCols, outRunning = (long long)pb.m * pb.n,
            scaleRunning = pb.m;
  for (int d = 0; d < kMaxBatchDims; ++d)
    p.batchSizes[d] = 1;
  for (int d = kMaxBatchDims - 1, od = rank - 1; od >= 0; --d, --od) {
    p.batchSizes[d] = pb.batch[od];
    p.aBatchStrides[d] = running;
    p.outBatchStrides[d] = outRunning;
    p.extraStrides[0 * kExtraRank + d] = scaleRunning;
    running *= pb.batch[od];
    outRunning *= pb.batch[od];
    scaleRunning *= pb.batch[od];
  }
  p.aRowStride = aCols;
  p.bRowStride = bCols;
  p.outRowStride = pb.n;
  p.extras[0] = aScale.data();
  p.extraStrides[0 * kExtraRank + kMaxBatchDims] = 1; // row
  p.extras[1] = bScale.data();
  p.extraStrides[1 * kExtraRank + kMaxBatchDims + 1] = 1; // column
  p.extras[2] = bias.data();
  p.extraStrides[2 * kExtraRank + kMaxBatchDims + 1] = 1;

  std::vector<OutT> out((size_t)batchCount * pb.m * pb.n);
  for (OutT &x : out) {
    if constexpr (std::is_same<OutT, float>::value)
      x = NAN;
    else
      x.bits = emu::fromFloat<OutT>(NAN);
  }
  p.out = out.data();

  emu::Dim3 grid{unsigned((pb.m + BM - 1) / BM), unsigned((pb.n + BN - 1) / BN),
                 unsigned(batchCount)};
  emu::launch(grid, 32 * WM * WN, [&] {
    gemmKernel<T, OutT, DequantizeBias<OutT>, BM, BN, BK, WM, WN, S, TransB>(p);
  });

  for (int z = 0; z < batchCount; ++z)
    for (int i = 0; i < pb.m; ++i)
      for (int j = 0; j < pb.n; ++j) {
        size_t row = (size_t)z * pb.m + i;
        long long exact = 0;
        double sum = 0, magnitude = 0;
        for (int kk = 0; kk < pb.k; ++kk) {
          uint8_t x = a[pb.shift + row * aCols + kk];
          uint8_t y = TransB ? b[(size_t)j * bCols + kk] : b[(size_t)kk * bCols + j];
          if constexpr (kInt8)
            exact += (long long)int8_t(x) * int8_t(y);
          double product = decodeElement<T>(x) * decodeElement<T>(y);
          sum += product;
          magnitude += std::fabs(product);
        }
        float got = readOut(out[row * pb.n + j]);
        ASSERT_FALSE(std::isnan(got))
            << "unwritten output at batch " << z << " (" << i << ", " << j << ")";
        float dequantScale = aScale[row] * bScale[j];
        if constexpr (kInt8) {
          // The i32 sum is exact; the rest is the reference's f32
          // arithmetic, so the result is too.
          float want = roundTo<OutT>(float(exact) * dequantScale + bias[j]);
          ASSERT_EQ(got, want) << "at batch " << z << " (" << i << ", " << j
                               << "), exact sum " << exact;
        } else {
          // Exact products summed in f32 (in the tensor core's order), then
          // the scale, the bias and the output's rounding.
          double u = std::is_same<OutT, float>::value ? 0x1p-24
                     : std::is_same<OutT, __half>::value ? 0x1p-11
                                                         : 0x1p-8;
          double expected = sum * dequantScale + bias[j];
          double error = (pb.k * 0x1p-24 * magnitude + 0x1p-23 * std::fabs(sum)) *
                             dequantScale +
                         0x1p-24 * std::fabs(expected);
          EXPECT_NEAR(got, expected, error + u * (std::fabs(expected) + error))
              << "at batch " << z << " (" << i << ", " << j << ")";
        }
      }
}

} // namespace

TEST(QuantizedGemmEmulation, Int8OddSizesElementwiseLoads) {
  // K = 70 is not a whole number of 16-byte chunks: every row's last chunk
  // is loaded byte by byte; every tile is a tail tile.
  Problem pb;
  pb.m = 37;
  pb.n = 45;
  pb.k = 70;
  check<signed char, float, 32, 32, 64, 1, 2, 2, true>(pb, 1);
}

TEST(QuantizedGemmEmulation, Int8AlignedDefaultTilesBf16Output) {
  Problem pb;
  pb.m = 136;
  pb.n = 136;
  pb.k = 192;
  check<signed char, __nv_bfloat16, 128, 128, 64, 2, 4, 3, true>(pb, 2);
}

TEST(QuantizedGemmEmulation, Int8KNWeightTransposedOnLoadWords) {
  // b as [K, N] with rows a multiple of 4 bytes: the 4 x 4 blocks are read
  // as words, and the tail columns (N = 60 in 64-wide tiles) byte by byte.
  Problem pb;
  pb.m = 48;
  pb.n = 60;
  pb.k = 128;
  pb.transB = false;
  check<signed char, float, 64, 64, 64, 2, 2, 3, false>(pb, 3);
}

TEST(QuantizedGemmEmulation, Int8KNWeightTransposedOnLoadBytes) {
  // N = 45: b's rows are not 4-byte aligned, every block goes byte by byte;
  // K = 77 leaves a partial block of rows.
  Problem pb;
  pb.m = 21;
  pb.n = 45;
  pb.k = 77;
  pb.transB = false;
  check<signed char, __half, 32, 64, 128, 1, 2, 2, false>(pb, 4);
}

TEST(QuantizedGemmEmulation, Int8BatchedStridedMisalignedA) {
  // a: [2, 3, M, K] in rows of K + 16 with its base one byte off (the
  // element path for a), b's rows padded by 16 (cp.async), one b for all.
  Problem pb;
  pb.m = 20;
  pb.n = 40;
  pb.k = 96;
  pb.batch = {2, 3};
  pb.aPad = 16;
  pb.bPad = 16;
  pb.shift = 1;
  check<signed char, float, 32, 32, 64, 2, 1, 4, true>(pb, 5);
}

TEST(QuantizedGemmEmulation, Int8LargestProductsStayExact) {
  // 1024 products of -128 * -128: a sum of 2^24, exact in i32 and in f32.
  Problem pb;
  pb.m = 16;
  pb.n = 16;
  pb.k = 1024;
  pb.extremes = true;
  check<signed char, float, 16, 16, 128, 1, 1, 2, true>(pb, 6);
}

TEST(QuantizedGemmEmulation, Int8EmptyReductionIsTheBias) {
  Problem pb;
  pb.m = 5;
  pb.n = 9;
  pb.k = 0;
  check<signed char, float, 32, 32, 64, 1, 2, 2, true>(pb, 7);
}

TEST(QuantizedGemmEmulation, Fp8E4M3TransposedB) {
  Problem pb;
  pb.m = 40;
  pb.n = 72;
  pb.k = 160;
  check<Float8E4M3, float, 64, 64, 64, 2, 2, 3, true>(pb, 8);
}

TEST(QuantizedGemmEmulation, Fp8E4M3OddSizesKNWeightBf16Output) {
  Problem pb;
  pb.m = 33;
  pb.n = 50;
  pb.k = 99;
  pb.transB = false;
  check<Float8E4M3, __nv_bfloat16, 32, 32, 64, 1, 2, 2, false>(pb, 9);
}

TEST(QuantizedGemmEmulation, Fp8DecodeMatchesTheFormat) {
  // f8E4M3FN's corners: 448 the largest finite value, 2^-9 the smallest
  // subnormal, 2^-6 the smallest normal, S.1111.111 NaN, no infinities.
  EXPECT_EQ(emu::e4m3ToFloat(0x7e), 448.f);
  EXPECT_EQ(emu::e4m3ToFloat(0xfe), -448.f);
  EXPECT_EQ(emu::e4m3ToFloat(0x01), 0x1p-9f);
  EXPECT_EQ(emu::e4m3ToFloat(0x08), 0x1p-6f);
  EXPECT_EQ(emu::e4m3ToFloat(0x38), 1.f);
  EXPECT_EQ(emu::e4m3ToFloat(0x78), 256.f);
  EXPECT_TRUE(std::isnan(emu::e4m3ToFloat(0x7f)));
  EXPECT_TRUE(std::isnan(emu::e4m3ToFloat(0xff)));
  EXPECT_EQ(emu::e4m3ToFloat(0x80), 0.f);
  EXPECT_TRUE(std::signbit(emu::e4m3ToFloat(0x80)));
}
