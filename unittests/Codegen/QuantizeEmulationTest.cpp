//===- QuantizeEmulationTest.cpp - the quantize kernel on the CPU ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Runs Quantize.cuh under the host emulation against the contract written
// out independently here: each element's scale index from its multi-index
// (tensor: 0; channel: its index along the axis; group: its multi-index
// with the axis index divided by the group size), the scale as absmax /
// qmax (1 for 0) or the static one, i8 by round half to even and clamp (NaN
// -> 0), f8E4M3FN as the nearest of all 256 codes' values after
// saturation, ties to the even code. Every granularity, both element types,
// static and dynamic scales, all-zero segments, saturation, NaN, fp8's
// subnormals and ties. q and the scale are compared exactly; outputs start
// poisoned.
//
//===----------------------------------------------------------------------===//

#include "CudaEmulation.h"

#include "Quantize.cuh"

#include "gtest/gtest.h"

#include <cmath>
#include <random>
#include <vector>

using namespace accelkern_quantize;

namespace {

enum class Granularity { Tensor, Channel, Group };

struct Case {
  std::vector<long long> shape;
  Granularity granularity = Granularity::Tensor;
  int axis = 0;
  long long group = 1;
  bool fp8 = false;
  bool staticScale = false;
};

/// f8E4M3FN's code for an f32 by exhaustive search: saturate to 448, the
/// nearest finite code's value, ties to the even code; NaN -> 0x7f.
uint8_t nearestE4M3(float v) {
  if (std::isnan(v))
    return 0x7f;
  v = std::fmin(std::fmax(v, -448.f), 448.f);
  int best = -1;
  double bestDistance = INFINITY;
  for (int code = 0; code < 256; ++code) {
    float value = emu::e4m3ToFloat(uint8_t(code));
    if (std::isnan(value) || (std::signbit(value) != std::signbit(v)))
      continue;
    double distance = std::fabs(double(value) - double(v));
    if (distance < bestDistance ||
        (distance == bestDistance && (code & 1) == 0 && (best & 1) == 1)) {
      best = code;
      bestDistance = distance;
    }
  }
  return uint8_t(best);
}

/// Runs the kernel on `c` with `x` (f32 storage of type T's values) and
/// checks q and the scale against the contract.
template <typename T>
void check(const Case &c, const std::vector<float> &x, float staticScale = 1.f) {
  const int rank = c.shape.size();
  long long total = 1;
  for (long long size : c.shape)
    total *= size;
  ASSERT_EQ((long long)x.size(), total);
  std::vector<T> xs(total);
  for (long long i = 0; i < total; ++i) {
    if constexpr (std::is_same<T, float>::value)
      xs[i] = x[i];
    else
      xs[i].bits = emu::fromFloat<T>(x[i]);
  }
  auto valueOf = [&](long long i) {
    if constexpr (std::is_same<T, float>::value)
      return xs[i];
    else
      return emu::toFloat<T>(xs[i].bits);
  };

  // Each element's scale index, from its multi-index.
  std::vector<long long> scaleShape;
  if (c.granularity == Granularity::Channel)
    scaleShape = {c.shape[c.axis]};
  else if (c.granularity == Granularity::Group) {
    scaleShape = c.shape;
    scaleShape[c.axis] /= c.group;
  }
  long long scales = 1;
  for (long long size : scaleShape)
    scales *= size;
  std::vector<long long> scaleIndex(total);
  for (long long i = 0; i < total; ++i) {
    std::vector<long long> index(rank);
    long long rest = i;
    for (int d = rank - 1; d >= 0; --d) {
      index[d] = rest % c.shape[d];
      rest /= c.shape[d];
    }
    if (c.granularity == Granularity::Tensor) {
      scaleIndex[i] = 0;
    } else if (c.granularity == Granularity::Channel) {
      scaleIndex[i] = index[c.axis];
    } else {
      index[c.axis] /= c.group;
      long long s = 0;
      for (int d = 0; d < rank; ++d)
        s = s * scaleShape[d] + index[d];
      scaleIndex[i] = s;
    }
  }
  float qmax = c.fp8 ? 448.f : 127.f;
  std::vector<float> wantScale(scales, 0.f);
  if (c.staticScale) {
    std::fill(wantScale.begin(), wantScale.end(), staticScale);
  } else {
    for (long long i = 0; i < total; ++i)
      wantScale[scaleIndex[i]] =
          std::fmax(wantScale[scaleIndex[i]], std::fabs(valueOf(i)));
    for (float &s : wantScale) {
      s = s / qmax;
      if (s == 0.f)
        s = 1.f;
    }
  }

  // The parameters as QuantizeParams documents them (what the family's
  // host code computes; test/Target/CUDA/quantize.mlir checks that side).
  QuantizeParams p = {};
  std::vector<float> staticScales(scales, staticScale);
  std::vector<uint8_t> q(total, 0xa5);
  std::vector<float> scaleOut(scales, NAN);
  p.x = xs.data();
  p.scale = c.staticScale ? staticScales.data() : nullptr;
  p.q = q.data();
  p.scaleOut = scaleOut.data();
  long long outer = 1, inner = 1;
  for (int d = 0; d < c.axis; ++d)
    outer *= c.shape[d];
  for (int d = c.axis + 1; d < rank; ++d)
    inner *= c.shape[d];
  if (c.granularity == Granularity::Tensor) {
    p.segments = p.segInner = p.lenOuter = p.lenInnerStride = 1;
    p.lenInner = total;
    p.flat = c.staticScale;
  } else if (c.granularity == Granularity::Channel) {
    long long channels = c.shape[c.axis];
    p.segments = p.segInner = channels;
    p.segInnerStride = inner;
    p.lenOuter = outer;
    p.lenInner = inner;
    p.lenOuterStride = channels * inner;
    p.lenInnerStride = 1;
  } else {
    p.segments = outer * (c.shape[c.axis] / c.group) * inner;
    p.segInner = inner;
    p.segOuterStride = c.group * inner;
    p.segInnerStride = 1;
    p.lenOuter = 1;
    p.lenInner = c.group;
    p.lenInnerStride = inner;
  }
  constexpr int kWarps = 4;
  unsigned blocks = p.flat ? unsigned(std::min<long long>(
                                 (total + 32 * kWarps - 1) / (32 * kWarps), 3))
                           : unsigned((p.segments + kWarps - 1) / kWarps);
  emu::launch(emu::Dim3{std::max(blocks, 1u), 1, 1}, 32 * kWarps, [&] {
    if (c.fp8)
      quantizeKernel<T, unsigned char, kWarps>(p);
    else
      quantizeKernel<T, signed char, kWarps>(p);
  });

  for (long long s = 0; s < scales; ++s)
    ASSERT_EQ(scaleOut[s], wantScale[s]) << "scale " << s;
  for (long long i = 0; i < total; ++i) {
    float v = valueOf(i) / wantScale[scaleIndex[i]];
    uint8_t want;
    if (c.fp8) {
      want = nearestE4M3(v);
    } else {
      float r = std::isnan(v) ? 0.f : std::fmin(std::fmax(std::nearbyint(v), -128.f), 127.f);
      want = uint8_t(int8_t(int(r)));
    }
    ASSERT_EQ(int(q[i]), int(want)) << "element " << i << " (" << valueOf(i)
                                    << " / " << wantScale[scaleIndex[i]] << ")";
  }
}

std::vector<float> randomValues(long long n, unsigned seed, float spread = 3.f) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0.f, spread);
  std::vector<float> v(n);
  for (float &x : v)
    x = normal(rng);
  return v;
}

} // namespace

