//===- AttentionBackwardEmulationTest.cpp - CUDA attention backward on the CPU ===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the attention backward template (preprocess, main, convert) under
// the host emulation against float64 gradients of the IR contract's
// attention: GQA (dK/dV summed over query heads), causal with Sq != Sk both
// ways (rows that see nothing get zero gradients), head sharding, odd
// lengths, d = 64/128, bf16/f16.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "AttentionForwardSm80.cuh"
#include "AttentionBackwardSm80.cuh"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>
#include <random>

using namespace accelkern_attention;

namespace {
struct Problem {
  int batch = 1, headsQ = 2, headsKV = 2, seqQ = 16, seqK = 16;
  int shardCount = 0, shardBlock = 1, shardLocal = 0;
};

template <typename T, int HeadDim, int NumWarps, bool Causal, bool Sharded>
void checkGradients(const Problem &pb, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.f, 1.f);
  const int group = pb.headsQ / pb.headsKV;
  const size_t qElements = size_t(pb.batch) * pb.headsQ * pb.seqQ * HeadDim;
  const size_t kElements = size_t(pb.batch) * pb.headsKV * pb.seqK * HeadDim;
  auto random = [&](size_t n) {
    std::vector<uint16_t> data(n);
    for (uint16_t &x : data)
      x = emu::fromFloat<T>(normal(rng));
    return data;
  };
  std::vector<uint16_t> q = random(qElements), k = random(kElements),
                        v = random(kElements), dout = random(qElements);
  auto val = [](const std::vector<uint16_t> &t, size_t i) {
    return double(emu::toFloat<T>(t[i]));
  };
  const double scale = 1.0 / std::sqrt(double(HeadDim));
  auto qIndex = [&](int b, int h, int i) {
    return ((size_t(b) * pb.headsQ + h) * pb.seqQ + i) * HeadDim;
  };
  auto kIndex = [&](int b, int h, int j) {
    return ((size_t(b) * pb.headsKV + h) * pb.seqK + j) * HeadDim;
  };
  auto visible = [&](int h, int i, int j) {
    bool ok = !Causal || j <= i + (pb.seqK - pb.seqQ);
    if (Sharded) {
      // Bottom-right positions (contract v1.1): floor((i + Sk - Sq) / Bk).
      long long shifted = (long long)i + pb.seqK - pb.seqQ;
      long long qb = shifted >= 0 ? shifted / pb.shardBlock
                                  : -((-shifted + pb.shardBlock - 1) / pb.shardBlock);
      long long kb = j / pb.shardBlock;
      ok &= kb % pb.shardCount == h % pb.shardCount ||
            (qb - kb >= 0 && qb - kb < pb.shardLocal);
    }
    return ok;
  };

  // Forward in float64: P, out (rounded to T, as the kernel is given it),
  // lse (f32).
  std::vector<double> prob(size_t(pb.batch) * pb.headsQ * pb.seqQ * pb.seqK, 0);
  std::vector<uint16_t> out(qElements);
  std::vector<float> lse(size_t(pb.batch) * pb.headsQ * pb.seqQ);
  for (int b = 0; b < pb.batch; ++b)
    for (int h = 0; h < pb.headsQ; ++h)
      for (int i = 0; i < pb.seqQ; ++i) {
        size_t row = (size_t(b) * pb.headsQ + h) * pb.seqQ + i;
        double maxScore = -INFINITY;
        std::vector<double> s(pb.seqK, -INFINITY);
        for (int j = 0; j < pb.seqK; ++j) {
          if (!visible(h, i, j))
            continue;
          double dot = 0;
          for (int d = 0; d < HeadDim; ++d)
            dot += val(q, qIndex(b, h, i) + d) * val(k, kIndex(b, h / group, j) + d);
          s[j] = dot * scale;
          maxScore = std::max(maxScore, s[j]);
        }
        double sum = 0;
        for (int j = 0; j < pb.seqK; ++j)
          sum += std::isinf(s[j]) ? 0 : std::exp(s[j] - maxScore);
        lse[row] = sum > 0 ? float(maxScore + std::log(sum)) : -INFINITY;
        for (int j = 0; j < pb.seqK; ++j)
          prob[row * pb.seqK + j] =
              std::isinf(s[j]) ? 0 : std::exp(s[j] - maxScore) / sum;
        for (int d = 0; d < HeadDim; ++d) {
          double o = 0;
          for (int j = 0; j < pb.seqK; ++j)
            o += prob[row * pb.seqK + j] * val(v, kIndex(b, h / group, j) + d);
          out[qIndex(b, h, i) + d] = emu::fromFloat<T>(float(o));
        }
      }

