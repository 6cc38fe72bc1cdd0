//===- AttentionSimtEmulationTest.cpp - the CUDA-core attention on the CPU ===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs the attention forward on the CUDA cores (AttentionForwardSimt.cuh)
// under the host emulation against a float64 reference of the IR contract,
// with FlashAttention's rule for the error: at most twice that of a naive
// reference in the same precision (f32 products, sums and exp, the output
// rounded once to the storage type) plus a noise floor. Cases: f32 and
// 16-bit storage, head dims the tensor-core kernels do not take (8, 37, 96,
// 256) and Dv != D, GQA, causal with Sq != Sk both ways (fully masked
// rows), head sharding with blocks smaller than the key tile, f32 and
// input-type biases with -inf entries, row-strided views with NaN in the
// padding (outputs' padding must stay unwritten), every tile size a tail,
// and no keys at all.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "AttentionForwardSimt.cuh"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace accelkern_attention;

namespace {
struct Problem {
  int batch = 1, headsQ = 2, headsKV = 2, seqQ = 16, seqK = 16;
  bool causal = false;
  int shardCount = 0, shardBlock = 1, shardLocal = 0;
  /// Extra elements after every row of q, k, v and out (NaN-filled).
  int rowPad = 0;
  /// Bias: none, an f32 [Sq, Sk] matrix, or a [Sk] row in the input type.
  enum class Bias { None, FloatMatrix, InputTypeRow } bias = Bias::None;
};

/// How the test stores an element of T: f32 as itself, 16-bit types as
/// their bits.
template <typename T>
using Storage = std::conditional_t<std::is_same<T, float>::value, float, uint16_t>;

template <typename T> Storage<T> store(float x) {
  if constexpr (std::is_same<T, float>::value)
    return x;
  else
    return emu::fromFloat<T>(x);
}
template <typename T> float load(Storage<T> x) {
  if constexpr (std::is_same<T, float>::value)
    return x;
  else
    return emu::toFloat<T>(x);
}

long long floorDivision(long long a, long long b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/// A [B, H, S, Width] tensor with `pad` NaN elements after every row.
template <typename T> struct Tensor {
  int heads, seq, width, pad;
  std::vector<Storage<T>> data;
  Tensor(int batch, int heads, int seq, int width, int pad)
      : heads(heads), seq(seq), width(width), pad(pad),
        data(size_t(batch) * heads * seq * (width + pad), store<T>(NAN)) {}
  size_t offset(int b, int h, int s, int d) const {
    return ((size_t(b) * heads + h) * seq + s) * (width + pad) + d;
  }
  float at(int b, int h, int s, int d) const {
    return load<T>(data[offset(b, h, s, d)]);
  }
  void setStrides(long long *strides) const {
    strides[2] = width + pad;
    strides[1] = (long long)seq * strides[2];
    strides[0] = (long long)heads * strides[1];
  }
};

/// Runs the kernel on random inputs and checks every output against the
/// references.
template <typename T, int HeadDim, int ValueDim, int BlockM, int BlockN,
          bool Causal, bool Sharded>
void check(const Problem &pb, unsigned seed) {
  ASSERT_EQ(pb.causal, Causal);
  ASSERT_EQ(pb.shardCount > 0, Sharded);
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.f, 1.f);
  auto make = [&](int heads, int seq, int width) {
    Tensor<T> t(pb.batch, heads, seq, width, pb.rowPad);
    for (int b = 0; b < pb.batch; ++b)
      for (int h = 0; h < heads; ++h)
        for (int s = 0; s < seq; ++s)
          for (int d = 0; d < width; ++d)
            t.data[t.offset(b, h, s, d)] = store<T>(normal(rng));
    return t;
  };
  Tensor<T> q = make(pb.headsQ, pb.seqQ, HeadDim);
  Tensor<T> k = make(pb.headsKV, pb.seqK, HeadDim);
  Tensor<T> v = make(pb.headsKV, pb.seqK, ValueDim);
  // Poisoned: whatever the kernel does not write stays NaN.
  Tensor<T> out(pb.batch, pb.headsQ, pb.seqQ, ValueDim, pb.rowPad);
  std::vector<float> lse(size_t(pb.batch) * pb.headsQ * pb.seqQ, NAN);
  std::vector<float> biasMatrix;
  std::vector<Storage<T>> biasRow;
  if (pb.bias == Problem::Bias::FloatMatrix)
    for (int i = 0; i < pb.seqQ * pb.seqK; ++i)
      biasMatrix.push_back(i % 7 == 0 ? -INFINITY : normal(rng));
  if (pb.bias == Problem::Bias::InputTypeRow)
    for (int j = 0; j < pb.seqK; ++j)
      biasRow.push_back(store<T>(j % 5 == 3 ? -INFINITY : normal(rng)));
  auto biasAt = [&](int i, int j) -> double {
    if (pb.bias == Problem::Bias::FloatMatrix)
      return biasMatrix[size_t(i) * pb.seqK + j];
    if (pb.bias == Problem::Bias::InputTypeRow)
      return load<T>(biasRow[j]);
    return 0.0;
  };

  ForwardParams p = {};
  p.q = q.data.data();
  p.k = k.data.data();
  p.v = v.data.data();
  p.out = out.data.data();
  p.lse = lse.data();
  p.batch = pb.batch;
  p.headsQ = pb.headsQ;
  p.headsKV = pb.headsKV;
  p.seqQ = pb.seqQ;
  p.seqK = pb.seqK;
  q.setStrides(p.qStrides);
  k.setStrides(p.kStrides);
  v.setStrides(p.vStrides);
  out.setStrides(p.oStrides);
  p.lseStrides[0] = (long long)pb.headsQ * pb.seqQ;
  p.lseStrides[1] = pb.seqQ;
  const double scale = 1.0 / std::sqrt(double(HeadDim));
  p.scaleLog2 = float(scale * M_LOG2E);
  p.shardCount = pb.shardCount;
  p.shardBlock = pb.shardBlock;
  p.shardLocal = pb.shardLocal;
  if (pb.bias == Problem::Bias::FloatMatrix) {
    p.bias = biasMatrix.data();
    p.biasIsFloat = true;
    p.biasStrides[2] = pb.seqK;
    p.biasStrides[3] = 1;
  } else if (pb.bias == Problem::Bias::InputTypeRow) {
    p.bias = biasRow.data();
    p.biasIsFloat = std::is_same<T, float>::value;
    p.biasStrides[3] = 1;
  }

  using L = simt::Layout<HeadDim, ValueDim, BlockM, BlockN>;
  emu::Dim3 grid{unsigned((pb.seqQ + BlockM - 1) / BlockM),
                 unsigned(pb.headsQ), unsigned(pb.batch)};
  emu::launch(
      grid, simt::kThreads,
      [&] {
        if (pb.bias == Problem::Bias::None)
          attentionForwardSimtKernel<T, HeadDim, ValueDim, BlockM, BlockN,
                                     Causal, Sharded, true, false>(p);
        else
          attentionForwardSimtKernel<T, HeadDim, ValueDim, BlockM, BlockN,
                                     Causal, Sharded, true, true>(p);
      },
      L::kBytes);

  double maxError = 0, maxNaiveError = 0, maxLseError = 0;
  const int group = pb.headsQ / pb.headsKV;
  for (int b = 0; b < pb.batch; ++b)
    for (int h = 0; h < pb.headsQ; ++h)
      for (int i = 0; i < pb.seqQ; ++i) {
        // Scores in float64 and in f32 (the naive same-precision
        // reference: f32 dot products, max, exp and sums).
        std::vector<double> s(pb.seqK, -INFINITY);
        std::vector<float> s32(pb.seqK, -INFINITY);
        double rowMax = -INFINITY;
        float rowMax32 = -INFINITY;
        for (int j = 0; j < pb.seqK; ++j) {
          bool visible = !Causal || j <= i + (pb.seqK - pb.seqQ);
          if (Sharded) {
            long long qb = floorDivision(i + pb.seqK - pb.seqQ, pb.shardBlock);
            long long kb = j / pb.shardBlock;
            visible &= kb % pb.shardCount == h % pb.shardCount ||
                       (qb - kb >= 0 && qb - kb < pb.shardLocal);
          }
          if (!visible)
            continue;
          double dot = 0;
          float dot32 = 0;
          for (int d = 0; d < HeadDim; ++d) {
            dot += double(q.at(b, h, i, d)) * k.at(b, h / group, j, d);
            dot32 += q.at(b, h, i, d) * k.at(b, h / group, j, d);
          }
          s[j] = dot * scale + biasAt(i, j);
          s32[j] = dot32 * float(scale) + float(biasAt(i, j));
          rowMax = std::max(rowMax, s[j]);
          rowMax32 = std::max(rowMax32, s32[j]);
        }
        double sum = 0;
        float sum32 = 0;
        for (int j = 0; j < pb.seqK; ++j)
          if (!std::isinf(s[j])) {
            sum += std::exp(s[j] - rowMax);
            sum32 += std::exp(s32[j] - rowMax32);
          }
        size_t row = (size_t(b) * pb.headsQ + h) * pb.seqQ + i;
        for (int d = 0; d < ValueDim; ++d) {
          double expected = 0;
          float naive = 0;
          for (int j = 0; j < pb.seqK; ++j)
            if (!std::isinf(s[j])) {
              expected += std::exp(s[j] - rowMax) / sum * v.at(b, h / group, j, d);
              naive += std::exp(s32[j] - rowMax32) * v.at(b, h / group, j, d);
            }
          naive = sum32 > 0 ? naive / sum32 : 0.f;
          double naiveRounded = load<T>(store<T>(naive));
          double actual = out.at(b, h, i, d);
          ASSERT_FALSE(std::isnan(actual))
              << "unwritten or NaN output at b=" << b << " h=" << h
              << " i=" << i << " d=" << d;
          maxError = std::max(maxError, std::fabs(actual - expected));
          maxNaiveError =
              std::max(maxNaiveError, std::fabs(naiveRounded - expected));
        }
        for (int d = ValueDim; d < ValueDim + pb.rowPad; ++d)
          ASSERT_TRUE(std::isnan(out.at(b, h, i, d)))
              << "the kernel wrote the output's row padding at b=" << b
              << " h=" << h << " i=" << i;
        if (sum == 0) {
          EXPECT_TRUE(std::isinf(lse[row]) && lse[row] < 0)
              << "a row that sees no key has lse -inf (b=" << b << " h=" << h
              << " i=" << i << "), got " << lse[row];
        } else {
          maxLseError = std::max(
              maxLseError, std::fabs(double(lse[row]) - (rowMax + std::log(sum))));
        }
      }
  // FlashAttention's rule, with a floor of a few f32 ulps of 1 (the
  // exp2-domain softmax: the kernel and the naive f32 reference measured
  // 2e-7 to 8e-7 here); lse to a few ulps.
  EXPECT_LE(maxError, 2 * maxNaiveError + 2e-7)
      << "naive same-precision error " << maxNaiveError;
  EXPECT_LE(maxLseError, 4e-6);
}
} // namespace

