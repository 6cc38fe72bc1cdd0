//===- MonarchEmulationTest.cpp - the Monarch kernels on the CPU ----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the Monarch family's GEMMs (Monarch.cuh on GemmSm80.cuh) under the
// host emulation, with the parameters Monarch.cuh's host helpers build,
// against a float64 statement of the contract (accel-ir.md section 3):
// block_diag_matmul out[.., b*q + i] = sum_j w[b, i, j] x[.., b*p + j];
// monarch_matmul through t1 viewed as [r, l], transposed, the second
// factor per block c, u[.., c, o] at o*l + c. Square and rectangular
// blocks, one block, sizes that are no tile multiple, blocks whose q and l
// divide neither way, a fused epilogue reading a column bias and a row-
// strided residual, f32 and 16-bit results. The result and the
// intermediate are poisoned with NaN: every element of both must be
// written (the permutation is a bijection).
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "Monarch.cuh"

#include "GemmReference.h"

#include <algorithm>

using namespace accelkern_gemm;
using namespace accelkern_gemm::reference;
using namespace accelkern_monarch;

namespace {
/// What the backend generates for `(product + bias) + residual` with an
/// OutT result: extras[0] an f32 bias over columns, extras[1] an f32
/// residual [rows, columns] with a padded row stride.
template <typename OutT> struct BiasResidual {
  static float apply(const GemmParams &p, float acc, const EpilogueCoord &at) {
    float v = roundTo<OutT>(acc);
    v = roundTo<OutT>(v + loadExtra<float, 0>(p, at));
    return roundTo<OutT>(v + loadExtra<float, 1>(p, at));
  }
};

struct Case {
  int rows;
  int k, q, p;
  /// The second factor; l = 0 for block_diag_matmul.
  int l = 0, s = 0, r = 0;
};

/// launchMonarch's two launches, on the emulation.
template <typename T, typename OutT, int BM, int BN, int BK, int WM, int WN,
          int S>
void run(const MonarchParams &mp) {
  auto launch = [](const GemmParams &g, auto kernel) {
    emu::Dim3 grid{unsigned((g.m + BM - 1) / BM), unsigned((g.n + BN - 1) / BN),
                   unsigned(g.batchCount)};
    emu::launch(grid, 32 * WM * WN, [&] { kernel(g); });
  };
  if (mp.l != 0)
    launch(firstFactorParams(mp), [](const GemmParams &g) {
      gemmKernel<T, T, Intermediate, BM, BN, BK, WM, WN, S, true>(g);
    });
  // As launchMonarch: block_diag_matmul on the plain store path, the
  // Monarch product's last factor permuting its columns.
  if (mp.l == 0)
    launch(lastFactorParams(mp), [](const GemmParams &g) {
      gemmKernel<T, OutT, BiasResidual<OutT>, BM, BN, BK, WM, WN, S, true>(g);
    });
  else
    launch(lastFactorParams(mp), [](const GemmParams &g) {
      gemmKernel<T, OutT, PermutedColumns<BiasResidual<OutT>>, BM, BN, BK, WM,
                 WN, S, true>(g);
    });
}

template <typename T, typename OutT, int BM, int BN, int BK, int WM, int WN,
          int S>
void check(const Case &c, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.f, 1.f);
  const bool monarch = c.l != 0;
  const int n = c.k * c.p, mid = c.k * c.q;
  if (monarch) {
    ASSERT_EQ(mid, c.l * c.r) << "w2's blocks must cover t1";
  }
  const int columns = monarch ? c.l * c.s : mid;
  const int residualStride = columns + 3;

