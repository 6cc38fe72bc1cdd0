//===- CuteCrossCheckTest.cpp - the emulation's hardware model vs CuTe ----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The CUDA emulation encodes this project's reading of the PTX ISA; CUTLASS
// and CuTe encode NVIDIA's, used in production. This test compares the two
// for every shape the kernels use, element by element:
//   - mma.sync m16n8k16 A, B and C fragments (thread, register, half ->
//     row, col) with SM80_16x8x16_F32{BF16BF16,F16F16}F32_TN's ALayout,
//     BLayout, CLayout, and the 8-bit m16n8k32's (register, byte) with
//     SM80_16x8x32_S32S8S8S32_TN's and SM89_16x8x32_F32E4M3E4M3F32_TN's;
//   - ldmatrix.x4 and .x4.trans (which lane addresses which row; which
//     element each register half receives) with SM75_U32x4_LDSM_N's and
//     SM75_U16x8_LDSM_T's source and destination layouts;
//   - wgmma m64nNk16 (N = 64, 128) accumulators and register-A fragments
//     with the GMMA traits' CLayout and the RS ALayout;
//   - the 128-byte swizzle with Swizzle<3,4,3>, the sm_80 tiles' swizzle
//     with Swizzle<3,4,3>/<3,4,4>, and where TMA puts a box's elements with
//     GMMA::Layout_{K,MN}_SW128_Atom tiled to the kernel's tiles;
//   - the sm_90a kernel's shared-memory descriptors (Q and K K-major, V
//     MN-major; every head dim, key tile, stage and k step) with the
//     descriptors CuTe's make_fragment_A/B (make_gmma_desc) builds for the
//     same tensors, bit for bit, and the emulation's reading of them with
//     the tensors' element addresses.
// CuTe is used as a library: host code, compiled by the host compiler.
//
//===----------------------------------------------------------------------===//

#include "CuteCrossCheck.h"

#include "gtest/gtest.h"

#include <cstdint>

#if ACCEL_HAVE_CUTE

namespace {
/// Shared memory for CuTe's tensors: cast_smem_ptr_to_uint reports an
/// address relative to it (the stand-in below for the device built-in).
alignas(1024) unsigned char sharedMemory[1 << 18];
} // namespace

// CuTe turns a shared-memory pointer into a descriptor's start address
// with __cvta_generic_to_shared on the device; on the host it offers
// nothing, so supply the built-in.
#define CUTE_CVTA_GENERIC_TO_SHARED_ACTIVATED 1
inline uint64_t __cvta_generic_to_shared(const void *ptr) {
  return uint64_t(static_cast<const unsigned char *>(ptr) - sharedMemory);
}

#include <cuda.h>

#include <cute/atom/copy_traits_sm75.hpp>
#include <cute/atom/mma_traits_sm80.hpp>
#include <cute/atom/mma_traits_sm89.hpp>
#include <cute/atom/mma_traits_sm90_gmma.hpp>
#include <cute/tensor.hpp>

using namespace cute;
namespace model = accel_model;