TEST(AttentionSimtEmulation, F32GqaCausalWithTailTiles) {
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 100, pb.seqK = 130, pb.causal = true;
  check<float, 64, 64, 64, 64, true, false>(pb, 1);
}

TEST(AttentionSimtEmulation, F32HeadDim8LikeTheFrontEndCorpus) {
  // [2, 2, 8, 8]: one 16-row tile with 8 padding rows, one key tile.
  Problem pb;
  pb.batch = 2, pb.seqQ = 8, pb.seqK = 8;
  check<float, 8, 8, 16, 16, false, false>(pb, 2);
  pb.causal = true;
  check<float, 8, 8, 64, 64, true, false>(pb, 3);
}

TEST(AttentionSimtEmulation, F32OddHeadDimsValueDimDiffersMoreQueriesThanKeys) {
  // D = 37, Dv = 19: the last output column group is partial; rows 0 .. 29
  // see no key (bottom-right causal with Sq - Sk = 30).
  Problem pb;
  pb.headsQ = 3, pb.headsKV = 1, pb.seqQ = 75, pb.seqK = 45, pb.causal = true;
  check<float, 37, 19, 32, 16, true, false>(pb, 4);
}

TEST(AttentionSimtEmulation, F32HeadShardSkipsTiles) {
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 4, pb.seqQ = 120, pb.seqK = 150, pb.causal = true;
  pb.shardCount = 4, pb.shardBlock = 8, pb.shardLocal = 1;
  check<float, 16, 16, 32, 32, true, true>(pb, 5);
}

