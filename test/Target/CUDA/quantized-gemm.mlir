// accel.quantized_matmul of two 8-bit operands is the quantized_gemm
// family: the mma.sync GEMM template with i8 (W8A8, sm_80 and up) or
// f8E4M3FN (FP8, sm_89 and up) elements on m16n8k32, k tiles of 64 bytes;
// the generated epilogue dequantizes the i32 (f32) sum as the reference
// does, acc * (a_scale * b_scale), then adds the bias, rounds once, and
// runs the dispatch's fused consumers. The scales are epilogue tensors:
// per tensor (one element), per token ([B..., M]) or per channel ([N], or
// the one-group [1, N] / [N, 1] form).
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_80 | FileCheck %s
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_90a | FileCheck %s
// The PTX carries the 8-bit tensor-core instructions.
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-ptx --accel-sm=sm_80 | FileCheck %s --check-prefix=PTX
// PTX: mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32

// CHECK: //   @w8a8_relu kernel 0: quantized_gemm i8.nt.b2.m128.n768.k512.shared_b #accel.quantized_gemm_sm80_config<block_m = 128, block_n = 128, block_k = 64, warps_m = 2, warps_n = 4, num_stages = 3>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<signed char, __half, [[$RELU:AccelEpilogue_[0-9a-f]+]], 128, 128, 64, 2, 4, 3, true>
// CHECK-NEXT: //     grid [1, 6, 2] x 256 threads, 49152 B shared
// CHECK: //   @w8a8_kn_per_tensor kernel 0: quantized_gemm i8.nn.b1.m40.n72.k96 #accel.quantized_gemm_sm80_config<block_m = 64, block_n = 128, block_k = 64, warps_m = 2, warps_n = 4, num_stages = 4>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<signed char, float, [[$PLAIN:AccelEpilogue_[0-9a-f]+]], 64, 128, 64, 2, 4, 4, false>
// CHECK: //   @w8a8_grouped_form kernel 0: quantized_gemm i8.nt.b1.m64.n64.k256 #accel.quantized_gemm_sm80_config<block_m = 32, block_n = 64, block_k = 128, warps_m = 1, warps_n = 2, num_stages = 2>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<signed char, __nv_bfloat16, [[$GROUPED:AccelEpilogue_[0-9a-f]+]], 32, 64, 128, 1, 2, 2, true>

// CHECK: ---- kernel family: quantized_gemm ----
// CHECK: ---- generated epilogues ----
// The per-token and per-channel scales (extras 0 and 1), the f16 bias, one
// rounding, then the fused ReLU.
// CHECK: struct [[$RELU]] {
// CHECK-NEXT: __device__ static float apply(
// CHECK-NEXT: const accelkern_gemm::EpilogueCoord &at) {
// CHECK-NEXT: using namespace accelkern_gemm;
// CHECK-NEXT: float v0 = loadExtra<float, 0>(p, at);
// CHECK-NEXT: float v1 = loadExtra<float, 1>(p, at);
// CHECK-NEXT: float v2 = loadExtra<__half, 2>(p, at);
// CHECK-NEXT: float v3 = roundTo<__half>(((acc * (v0 * v1)) + v2));
// CHECK-NEXT: float v4 = roundTo<__half>(maximumF(v3, (0.0f)));
// CHECK-NEXT: return v4;
// CHECK: struct [[$PLAIN]] {
// CHECK: float v2 = (acc * (v0 * v1));
// CHECK-NEXT: return v2;

// The host: a_scale [2, 128] read per (batch, row), b_scale [768] per
// column, the bias per column.
// CHECK-LABEL: extern "C" cudaError_t accel_w8a8_relu(
// CHECK: .extras[0] =
// CHECK: .extraStrides[3] = 128;
// CHECK-NEXT: .extraStrides[4] = 1;
// CHECK-NEXT: .extraStrides[5] = 0;
// CHECK: .extras[1] =
// CHECK: .extraStrides[10] = 0;
// CHECK-NEXT: .extraStrides[11] = 1;
// CHECK: accelkern_gemm::launchGemm<signed char, __half, [[$RELU]], 128, 128, 64, 2, 4, 3, true>
// The [N, 1] b_scale of a [N, K] weight: its column stride is its row's.
// CHECK-LABEL: extern "C" cudaError_t accel_w8a8_grouped_form(
// CHECK: .extras[1] =
// CHECK: .extraStrides[10] = 0;
// CHECK-NEXT: .extraStrides[11] = 1;
// CHECK: accelkern_gemm::launchGemm<signed char, __nv_bfloat16, [[$GROUPED]], 32, 64, 128, 1, 2, 2, true>

func.func @w8a8_relu(%a: tensor<2x128x512xi8>, %as: tensor<2x128xf32>, %b: tensor<768x512xi8>, %bs: tensor<768xf32>, %bias: tensor<768xf16>) -> tensor<2x128x768xf16> {
  %y = accel.quantized_matmul %a, %as, %b, %bs, %bias {transpose_b = true} : (tensor<2x128x512xi8>, tensor<2x128xf32>, tensor<768x512xi8>, tensor<768xf32>, tensor<768xf16>) -> tensor<2x128x768xf16>
  %zero = arith.constant dense<0.0> : tensor<2x128x768xf16>
  %r = arith.maximumf %y, %zero : tensor<2x128x768xf16>
  return %r : tensor<2x128x768xf16>
}

// b as [K, N]: the kernel transposes it on its way into shared memory.
func.func @w8a8_kn_per_tensor(%a: tensor<40x96xi8>, %as: tensor<f32>, %b: tensor<96x72xi8>, %bs: tensor<f32>) -> tensor<40x72xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs : (tensor<40x96xi8>, tensor<f32>, tensor<96x72xi8>, tensor<f32>) -> tensor<40x72xf32>
  return %y : tensor<40x72xf32>
}

func.func @w8a8_grouped_form(%a: tensor<64x256xi8>, %as: tensor<64xf32>, %b: tensor<64x256xi8>, %bs: tensor<64x1xf32>) -> tensor<64x64xbf16> {
  %y = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true, accel.kernel_config = #accel.quantized_gemm_sm80_config<block_m = 32, block_n = 64, block_k = 128, warps_m = 1, warps_n = 2, num_stages = 2>} : (tensor<64x256xi8>, tensor<64xf32>, tensor<64x256xi8>, tensor<64x1xf32>) -> tensor<64x64xbf16>
  return %y : tensor<64x64xbf16>
}