  // Reference gradients.
  std::vector<double> dq(qElements, 0), dk(kElements, 0), dv(kElements, 0);
  for (int b = 0; b < pb.batch; ++b)
    for (int h = 0; h < pb.headsQ; ++h)
      for (int i = 0; i < pb.seqQ; ++i) {
        size_t row = (size_t(b) * pb.headsQ + h) * pb.seqQ + i;
        double delta = 0;
        for (int d = 0; d < HeadDim; ++d)
          delta += val(dout, qIndex(b, h, i) + d) * val(out, qIndex(b, h, i) + d);
        for (int j = 0; j < pb.seqK; ++j) {
          double p = prob[row * pb.seqK + j];
          if (p == 0)
            continue;
          double dp = 0;
          for (int d = 0; d < HeadDim; ++d)
            dp += val(dout, qIndex(b, h, i) + d) * val(v, kIndex(b, h / group, j) + d);
          double ds = p * (dp - delta);
          for (int d = 0; d < HeadDim; ++d) {
            dv[kIndex(b, h / group, j) + d] += p * val(dout, qIndex(b, h, i) + d);
            dq[qIndex(b, h, i) + d] += scale * ds * val(k, kIndex(b, h / group, j) + d);
            dk[kIndex(b, h / group, j) + d] += scale * ds * val(q, qIndex(b, h, i) + d);
          }
        }
      }

  // The kernels, on poisoned outputs.
  std::vector<uint16_t> dqOut(qElements, emu::fromFloat<T>(NAN)),
      dkOut(kElements, emu::fromFloat<T>(NAN)), dvOut(kElements, emu::fromFloat<T>(NAN));
  std::vector<float> workspace(qElements + 2 * kElements + lse.size(), 0.f);
  BackwardParams p = {};
  p.q = q.data(), p.k = k.data(), p.v = v.data(), p.out = out.data(), p.dout = dout.data();
  p.lse = lse.data();
  p.dq = dqOut.data(), p.dk = dkOut.data(), p.dv = dvOut.data();
  p.dqAccum = workspace.data();
  p.dkAccum = p.dqAccum + qElements;
  p.dvAccum = p.dkAccum + kElements;
  p.delta = p.dvAccum + kElements;
  p.batch = pb.batch, p.headsQ = pb.headsQ, p.headsKV = pb.headsKV;
  p.seqQ = pb.seqQ, p.seqK = pb.seqK;
  auto strides = [&](long long *s, int heads, int seq) {
    s[0] = (long long)heads * seq * HeadDim;
    s[1] = (long long)seq * HeadDim;
    s[2] = HeadDim;
  };
  for (long long *s : {p.qStrides, p.oStrides, p.doStrides, p.dqStrides})
    strides(s, pb.headsQ, pb.seqQ);
  for (long long *s : {p.kStrides, p.vStrides, p.dkStrides, p.dvStrides})
    strides(s, pb.headsKV, pb.seqK);
  p.lseStrides[0] = (long long)pb.headsQ * pb.seqQ;
  p.lseStrides[1] = pb.seqQ;
  p.scale = float(scale);
  p.scaleLog2 = float(scale * M_LOG2E);
  p.shardCount = pb.shardCount, p.shardBlock = pb.shardBlock, p.shardLocal = pb.shardLocal;

  constexpr int kBlock = 16 * NumWarps;
  long long rows = (long long)lse.size();
  emu::launch({unsigned((rows + 63) / 64), 1, 1}, 64, [&] {
    attentionBackwardPreprocessKernel<T, HeadDim>(p);
  });
  emu::launch({unsigned((pb.seqK + kBlock - 1) / kBlock), unsigned(pb.headsQ),
               unsigned(pb.batch)},
              NumWarps * 32, [&] {
                attentionBackwardKernel<T, HeadDim, NumWarps, Causal, Sharded>(p);
              });
  auto convert = [&](const float *accum, std::vector<uint16_t> &target, int heads,
                     int seq, const long long *s) {
    long long n = (long long)target.size();
    emu::launch({unsigned((n + 255) / 256), 1, 1}, 256, [&] {
      attentionBackwardConvertKernel<T, HeadDim>(accum, target.data(), n, heads,
                                                 seq, s[0], s[1], s[2]);
    });
  };
  convert(p.dqAccum, dqOut, pb.headsQ, pb.seqQ, p.dqStrides);
  convert(p.dkAccum, dkOut, pb.headsKV, pb.seqK, p.dkStrides);
  convert(p.dvAccum, dvOut, pb.headsKV, pb.seqK, p.dvStrides);

  // Errors relative to each gradient's largest magnitude: P and dS are
  // rounded to the input type for the tensor-core products.
  double tolerance = std::is_same<T, __nv_bfloat16>::value ? 2.5e-2 : 4e-3;
  auto compare = [&](const char *name, const std::vector<uint16_t> &got,
                     const std::vector<double> &want) {
    double maxError = 0, maxMagnitude = 1e-6;
    for (size_t i = 0; i < got.size(); ++i) {
      double actual = emu::toFloat<T>(got[i]);
      ASSERT_FALSE(std::isnan(actual)) << name << " element " << i << " is NaN";
      maxError = std::max(maxError, std::fabs(actual - want[i]));
      maxMagnitude = std::max(maxMagnitude, std::fabs(want[i]));
    }
    EXPECT_LE(maxError / maxMagnitude, tolerance)
        << name << ": max error " << maxError << " at max magnitude " << maxMagnitude;
  };
  compare("dq", dqOut, dq);
  compare("dk", dkOut, dk);
  compare("dv", dvOut, dv);
}
} // namespace

