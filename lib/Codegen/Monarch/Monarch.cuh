//===- Monarch.cuh - block-diagonal and Monarch products on the GEMM -----===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// accel.block_diag_matmul and accel.monarch_matmul on the mma.sync GEMM
// template (GemmSm80.cuh), with no copy and no materialized permutation
// (docs/codegen.md, "The Monarch family"):
//
// - A block-diagonal factor x [rows, nb * p] . w [nb, q, p] is one batched
//   GEMM over the nb blocks: batch entry b reads a = x[:, b*p .. b*p+p)
//   (row stride nb * p, batch stride p) and b = w[b] as [N = q, K = p]
//   (transpose_b), and writes q columns. accel.block_diag_matmul alone
//   needs no permutation: its output (and epilogue tensors) advance q
//   columns a batch entry, on the plain store path.
// - accel.monarch_matmul is two such GEMMs. The contract reads the first
//   factor's output t1 [rows, k*q] as [rows, r, l] transposed to
//   t2 [rows, l, r]; the first GEMM stores its flat column f = b*q + i
//   straight at t2's column (f % l) * r + f / l, so the second reads its
//   blocks t2[:, c*r .. c*r+r) as plain strided views. The second stores
//   u[.., c, o] (flat column f = c*s + o) at the contract's o*l + c:
//   (f % s) * l + f / s. Both are GemmParams::colSplit's one form; the
//   permutation costs an integer division per stored element and nothing
//   else (the stores were element-wise already).
//
// The intermediate t2 is the inputs' 16-bit type (the second factor runs
// on tensor cores); the CPU reference keeps t1 in f32, so the CUDA result
// differs from it by that one rounding (docs/lowering/Monarch.md). The
// dispatch's epilogue runs in the last GEMM's stores and sees the result's
// (row, column) coordinates, rows being the folded leading dims of x.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_MONARCH_CUH
#define ACCEL_MONARCH_CUH

#ifndef ACCEL_GEMM_SM80_CUH
// Generated sources carry the GEMM template's text above this one.
#include "../Gemm/GemmSm80.cuh"
#endif

