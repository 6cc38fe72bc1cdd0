//===- CudaEmulation.h - run accel's CUDA kernel templates on the host ------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Enough of CUDA to execute a kernel template on the CPU for testing: one
// std::thread per CUDA thread of a block (blocks run one after another),
// __syncthreads as a block barrier, and the warp-level operations the
// templates use (shuffles, ldmatrix, mma.sync m16n8k16, cp.async) as
// warp-collective exchanges through shared slots. The fragment layouts
// follow the PTX ISA; the emulation checks the kernels' indexing, masking,
// softmax and tiling logic, not NVIDIA's hardware, and says nothing about
// speed. cp.async completes immediately.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_UNITTESTS_CODEGEN_CUDAEMULATION_H
#define ACCEL_UNITTESTS_CODEGEN_CUDAEMULATION_H

#define ACCEL_CUDA_EMULATION 1

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static

/// 16-bit float storage types (bit patterns only).
struct __nv_bfloat16 {
  uint16_t bits;
};
struct __half {
  uint16_t bits;
};

using std::min;

namespace emu {

/// A reusable barrier for a fixed number of threads.
class Barrier {
public:
  explicit Barrier(int count) : count(count) {}
  void wait() {
    std::unique_lock<std::mutex> lock(mutex);
    int generation = this->generation;
    if (++arrived == count) {
      arrived = 0;
      ++this->generation;
      condition.notify_all();
      return;
    }
    condition.wait(lock, [&] { return generation != this->generation; });
  }

private:
  std::mutex mutex;
  std::condition_variable condition;
  int count, arrived = 0, generation = 0;
};

struct Dim3 {
  unsigned x = 0, y = 0, z = 0;
};

/// Per-warp exchange slots for warp-collective operations.
struct Warp {
  Barrier barrier{32};
  uint64_t slots[32][16];
};

struct Block {
  explicit Block(int threads) : barrier(threads), warps(threads / 32) {}
  Barrier barrier;
  std::vector<Warp> warps;
};

struct ThreadState {
  Dim3 threadIdx, blockIdx, blockDim;
  Block *block = nullptr;
};
inline thread_local ThreadState current;

inline int lane() { return current.threadIdx.x % 32; }
inline Warp &warp() { return current.block->warps[current.threadIdx.x / 32]; }

/// Every lane publishes `values` (up to 16 words), then `read` runs with
/// all lanes' slots visible.
template <typename Fn>
void warpCollective(const uint64_t *values, int count, Fn read) {
  Warp &w = warp();
  std::memcpy(w.slots[lane()], values, count * sizeof(uint64_t));
  w.barrier.wait();
  read(w.slots);
  w.barrier.wait();
}

inline float bitsToFloat(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}
inline uint32_t floatToBits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return bits;
}
inline float bf16ToFloat(uint16_t bits) { return bitsToFloat(uint32_t(bits) << 16); }
inline uint16_t floatToBf16(float f) {
  uint32_t bits = floatToBits(f);
  if (std::isnan(f))
    return 0x7fc0;
  bits += 0x7fff + ((bits >> 16) & 1); // round to nearest even
  return uint16_t(bits >> 16);
}
inline float halfToFloat(uint16_t bits) {
  _Float16 h;
  std::memcpy(&h, &bits, 2);
  return float(h);
}
inline uint16_t floatToHalf(float f) {
  _Float16 h = _Float16(f); // round to nearest even
  uint16_t bits;
  std::memcpy(&bits, &h, 2);
  return bits;
}
template <typename T> float toFloat(uint16_t bits) {
  return std::is_same<T, __nv_bfloat16>::value ? bf16ToFloat(bits)
                                               : halfToFloat(bits);
}
template <typename T> uint16_t fromFloat(float f) {
  return std::is_same<T, __nv_bfloat16>::value ? floatToBf16(f)
                                               : floatToHalf(f);
}

/// Runs `kernel` over `grid` blocks of `threads` threads.
inline void launch(Dim3 grid, int threads, const std::function<void()> &kernel) {
  for (unsigned z = 0; z < grid.z; ++z)
    for (unsigned y = 0; y < grid.y; ++y)
      for (unsigned x = 0; x < grid.x; ++x) {
        Block block(threads);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
          workers.emplace_back([&, t] {
            current.threadIdx = {unsigned(t), 0, 0};
            current.blockIdx = {x, y, z};
            current.blockDim = {unsigned(threads), 1, 1};
            current.block = &block;
            kernel();
          });
        for (std::thread &worker : workers)
          worker.join();
      }
}

} // namespace emu

#define threadIdx (::emu::current.threadIdx)
#define blockIdx (::emu::current.blockIdx)
#define blockDim (::emu::current.blockDim)

