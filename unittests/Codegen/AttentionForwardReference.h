//===- AttentionForwardReference.h - checks for attention forward kernels -===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The float64 reference of the IR contract's attention forward (GQA,
// bottom-right causal, head sharding, bias) that the emulated CUDA kernels
// of every target are checked against.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_UNITTESTS_CODEGEN_ATTENTIONFORWARDREFERENCE_H
#define ACCEL_UNITTESTS_CODEGEN_ATTENTIONFORWARDREFERENCE_H

#include "CudaEmulation.h"

#include "AttentionForwardSm80.cuh"

#include "gtest/gtest.h"

#include <cmath>
#include <functional>
#include <random>

namespace accelkern_attention::reference {
struct Problem {
  int batch = 1, headsQ = 2, headsKV = 2, seqQ = 16, seqK = 16;
  bool causal = false;
  int shardCount = 0, shardBlock = 1, shardLocal = 0;
  /// Bias: none, an f32 [Sq, Sk] matrix, or a [Sk] row in the input type.
  enum class Bias { None, FloatMatrix, InputTypeRow } bias = Bias::None;
};

/// floor(a / b) for b > 0 (written apart from the kernels' helper).
inline long long floorDivision(long long a, long long b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/// Runs a forward kernel (`run` launches it on the params) on random
/// inputs and compares with float64 attention of the same (rounded)
/// inputs: every output written (poisoned with NaN), error within a few
/// units of the format's precision, lse within 1e-3, -inf lse for rows
/// that see no key.
template <typename T, int HeadDim, bool Causal, bool Sharded>
void checkForward(const Problem &pb, unsigned seed,
                  const std::function<void(const ForwardParams &)> &run) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.f, 1.f);
  auto make = [&](int heads, int seq) {
    std::vector<uint16_t> data(size_t(pb.batch) * heads * seq * HeadDim);
    for (uint16_t &x : data)
      x = emu::fromFloat<T>(normal(rng));
    return data;
  };
  std::vector<uint16_t> q = make(pb.headsQ, pb.seqQ);
  std::vector<uint16_t> k = make(pb.headsKV, pb.seqK);
  std::vector<uint16_t> v = make(pb.headsKV, pb.seqK);
  // Poisoned outputs: whatever the kernel does not write stays NaN.
  std::vector<uint16_t> out(q.size(), emu::fromFloat<T>(NAN));
  std::vector<float> lse(size_t(pb.batch) * pb.headsQ * pb.seqQ, NAN);
  std::vector<float> biasMatrix;
  std::vector<uint16_t> biasRow;
  if (pb.bias == Problem::Bias::FloatMatrix)
    for (int i = 0; i < pb.seqQ * pb.seqK; ++i)
      biasMatrix.push_back(i % 7 == 0 ? -INFINITY : normal(rng));
  if (pb.bias == Problem::Bias::InputTypeRow)
    for (int j = 0; j < pb.seqK; ++j)
      biasRow.push_back(emu::fromFloat<T>(normal(rng)));
  auto biasAt = [&](int i, int j) -> double {
    if (pb.bias == Problem::Bias::FloatMatrix)
      return biasMatrix[size_t(i) * pb.seqK + j];
    if (pb.bias == Problem::Bias::InputTypeRow)
      return emu::toFloat<T>(biasRow[j]);
    return 0.0;
  };

