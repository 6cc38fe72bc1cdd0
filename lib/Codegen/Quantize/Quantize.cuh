//===- Quantize.cuh - accel.quantize, static and dynamic scales -----------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The kernel accel-translate instantiates for accel.quantize (docs/
// codegen.md, "The quantize family"): one warp per scale element (a
// segment of x: the whole tensor, one channel, or one group). Without a
// scale operand the warp first reduces its segment's absmax (maxnum of |x|
// from 0, so NaN is skipped as the reference's arith.maxnumf does), then
// scale = absmax / qmax, 1 where that is 0; with one it reads the static
// scale. Then q = x / scale rounded as the reference does: i8 by round half
// to even, clamped to [-128, 127] (NaN -> 0); f8E4M3FN saturated to
// [-448, 448] and rounded to nearest even, subnormals included (NaN stays
// NaN).
//
// A segment's elements are addressed by two levels each of segment and
// element index, which covers all three granularities over a dense x
// (QuantizeParams). Self-contained apart from TensorCoreSm80.cuh.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_QUANTIZE_CUH
#define ACCEL_QUANTIZE_CUH

#ifndef ACCEL_TENSOR_CORE_SM80_CUH
// Generated sources carry the primitives' text above this one (the CUDA
// includes for nvcc and NVRTC, loadFloat).
#include "../Common/TensorCoreSm80.cuh"
#endif

