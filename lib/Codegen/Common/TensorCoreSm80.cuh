//===- TensorCoreSm80.cuh - mma.sync-era primitives, sm_80+ ------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What every sm_80+ kernel template shares: the CUDA includes (nvcc and
// NVRTC), cp.async, ldmatrix, mma.sync m16n8k16 with f32 accumulation,
// m16n8k32 for 8-bit operands (s8 with i32, e4m3 with f32 accumulation)
// and 16-bit float packing, in namespace accelkern_tc. Families prepend this
// text to their templates (the guard makes a second copy empty, and each
// template's `#include` of it sits in a group the guard skips); under
// ACCEL_CUDA_EMULATION, unittests/Codegen/CudaEmulation.h supplies the same
// functions on the host.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TENSOR_CORE_SM80_CUH
#define ACCEL_TENSOR_CORE_SM80_CUH

#if defined(ACCEL_CUDA_EMULATION)
// Host-side emulation for tests (unittests/Codegen/CudaEmulation.h supplies
// the types, thread indices, barriers and warp-level operations).
#elif !defined(__CUDACC_RTC__)
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>
#include <stdint.h>
#include <type_traits>
#else
// NVRTC (accel-translate --accel-to-ptx) brings its own fixed-width types
// and type traits.
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda/std/cstdint>
#include <cuda/std/type_traits>
using cuda::std::uint32_t;
using cuda::std::uint64_t;
namespace std {
using cuda::std::is_same;
} // namespace std
#endif

namespace accelkern_tc {

/// An f8E4M3FN element as stored (the kernels only move its byte; the
/// tensor cores decode it), so that no fp8 header is needed.
struct Float8E4M3 {
  unsigned char bits;
};

/// What the tensor cores accumulate `T` products in: i32 for i8 (exact,
/// wrapping like the reference's arith.addi), f32 otherwise.
template <typename T> struct AccumulatorOf {
  using type = float;
};
template <> struct AccumulatorOf<signed char> {
  using type = int;
};

#ifndef ACCEL_CUDA_EMULATION
/// -inf without <cmath> (NVRTC has no INFINITY).
__device__ __forceinline__ float negativeInfinity() {
  return __int_as_float(0xff800000);
}

/// 2^x on the special-function unit alone (ex2.approx.ftz: the accuracy of
/// exp2f, whose only other work is rescaling inputs below -126 so that
/// denormal results survive). The softmax's probabilities below 2^-126
/// become 0, which no sum of them can tell from a denormal; exp2f's
/// fix-up cost three instructions an element in the attention forward's
/// loop (bench/sass/report.py).
__device__ __forceinline__ float exp2Fast(float x) {
  float y;
  asm("ex2.approx.ftz.f32 %0, %1;" : "=f"(y) : "f"(x));
  return y;
}

__device__ __forceinline__ uint32_t smemAddress(const void *ptr) {
  return static_cast<uint32_t>(__cvta_generic_to_shared(ptr));
}

/// 16-byte global -> shared copy; `valid` false zero-fills (out-of-range
/// rows must be zeros, not garbage: 0 * NaN would poison P.V).
__device__ __forceinline__ void copyAsync16(void *dst, const void *src,
                                            bool valid) {
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16, %2;\n" ::"r"(
                   smemAddress(dst)),
               "l"(src), "r"(valid ? 16 : 0));
}
__device__ __forceinline__ void commitAsync() {
  asm volatile("cp.async.commit_group;\n" ::);
}
template <int Pending> __device__ __forceinline__ void waitAsync() {
  asm volatile("cp.async.wait_group %0;\n" ::"n"(Pending));
}

__device__ __forceinline__ void ldmatrixX4(uint32_t (&r)[4], const void *ptr) {
  asm volatile("ldmatrix.sync.aligned.m8n8.x4.shared.b16 {%0,%1,%2,%3}, [%4];\n"
               : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
               : "r"(smemAddress(ptr)));
}
__device__ __forceinline__ void ldmatrixX4Trans(uint32_t (&r)[4],
                                                const void *ptr) {
  asm volatile(
      "ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16 {%0,%1,%2,%3}, [%4];\n"
      : "=r"(r[0]), "=r"(r[1]), "=r"(r[2]), "=r"(r[3])
      : "r"(smemAddress(ptr)));
}

/// d += a (16x16, row) * b (16x8, col), f32 accumulation.
template <typename T>
__device__ __forceinline__ void mma16816(float (&d)[4], const uint32_t (&a)[4],
                                         uint32_t b0, uint32_t b1) {
  if constexpr (sizeof(T) == 2 && std::is_same<T, __nv_bfloat16>::value) {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0),
                   "r"(b1));
  } else {
    asm volatile("mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0),
                   "r"(b1));
  }
}

/// d += a (16x32, row) * b (32x8, col) for 8-bit T: signed char (s8,
/// i32 accumulation, no saturation) or Float8E4M3 (sm_89 and up, f32
/// accumulation). In bytes the fragments are m16n8k16's: register r of A
/// holds row g + 8 (r & 1), k bytes 4 t + 16 (r >> 1) ..; B's register r
/// holds k bytes 4 t + 16 r .. of column g.
template <typename T, typename Acc>
__device__ __forceinline__ void mma16832(Acc (&d)[4], const uint32_t (&a)[4],
                                         uint32_t b0, uint32_t b1) {
  if constexpr (std::is_same<T, signed char>::value) {
    asm volatile("mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0),
                   "r"(b1));
  } else {
    static_assert(std::is_same<T, Float8E4M3>::value, "s8 or e4m3");
    asm volatile("mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e4m3.f32 "
                 "{%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, {%0,%1,%2,%3};\n"
                 : "+f"(d[0]), "+f"(d[1]), "+f"(d[2]), "+f"(d[3])
                 : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b0),
                   "r"(b1));
  }
}

/// Two f32 values as one register of T pairs (low half = first).
template <typename T> __device__ __forceinline__ uint32_t pack2(float lo, float hi) {
  if constexpr (std::is_same<T, __nv_bfloat16>::value) {
    __nv_bfloat162 v = __floats2bfloat162_rn(lo, hi);
    return *reinterpret_cast<uint32_t *>(&v);
  } else {
    __half2 v = __floats2half2_rn(lo, hi);
    return *reinterpret_cast<uint32_t *>(&v);
  }
}

/// One 16-bit float element as f32.
template <typename T> __device__ __forceinline__ float loadFloat(const T *p) {
  if constexpr (std::is_same<T, __nv_bfloat16>::value)
    return __bfloat162float(*p);
  else
    return __half2float(*p);
}
#endif // ACCEL_CUDA_EMULATION

/// One f32, bf16 or f16 element as f32 (what the CUDA-core kernels and the
/// epilogues read).
template <typename T> __device__ __forceinline__ float loadAsFloat(const T *p) {
  if constexpr (std::is_same<T, float>::value)
    return *p;
  else
    return loadFloat<T>(p);
}

/// Stores one f32, bf16 or f16 element, rounded once from f32.
template <typename OutT> __device__ __forceinline__ void storeOut(OutT *p, float v) {
#ifdef ACCEL_CUDA_EMULATION
  if constexpr (std::is_same<OutT, float>::value)
    *p = v;
  else
    p->bits = emu::fromFloat<OutT>(v);
#else
  if constexpr (std::is_same<OutT, float>::value)
    *p = v;
  else if constexpr (std::is_same<OutT, __nv_bfloat16>::value)
    *p = __float2bfloat16_rn(v);
  else
    *p = __float2half_rn(v);
#endif
}

} // namespace accelkern_tc

#endif // ACCEL_TENSOR_CORE_SM80_CUH