  ForwardParams p = {};
  p.q = q.data();
  p.k = k.data();
  p.v = v.data();
  p.out = out.data();
  p.lse = lse.data();
  p.batch = pb.batch;
  p.headsQ = pb.headsQ;
  p.headsKV = pb.headsKV;
  p.seqQ = pb.seqQ;
  p.seqK = pb.seqK;
  auto strides = [&](long long *s, int heads, int seq) {
    s[0] = (long long)heads * seq * HeadDim;
    s[1] = (long long)seq * HeadDim;
    s[2] = HeadDim;
  };
  strides(p.qStrides, pb.headsQ, pb.seqQ);
  strides(p.kStrides, pb.headsKV, pb.seqK);
  strides(p.vStrides, pb.headsKV, pb.seqK);
  strides(p.oStrides, pb.headsQ, pb.seqQ);
  p.lseStrides[0] = (long long)pb.headsQ * pb.seqQ;
  p.lseStrides[1] = pb.seqQ;
  double scale = 1.0 / std::sqrt(double(HeadDim));
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
    p.biasStrides[3] = 1;
  }

  run(p);

  double maxError = 0.0, maxLseError = 0.0;
  int group = pb.headsQ / pb.headsKV;
  for (int b = 0; b < pb.batch; ++b)
    for (int h = 0; h < pb.headsQ; ++h)
      for (int i = 0; i < pb.seqQ; ++i) {
        auto at = [&](const std::vector<uint16_t> &t, int heads, int seq,
                      int head, int row, int d) {
          return double(emu::toFloat<T>(
              t[((size_t(b) * heads + head) * seq + row) * HeadDim + d]));
        };
        std::vector<double> s(pb.seqK, -INFINITY);
        double rowMax = -INFINITY;
        for (int j = 0; j < pb.seqK; ++j) {
          bool visible = !Causal || j <= i + (pb.seqK - pb.seqQ);
          if (Sharded) {
            // Bottom-right positions (contract v1.1): row i stands at key
            // position i + (Sk - Sq); floor division, also below zero.
            long long qb = floorDivision(i + pb.seqK - pb.seqQ, pb.shardBlock);
            long long kb = j / pb.shardBlock;
            visible &= kb % pb.shardCount == h % pb.shardCount ||
                       (qb - kb >= 0 && qb - kb < pb.shardLocal);
          }
          if (!visible)
            continue;
          double dot = 0;
          for (int d = 0; d < HeadDim; ++d)
            dot += at(q, pb.headsQ, pb.seqQ, h, i, d) *
                   at(k, pb.headsKV, pb.seqK, h / group, j, d);
          s[j] = dot * scale + biasAt(i, j);
          rowMax = std::max(rowMax, s[j]);
        }
        double sum = 0;
        for (int j = 0; j < pb.seqK; ++j)
          sum += std::isinf(s[j]) ? 0.0 : std::exp(s[j] - rowMax);
        if (std::isinf(rowMax))
          sum = 0; // every visible key has a -inf bias
        size_t row = (size_t(b) * pb.headsQ + h) * pb.seqQ + i;
        for (int d = 0; d < HeadDim; ++d) {
          double expected = 0;
          for (int j = 0; j < pb.seqK; ++j)
            if (!std::isinf(s[j]))
              expected += std::exp(s[j] - rowMax) / sum *
                          at(v, pb.headsKV, pb.seqK, h / group, j, d);
          double actual = emu::toFloat<T>(out[row * HeadDim + d]);
          ASSERT_FALSE(std::isnan(actual))
              << "unwritten or NaN output at b=" << b << " h=" << h
              << " i=" << i << " d=" << d;
          maxError = std::max(maxError, std::fabs(actual - expected));
        }
        if (sum == 0) {
          EXPECT_TRUE(std::isinf(lse[row]) && lse[row] < 0)
              << "a row that sees no key has lse -inf (b=" << b << " h=" << h
              << " i=" << i << "), got " << lse[row];
        } else {
          maxLseError = std::max(
              maxLseError, std::fabs(double(lse[row]) - (rowMax + std::log(sum))));
        }
      }
  // P is rounded to the input type for P.V (as in FlashAttention-2) and
  // out once more: a few units of the format's precision.
  double tolerance = std::is_same<T, __nv_bfloat16>::value ? 3e-2 : 4e-3;
  EXPECT_LE(maxError, tolerance);
  EXPECT_LE(maxLseError, 1e-3);
}
} // namespace accelkern_attention::reference

#endif // ACCEL_UNITTESTS_CODEGEN_ATTENTIONFORWARDREFERENCE_H
