// f32 matmuls (what torch-mlir and StableHLO front ends emit) are the
// gemm_f32 family on every target: f32 products and accumulation on the
// CUDA cores, the same generated epilogue, strides and batch broadcasting
// as the 16-bit kernels; a small M or N takes 64-row or -column tiles.
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_80 | FileCheck %s
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_90a | FileCheck %s

// CHECK: //   @linear_gelu kernel 0: gemm_f32 f32.nt.b2.m128.n768.k512.shared_b #accel.gemm_simt_config<block_m = 128, block_n = 128, block_k = 8>
// CHECK-NEXT: //     accelkern_gemm::gemmSimtKernel<float, [[$GELU:AccelEpilogue_[0-9a-f]+]], 128, 128, 8, true>
// CHECK-NEXT: //     grid [1, 6, 2] x 256 threads, 16896 B shared
// CHECK: //   @small_to_bf16 kernel 0: gemm_f32 f32.nn.b1.m20.n48.k64 #accel.gemm_simt_config<block_m = 64, block_n = 64, block_k = 8>
// CHECK-NEXT: //     accelkern_gemm::gemmSimtKernel<__nv_bfloat16, {{AccelEpilogue_[0-9a-f]+}}, 64, 64, 8, false>
// CHECK: //   @pinned kernel 0: gemm_f32 f32.nn.b1.m64.n64.k64 #accel.gemm_simt_config<block_m = 32, block_n = 64, block_k = 16>
// CHECK: //   @masked kernel 0: gemm_f32 f32.nn.b1.m10.n4.k4
// CHECK-NEXT: //     accelkern_gemm::gemmSimtKernel<float, [[$MASK:AccelEpilogue_[0-9a-f]+]], 64, 64, 8, false>

// CHECK: ---- kernel family: gemm_f32 ----
// CHECK: gemmSimtKernel(const GemmParams p) {
// CHECK: ---- generated epilogues ----
// CHECK: struct [[$GELU]] {
// CHECK: erff(
// An i1 epilogue tensor (the RGCN loop's JAX mask) is read as bytes.
// CHECK: struct [[$MASK]] {
// CHECK: bool v1 = loadExtraBool<0>(p, at);
// CHECK-NEXT: float v2 = (v1 ? v0 : (0.0f));
// CHECK-LABEL: extern "C" cudaError_t accel_linear_gelu(
// CHECK: accelkern_gemm::launchGemmSimt<float, [[$GELU]], 128, 128, 8, true>

func.func @linear_gelu(%x: tensor<2x128x512xf32>, %w: tensor<768x512xf32>) -> tensor<2x128x768xf32> {
  %h = accel.matmul %x, %w {transpose_b = true} : (tensor<2x128x512xf32>, tensor<768x512xf32>) -> tensor<2x128x768xf32>
  %half = arith.constant dense<0.5> : tensor<2x128x768xf32>
  %rsqrt2 = arith.constant dense<0.707106769> : tensor<2x128x768xf32>
  %one = arith.constant dense<1.0> : tensor<2x128x768xf32>
  %s = arith.mulf %h, %rsqrt2 : tensor<2x128x768xf32>
  %e = math.erf %s : tensor<2x128x768xf32>
  %p = arith.addf %e, %one : tensor<2x128x768xf32>
  %q = arith.mulf %h, %p : tensor<2x128x768xf32>
  %y = arith.mulf %q, %half : tensor<2x128x768xf32>
  return %y : tensor<2x128x768xf32>
}

func.func @small_to_bf16(%a: tensor<20x64xf32>, %b: tensor<64x48xf32>) -> tensor<20x48xbf16> {
  %c = accel.matmul %a, %b : (tensor<20x64xf32>, tensor<64x48xf32>) -> tensor<20x48xbf16>
  return %c : tensor<20x48xbf16>
}

func.func @pinned(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %c = accel.matmul %a, %b {accel.kernel_config = #accel.gemm_simt_config<block_m = 32, block_n = 64, block_k = 16>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

func.func @masked(%x: tensor<10x4xf32>, %w: tensor<4x4xf32>, %mask: tensor<10x4xi1>) -> tensor<10x4xf32> {
  %h = accel.matmul %x, %w : (tensor<10x4xf32>, tensor<4x4xf32>) -> tensor<10x4xf32>
  %e = tensor.empty() : tensor<10x4xf32>
  %zero = arith.constant 0.0 : f32
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%mask, %h : tensor<10x4xi1>, tensor<10x4xf32>) outs(%e : tensor<10x4xf32>) {
  ^bb0(%m: i1, %v: f32, %out: f32):
    %s = arith.select %m, %v, %zero : f32
    linalg.yield %s : f32
  } -> tensor<10x4xf32>
  return %r : tensor<10x4xf32>
}
