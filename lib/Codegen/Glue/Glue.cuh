//===- Glue.cuh - the host program's own kernels ---------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What the host program launches between kernel families: a strided copy
// that makes a view (a transpose of the last dim, a collapse of a
// transposed tensor, a returned slice) dense, for a kernel or a result
// buffer that needs dense row-major data. One thread per element, up to
// kMaxRank dims; elements move as raw words of their size.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_GLUE_CUH
#define ACCEL_GLUE_CUH

#if defined(ACCEL_CUDA_EMULATION)
#elif !defined(__CUDACC_RTC__)
#include <cuda_runtime.h>
#endif

namespace accelkern_glue {

constexpr int kMaxRank = 8;

/// A copy of a `rank`-dim view (element strides `srcStrides`) into dense
/// row-major storage. Unused dims have size 1.
struct CopyParams {
  const void *src;
  void *dst;
  long long sizes[kMaxRank], srcStrides[kMaxRank];
  long long count;
};

/// A raw element of `Bytes` bytes.
template <int Bytes> struct alignas(Bytes) Word {
  unsigned char bytes[Bytes];
};

template <int Bytes>
__global__ void __launch_bounds__(256) stridedCopyKernel(const CopyParams p) {
  const Word<Bytes> *src = static_cast<const Word<Bytes> *>(p.src);
  Word<Bytes> *dst = static_cast<Word<Bytes> *>(p.dst);
  long long step = (long long)gridDim.x * blockDim.x;
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
       i < p.count; i += step) {
    long long rest = i, offset = 0;
    for (int d = kMaxRank - 1; d >= 0; --d) {
      offset += (rest % p.sizes[d]) * p.srcStrides[d];
      rest /= p.sizes[d];
    }
    dst[i] = src[offset];
  }
}

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
template <int Bytes>
cudaError_t launchStridedCopy(const CopyParams &p, cudaStream_t stream) {
  if (p.count == 0)
    return cudaSuccess;
  long long blocks = (p.count + 255) / 256;
  // A grid-stride loop: enough blocks to fill any GPU, never more than the
  // grid allows.
  stridedCopyKernel<Bytes>
      <<<unsigned(blocks < 65535 ? blocks : 65535), 256, 0, stream>>>(p);
  return cudaGetLastError();
}
#endif // host launcher

} // namespace accelkern_glue

#endif // ACCEL_GLUE_CUH