namespace accelkern_quantize {

/// x (dense) and its segments: segment s = so * segInner + si holds the
/// elements e = eo * lenInner + ei (eo < lenOuter) at
///   so * segOuterStride + si * segInnerStride
///     + eo * lenOuterStride + ei * lenInnerStride,
/// and its scale is element s of the scale tensors (dense).
///   per tensor:        1 segment, lenInner = x's size, stride 1
///   channel of [O, C, I]:  segInner = C (stride I), lenOuter = O (stride
///                          C * I), lenInner = I (stride 1)
///   group of [O, C, G, I]: segOuter = O * C (stride G * I), segInner = I
///                          (stride 1), lenInner = G (stride I)
struct QuantizeParams {
  const void *x;
  /// The static scale, or null for a dynamic one.
  const float *scale;
  void *q;
  float *scaleOut;
  long long segments, segInner, lenOuter, lenInner;
  long long segOuterStride, segInnerStride, lenOuterStride, lenInnerStride;
  /// A static per-tensor scale: no segment needs a warp of its own, every
  /// thread quantizes elements of the one dense run (grid-stride).
  bool flat;
};

namespace detail {

template <typename T> __device__ __forceinline__ float loadX(const T *p) {
  if constexpr (std::is_same<T, float>::value)
    return *p;
  else
    return accelkern_tc::loadFloat<T>(p);
}

/// maxnum: the larger, a NaN operand ignored.
__device__ __forceinline__ float maxNum(float a, float b) {
  if (a != a)
    return b;
  if (b != b)
    return a;
  return a > b ? a : b;
}

/// An f32 already clamped to [-448, 448] (or NaN) as f8E4M3FN, rounded to
/// nearest even: below 2^-6 the subnormal step 2^-9 (a quotient of 8 is
/// the smallest normal, whose encoding is 8 too), else three mantissa bits
/// of the binade.
__device__ __forceinline__ unsigned char encodeE4M3(float v) {
  if (v != v)
    return 0x7f;
  unsigned char sign = copysignf(1.f, v) < 0.f ? 0x80 : 0;
  float a = fabsf(v);
  if (a < 0x1p-6f)
    return sign | (unsigned char)rintf(a * 512.f);
  int e;
  frexpf(a, &e); // a = f * 2^e, f in [0.5, 1)
  int exponent = e - 1;
  int m = (int)rintf(ldexpf(a, 3 - exponent)); // 8 .. 16
  if (m == 16) {
    m = 8;
    ++exponent;
  }
  return sign | (unsigned char)(((exponent + 7) << 3) | (m - 8));
}

/// q of x / scale.
template <typename Q> __device__ __forceinline__ Q quantizeValue(float v);
template <> __device__ __forceinline__ signed char quantizeValue(float v) {
  if (v != v)
    return 0;
  float r = rintf(v);
  r = r < -128.f ? -128.f : r > 127.f ? 127.f : r;
  return (signed char)(int)r;
}
template <> __device__ __forceinline__ unsigned char quantizeValue(float v) {
  if (v == v)
    v = v < -448.f ? -448.f : v > 448.f ? 448.f : v;
  return encodeE4M3(v);
}

/// The largest |q|: 127 (i8), 448 (f8E4M3FN).
template <typename Q> constexpr float kQMax = 127.f;
template <> constexpr float kQMax<unsigned char> = 448.f;

} // namespace detail

/// T: the element of x (float, __half, __nv_bfloat16); Q: signed char (i8)
/// or unsigned char (the f8E4M3FN byte). kWarps warps per block.
template <typename T, typename Q, int kWarps>
__global__ void __launch_bounds__(32 * kWarps)
    quantizeKernel(const QuantizeParams p) {
  using namespace detail;
  if (p.flat) {
    const T *x = static_cast<const T *>(p.x);
    Q *q = static_cast<Q *>(p.q);
    const float scale = p.scale[0];
    if (blockIdx.x == 0 && threadIdx.x == 0)
      p.scaleOut[0] = scale;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
         i < p.lenInner; i += (long long)gridDim.x * blockDim.x)
      q[i] = quantizeValue<Q>(loadX(x + i) / scale);
    return;
  }
  const long long s =
      (long long)blockIdx.x * kWarps + (long long)(threadIdx.x / 32);
  const int lane = threadIdx.x % 32;
  if (s >= p.segments)
    return;
  const long long base = (s / p.segInner) * p.segOuterStride +
                         (s % p.segInner) * p.segInnerStride;
  const long long length = p.lenOuter * p.lenInner;
  const T *x = static_cast<const T *>(p.x);
  Q *q = static_cast<Q *>(p.q);
  auto at = [&](long long e) {
    return base + (e / p.lenInner) * p.lenOuterStride +
           (e % p.lenInner) * p.lenInnerStride;
  };
  float scale;
  if (p.scale) {
    scale = p.scale[s];
  } else {
    float absmax = 0.f;
    for (long long e = lane; e < length; e += 32)
      absmax = maxNum(absmax, fabsf(loadX(x + at(e))));
    // Every lane ends with the segment's absmax (maxnum is exact, so the
    // order does not matter).
    #pragma unroll
    for (int offset = 16; offset > 0; offset /= 2)
      absmax = maxNum(absmax, __shfl_xor_sync(0xffffffffu, absmax, offset));
    scale = absmax / kQMax<Q>;
    if (scale == 0.f)
      scale = 1.f;
  }
  if (lane == 0)
    p.scaleOut[s] = scale;
  for (long long e = lane; e < length; e += 32) {
    long long i = at(e);
    q[i] = quantizeValue<Q>(loadX(x + i) / scale);
  }
}

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// One warp per segment, kWarps segments a block.
template <typename T, typename Q, int kWarps>
cudaError_t launchQuantize(const QuantizeParams &p, cudaStream_t stream) {
  if (p.segments == 0)
    return cudaSuccess;
  long long blocks = p.flat ? (p.lenInner + 32 * kWarps - 1) / (32 * kWarps)
                            : (p.segments + kWarps - 1) / kWarps;
  if (p.flat)
    blocks = blocks < 1 ? 1 : blocks > 65535 ? 65535 : blocks;
  if (blocks > 2147483647ll)
    return cudaErrorInvalidConfiguration;
  quantizeKernel<T, Q, kWarps>
      <<<unsigned(blocks), 32 * kWarps, 0, stream>>>(p);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_quantize

#endif // ACCEL_QUANTIZE_CUH