TEST(QuantizeEmulation, PerTokenInt8WithAnAllZeroRow) {
  Case c;
  c.shape = {37, 300};
  c.granularity = Granularity::Channel;
  c.axis = 0;
  std::vector<float> x = randomValues(37 * 300, 1);
  for (int j = 0; j < 300; ++j)
    x[5 * 300 + j] = 0.f; // scale 1, every q 0
  check<__nv_bfloat16>(c, x);
}

TEST(QuantizeEmulation, PerColumnReducesAcrossRows) {
  Case c;
  c.shape = {50, 33};
  c.granularity = Granularity::Channel;
  c.axis = 1;
  check<float>(c, randomValues(50 * 33, 2));
}

TEST(QuantizeEmulation, GroupsAlongTheLastAxisFp8) {
  Case c;
  c.shape = {5, 256};
  c.granularity = Granularity::Group;
  c.axis = 1;
  c.group = 64;
  c.fp8 = true;
  check<__half>(c, randomValues(5 * 256, 3));
}

TEST(QuantizeEmulation, GroupsAlongALeadingAxis) {
  Case c;
  c.shape = {128, 3, 5};
  c.granularity = Granularity::Group;
  c.axis = 0;
  c.group = 32;
  check<float>(c, randomValues(128 * 15, 4));
}

TEST(QuantizeEmulation, DynamicPerTensorAllZero) {
  Case c;
  c.shape = {7, 9, 11};
  check<float>(c, std::vector<float>(7 * 9 * 11, 0.f));
  check<float>(c, randomValues(7 * 9 * 11, 5));
}

TEST(QuantizeEmulation, StaticPerTensorSaturatesAndZeroesNaN) {
  // The flat grid-stride mode over more elements than its threads.
  Case c;
  c.shape = {1000};
  c.staticScale = true;
  std::vector<float> x = randomValues(1000, 6, 40.f);
  x[3] = 1e9f;
  x[4] = -1e9f;
  x[5] = NAN;
  x[6] = 1.25f; // 2.5: ties to even, 2
  x[7] = -1.75f; // -3.5: -4
  check<float>(c, x, 0.5f);
}

TEST(QuantizeEmulation, Fp8SubnormalsTiesAndSaturation) {
  Case c;
  c.shape = {16};
  c.staticScale = true;
  c.fp8 = true;
  std::vector<float> x = {0x1p-10f,      // halfway to the smallest subnormal: 0
                          3 * 0x1p-10f,  // between codes 1 and 2: 2
                          0x1p-9f,       0x1p-6f * 15 / 16, // the top subnormal rounds to 2^-6
                          17.f,          // between 16 and 18: 16
                          19.f,          // between 18 and 20: 20
                          464.f,         -500.f, 448.f, NAN, -0.f, 0.f,
                          0.3f,          -1.7f,  1e-30f, 250.f};
  check<float>(c, x);
}
