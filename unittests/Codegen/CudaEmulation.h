//===- CudaEmulation.h - run accel's CUDA kernel templates on the host ------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Enough of CUDA to execute a kernel template on the CPU for testing: one
// std::thread per CUDA thread of a block (blocks run one after another),
// __syncthreads as a block barrier, and the warp-level operations the
// templates use (shuffles, ldmatrix, mma.sync m16n8k16 and the 8-bit
// m16n8k32, cp.async) as
// warp-collective exchanges through shared slots. The fragment layouts
// follow the PTX ISA; the emulation checks the kernels' indexing, masking,
// softmax and tiling logic, not NVIDIA's hardware, and says nothing about
// speed. cp.async completes immediately.
//
// The sm_90a primitives follow the PTX ISA too: mbarriers with arrival
// counts, transaction bytes and phase parity (a wait that cannot complete
// aborts the test instead of hanging); TMA tiled loads that zero-fill out
// of bounds and write the 128-byte swizzle (16-byte chunk ^= address bits
// 7..9); wgmma reading shared memory through matrix descriptors (K-major
// and MN-major canonical 128B-swizzle layouts) and A fragments from
// registers. wgmma is asynchronous here as well: an operation runs only
// when a wgmma.wait_group retires its group, so a kernel that reads
// accumulators or reuses operands before waiting computes wrong numbers,
// and an operation not preceded by wgmma.fence since the last commit
// aborts. Dynamic shared memory starts out as NaN bit patterns.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_UNITTESTS_CODEGEN_CUDAEMULATION_H
#define ACCEL_UNITTESTS_CODEGEN_CUDAEMULATION_H

#define ACCEL_CUDA_EMULATION 1

#include <algorithm>
#include <array>
#include <cmath>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
#define __grid_constant__

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

/// An mbarrier: expected arrivals, pending arrivals and transaction bytes
/// of the current phase, and how many phases have completed.
struct MBarrier {
  int expected = 0, pending = 0;
  long long transactionBytes = 0;
  unsigned completed = 0;
};

struct Block {
  Block(int threads, size_t sharedBytes)
      : barrier(threads), warps(threads / 32),
        shared(static_cast<unsigned char *>(
            std::aligned_alloc(1024, roundUp(sharedBytes)))) {
    // NaN in bf16 and f16 alike: reading what nothing wrote shows.
    std::memset(shared.get(), 0xff, roundUp(sharedBytes));
  }
  static size_t roundUp(size_t bytes) { return (bytes + 1023) / 1024 * 1024 + 1024; }
  Barrier barrier;
  std::vector<Warp> warps;
  struct Free {
    void operator()(unsigned char *p) const { std::free(p); }
  };
  std::unique_ptr<unsigned char, Free> shared; ///< dynamic shared memory
  std::mutex mbarrierMutex;
  std::condition_variable mbarrierChanged;
  std::map<uint32_t, MBarrier> mbarriers; ///< by shared address
  /// setmaxnreg: registers per thread at entry (0: the launch stated
  /// none), what each warp's threads hold, the pool's free registers, how
  /// many threads have exited or wait in setmaxnreg.inc, and what each
  /// warp waits for (0: nothing).
  int threads = 0, entryRegisters = 0;
  std::vector<int> registers;
  long long freeRegisters = 0;
  int exited = 0, waitingInc = 0;
  std::vector<long long> waitingNeed;
  std::mutex registerMutex;
  std::condition_variable registersChanged;
};