  auto fill = [&](size_t count) {
    std::vector<Stored<T>> v(count);
    for (Stored<T> &x : v)
      x = encode<T>(normal(rng));
    return v;
  };
  std::vector<Stored<T>> x = fill(size_t(c.rows) * n),
                         w1 = fill(size_t(c.k) * c.q * c.p),
                         w2 = fill(size_t(c.l) * c.s * c.r);
  std::vector<Stored<T>> t2(size_t(c.rows) * mid, encode<T>(NAN));
  std::vector<OutT> out(size_t(c.rows) * columns);
  for (OutT &o : out) {
    if constexpr (std::is_same<OutT, float>::value)
      o = NAN;
    else
      o.bits = emu::fromFloat<OutT>(NAN);
  }
  std::vector<float> bias(columns), residual(size_t(c.rows) * residualStride);
  for (float &b : bias)
    b = normal(rng);
  for (float &v : residual)
    v = normal(rng);

  MonarchParams mp = {};
  mp.x = x.data();
  mp.w1 = w1.data();
  mp.w2 = monarch ? w2.data() : nullptr;
  mp.out = out.data();
  mp.t2 = monarch ? t2.data() : nullptr;
  mp.rows = c.rows;
  mp.k = c.k;
  mp.q = c.q;
  mp.p = c.p;
  mp.l = c.l;
  mp.s = c.s;
  mp.r = c.r;
  mp.extras[0] = bias.data();
  mp.extraRowStrides[0] = 0;
  mp.extraColStrides[0] = 1;
  mp.extras[1] = residual.data();
  mp.extraRowStrides[1] = residualStride;
  mp.extraColStrides[1] = 1;
  run<T, OutT, BM, BN, BK, WM, WN, S>(mp);
  if (::testing::Test::HasFatalFailure())
    return;

  auto value = [](const std::vector<Stored<T>> &v, size_t i) {
    return double(decode<T>(v[i]));
  };
  if (monarch) {
    for (size_t i = 0; i < t2.size(); ++i) {
      ASSERT_FALSE(std::isnan(value(t2, i)))
          << "intermediate element " << i << " was never written";
    }
  }

  // Unit roundoffs: of the intermediate's type and of the result's.
  auto unitRoundoff = [](auto type) {
    using E = decltype(type);
    return std::is_same<E, float>::value  ? 0x1p-24
           : std::is_same<E, Half>::value ? 0x1p-11
                                          : 0x1p-8;
  };
  const double uT = unitRoundoff(T{}), u = unitRoundoff(OutT{});
  int failures = 0;
  for (int m = 0; m < c.rows; ++m) {
    // t1 [k*q] in float64 with its sums of magnitudes.
    std::vector<double> t1(mid), t1Magnitude(mid);
    for (int b = 0; b < c.k; ++b)
      for (int i = 0; i < c.q; ++i) {
        double sum = 0, magnitude = 0;
        for (int j = 0; j < c.p; ++j) {
          double term = value(w1, (size_t(b) * c.q + i) * c.p + j) *
                        value(x, size_t(m) * n + b * c.p + j);
          sum += term;
          magnitude += std::fabs(term);
        }
        t1[b * c.q + i] = sum;
        t1Magnitude[b * c.q + i] = magnitude;
      }
    if (monarch) {
      // t2[.., cb, j] is t1[.., j*l + cb] rounded once to T (its f32 sum
      // within 1e-5 of the magnitudes).
      for (int cb = 0; cb < c.l; ++cb)
        for (int j = 0; j < c.r; ++j) {
          double got = value(t2, size_t(m) * mid + cb * c.r + j);
          double want = t1[j * c.l + cb];
          double bound = uT * std::fabs(want) + 1e-5 * t1Magnitude[j * c.l + cb];
          if (!(std::fabs(got - want) <= bound) && ++failures <= 5)
            ADD_FAILURE() << "row " << m << " intermediate (" << cb << ", " << j
                          << "): got " << got << ", expected " << want
                          << " within " << bound;
        }
    }
    for (int col = 0; col < columns; ++col) {
      double product, bound;
      if (!monarch) {
        product = t1[col];
        bound = 1e-5 * t1Magnitude[col];
      } else {
        // out[o*l + cb] = u[cb, o] = sum_j w2[cb, o, j] * t2[cb, j], over
        // the intermediate the kernel wrote (checked above): f32 sums.
        int o = col / c.l, cb = col % c.l;
        product = 0;
        double magnitude = 0;
        for (int j = 0; j < c.r; ++j) {
          double term = value(w2, (size_t(cb) * c.s + o) * c.r + j) *
                        value(t2, size_t(m) * mid + cb * c.r + j);
          product += term;
          magnitude += std::fabs(term);
        }
        bound = 1e-5 * magnitude;
      }
      double b = bias[col], res = residual[size_t(m) * residualStride + col];
      double expected = product + b + res;
      bound += u * (3 * std::fabs(product) + 2 * std::fabs(b) +
                    std::fabs(res)) +
               1e-6;
      size_t at = size_t(m) * columns + col;
      double got;
      if constexpr (std::is_same<OutT, float>::value)
        got = out[at];
      else
        got = emu::toFloat<OutT>(out[at].bits);
      if (!(std::fabs(got - expected) <= bound) && ++failures <= 5)
        ADD_FAILURE() << "row " << m << " column " << col << ": got " << got
                      << ", expected " << expected << " within " << bound;
    }
  }
  EXPECT_EQ(failures, 0);
}
} // namespace

