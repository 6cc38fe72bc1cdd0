// FP8 (f8E4M3FN x f8E4M3FN) runs on the fp8 tensor cores of sm_89 and up
// (mma.sync m16n8k32 e4m3, f32 accumulation); sm_80 refuses it at the op.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %s | FileCheck %s
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_89 %s | FileCheck %s --check-prefix=PTX
// RUN: not accel-translate --accel-to-cuda --accel-sm=sm_80 %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=SM80

// CHECK: //   @fp8 kernel 0: quantized_gemm e4m3.nt.b1.m256.n256.k512 #accel.quantized_gemm_sm80_config<block_m = 128, block_n = 128, block_k = 64, warps_m = 2, warps_n = 4, num_stages = 3>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<accelkern_tc::Float8E4M3, __nv_bfloat16, {{AccelEpilogue_[0-9a-f]+}}, 128, 128, 64, 2, 4, 3, true>
// PTX: .target sm_89
// PTX: mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e4m3.f32
// SM80: error: 'accel.quantized_matmul' op needs the fp8 tensor cores (sm_89 and up) for its f8E4M3FN CUDA kernel, the target is sm_80

func.func @fp8(%a: tensor<256x512xf8E4M3FN>, %as: tensor<256xf32>, %b: tensor<256x512xf8E4M3FN>, %bs: tensor<256xf32>) -> tensor<256x256xbf16> {
  %y = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true} : (tensor<256x512xf8E4M3FN>, tensor<256xf32>, tensor<256x512xf8E4M3FN>, tensor<256xf32>) -> tensor<256x256xbf16>
  return %y : tensor<256x256xbf16>
}