struct ThreadState {
  Dim3 threadIdx, blockIdx, blockDim, gridDim;
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

//===----------------------------------------------------------------------===//
// The hardware model: fragment maps, swizzle and descriptor reading as data
//===----------------------------------------------------------------------===//
//
// Every fragment layout the emulation executes is one function below, from
// (thread, register, half) to the element it holds; the warp-level
// operations build their inverses from these functions and nothing else,
// and CuteCrossCheckTest compares each with CUTLASS/CuTe's.

/// An element of a fragment's matrix.
struct Element {
  int row, col;
};

/// mma.sync m16n8k16 A (16 x 16, row-major): half `half` of register `reg`
/// of `lane` is A[g + 8 (reg & 1)][2 t + half + 8 (reg >> 1)] (g = lane / 4,
/// t = lane % 4).
inline Element mmaA(int lane, int reg, int half) {
  return {lane / 4 + 8 * (reg & 1), 2 * (lane % 4) + half + 8 * (reg >> 1)};
}
/// mma.sync m16n8k16 B (16 x 8, "col"): {row = k, col = n}; register `reg`
/// holds k = 2 t + half + 8 reg of column n = g.
inline Element mmaB(int lane, int reg, int half) {
  return {2 * (lane % 4) + half + 8 * reg, lane / 4};
}
/// mma.sync m16n8 C/D (16 x 8): accumulator `e` of `lane` is
/// C[g + 8 (e >> 1)][2 t + (e & 1)].
inline Element mmaC(int lane, int e) {
  return {lane / 4 + 8 * (e >> 1), 2 * (lane % 4) + (e & 1)};
}
/// mma.sync m16n8k32 A for 8-bit elements (16 x 32, row-major): byte
/// `byte` of register `reg` of `lane` is A[g + 8 (reg & 1)][4 t + byte +
/// 16 (reg >> 1)] (m16n8k16's registers, holding bytes).
inline Element mmaA8(int lane, int reg, int byte) {
  return {lane / 4 + 8 * (reg & 1), 4 * (lane % 4) + byte + 16 * (reg >> 1)};
}
/// mma.sync m16n8k32 B for 8-bit elements (32 x 8, "col"): {row = k,
/// col = n}; register `reg` holds k = 4 t + byte + 16 reg of column n = g.
inline Element mmaB8(int lane, int reg, int byte) {
  return {4 * (lane % 4) + byte + 16 * reg, lane / 4};
}
/// ldmatrix.x4: `lane` supplies the address of row `.col` of matrix `.row`.
inline Element ldmatrixRowAddress(int lane) { return {lane / 8, lane % 8}; }
/// ldmatrix.x4 (.trans): half `half` of register `reg` of `lane` is element
/// (row, col) of matrix `reg` (the 8 x 8 matrix as stored: rows are the
/// addressed 16-byte rows).
inline Element ldmatrixElement(int lane, int reg, int half, bool transposed) {
  (void)reg;
  if (!transposed)
    return {lane / 4, 2 * (lane % 4) + half};
  return {2 * (lane % 4) + half, lane / 4};
}
/// wgmma m64nNk16 accumulators: d[j][e] of thread `thread` (0..127 in the
/// warpgroup) is D[16 w + g + 8 (e >> 1)][8 j + 2 t + (e & 1)], w the warp.
inline Element wgmmaAccumulator(int thread, int j, int e) {
  Element c = mmaC(thread % 32, e);
  return {16 * (thread / 32) + c.row, 8 * j + c.col};
}
/// wgmma m64nNk16 A from registers (64 x 16): warp w holds rows 16 w ..
/// 16 w + 15 in the mma.sync A layout.
inline Element wgmmaA(int thread, int reg, int half) {
  Element a = mmaA(thread % 32, reg, half);
  return {16 * (thread / 32) + a.row, a.col};
}

/// The 128-byte swizzle on shared-memory byte addresses: 16-byte chunk
/// (address bits 4..6) ^= bits 7..9 (CuTe's Swizzle<3,4,3>).
inline uint32_t swizzle128(uint32_t address) {
  return address ^ ((address >> 3) & 0x70);
}

/// Where TMA (tile mode, 128-byte swizzle, 16-bit elements, boxes of 64
/// columns) puts element (row, col) of a box written at `dst` (1024-byte
/// aligned): rows 128 bytes apart, then the swizzle on the address.
inline uint32_t tmaBoxAddress(uint32_t dst, int row, int col) {
  return swizzle128(dst + row * 128 + col * 2);
}

/// A decoded wgmma shared-memory matrix descriptor: start address, leading
/// and stride byte offsets, base offset and layout type (bits 62..63; 1 is
/// the 128-byte swizzle).
struct MatrixDescriptor {
  uint32_t start, leading, stride, baseOffset, layoutType;
};
inline MatrixDescriptor decodeFields(uint64_t desc) {
  return {uint32_t(desc & 0x3FFF) << 4, uint32_t((desc >> 16) & 0x3FFF) << 4,
          uint32_t((desc >> 32) & 0x3FFF) << 4, uint32_t((desc >> 49) & 7),
          uint32_t(desc >> 62)};
}
/// Byte address (before the swizzle) of element (mn, k) of a K-major 16-bit
/// operand, 128-byte swizzle: 8-row groups `stride` apart, rows 128 bytes
/// apart, k contiguous (16 elements: one k step).
inline uint32_t kMajorAddress(const MatrixDescriptor &d, int mn, int k) {
  return d.start + (mn / 8) * d.stride + (mn % 8) * 128 + k * 2;
}
/// Byte address (before the swizzle) of element (k, mn) of an MN-major
/// 16-bit operand, 128-byte swizzle: 64-element mn blocks `leading` apart,
/// 8-row k groups `stride` apart, k rows 128 bytes apart.
inline uint32_t mnMajorAddress(const MatrixDescriptor &d, int k, int mn) {
  return d.start + (mn / 64) * d.leading + (mn % 64) * 2 + (k / 8) * d.stride +
         (k % 8) * 128;
}

/// The inverse of a fragment map over `Lanes` threads, `Regs` registers of
/// `Parts` parts (two 16-bit halves, four bytes): for each element of a
/// Rows x Cols matrix, the (thread, register, part) that holds it (-1:
/// none).
template <int Rows, int Cols, int Parts = 2> struct FragmentInverse {
  struct Slot {
    int thread = -1, reg = -1, half = -1;
  };
  Slot at[Rows][Cols];
  template <typename Map> FragmentInverse(int threads, int regs, Map map) {
    for (int t = 0; t < threads; ++t)
      for (int r = 0; r < regs; ++r)
        for (int h = 0; h < Parts; ++h) {
          Element e = map(t, r, h);
          if (e.row < 0 || e.row >= Rows || e.col < 0 || e.col >= Cols ||
              at[e.row][e.col].thread != -1) {
            std::fprintf(stderr, "CUDA emulation: fragment map not a bijection\n");
            std::abort();
          }
          at[e.row][e.col] = {t, r, h};
        }
  }
};

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
/// f8E4M3FN: 4 exponent bits (bias 7), 3 mantissa bits, no infinities,
/// S.1111.111 is NaN.
inline float e4m3ToFloat(uint8_t bits) {
  int exponent = (bits >> 3) & 15, mantissa = bits & 7;
  float magnitude =
      exponent == 15 && mantissa == 7 ? NAN
      : exponent == 0 ? std::ldexp(float(mantissa), -9)
                      : std::ldexp(float(8 + mantissa), exponent - 10);
  return bits & 0x80 ? -magnitude : magnitude;
}
template <typename T> float toFloat(uint16_t bits) {
  return std::is_same<T, __nv_bfloat16>::value ? bf16ToFloat(bits)
                                               : halfToFloat(bits);
}
template <typename T> uint16_t fromFloat(float f) {
  return std::is_same<T, __nv_bfloat16>::value ? floatToBf16(f)
                                               : floatToHalf(f);
}

/// The register file of an SM (64K 32-bit registers): a block allocates
/// entry registers x threads of it.
constexpr long long kRegisterFile = 65536;

/// Runs `kernel` over `grid` blocks of `threads` threads, each block with
/// `sharedBytes` of dynamic shared memory. `entryRegisters` is what ptxas
/// allocates per thread at entry (the kernel's stated budget); a kernel
/// that runs setmaxnreg needs it.
inline void launch(Dim3 grid, int threads, const std::function<void()> &kernel,
                   size_t sharedBytes = 0, int entryRegisters = 0) {
  if ((long long)entryRegisters * threads > kRegisterFile) {
    std::fprintf(stderr,
                 "CUDA emulation: %d registers x %d threads exceed the "
                 "register file (%lld)\n",
                 entryRegisters, threads, kRegisterFile);
    std::abort();
  }
  for (unsigned z = 0; z < grid.z; ++z)
    for (unsigned y = 0; y < grid.y; ++y)
      for (unsigned x = 0; x < grid.x; ++x) {
        Block block(threads, sharedBytes);
        block.threads = threads;
        block.entryRegisters = entryRegisters;
        block.registers.assign(threads / 32, entryRegisters);
        block.waitingNeed.assign(threads / 32, 0);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
          workers.emplace_back([&, t] {
            current.threadIdx = {unsigned(t), 0, 0};
            current.blockIdx = {x, y, z};
            current.blockDim = {unsigned(threads), 1, 1};
            current.gridDim = grid;
            current.block = &block;
            kernel();
            // An exited thread's registers stay with the block (they never
            // return to the setmaxnreg pool); a waiting .inc rechecks.
            std::lock_guard<std::mutex> lock(block.registerMutex);
            ++block.exited;
            block.registersChanged.notify_all();
          });
        for (std::thread &worker : workers)
          worker.join();
      }
}

} // namespace emu