/// Atomic f32 add (compare-and-swap on the bits).
inline float atomicAdd(float *address, float value) {
  auto *word = reinterpret_cast<uint32_t *>(address);
  uint32_t expected = __atomic_load_n(word, __ATOMIC_RELAXED);
  while (true) {
    uint32_t desired = emu::floatToBits(emu::bitsToFloat(expected) + value);
    if (__atomic_compare_exchange_n(word, &expected, desired, false,
                                    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
      return emu::bitsToFloat(expected);
  }
}

inline void __syncthreads() { emu::current.block->barrier.wait(); }
inline float __int_as_float(int bits) { return emu::bitsToFloat(uint32_t(bits)); }
inline float __shfl_xor_sync(unsigned, float value, int mask) {
  uint64_t mine = emu::floatToBits(value);
  float result = 0;
  emu::warpCollective(&mine, 1, [&](uint64_t (*slots)[16]) {
    result = emu::bitsToFloat(uint32_t(slots[emu::lane() ^ mask][0]));
  });
  return result;
}

namespace accel_attention::detail {

inline float negativeInfinity() { return -INFINITY; }

inline void copyAsync16(void *dst, const void *src, bool valid) {
  if (valid)
    std::memcpy(dst, src, 16);
  else
    std::memset(dst, 0, 16);
}
inline void commitAsync() {}
template <int Pending> inline void waitAsync() {}

/// ldmatrix.x4 (.trans): lane l supplies the address of row l % 8 of
/// matrix l / 8; register r of lane l receives two 16-bit elements of
/// matrix r: row l / 4, columns 2 (l % 4) and +1 (transposed: column l / 4
/// of rows 2 (l % 4) and +1).
inline void ldmatrix(uint32_t (&r)[4], const void *ptr, bool transposed) {
  uint64_t mine = reinterpret_cast<uint64_t>(ptr);
  int l = emu::lane();
  emu::warpCollective(&mine, 1, [&](uint64_t (*slots)[16]) {
    for (int m = 0; m < 4; ++m) {
      uint16_t halves[2];
      for (int e = 0; e < 2; ++e) {
        const uint16_t *row;
        int column;
        if (!transposed) {
          row = reinterpret_cast<const uint16_t *>(slots[m * 8 + l / 4][0]);
          column = 2 * (l % 4) + e;
        } else {
          row = reinterpret_cast<const uint16_t *>(
              slots[m * 8 + 2 * (l % 4) + e][0]);
          column = l / 4;
        }
        halves[e] = row[column];
      }
      r[m] = uint32_t(halves[0]) | (uint32_t(halves[1]) << 16);
    }
  });
}
inline void ldmatrixX4(uint32_t (&r)[4], const void *ptr) {
  ldmatrix(r, ptr, false);
}
inline void ldmatrixX4Trans(uint32_t (&r)[4], const void *ptr) {
  ldmatrix(r, ptr, true);
}

/// mma.sync.m16n8k16.row.col, f32 accumulators. Fragments (g = lane / 4,
/// t = lane % 4): A a0 (g, 2t..), a1 (g+8, 2t..), a2 (g, 2t+8..),
/// a3 (g+8, 2t+8..); B b0 (k = 2t.., n = g), b1 (k = 2t+8.., n = g);
/// C/D c0,c1 (g, 2t..), c2,c3 (g+8, 2t..).
template <typename T>
inline void mma16816(float (&d)[4], const uint32_t (&a)[4], uint32_t b0,
                     uint32_t b1) {
  uint64_t mine[6] = {a[0], a[1], a[2], a[3], b0, b1};
  float result[4];
  int g = emu::lane() / 4, t = emu::lane() % 4;
  emu::warpCollective(mine, 6, [&](uint64_t (*slots)[16]) {
    auto half = [](uint64_t word, int index) {
      return emu::toFloat<T>(uint16_t(word >> (16 * index)));
    };
    auto A = [&](int row, int k) {
      int reg = (row >= 8 ? 1 : 0) + (k >= 8 ? 2 : 0);
      return half(slots[(row % 8) * 4 + (k % 8) / 2][reg], k % 2);
    };
    auto B = [&](int k, int n) {
      int reg = 4 + (k >= 8 ? 1 : 0);
      return half(slots[n * 4 + (k % 8) / 2][reg], k % 2);
    };
    for (int e = 0; e < 4; ++e) {
      int row = g + (e >= 2 ? 8 : 0), col = 2 * t + (e & 1);
      float sum = d[e];
      for (int k = 0; k < 16; ++k)
        sum += A(row, k) * B(k, col);
      result[e] = sum;
    }
  });
  for (int e = 0; e < 4; ++e)
    d[e] = result[e];
}

template <typename T> inline float loadFloat(const T *p) {
  return emu::toFloat<T>(p->bits);
}

template <typename T> inline uint32_t pack2(float lo, float hi) {
  return uint32_t(emu::fromFloat<T>(lo)) |
         (uint32_t(emu::fromFloat<T>(hi)) << 16);
}

} // namespace accel_attention::detail

#endif // ACCEL_UNITTESTS_CODEGEN_CUDAEMULATION_H