TEST(AttentionBackwardEmulation, GqaCausal) {
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 70, pb.seqK = 90;
  checkGradients<__nv_bfloat16, 64, 4, true, false>(pb, 11);
}

TEST(AttentionBackwardEmulation, NonCausalHeadDim128Half) {
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 50, pb.seqK = 33;
  checkGradients<__half, 128, 2, false, false>(pb, 12);
}

TEST(AttentionBackwardEmulation, CausalMoreQueriesThanKeys) {
  Problem pb;
  pb.headsQ = 1, pb.headsKV = 1, pb.seqQ = 80, pb.seqK = 30;
  checkGradients<__nv_bfloat16, 64, 2, true, false>(pb, 13);
}

TEST(AttentionBackwardEmulation, HeadShardCausal) {
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 96, pb.seqK = 96;
  pb.shardCount = 4, pb.shardBlock = 16, pb.shardLocal = 1;
  checkGradients<__nv_bfloat16, 64, 2, true, true>(pb, 14);
}

// Sharding with Sq != Sk: bottom-right positions (contract v1.1), in the
// per-element masks and in the query-tile skipping.
TEST(AttentionBackwardEmulation, HeadShardMoreQueriesThanKeysFloorsNegativeBlocks) {
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 120, pb.seqK = 40;
  pb.shardCount = 4, pb.shardBlock = 16, pb.shardLocal = 1;
  checkGradients<__nv_bfloat16, 64, 2, false, true>(pb, 15);
}

TEST(AttentionBackwardEmulation, HeadShardDecodeCausal) {
  // Two queries against 300 keys: local blocks are the latest ones.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 2, pb.seqK = 300;
  pb.shardCount = 4, pb.shardBlock = 16, pb.shardLocal = 2;
  checkGradients<__nv_bfloat16, 64, 2, true, true>(pb, 16);
}

TEST(AttentionBackwardEmulation, NoKeysOrNoQueriesGiveZeroGradients) {
  // Sk = 0: dQ = 0 (every row saw nothing); Sq = 0: dK = dV = 0.
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 40, pb.seqK = 0;
  checkGradients<__nv_bfloat16, 64, 2, true, false>(pb, 17);
  pb.seqQ = 0, pb.seqK = 50;
  checkGradients<__nv_bfloat16, 64, 2, false, false>(pb, 18);
}

namespace {
/// The dS^T layout of a kBlock = Cols tile: a bijection onto the tile, and
/// free of bank conflicts (32 banks of 4 bytes) for the two access
/// patterns of the kernel: each ldmatrix phase (8 rows from a multiple of 8,
/// one 16-byte chunk each) and each warp-wide staging store (8 rows from a
/// multiple of 8, 4 lanes a row writing 4 bytes each within one chunk).
template <int Cols> void checkDsLayout() {
  std::vector<int> seen(Cols * Cols, 0);
  for (int row = 0; row < Cols; ++row)
    for (int col = 0; col < Cols; ++col) {
      int at = detail::dsSwizzled<Cols>(row, col);
      ASSERT_GE(at, 0);
      ASSERT_LT(at, Cols * Cols);
      ++seen[at];
      // A 16-byte chunk stays contiguous (ldmatrix reads it whole).
      if (col % 8 != 0) {
        ASSERT_EQ(at, detail::dsSwizzled<Cols>(row, col - 1) + 1);
      }
    }
  for (int count : seen)
    ASSERT_EQ(count, 1) << "not a bijection (Cols = " << Cols << ")";
  auto bank = [](int element) { return (element * 2 / 4) % 32; };
  for (int row0 = 0; row0 < Cols; row0 += 8)
    for (int col = 0; col < Cols; col += 8) {
      std::vector<int> banks;
      for (int r = 0; r < 8; ++r)
        for (int word = 0; word < 4; ++word)
          banks.push_back(bank(detail::dsSwizzled<Cols>(row0 + r, col) + 2 * word));
      std::sort(banks.begin(), banks.end());
      EXPECT_TRUE(std::adjacent_find(banks.begin(), banks.end()) == banks.end())
          << "bank conflict: Cols = " << Cols << ", rows " << row0 << "+8, chunk "
          << col / 8;
    }
}
} // namespace

TEST(AttentionBackwardEmulation, DsStagingLayoutIsConflictFreeBijection) {
  // kBlock = 16 * NumWarps for 1, 2, 4 and 8 warps.
  checkDsLayout<16>();
  checkDsLayout<32>();
  checkDsLayout<64>();
  checkDsLayout<128>();
}