#define threadIdx (::emu::current.threadIdx)
#define blockIdx (::emu::current.blockIdx)
#define blockDim (::emu::current.blockDim)
#define gridDim (::emu::current.gridDim)

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

namespace accelkern_tc {

inline float negativeInfinity() { return -INFINITY; }
/// ex2.approx.ftz: exp2 with denormal results flushed to zero (the
/// hardware's approximation error, ~2 ulp, is not modelled).
inline float exp2Fast(float x) {
  float y = std::exp2(x);
  return std::fpclassify(y) == FP_SUBNORMAL ? 0.f : y;
}

inline void copyAsync16(void *dst, const void *src, bool valid) {
  if (valid)
    std::memcpy(dst, src, 16);
  else
    std::memset(dst, 0, 16);
}
inline void commitAsync() {}
template <int Pending> inline void waitAsync() {}

/// ldmatrix.x4 (.trans) through the model's maps (emu::ldmatrixRowAddress,
/// emu::ldmatrixElement).
inline void ldmatrix(uint32_t (&r)[4], const void *ptr, bool transposed) {
  // The lane that supplies row `row` of matrix `matrix`.
  static const auto sourceLane = [] {
    std::array<std::array<int, 8>, 4> lanes{};
    for (int l = 0; l < 32; ++l) {
      emu::Element e = emu::ldmatrixRowAddress(l);
      lanes[e.row][e.col] = l;
    }
    return lanes;
  }();
  uint64_t mine = reinterpret_cast<uint64_t>(ptr);
  int l = emu::lane();
  emu::warpCollective(&mine, 1, [&](uint64_t (*slots)[16]) {
    for (int m = 0; m < 4; ++m) {
      uint16_t halves[2];
      for (int e = 0; e < 2; ++e) {
        emu::Element at = emu::ldmatrixElement(l, m, e, transposed);
        const uint16_t *row =
            reinterpret_cast<const uint16_t *>(slots[sourceLane[m][at.row]][0]);
        halves[e] = row[at.col];
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

/// mma.sync.m16n8k16.row.col, f32 accumulators, through the model's
/// fragment maps (emu::mmaA, emu::mmaB, emu::mmaC).
template <typename T>
inline void mma16816(float (&d)[4], const uint32_t (&a)[4], uint32_t b0,
                     uint32_t b1) {
  static const emu::FragmentInverse<16, 16> inverseA(32, 4, emu::mmaA);
  static const emu::FragmentInverse<16, 8> inverseB(32, 2, emu::mmaB);
  uint64_t mine[6] = {a[0], a[1], a[2], a[3], b0, b1};
  float result[4];
  int l = emu::lane();
  emu::warpCollective(mine, 6, [&](uint64_t (*slots)[16]) {
    auto half = [&](auto slot, int firstReg) {
      uint64_t word = slots[slot.thread][firstReg + slot.reg];
      return emu::toFloat<T>(uint16_t(word >> (16 * slot.half)));
    };
    for (int e = 0; e < 4; ++e) {
      emu::Element c = emu::mmaC(l, e);
      float sum = d[e];
      for (int k = 0; k < 16; ++k)
        sum += half(inverseA.at[c.row][k], 0) * half(inverseB.at[k][c.col], 4);
      result[e] = sum;
    }
  });
  for (int e = 0; e < 4; ++e)
    d[e] = result[e];
}

/// mma.sync.m16n8k32.row.col for 8-bit T through the model's byte maps
/// (emu::mmaA8, emu::mmaB8, emu::mmaC): s8 products summed in i32
/// (wrapping, as the hardware without .satfinite), e4m3 products (exact in
/// f32) summed in f32 in k order.
template <typename T, typename Acc>
inline void mma16832(Acc (&d)[4], const uint32_t (&a)[4], uint32_t b0,
                     uint32_t b1) {
  static const emu::FragmentInverse<16, 32, 4> inverseA(32, 4, emu::mmaA8);
  static const emu::FragmentInverse<32, 8, 4> inverseB(32, 2, emu::mmaB8);
  constexpr bool kInt8 = std::is_same<T, signed char>::value;
  uint64_t mine[6] = {a[0], a[1], a[2], a[3], b0, b1};
  Acc result[4];
  int l = emu::lane();
  emu::warpCollective(mine, 6, [&](uint64_t (*slots)[16]) {
    auto byte = [&](auto slot, int firstReg) {
      return uint8_t(slots[slot.thread][firstReg + slot.reg] >> (8 * slot.half));
    };
    for (int e = 0; e < 4; ++e) {
      emu::Element c = emu::mmaC(l, e);
      if constexpr (kInt8) {
        uint32_t sum = uint32_t(d[e]);
        for (int k = 0; k < 32; ++k)
          sum += uint32_t(int(int8_t(byte(inverseA.at[c.row][k], 0))) *
                          int(int8_t(byte(inverseB.at[k][c.col], 4))));
        result[e] = Acc(int32_t(sum));
      } else {
        float sum = d[e];
        for (int k = 0; k < 32; ++k)
          sum += emu::e4m3ToFloat(byte(inverseA.at[c.row][k], 0)) *
                 emu::e4m3ToFloat(byte(inverseB.at[k][c.col], 4));
        result[e] = sum;
      }
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

} // namespace accelkern_tc

//===----------------------------------------------------------------------===//
// sm_90a: mbarriers, TMA, wgmma
//===----------------------------------------------------------------------===//

namespace emu {

[[noreturn]] inline void fail(const char *message) {
  std::fprintf(stderr, "CUDA emulation: %s\n", message);
  std::abort();
}

/// cuTensorMapEncodeTiled's enums and result codes, with the driver's
/// values (cuda.h; CuteCrossCheckTest compares them where cuda.h exists).
enum TensorMapDataType {
  kTensorUint8, kTensorUint16, kTensorUint32, kTensorInt32, kTensorUint64,
  kTensorInt64, kTensorFloat16, kTensorFloat32, kTensorFloat64,
  kTensorBfloat16, kTensorFloat32Ftz, kTensorTfloat32, kTensorTfloat32Ftz,
  kTensor16U4Align8B, kTensor16U4Align16B, kTensor16U6Align16B,
  kTensorDataTypeCount
};
enum TensorMapInterleave { kInterleaveNone, kInterleave16B, kInterleave32B };
enum TensorMapSwizzle {
  kSwizzleNone, kSwizzle32B, kSwizzle64B, kSwizzle128B, kSwizzle128BAtom32B,
  kSwizzle128BAtom32BFlip8B, kSwizzle128BAtom64B, kSwizzleCount
};
enum TensorMapL2Promotion { kL2None, kL2_64B, kL2_128B, kL2_256B };
enum TensorMapOobFill { kOobFillNone, kOobFillNanRequestZeroFma };
constexpr int kCudaSuccess = 0, kCudaErrorInvalidValue = 1;

/// A tiled TMA tensor map as the emulation records it.
struct TensorMap {
  const void *base;
  unsigned long long dims[5], strides[4];
  uint16_t box[5];
  uint8_t elementStrides[5], rank, elementBits, swizzle, interleave;
};
static_assert(sizeof(TensorMap) <= 128, "a CUtensorMap is 128 bytes");

/// Bits per element in memory (the packed types: 16 values in 8 or 16
/// bytes).
inline unsigned tensorElementBits(int type) {
  switch (type) {
  case kTensorUint8:
    return 8;
  case kTensorUint16:
  case kTensorFloat16:
  case kTensorBfloat16:
    return 16;
  case kTensorUint64:
  case kTensorInt64:
  case kTensorFloat64:
    return 64;
  case kTensor16U4Align8B:
    return 4;
  case kTensor16U4Align16B:
  case kTensor16U6Align16B:
    return 8;
  default:
    return 32;
  }
}

/// cuTensorMapEncodeTiled with every requirement of its documentation
/// (cuda.h, CUDA 13) checked; CUDA_ERROR_INVALID_VALUE for any violation,
/// as the driver returns. The stride-nesting pseudo-code of that comment
/// (each stride including the previous dimension) is an example of a
/// packed layout, not a stated requirement, and is not checked.
inline int encodeTensorMapTiled(void *tensorMap, int dataType, unsigned rank,
                                const void *globalAddress,
                                const unsigned long long *globalDim,
                                const unsigned long long *globalStrides,
                                const unsigned *boxDim,
                                const unsigned *elementStrides, int interleave,
                                int swizzle, int l2Promotion, int oobFill) {
  const int invalid = kCudaErrorInvalidValue;
  if (!tensorMap || reinterpret_cast<uintptr_t>(tensorMap) % 64 != 0)
    return invalid;
  if (dataType < 0 || dataType >= kTensorDataTypeCount)
    return invalid;
  if (interleave < kInterleaveNone || interleave > kInterleave32B ||
      swizzle < kSwizzleNone || swizzle >= kSwizzleCount ||
      l2Promotion < kL2None || l2Promotion > kL2_256B ||
      oobFill < kOobFillNone || oobFill > kOobFillNanRequestZeroFma)
    return invalid;
  if (rank == 0 || rank > 5 || (interleave != kInterleaveNone && rank < 3))
    return invalid;
  if (!globalDim || !boxDim || !elementStrides || (rank > 1 && !globalStrides))
    return invalid;
  const bool packed16 =
      dataType == kTensor16U4Align16B || dataType == kTensor16U6Align16B;
  const uintptr_t address = reinterpret_cast<uintptr_t>(globalAddress);
  if (address % 16 != 0 ||
      ((interleave == kInterleave32B || packed16) && address % 32 != 0))
    return invalid;
  for (unsigned i = 0; i < rank; ++i)
    if (globalDim[i] == 0 || globalDim[i] > (1ull << 32))
      return invalid;
  if (packed16 && globalDim[0] % 128 != 0)
    return invalid;
  if (dataType == kTensor16U4Align8B && globalDim[0] % 2 != 0)
    return invalid;
  for (unsigned i = 0; i + 1 < rank; ++i) {
    const unsigned long long stride = globalStrides[i];
    if (stride % 16 != 0 || stride >= (1ull << 40) ||
        ((interleave == kInterleave32B || packed16) && stride % 32 != 0))
      return invalid;
  }
  const unsigned bits = tensorElementBits(dataType);
  for (unsigned i = 0; i < rank; ++i)
    if (boxDim[i] == 0 || boxDim[i] > 256 || elementStrides[i] == 0 ||
        elementStrides[i] > 8)
      return invalid;
  const unsigned long long innerBits = 1ull * boxDim[0] * bits;
  if (interleave == kInterleaveNone && innerBits % (16 * 8) != 0)
    return invalid;
  if (packed16 && boxDim[0] != 128)
    return invalid;
  if (interleave == kInterleaveNone && swizzle != kSwizzleNone) {
    const unsigned span = swizzle == kSwizzle32B   ? 32
                          : swizzle == kSwizzle64B ? 64
                                                   : 128;
    if (innerBits > span * 8ull)
      return invalid;
  }
  if (interleave == kInterleave32B && swizzle != kSwizzle32B)
    return invalid;
  if (dataType == kTensor16U6Align16B &&
      (interleave != kInterleaveNone ||
       !(swizzle == kSwizzleNone || swizzle == kSwizzle128B ||
         swizzle == kSwizzle128BAtom32B || swizzle == kSwizzle128BAtom64B)))
    return invalid;
  if (dataType == kTensor16U4Align16B &&
      !(swizzle == kSwizzleNone || swizzle == kSwizzle128B ||
        swizzle == kSwizzle128BAtom32B))
    return invalid;
  if (oobFill == kOobFillNanRequestZeroFma) {
    const bool isFloat = dataType == kTensorFloat16 ||
                         dataType == kTensorFloat32 ||
                         dataType == kTensorFloat64 ||
                         dataType == kTensorBfloat16 ||
                         dataType == kTensorFloat32Ftz ||
                         dataType == kTensorTfloat32 ||
                         dataType == kTensorTfloat32Ftz;
    if (!isFloat)
      return invalid;
  }
  TensorMap map = {};
  map.base = globalAddress;
  map.rank = uint8_t(rank);
  map.elementBits = uint8_t(bits);
  map.swizzle = uint8_t(swizzle);
  map.interleave = uint8_t(interleave);
  for (unsigned i = 0; i < rank; ++i) {
    map.dims[i] = globalDim[i];
    map.box[i] = uint16_t(boxDim[i]);
    map.elementStrides[i] = uint8_t(elementStrides[i]);
    if (i + 1 < rank)
      map.strides[i] = globalStrides[i];
  }
  std::memcpy(tensorMap, &map, sizeof map);
  return kCudaSuccess;
}

/// The kernels' tensor maps, encoded as the host launcher encodes them
/// (AttentionForwardSm90.cuh: rank 4, 16-bit elements, boxes of box[0] x
/// box[1] x 1 x 1, unit element strides, no interleave, 128-byte swizzle,
/// 256-byte L2 promotion, zero fill); true on success.
inline bool encodeTensorMap(unsigned long long *words, const void *base,
                            const unsigned long long *dims,
                            const unsigned long long *strides,
                            const unsigned *box, bool bf16) {
  const unsigned boxDim[4] = {box[0], box[1], 1, 1};
  const unsigned elementStrides[4] = {1, 1, 1, 1};
  return encodeTensorMapTiled(words, bf16 ? kTensorBfloat16 : kTensorFloat16,
                              4, base, dims, strides, boxDim, elementStrides,
                              kInterleaveNone, kSwizzle128B, kL2_256B,
                              kOobFillNone) == kCudaSuccess;
}

inline uint32_t sharedAddress(const void *ptr) {
  const unsigned char *base = current.block->shared.get();
  auto *p = static_cast<const unsigned char *>(ptr);
  if (p < base || p >= base + (1u << 18))
    fail("shared-memory address outside the block's dynamic shared memory");
  return uint32_t(p - base);
}
inline MBarrier &mbarrierAt(uint32_t address) {
  auto it = current.block->mbarriers.find(address);
  if (it == current.block->mbarriers.end())
    fail("mbarrier used before mbarrier.init");
  return it->second;
}
/// Completes the phase when every arrival and every byte is in (lock held).
inline void mbarrierAdvance(MBarrier &b) {
  if (b.pending == 0 && b.transactionBytes == 0) {
    ++b.completed;
    b.pending = b.expected;
    current.block->mbarrierChanged.notify_all();
  }
}
inline void mbarrierArriveLocked(MBarrier &b) {
  if (--b.pending < 0)
    fail("more mbarrier arrivals than the phase expects");
  mbarrierAdvance(b);
}
inline void completeTransaction(uint32_t address, long long bytes) {
  std::lock_guard<std::mutex> lock(current.block->mbarrierMutex);
  MBarrier &b = mbarrierAt(address);
  b.transactionBytes -= bytes;
  mbarrierAdvance(b);
}

/// Per-thread wgmma state: operations of the open group, committed groups
/// not yet retired, and whether a fence has been issued since the last
/// commit.
struct WgmmaQueue {
  std::vector<std::function<void()>> open;
  std::deque<std::vector<std::function<void()>>> committed;
  bool fenced = false;
};
inline thread_local WgmmaQueue wgmmaQueue;

/// A wgmma descriptor as the emulation accepts it: the 128-byte swizzle,
/// no base offset.
inline MatrixDescriptor decodeDescriptor(uint64_t desc) {
  MatrixDescriptor d = decodeFields(desc);
  if (d.layoutType != 1)
    fail("wgmma descriptor without the 128-byte swizzle");
  if (d.baseOffset != 0)
    fail("wgmma descriptor with a base offset");
  return d;
}
template <typename T> float sharedElement(uint32_t address) {
  uint16_t bits;
  std::memcpy(&bits, current.block->shared.get() + swizzle128(address), 2);
  return toFloat<T>(bits);
}
template <typename T> float kMajor(const MatrixDescriptor &d, int mn, int k) {
  return sharedElement<T>(kMajorAddress(d, mn, k));
}
template <typename T> float mnMajor(const MatrixDescriptor &d, int k, int mn) {
  return sharedElement<T>(mnMajorAddress(d, k, mn));
}

/// This thread's accumulator elements of an m64nNk16 product, placed by
/// emu::wgmmaAccumulator.
template <int N, typename Fn>
void accumulate(float (&d)[N / 8][4], bool keep, Fn product) {
  int thread = threadIdx.x % 128; // the emulation macro
  for (int j = 0; j < N / 8; ++j)
    for (int e = 0; e < 4; ++e) {
      Element c = wgmmaAccumulator(thread, j, e);
      d[j][e] = (keep ? d[j][e] : 0.f) + product(c.row, c.col);
    }
}

inline void enqueueWgmma(std::function<void()> op) {
  if (!wgmmaQueue.fenced)
    fail("wgmma.mma_async without a wgmma.fence since the last commit");
  wgmmaQueue.open.push_back(std::move(op));
}

} // namespace emu

namespace accelkern_tc {

inline uint32_t smemAddress(const void *ptr) { return emu::sharedAddress(ptr); }
inline unsigned char *dynamicSharedMemory() {
  return emu::current.block->shared.get();
}

inline void mbarrierInit(uint64_t *bar, int count) {
  std::lock_guard<std::mutex> lock(emu::current.block->mbarrierMutex);
  emu::current.block->mbarriers[emu::sharedAddress(bar)] =
      emu::MBarrier{count, count, 0, 0};
}
inline void fenceBarrierInit() {}
inline void mbarrierArriveExpectTx(uint64_t *bar, uint32_t bytes) {
  std::lock_guard<std::mutex> lock(emu::current.block->mbarrierMutex);
  emu::MBarrier &b = emu::mbarrierAt(emu::sharedAddress(bar));
  b.transactionBytes += bytes;
  emu::mbarrierArriveLocked(b);
}
inline void mbarrierArrive(uint64_t *bar) {
  std::lock_guard<std::mutex> lock(emu::current.block->mbarrierMutex);
  emu::mbarrierArriveLocked(emu::mbarrierAt(emu::sharedAddress(bar)));
}
/// Returns once the phase with parity `parity` has completed (the current
/// phase's parity differs); 20 s without progress is a deadlock.
inline void mbarrierWait(uint64_t *bar, uint32_t parity) {
  emu::Block &block = *emu::current.block;
  std::unique_lock<std::mutex> lock(block.mbarrierMutex);
  emu::MBarrier &b = emu::mbarrierAt(emu::sharedAddress(bar));
  if (!block.mbarrierChanged.wait_for(lock, std::chrono::seconds(20), [&] {
        return (b.completed & 1) != parity;
      }))
    emu::fail("mbarrier wait never completed (deadlock)");
}

/// cp.async.bulk.tensor.4d, tile mode, 128-byte swizzle, zero fill.
inline void tmaLoad4d(void *dst, const void *map, uint64_t *bar, int c0,
                      int c1, int c2, int c3) {
  emu::TensorMap m;
  std::memcpy(&m, map, sizeof m);
  // What this emulation implements: 4-d, 16-bit, 128-byte swizzle, boxes
  // of 64 elements (128 bytes) x rows, unit element strides.
  if (m.rank != 4 || m.elementBits != 16 || m.swizzle != emu::kSwizzle128B ||
      m.interleave != emu::kInterleaveNone || m.box[0] != 64 || m.box[2] != 1 ||
      m.box[3] != 1 || m.elementStrides[1] != 1 || m.elementStrides[2] != 1 ||
      m.elementStrides[3] != 1)
    emu::fail("cp.async.bulk.tensor.4d with a tensor map this emulation does "
              "not implement");
  uint32_t to = emu::sharedAddress(dst);
  if (to % 1024 != 0)
    emu::fail("TMA destination not 1024-byte aligned (128-byte swizzle)");
  for (unsigned r = 0; r < m.box[1]; ++r)
    for (unsigned chunk = 0; chunk < m.box[0] / 8; ++chunk) {
      long long col = c0 + 8ll * chunk, row = c1 + (long long)r;
      bool inside = col >= 0 && col + 8 <= (long long)m.dims[0] && row >= 0 &&
                    row < (long long)m.dims[1] && c2 >= 0 &&
                    c2 < (long long)m.dims[2] && c3 >= 0 &&
                    c3 < (long long)m.dims[3];
      unsigned char *out = emu::current.block->shared.get() +
                           emu::tmaBoxAddress(to, int(r), int(8 * chunk));
      if (inside)
        std::memcpy(out,
                    static_cast<const unsigned char *>(m.base) +
                        c3 * m.strides[2] + c2 * m.strides[1] +
                        row * m.strides[0] + col * 2,
                    16);
      else
        std::memset(out, 0, 16);
    }
  emu::completeTransaction(emu::sharedAddress(bar),
                           (long long)m.box[0] * m.box[1] * 2);
}

/// setmaxnreg (.sync.aligned: the warp executes it together): the warp's
/// per-thread register count becomes `count`. The block's pool starts
/// empty (entry registers x threads are all held); .dec returns the
/// difference to it, .inc takes it and waits until the pool has it. An
/// .inc that waits while every other thread has exited or waits in .inc
/// too, with no waiter the pool could serve, can never be satisfied: the
/// stated budget does not balance (on a GPU the warps would hang).
inline void setMaxRegisters(int count, bool increase) {
  emu::Block &block = *emu::current.block;
  if (count < 24 || count > 256 || count % 8 != 0)
    emu::fail("setmaxnreg count outside 24..256 or not a multiple of 8");
  uint64_t mine = uint64_t(count);
  emu::warpCollective(&mine, 1, [&](uint64_t (*slots)[16]) {
    for (int l = 0; l < 32; ++l)
      if (slots[l][0] != mine)
        emu::fail("setmaxnreg with different counts in one warp");
  });
  const int warp = int(threadIdx.x) / 32;
  if (emu::lane() == 0) {
    std::unique_lock<std::mutex> lock(block.registerMutex);
    if (block.entryRegisters == 0)
      emu::fail("setmaxnreg in a launch that states no entry register count");
    int &held = block.registers[warp];
    if (increase ? count < held : count > held)
      emu::fail(increase ? "setmaxnreg.inc below the current register count"
                         : "setmaxnreg.dec above the current register count");
    if (!increase) {
      block.freeRegisters += 32ll * (held - count);
      held = count;
      block.registersChanged.notify_all();
    } else {
      const long long need = 32ll * (count - held);
      block.waitingInc += 32; // the whole warp waits
      block.waitingNeed[warp] = need;
      block.registersChanged.notify_all();
      // Nobody left to release registers, and no waiter the pool could
      // serve.
      auto stuck = [&] {
        if (block.exited + block.waitingInc != block.threads)
          return false;
        for (long long n : block.waitingNeed)
          if (n > 0 && n <= block.freeRegisters)
            return false;
        return true;
      };
      while (block.freeRegisters < need) {
        if (stuck()) {
          std::fprintf(
              stderr,
              "CUDA emulation: setmaxnreg.inc to %d registers can never be "
              "satisfied (warp %d holds %d per thread, the pool has %lld "
              "registers left, entry budget %d x %d threads): the register "
              "budget does not balance\n",
              count, warp, held, block.freeRegisters, block.entryRegisters,
              block.threads);
          std::abort();
        }
        block.registersChanged.wait(lock);
      }
      block.waitingInc -= 32;
      block.waitingNeed[warp] = 0;
      block.freeRegisters -= need;
      held = count;
    }
  }
  emu::warp().barrier.wait(); // the warp leaves together
}
template <int Count> inline void setMaxRegistersInc() {
  setMaxRegisters(Count, true);
}
template <int Count> inline void setMaxRegistersDec() {
  setMaxRegisters(Count, false);
}

inline void wgmmaFence() { emu::wgmmaQueue.fenced = true; }
inline void wgmmaCommit() {
  emu::wgmmaQueue.committed.push_back(std::move(emu::wgmmaQueue.open));
  emu::wgmmaQueue.open.clear();
  emu::wgmmaQueue.fenced = false;
}
/// Retires (runs) committed groups until at most `Pending` remain.
template <int Pending> inline void wgmmaWait() {
  while (emu::wgmmaQueue.committed.size() > size_t(Pending)) {
    for (std::function<void()> &op : emu::wgmmaQueue.committed.front())
      op();
    emu::wgmmaQueue.committed.pop_front();
  }
}
template <int Tiles> inline void fenceOperands(float (&)[Tiles][4]) {}

/// Deferred: reads shared memory and the accumulators when retired. B is
/// K-major, or MN-major with BMnMajor (tnspB).
template <typename T, int N, bool BMnMajor = false>
inline void wgmmaSS(float (&d)[N / 8][4], uint64_t descA, uint64_t descB,
                    int accumulate) {
  emu::enqueueWgmma([&d, descA, descB, accumulate] {
    emu::MatrixDescriptor a = emu::decodeDescriptor(descA),
                          b = emu::decodeDescriptor(descB);
    emu::accumulate<N>(d, accumulate != 0, [&](int row, int col) {
      float sum = 0.f;
      for (int k = 0; k < 16; ++k)
        sum += emu::kMajor<T>(a, row, k) *
               (BMnMajor ? emu::mnMajor<T>(b, k, col)
                         : emu::kMajor<T>(b, col, k));
      return sum;
    });
  });
}

/// Deferred: reads the A registers (through the warp) when retired.
template <typename T, int N>
inline void wgmmaRS(float (&d)[N / 8][4], const uint32_t (&a)[4],
                    uint64_t descB, int accumulate) {
  emu::enqueueWgmma([&d, &a, descB, accumulate] {
    uint64_t mine[4] = {a[0], a[1], a[2], a[3]};
    emu::MatrixDescriptor b = emu::decodeDescriptor(descB);
    emu::warpCollective(mine, 4, [&](uint64_t (*slots)[16]) {
      // A through emu::wgmmaA; this warp's lanes hold its 16 rows.
      static const emu::FragmentInverse<64, 16> inverseA(128, 4, emu::wgmmaA);
      const int warp = (threadIdx.x % 128) / 32;
      auto A = [&](int row, int k) {
        auto slot = inverseA.at[row][k];
        if (slot.thread / 32 != warp)
          emu::fail("wgmma A element read outside the warp that holds it");
        uint64_t word = slots[slot.thread % 32][slot.reg];
        return emu::toFloat<T>(uint16_t(word >> (16 * slot.half)));
      };
      emu::accumulate<N>(d, accumulate != 0, [&](int row, int col) {
        float sum = 0.f;
        for (int k = 0; k < 16; ++k)
          sum += A(row, k) * emu::mnMajor<T>(b, k, col);
        return sum;
      });
    });
  });
}

} // namespace accelkern_tc

#endif // ACCEL_UNITTESTS_CODEGEN_CUDAEMULATION_H