namespace accelkern_monarch {

using accelkern_gemm::EpilogueCoord;
using accelkern_gemm::GemmParams;

/// The generated epilogue E of a factor whose stores permute columns.
template <typename E> struct PermutedColumns {
  static constexpr bool kPermutesColumns = true;
  __device__ static float apply(const GemmParams &p, float acc,
                                const EpilogueCoord &at) {
    return E::apply(p, acc, at);
  }
};

/// The first factor of a Monarch product: its f32 sum, stored (rounded to
/// the intermediate's type by the store) in t2's layout.
struct Intermediate {
  static constexpr bool kPermutesColumns = true;
  __device__ static float apply(const GemmParams &, float acc,
                                const EpilogueCoord &) {
    return acc;
  }
};

/// Run-time arguments of one block-diagonal or Monarch product. x is
/// [rows, k * p] dense (its leading dims folded into rows), w1 [k, q, p]
/// and w2 [l, s, r] dense, out [rows, n_out] with row stride n_out (k * q
/// for block_diag_matmul, l * s for monarch_matmul); t2 a [rows, k * q]
/// temporary of the inputs' type (Monarch only). The epilogue's tensors
/// are addressed over the result's row and column.
struct MonarchParams {
  const void *x, *w1, *w2;
  void *out, *t2;
  long long rows;
  int k, q, p;
  /// The second factor; l = 0 for accel.block_diag_matmul.
  int l, s, r;
  const void *extras[accelkern_gemm::kMaxExtras];
  long long extraRowStrides[accelkern_gemm::kMaxExtras],
      extraColStrides[accelkern_gemm::kMaxExtras];
};

#if !defined(__CUDACC_RTC__)
/// The batched GEMM of one block-diagonal factor: `in` [rows, nb * kIn]
/// times w [nb, nOut, kIn] per block, element (block b, column j) stored
/// at out + row * outRowStride + (f % split) * lo + (f / split) * hi,
/// f = b * nOut + j.
inline GemmParams factorParams(const void *in, const void *w, void *out,
                               long long rows, int nb, int nOut, int kIn,
                               long long outRowStride, int split, int lo,
                               int hi) {
  GemmParams g{};
  g.a = in;
  g.b = w;
  g.out = out;
  g.m = int(rows);
  g.n = nOut;
  g.k = kIn;
  for (int d = 0; d < accelkern_gemm::kMaxBatchDims; ++d)
    g.batchSizes[d] = 1;
  g.batchSizes[accelkern_gemm::kMaxBatchDims - 1] = nb;
  g.batchCount = nb;
  g.aBatchStrides[accelkern_gemm::kMaxBatchDims - 1] = kIn;
  g.bBatchStrides[accelkern_gemm::kMaxBatchDims - 1] =
      (long long)nOut * kIn;
  g.aRowStride = (long long)nb * kIn;
  g.bRowStride = kIn;
  g.outRowStride = outRowStride;
  g.colSplit = split;
  g.colLoStride = lo;
  g.colHiStride = hi;
  return g;
}

/// The last GEMM of `mp` (block_diag_matmul's only one), with the
/// epilogue's tensors: it writes the result.
inline GemmParams lastFactorParams(const MonarchParams &mp) {
  GemmParams g;
  if (mp.l == 0) {
    // No permutation: block b's columns are a batch entry q columns on,
    // for the output and every epilogue tensor (the plain store path).
    g = factorParams(mp.x, mp.w1, mp.out, mp.rows, mp.k, mp.q, mp.p,
                     (long long)mp.k * mp.q, 1, 1, 0);
    g.outBatchStrides[accelkern_gemm::kMaxBatchDims - 1] = mp.q;
  } else {
    g = factorParams(mp.t2, mp.w2, mp.out, mp.rows, mp.l, mp.s, mp.r,
                     (long long)mp.l * mp.s, mp.s, mp.l, 1);
  }
  constexpr int kRank = accelkern_gemm::kExtraRank;
  for (int i = 0; i < accelkern_gemm::kMaxExtras; ++i) {
    g.extras[i] = mp.extras[i];
    g.extraStrides[i * kRank + accelkern_gemm::kMaxBatchDims] =
        mp.extraRowStrides[i];
    g.extraStrides[i * kRank + accelkern_gemm::kMaxBatchDims + 1] =
        mp.extraColStrides[i];
    if (mp.l == 0)
      g.extraStrides[i * kRank + accelkern_gemm::kMaxBatchDims - 1] =
          mp.q * mp.extraColStrides[i];
  }
  return g;
}

/// A Monarch product's first GEMM: x . w1 per block into t2's layout.
inline GemmParams firstFactorParams(const MonarchParams &mp) {
  return factorParams(mp.x, mp.w1, mp.t2, mp.rows, mp.k, mp.q, mp.p,
                      (long long)mp.k * mp.q, mp.l, mp.r, 1);
}
#endif

#if !defined(__CUDACC_RTC__) && !defined(ACCEL_CUDA_EMULATION)
/// One factor's launch (grid: row tiles, column tiles, blocks).
template <typename T, typename OutT, typename Epilogue, int kBlockM,
          int kBlockN, int kBlockK, int kWarpsM, int kWarpsN, int kStages>
cudaError_t launchFactor(const GemmParams &p, cudaStream_t stream) {
  if (p.m == 0 || p.n == 0 || p.batchCount == 0)
    return cudaSuccess;
  dim3 grid((p.m + kBlockM - 1) / kBlockM, (p.n + kBlockN - 1) / kBlockN,
            p.batchCount);
  accelkern_gemm::gemmKernel<T, OutT, Epilogue, kBlockM, kBlockN, kBlockK,
                             kWarpsM, kWarpsN, kStages, true>
      <<<grid, 32 * kWarpsM * kWarpsN, 0, stream>>>(p);
  return cudaGetLastError();
}

/// accel.monarch_matmul (kMonarch) or accel.block_diag_matmul (mp.l ==
/// 0), with the generated epilogue E on the last factor. The op is a
/// template argument so that only its own kernels are instantiated.
template <typename T, typename OutT, typename E, int kBlockM, int kBlockN,
          int kBlockK, int kWarpsM, int kWarpsN, int kStages, bool kMonarch>
cudaError_t launchMonarch(const MonarchParams &mp, cudaStream_t stream) {
  if (mp.rows == 0 || (mp.l != 0) != kMonarch)
    return mp.rows == 0 ? cudaSuccess : cudaErrorInvalidValue;
  if constexpr (!kMonarch) {
    return launchFactor<T, OutT, E, kBlockM, kBlockN, kBlockK, kWarpsM,
                        kWarpsN, kStages>(lastFactorParams(mp), stream);
  } else {
    cudaError_t error =
        launchFactor<T, T, Intermediate, kBlockM, kBlockN, kBlockK, kWarpsM,
                     kWarpsN, kStages>(firstFactorParams(mp), stream);
    if (error != cudaSuccess)
      return error;
    return launchFactor<T, OutT, PermutedColumns<E>, kBlockM, kBlockN,
                        kBlockK, kWarpsM, kWarpsN, kStages>(
        lastFactorParams(mp), stream);
  }
}
#endif // host launcher

} // namespace accelkern_monarch

#endif // ACCEL_MONARCH_CUH