namespace {

uint32_t sharedOffset(const void *ptr) {
  return uint32_t(static_cast<const unsigned char *>(ptr) - sharedMemory);
}

/// CuTe's (thread, value) -> element of a column-major Rows x Cols matrix.
template <int Rows, typename Layout>
model::Element cuteElement(Layout layout, int thread, int value) {
  int index = layout(thread, value);
  return {index % Rows, index / Rows};
}

#define EXPECT_ELEMENT(ours, theirs, what)                                     \
  do {                                                                         \
    model::Element o = (ours), t = (theirs);                                   \
    EXPECT_TRUE(o.row == t.row && o.col == t.col)                              \
        << what << ": emulation (" << o.row << ", " << o.col << "), CuTe ("    \
        << t.row << ", " << t.col << ")";                                      \
  } while (0)

template <typename Op> void checkMmaSync() {
  using Traits = MMA_Traits<Op>;
  typename Traits::ALayout a;
  typename Traits::BLayout b;
  typename Traits::CLayout c;
  static_assert(size<0>(decltype(a){}) == 32 && size<1>(decltype(a){}) == 8);
  for (int lane = 0; lane < 32; ++lane) {
    // A (M x K = 16 x 16): value v is register v / 2, half v % 2.
    for (int v = 0; v < 8; ++v)
      EXPECT_ELEMENT(model::mmaA(lane, v / 2, v % 2),
                     (cuteElement<16>(a, lane, v)),
                     "mma A lane " << lane << " value " << v);
    // B (N x K = 8 x 16 in CuTe; the model says {k, n}).
    for (int v = 0; v < 4; ++v) {
      model::Element nk = cuteElement<8>(b, lane, v);
      EXPECT_ELEMENT(model::mmaB(lane, v / 2, v % 2),
                     (model::Element{nk.col, nk.row}),
                     "mma B lane " << lane << " value " << v);
    }
    // C (M x N = 16 x 8).
    for (int v = 0; v < 4; ++v)
      EXPECT_ELEMENT(model::mmaC(lane, v), (cuteElement<16>(c, lane, v)),
                     "mma C lane " << lane << " value " << v);
  }
}

TEST(CuteCrossCheck, MmaSyncM16N8K16Fragments) {
  checkMmaSync<SM80_16x8x16_F32BF16BF16F32_TN>();
  checkMmaSync<SM80_16x8x16_F32F16F16F32_TN>();
}

/// The 8-bit m16n8k32 fragments: CuTe's value v is byte v % 4 of register
/// v / 4 (A: 16 values a lane, B: 8).
template <typename Op> void checkMmaSync8Bit() {
  using Traits = MMA_Traits<Op>;
  typename Traits::ALayout a;
  typename Traits::BLayout b;
  typename Traits::CLayout c;
  static_assert(size<0>(decltype(a){}) == 32 && size<1>(decltype(a){}) == 16);
  static_assert(size<1>(decltype(b){}) == 8);
  for (int lane = 0; lane < 32; ++lane) {
    for (int v = 0; v < 16; ++v)
      EXPECT_ELEMENT(model::mmaA8(lane, v / 4, v % 4),
                     (cuteElement<16>(a, lane, v)),
                     "8-bit mma A lane " << lane << " value " << v);
    for (int v = 0; v < 8; ++v) {
      model::Element nk = cuteElement<8>(b, lane, v);
      EXPECT_ELEMENT(model::mmaB8(lane, v / 4, v % 4),
                     (model::Element{nk.col, nk.row}),
                     "8-bit mma B lane " << lane << " value " << v);
    }
    for (int v = 0; v < 4; ++v)
      EXPECT_ELEMENT(model::mmaC(lane, v), (cuteElement<16>(c, lane, v)),
                     "8-bit mma C lane " << lane << " value " << v);
  }
}

TEST(CuteCrossCheck, MmaSyncM16N8K32EightBitFragments) {
  checkMmaSync8Bit<SM80_16x8x32_S32S8S8S32_TN>();
  checkMmaSync8Bit<SM89_16x8x32_F32E4M3E4M3F32_TN>();
}

/// ldmatrix.x4 moves four 8 x 8 matrices of 16-bit elements: CuTe's source
/// layout says which 128-bit row each thread addresses (row r of the 32 is
/// row r % 8 of matrix r / 8), its destination layout which source bit
/// each thread's register bit holds.
template <typename Op> void checkLdmatrix(bool transposed) {
  typename Copy_Traits<Op>::SrcLayout src;
  typename Copy_Traits<Op>::DstLayout dst;
  for (int lane = 0; lane < 32; ++lane) {
    int row = int(src(lane, 0)) / 128;
    EXPECT_ELEMENT(model::ldmatrixRowAddress(lane),
                   (model::Element{row / 8, row % 8}),
                   "ldmatrix address of lane " << lane);
    for (int reg = 0; reg < 4; ++reg)
      for (int half = 0; half < 2; ++half) {
        int bit = dst(lane, 32 * reg + 16 * half);
        int sourceRow = bit / 128, column = (bit % 128) / 16;
        EXPECT_EQ(sourceRow / 8, reg)
            << "ldmatrix lane " << lane << " register " << reg
            << " reads another matrix";
        EXPECT_ELEMENT(model::ldmatrixElement(lane, reg, half, transposed),
                       (model::Element{sourceRow % 8, column}),
                       "ldmatrix" << (transposed ? ".trans" : "") << " lane "
                                  << lane << " register " << reg << " half "
                                  << half);
      }
  }
}

TEST(CuteCrossCheck, LdmatrixX4Fragments) {
  checkLdmatrix<SM75_U32x4_LDSM_N>(false);
  checkLdmatrix<SM75_U16x8_LDSM_T>(true);
}

template <typename SS, typename RS, int N> void checkWgmmaFragments() {
  typename MMA_Traits<SS>::CLayout c;
  typename MMA_Traits<RS>::CLayout cRS;
  typename MMA_Traits<RS>::ALayout a;
  for (int thread = 0; thread < 128; ++thread) {
    for (int v = 0; v < N / 2; ++v) {
      EXPECT_ELEMENT(model::wgmmaAccumulator(thread, v / 4, v % 4),
                     (cuteElement<64>(c, thread, v)),
                     "wgmma m64n" << N << " accumulator thread " << thread
                                  << " value " << v);
      EXPECT_ELEMENT(model::wgmmaAccumulator(thread, v / 4, v % 4),
                     (cuteElement<64>(cRS, thread, v)),
                     "wgmma m64n" << N << " RS accumulator thread " << thread);
    }
    for (int v = 0; v < 8; ++v)
      EXPECT_ELEMENT(model::wgmmaA(thread, v / 2, v % 2),
                     (cuteElement<64>(a, thread, v)),
                     "wgmma register A thread " << thread << " value " << v);
  }
}

TEST(CuteCrossCheck, WgmmaAccumulatorAndRegisterAFragments) {
  using namespace SM90::GMMA;
  checkWgmmaFragments<MMA_64x64x16_F32BF16BF16_SS<Major::K, Major::K>,
                      MMA_64x64x16_F32BF16BF16_RS<Major::K, Major::MN>, 64>();
  checkWgmmaFragments<MMA_64x128x16_F32BF16BF16_SS<Major::K, Major::K>,
                      MMA_64x128x16_F32BF16BF16_RS<Major::K, Major::MN>, 128>();
  checkWgmmaFragments<MMA_64x64x16_F32F16F16_SS<Major::K, Major::K>,
                      MMA_64x64x16_F32F16F16_RS<Major::K, Major::MN>, 64>();
  checkWgmmaFragments<MMA_64x128x16_F32F16F16_SS<Major::K, Major::K>,
                      MMA_64x128x16_F32F16F16_RS<Major::K, Major::MN>, 128>();
}

TEST(CuteCrossCheck, Swizzles) {
  // Every byte address of the 256 KiB shared-memory window.
  Swizzle<3, 4, 3> sw128;
  int mismatches = 0;
  for (uint32_t address = 0; address < (1u << 18); ++address)
    if (model::swizzle128(address) != uint32_t(sw128(int(address))) &&
        ++mismatches <= 5)
      ADD_FAILURE() << "128-byte swizzle of " << address << ": emulation "
                    << model::swizzle128(address) << ", CuTe "
                    << sw128(int(address));
  // The sm_80 tiles: 16-byte chunk ^= row % 8 on rows of 128 or 256 bytes.
  Swizzle<3, 4, 4> sw256;
  for (int row = 0; row < 128; ++row)
    for (int chunk = 0; chunk < 16; ++chunk) {
      if (chunk < 8) {
        EXPECT_EQ(2 * model::sm80TileOffset(64, row, chunk),
                  sw128(row * 128 + chunk * 16))
            << "d = 64 tile row " << row << " chunk " << chunk;
      }
      EXPECT_EQ(2 * model::sm80TileOffset(128, row, chunk),
                sw256(row * 256 + chunk * 16))
          << "d = 128 tile row " << row << " chunk " << chunk;
    }
}

/// The kernel's tile of Rows x Cols 16-bit elements at shared offset
/// `tile`: Cols / 64 TMA boxes of Rows x 64, Rows * 128 bytes apart (the
/// layout of AttentionForwardSm90.cuh's file comment). Checks that the
/// CuTe tensor `t` (indexed (row, col)) places every element where the
/// emulated TMA writes it.
template <int Rows, int Cols, typename Tensor>
void checkTmaPlacement(const Tensor &t, uint32_t tile, const char *what) {
  int mismatches = 0;
  for (int r = 0; r < Rows; ++r)
    for (int c = 0; c < Cols; ++c) {
      uint32_t ours =
          model::tmaBoxAddress(tile + (c / 64) * Rows * 128, r, c % 64);
      uint32_t theirs = sharedOffset(&t(r, c));
      if (ours != theirs && ++mismatches <= 5)
        ADD_FAILURE() << what << " element (" << r << ", " << c
                      << "): TMA writes " << ours << ", CuTe's layout has "
                      << theirs;
    }
}

/// K-major operand (Q as A, K as B): the tensor `t` is (mn, k). Compares
/// the kernel's descriptor of every k step with CuTe's (`fragment`, from
/// make_fragment_A/B) and the emulation's reading with `t`'s addresses.
template <int MN, int K, typename Tensor, typename Fragment>
void checkKMajor(const Tensor &t, const Fragment &fragment, int kernelRows,
                 uint32_t kernelTile, const char *what) {
  for (int ks = 0; ks < K / 16; ++ks) {
    uint64_t ours = model::kernelKMajorDescriptor(kernelRows, kernelTile, ks);
    uint64_t theirs = fragment(0, 0, ks);
    EXPECT_EQ(ours, theirs) << std::hex << what << " k step " << ks
                            << ": kernel 0x" << ours << ", CuTe 0x" << theirs;
    int mismatches = 0;
    for (int mn = 0; mn < MN; ++mn)
      for (int k = 0; k < 16; ++k) {
        uint32_t read = model::wgmmaKMajorAddress(ours, mn, k);
        uint32_t at = sharedOffset(&t(mn, 16 * ks + k));
        if (read != at && ++mismatches <= 5)
          ADD_FAILURE() << what << " k step " << ks << " element (" << mn
                        << ", " << k << "): emulation reads " << read
                        << ", CuTe's tensor has it at " << at;
      }
  }
}

/// MN-major operand (V as B): the tensor `t` is (n, k).
template <int N, int K, typename Tensor, typename Fragment>
void checkMnMajor(const Tensor &t, const Fragment &fragment, int kernelRows,
                  uint32_t kernelTile, const char *what) {
  for (int ks = 0; ks < K / 16; ++ks) {
    uint64_t ours = model::kernelMnMajorDescriptor(kernelRows, kernelTile, ks);
    uint64_t theirs = fragment(0, 0, ks);
    // The leading byte offset steps between 64-element MN blocks; an
    // operand one block wide (N = 64) never uses it, and CuTe writes 0
    // there while the kernel writes its tile's block stride: compare the
    // field only where the hardware reads it (the addresses below are
    // compared either way).
    const uint64_t lboField = uint64_t(0x3FFF) << 16;
    uint64_t mask = N > 64 ? ~uint64_t(0) : ~lboField;
    EXPECT_EQ(ours & mask, theirs & mask)
        << std::hex << what << " k step " << ks << ": kernel 0x" << ours
        << ", CuTe 0x" << theirs;
    int mismatches = 0;
    for (int n = 0; n < N; ++n)
      for (int k = 0; k < 16; ++k) {
        uint32_t read = model::wgmmaMnMajorAddress(ours, k, n);
        uint32_t at = sharedOffset(&t(n, 16 * ks + k));
        if (read != at && ++mismatches <= 5)
          ADD_FAILURE() << what << " k step " << ks << " element (n " << n
                        << ", k " << k << "): emulation reads " << read
                        << ", CuTe's tensor has it at " << at;
      }
  }
}

/// One kernel configuration: Q [128][D] at the aligned base, then Stages
/// K tiles and Stages V tiles of [BlockN][D] (AttentionForwardSm90.cuh).
template <typename T, int D, int BlockN>
void checkKernelDescriptors(int stages) {
  using namespace SM90::GMMA;
  constexpr int kBlockM = 128;
  constexpr uint32_t kTileBytes = BlockN * D * 2;
  // A 1024-byte aligned base that is not 0, as the kernel's is in general.
  const uint32_t qBase = 1024, kBase = qBase + kBlockM * D * 2,
                 vBase = kBase + stages * kTileBytes;
  auto smem = [](uint32_t offset) {
    return make_smem_ptr(reinterpret_cast<T *>(sharedMemory + offset));
  };

  // Q: K-major, A of S = Q K^T; consumer c owns rows 64 c .. 64 c + 63.
  auto sQ =
      make_tensor(smem(qBase), tile_to_shape(Layout_K_SW128_Atom<T>{},
                                             Shape<Int<kBlockM>, Int<D>>{}));
  checkTmaPlacement<kBlockM, D>(sQ, qBase, "Q tile");
  auto qk = make_tiled_mma(
      MMA_Atom<typename std::conditional<
          std::is_same<T, bfloat16_t>::value,
          typename std::conditional<
              BlockN == 64, MMA_64x64x16_F32BF16BF16_SS<Major::K, Major::K>,
              MMA_64x128x16_F32BF16BF16_SS<Major::K, Major::K>>::type,
          typename std::conditional<
              BlockN == 64, MMA_64x64x16_F32F16F16_SS<Major::K, Major::K>,
              MMA_64x128x16_F32F16F16_SS<Major::K, Major::K>>::type>::type>{});
  auto qkThread = qk.get_thread_slice(0);
  for (int consumer = 0; consumer < 2; ++consumer) {
    auto rows = local_tile(sQ, Shape<_64, Int<D>>{}, make_coord(consumer, 0));
    auto fragment = qkThread.make_fragment_A(qkThread.partition_A(rows));
    checkKMajor<64, D>(rows, fragment, kBlockM, qBase + consumer * 64 * 128,
                       consumer ? "Q (consumer 1)" : "Q (consumer 0)");
  }
  for (int stage = 0; stage < stages; ++stage) {
    // K: K-major, B of S = Q K^T (N = BlockN keys).
    uint32_t kTile = kBase + stage * kTileBytes;
    auto sK =
        make_tensor(smem(kTile), tile_to_shape(Layout_K_SW128_Atom<T>{},
                                               Shape<Int<BlockN>, Int<D>>{}));
    checkTmaPlacement<BlockN, D>(sK, kTile, "K tile");
    checkKMajor<BlockN, D>(sK,
                           qkThread.make_fragment_B(qkThread.partition_B(sK)),
                           BlockN, kTile, "K");

    // V: MN-major (N = D columns contiguous), B of O += P V; CuTe's (n, k)
    // tensor steps along k (keys) first, so the next 64 columns are one
    // BlockN x 128-byte TMA box further.
    uint32_t vTile = vBase + stage * kTileBytes;
    auto sV =
        make_tensor(smem(vTile), tile_to_shape(Layout_MN_SW128_Atom<T>{},
                                               Shape<Int<D>, Int<BlockN>>{},
                                               Step<_2, _1>{}));
    // The kernel's V tile is [BlockN keys][D]: element (key, column) is
    // CuTe's (column, key).
    auto sVByKey = make_tensor(sV.data(), select<1, 0>(sV.layout()));
    checkTmaPlacement<BlockN, D>(sVByKey, vTile, "V tile");
    auto pv = make_tiled_mma(
        MMA_Atom<typename std::conditional<
            std::is_same<T, bfloat16_t>::value,
            typename std::conditional<
                D == 64, MMA_64x64x16_F32BF16BF16_RS<Major::K, Major::MN>,
                MMA_64x128x16_F32BF16BF16_RS<Major::K, Major::MN>>::type,
            typename std::conditional<
                D == 64, MMA_64x64x16_F32F16F16_RS<Major::K, Major::MN>,
                MMA_64x128x16_F32F16F16_RS<Major::K, Major::MN>>::type>::
                     type>{});
    auto pvThread = pv.get_thread_slice(0);
    checkMnMajor<D, BlockN>(sV,
                            pvThread.make_fragment_B(pvThread.partition_B(sV)),
                            BlockN, vTile, "V");
  }
}

/// The most stages (at most 4) whose ring fits the 227 KiB of shared
/// memory a block may opt in to (the family's rule); fewer stages are a
/// prefix of the same layout.
constexpr int maxStages(int d, int blockN) {
  int stages = 4;
  while (1024 + (128 + 2 * stages * blockN) * d * 2 + (1 + 3 * stages) * 8 >
         227 * 1024)
    --stages;
  return stages;
}

TEST(CuteCrossCheck, Sm90KernelDescriptorsAndTileLayouts) {
  // Every head dim and key tile the family accepts, both element types.
  checkKernelDescriptors<bfloat16_t, 64, 64>(maxStages(64, 64));
  checkKernelDescriptors<bfloat16_t, 64, 128>(maxStages(64, 128));
  checkKernelDescriptors<bfloat16_t, 128, 64>(maxStages(128, 64));
  checkKernelDescriptors<bfloat16_t, 128, 128>(maxStages(128, 128));
  checkKernelDescriptors<half_t, 64, 64>(maxStages(64, 64));
  checkKernelDescriptors<half_t, 64, 128>(maxStages(64, 128));
  checkKernelDescriptors<half_t, 128, 64>(maxStages(128, 64));
  checkKernelDescriptors<half_t, 128, 128>(maxStages(128, 128));
}

TEST(CuteCrossCheck, TensorMapEnumsAndResultCodesAreTheDrivers) {
  // The emulated encoder speaks cuTensorMapEncodeTiled's values (cuda.h).
  const std::pair<const char *, int> driver[] = {
      {"CUDA_SUCCESS", CUDA_SUCCESS},
      {"CUDA_ERROR_INVALID_VALUE", CUDA_ERROR_INVALID_VALUE},
      {"CU_TENSOR_MAP_DATA_TYPE_UINT8", CU_TENSOR_MAP_DATA_TYPE_UINT8},
      {"CU_TENSOR_MAP_DATA_TYPE_UINT16", CU_TENSOR_MAP_DATA_TYPE_UINT16},
      {"CU_TENSOR_MAP_DATA_TYPE_FLOAT16", CU_TENSOR_MAP_DATA_TYPE_FLOAT16},
      {"CU_TENSOR_MAP_DATA_TYPE_FLOAT32", CU_TENSOR_MAP_DATA_TYPE_FLOAT32},
      {"CU_TENSOR_MAP_DATA_TYPE_BFLOAT16", CU_TENSOR_MAP_DATA_TYPE_BFLOAT16},
      {"CU_TENSOR_MAP_DATA_TYPE_TFLOAT32_FTZ",
       CU_TENSOR_MAP_DATA_TYPE_TFLOAT32_FTZ},
      {"CU_TENSOR_MAP_DATA_TYPE_16U4_ALIGN8B",
       CU_TENSOR_MAP_DATA_TYPE_16U4_ALIGN8B},
      {"CU_TENSOR_MAP_DATA_TYPE_16U4_ALIGN16B",
       CU_TENSOR_MAP_DATA_TYPE_16U4_ALIGN16B},
      {"CU_TENSOR_MAP_DATA_TYPE_16U6_ALIGN16B",
       CU_TENSOR_MAP_DATA_TYPE_16U6_ALIGN16B},
      {"CU_TENSOR_MAP_INTERLEAVE_NONE", CU_TENSOR_MAP_INTERLEAVE_NONE},
      {"CU_TENSOR_MAP_INTERLEAVE_32B", CU_TENSOR_MAP_INTERLEAVE_32B},
      {"CU_TENSOR_MAP_SWIZZLE_NONE", CU_TENSOR_MAP_SWIZZLE_NONE},
      {"CU_TENSOR_MAP_SWIZZLE_32B", CU_TENSOR_MAP_SWIZZLE_32B},
      {"CU_TENSOR_MAP_SWIZZLE_64B", CU_TENSOR_MAP_SWIZZLE_64B},
      {"CU_TENSOR_MAP_SWIZZLE_128B", CU_TENSOR_MAP_SWIZZLE_128B},
      {"CU_TENSOR_MAP_SWIZZLE_128B_ATOM_32B",
       CU_TENSOR_MAP_SWIZZLE_128B_ATOM_32B},
      {"CU_TENSOR_MAP_SWIZZLE_128B_ATOM_32B_FLIP_8B",
       CU_TENSOR_MAP_SWIZZLE_128B_ATOM_32B_FLIP_8B},
      {"CU_TENSOR_MAP_SWIZZLE_128B_ATOM_64B",
       CU_TENSOR_MAP_SWIZZLE_128B_ATOM_64B},
      {"CU_TENSOR_MAP_L2_PROMOTION_L2_256B",
       CU_TENSOR_MAP_L2_PROMOTION_L2_256B},
      {"CU_TENSOR_MAP_FLOAT_OOB_FILL_NAN_REQUEST_ZERO_FMA",
       CU_TENSOR_MAP_FLOAT_OOB_FILL_NAN_REQUEST_ZERO_FMA},
  };
  int count = 0;
  const model::NamedConstant *ours = model::tensorMapConstants(count);
  ASSERT_EQ(count, int(sizeof driver / sizeof driver[0]));
  for (int i = 0; i < count; ++i) {
    EXPECT_STREQ(ours[i].name, driver[i].first);
    EXPECT_EQ(ours[i].value, driver[i].second) << ours[i].name;
  }
}

} // namespace

#else // !ACCEL_HAVE_CUTE

TEST(CuteCrossCheck, NeedsCutlassHeaders) {
  GTEST_SKIP() << "CUTLASS/CuTe headers not found (ACCEL_CUTLASS_INCLUDE_DIR, "
                  "ACCEL_CCCL_INCLUDE_DIR): run scripts/install-deps.sh and "
                  "reconfigure";
}

#endif // ACCEL_HAVE_CUTE
