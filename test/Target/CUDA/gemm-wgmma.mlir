// On sm_90a accel.matmul is the wgmma/TMA family (gemm_wgmma): its record
// with the default config (128 x 256 tiles and four stages; a narrow N
// takes the 64- or 128-column tile and a deeper ring), the template (the
// sm_80 file first: it is the fallback for operands TMA cannot read), the
// launch grid (tiles in x, batch in y), the generated epilogue, and the
// launcher; a config of the mma.sync family on the op still selects that
// family on sm_90a.
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_90a | FileCheck %s

// CHECK: //   @ffn_up kernel 0: gemm_wgmma bf16.nt.b?.m512.n1024.k256.shared_b #accel.gemm_sm90a_config<block_n = 256, num_stages = 4>
// CHECK-NEXT: //     accelkern_gemm::gemmSm90Kernel<__nv_bfloat16, __nv_bfloat16, [[$FFN:AccelEpilogue_[0-9a-f]+]], 256, 4, true>
// CHECK-NEXT: //     grid [16, ?, 1] x 384 threads, 197696 B shared
// CHECK: //   @narrow kernel 0: gemm_wgmma f16.nn.b1.m300.n96.k64 #accel.gemm_sm90a_config<block_n = 128, num_stages = 6>
// CHECK-NEXT: //     accelkern_gemm::gemmSm90Kernel<__half, float, {{AccelEpilogue_[0-9a-f]+}}, 128, 6, false>
// CHECK-NEXT: //     grid [3, 1, 1] x 384 threads, 197728 B shared, ~{{[0-9.]+}} us (H100 SXM5 roofline)
// CHECK: //   @narrowest kernel 0: gemm_wgmma bf16.nt.b1.m8.n40.k32 #accel.gemm_sm90a_config<block_n = 64, num_stages = 8>
// CHECK: //   @pinned_mma_sync kernel 0: gemm bf16.nt.b1.m64.n64.k64 #accel.gemm_sm80_config

// CHECK: ---- kernel family: gemm_wgmma ----
// CHECK: struct alignas(128) TmaDescriptor {
// CHECK: __global__ void __launch_bounds__(32 * kWarpsM *kWarpsN)
// CHECK-NEXT: gemmKernel(const GemmParams p) {
// CHECK: gemmSm90Kernel(const __grid_constant__ GemmSm90Params params) {
// CHECK: case GemmSm90Setup::Fallback:
// CHECK-NEXT: return launchGemm<T, OutT, Epilogue, 128, 128, 32, 2, 4, 3, kTransB>(
// CHECK: ---- kernel family: gemm ----
// CHECK: ---- generated epilogues ----
// CHECK: struct [[$FFN]] {
// CHECK: roundTo<__nv_bfloat16>((v{{[0-9]+}} * v{{[0-9]+}}))

// CHECK-LABEL: extern "C" cudaError_t accel_ffn_up(
// CHECK: accelkern_gemm::launchGemmSm90<__nv_bfloat16, __nv_bfloat16, [[$FFN]], 256, 4, true>
// CHECK-LABEL: extern "C" cudaError_t accel_pinned_mma_sync(
// CHECK: accelkern_gemm::launchGemm<__nv_bfloat16, __nv_bfloat16, {{AccelEpilogue_[0-9a-f]+}}, 64, 64, 32, 2, 2, 4, true>

func.func @ffn_up(%x: tensor<?x512x256xbf16>, %w: tensor<1024x256xbf16>, %bias: tensor<1024xf32>) -> tensor<?x512x1024xbf16> {
  %h = accel.matmul %x, %w, %bias {transpose_b = true} : (tensor<?x512x256xbf16>, tensor<1024x256xbf16>, tensor<1024xf32>) -> tensor<?x512x1024xbf16>
  %c0 = arith.constant 0 : index
  %batch = tensor.dim %x, %c0 : tensor<?x512x256xbf16>
  %init = tensor.empty(%batch) : tensor<?x512x1024xbf16>
  %y = linalg.generic {indexing_maps = [affine_map<(b, i, j) -> (b, i, j)>, affine_map<(b, i, j) -> (b, i, j)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<?x512x1024xbf16>) outs(%init : tensor<?x512x1024xbf16>) {
  ^bb0(%v: bf16, %o: bf16):
    %zero = arith.constant 0.0 : bf16
    %r = arith.maximumf %v, %zero : bf16
    %s = arith.mulf %r, %r : bf16
    linalg.yield %s : bf16
  } -> tensor<?x512x1024xbf16>
  return %y : tensor<?x512x1024xbf16>
}

func.func @narrow(%a: tensor<300x64xf16>, %b: tensor<64x96xf16>) -> tensor<300x96xf32> {
  %c = accel.matmul %a, %b : (tensor<300x64xf16>, tensor<64x96xf16>) -> tensor<300x96xf32>
  return %c : tensor<300x96xf32>
}

func.func @narrowest(%a: tensor<8x32xbf16>, %b: tensor<40x32xbf16>) -> tensor<8x40xbf16> {
  %c = accel.matmul %a, %b {transpose_b = true} : (tensor<8x32xbf16>, tensor<40x32xbf16>) -> tensor<8x40xbf16>
  return %c : tensor<8x40xbf16>
}

func.func @pinned_mma_sync(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  %c = accel.matmul %a, %b {transpose_b = true, accel.kernel_config = #accel.gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}