TEST(MonarchEmulation, BlockDiagOddSizes) {
  // p = 21: unaligned rows, the element-wise load path; q = 40 is no tile
  // multiple.
  check<Bf16, Bf16, 32, 32, 32, 1, 2, 2>({37, 3, 40, 21}, 1);
}

TEST(MonarchEmulation, BlockDiagAlignedFloatResult) {
  check<Half, float, 64, 64, 32, 2, 2, 3>({70, 4, 64, 32}, 2);
}

TEST(MonarchEmulation, MonarchSquareBlocks) {
  // n = 64 as 4 blocks of 16 both ways (nblocks = sqrt(n)).
  check<Bf16, Bf16, 32, 32, 32, 2, 1, 2>({45, 4, 16, 16, 4, 16, 16}, 3);
}

TEST(MonarchEmulation, MonarchFewLargeBlocks) {
  // n = 256 as 2 blocks of 128 (the few-large-blocks regime), tiles
  // spanning several k steps and column tiles.
  check<Bf16, float, 64, 64, 32, 2, 2, 3>({66, 2, 128, 128, 2, 128, 128}, 4);
}

TEST(MonarchEmulation, MonarchRectangularFactors) {
  // k*q = 12 read as l = 4 blocks of r = 3 (q = 4 and l = 4, but r != q),
  // s = 5 outputs a block: neither factor square, p != q.
  check<Half, Half, 32, 32, 32, 1, 2, 2>({29, 3, 4, 8, 4, 5, 3}, 5);
}

TEST(MonarchEmulation, MonarchBlocksThatDivideNeitherWay) {
  // q = 6 and l = 4: neither divides the other (f % l splits blocks).
  check<Bf16, Bf16, 32, 32, 32, 1, 2, 2>({19, 2, 6, 16, 4, 9, 3}, 6);
}

TEST(MonarchEmulation, MonarchOneBlock) {
  // nb = 1 on both factors: two dense GEMMs, the permutation the identity.
  check<Bf16, Bf16, 32, 32, 32, 1, 2, 2>({33, 1, 24, 16, 1, 8, 24}, 7);
}

TEST(MonarchEmulation, MonarchDefaultSmallBlockConfig) {
  // The family's default for blocks of at most 64 outputs (128 x 64 x 32,
  // 2 x 2 warps, 4 stages): n = 256 as 8 x 32, rows not a tile multiple.
  check<Bf16, Bf16, 128, 64, 32, 2, 2, 4>({130, 8, 32, 32, 8, 32, 32}, 8);
}
