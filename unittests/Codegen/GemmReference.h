//===- GemmReference.h - the GEMM kernels' float64 reference check -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What the emulation tests of both GEMM kernels (GemmSm80.cuh, GemmSm90.cuh)
// share: problems with batch broadcasting, strided views and poisoned
// storage, the two epilogues the backend would generate for them, and the
// element-by-element comparison with a float64 reference within the
// derived error bound (f32 summation, one unit roundoff per rounding).
// Include after CudaEmulation.h and GemmSm80.cuh.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_UNITTESTS_CODEGEN_GEMMREFERENCE_H
#define ACCEL_UNITTESTS_CODEGEN_GEMMREFERENCE_H

#include "gtest/gtest.h"

#include <cmath>
#include <random>
#include <type_traits>
#include <vector>

namespace accelkern_gemm::reference {

/// How the test stores an element of T: 16-bit patterns for bf16 and f16,
/// plain floats for f32.
template <typename T>
using Stored =
    typename std::conditional<std::is_same<T, float>::value, float, uint16_t>::type;
template <typename T> Stored<T> encode(float v) {
  if constexpr (std::is_same<T, float>::value)
    return v;
  else
    return emu::fromFloat<T>(v);
}
template <typename T> float decode(Stored<T> v) {
  if constexpr (std::is_same<T, float>::value)
    return v;
  else
    return emu::toFloat<T>(v);
}

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

/// Runs `launch(const GemmParams &)` on a fresh problem (NaN-poisoned
/// output and padding) and compares every output element with the float64
/// reference within the derived error bound; the launched kernel's epilogue
/// must be RoundOnly<OutT> or, with pb.withEpilogue,
/// BiasSquaredReluResidual<T>.
template <typename T, typename OutT, bool TransB, typename Launch>
void checkGemm(const Problem &pb, unsigned seed, Launch &&launch) {
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
  std::vector<Stored<T>> a(aTotal + shift), b(bTotal);
  // Storage outside the views (padding past each row) holds NaN: a kernel
  // that reads past K or N poisons its sums.
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = encode<T>(
        i >= size_t(shift) && (i - shift) % aCols >= size_t(pb.k) ? NAN
                                                                   : normal(rng));
  int bValidCols = TransB ? pb.k : pb.n;
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = encode<T>(i % bCols >= size_t(bValidCols) ? NAN : normal(rng));
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
  std::vector<Stored<T>> residual(outTotal / outCols * pb.n);
  for (Stored<T> &x : residual)
    x = encode<T>(normal(rng));
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

  launch(p);
  if (::testing::Test::HasFatalFailure())
    return;

  auto outValue = [&](long long i) -> float {
    if constexpr (std::is_same<OutT, float>::value)
      return out[i];
    else
      return emu::toFloat<OutT>(out[i].bits);
  };
  auto round = [](double v) { return decode<T>(encode<T>(float(v))); };
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
          double x = decode<T>(a[shift + aOff + (long long)i * aCols + kk]);
          long long bAt = TransB ? bOff + (long long)j * bCols + kk
                                 : bOff + (long long)kk * bCols + j;
          double y = decode<T>(b[bAt]);
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
          expected = sq + decode<T>(residual[rOff + (long long)i * pb.n + j]);
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

} // namespace accelkern_gemm::reference

#endif // ACCEL_UNITTESTS_CODEGEN_GEMMREFERENCE_H