TEST(AttentionSimtEmulation, F32StridedViewsAndInputTypeBias) {
  // Rows of q, k, v and out padded by 3 NaN elements: the kernel reads
  // through the row strides and leaves the output's padding alone.
  Problem pb;
  pb.batch = 2, pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 33, pb.seqK = 50;
  pb.rowPad = 3, pb.bias = Problem::Bias::InputTypeRow;
  check<float, 24, 40, 16, 32, false, false>(pb, 6);
}

TEST(AttentionSimtEmulation, Bf16HeadDim96FloatBiasMatrix) {
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 45, pb.seqK = 77, pb.causal = true;
  pb.bias = Problem::Bias::FloatMatrix;
  check<__nv_bfloat16, 96, 96, 64, 32, true, false>(pb, 7);
}

TEST(AttentionSimtEmulation, HalfHeadDim8AndValueDim64) {
  // The tensor-core kernels take neither (D = 8, Dv != D).
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 2, pb.seqQ = 20, pb.seqK = 70, pb.rowPad = 8;
  check<__half, 8, 64, 16, 64, false, false>(pb, 8);
}

TEST(AttentionSimtEmulation, HalfInputTypeBiasWithShards) {
  // A bias in the input type (f16, with -inf entries) and head sharding.
  Problem pb;
  pb.headsQ = 4, pb.headsKV = 2, pb.seqQ = 50, pb.seqK = 61, pb.causal = true;
  pb.shardCount = 2, pb.shardBlock = 8, pb.shardLocal = 1;
  pb.bias = Problem::Bias::InputTypeRow;
  check<__half, 40, 24, 32, 16, true, true>(pb, 12);
}

TEST(AttentionSimtEmulation, F32HeadDim256) {
  Problem pb;
  pb.headsQ = 1, pb.headsKV = 1, pb.seqQ = 20, pb.seqK = 35;
  check<float, 256, 256, 16, 16, false, false>(pb, 9);
}

TEST(AttentionSimtEmulation, NoKeysGivesZeroOutputAndNegativeInfinityLse) {
  Problem pb;
  pb.headsQ = 2, pb.headsKV = 1, pb.seqQ = 20, pb.seqK = 0;
  check<float, 8, 8, 16, 16, false, false>(pb, 10);
  pb.causal = true, pb.shardCount = 2, pb.shardBlock = 4, pb.shardLocal = 1;
  check<float, 8, 8, 16, 16, true, true>(pb, 11);
}
