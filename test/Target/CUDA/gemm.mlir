// The GEMM family: accel.matmul and the epilogue accel-fuse-epilogue fused
// into its dispatch become one kernel whose epilogue type is generated from
// the ops (bias, every rounding of the IR's types, broadcast operands read
// through strides), and views (slices, transposes of leading dims) are
// read in place.
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_80 | FileCheck %s

// CHECK: //   @mlp kernel 0: gemm bf16.nt.b1.m?.n256.k128 #accel.gemm_sm80_config<block_m = 128, block_n = 128, block_k = 32, warps_m = 2, warps_n = 4, num_stages = 3>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<__nv_bfloat16, __nv_bfloat16, [[$MLP:AccelEpilogue_[0-9a-f]+]], 128, 128, 32, 2, 4, 3, true>
// CHECK-NEXT: //     grid [?, 2, 1] x 256 threads, 49152 B shared{{$}}
// CHECK: //   @small_f16_to_f32 kernel 0: gemm f16.nn.b3.m40.n24.k8
// CHECK-SAME: #accel.gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<__half, float, [[F32:AccelEpilogue_[0-9a-f]+]], 64, 64, 32, 2, 2, 4, false>
// CHECK: //   @sliced_operand kernel 0: gemm
// CHECK-NOT: copy
// CHECK: //   @transposed_last_dim kernel 0: copy (glue for 'accel.matmul')
// CHECK-NEXT: //     accelkern_glue::stridedCopyKernel<2>
// CHECK-NEXT: //   @transposed_last_dim kernel 1: gemm

// CHECK: ---- kernel family: gemm ----
// CHECK: ---- generated epilogues ----
// mlp: the f32 bias, the rounding to bf16, tanh(h) * h at bf16, and a
// broadcast row scale [N] read through (d0, d1) -> (d1).
// CHECK: struct [[$MLP]] {
// CHECK: float v0 = loadExtra<float, 0>(p, at);
// CHECK-NEXT: float v1 = roundTo<__nv_bfloat16>((acc + v0));
// CHECK: tanhf(
// CHECK: loadExtra<__nv_bfloat16, 1>(p, at);
// CHECK: return v{{[0-9]+}};
// CHECK: struct [[F32]] {
// CHECK-NEXT: __device__ static float apply
// CHECK-NEXT: const accelkern_gemm::EpilogueCoord &at) {
// CHECK-NEXT: using namespace accelkern_gemm;
// CHECK-NEXT: float v0 = acc;
// CHECK-NEXT: return v0;

// The launch: the row scale's strides are 0 over rows and 1 over columns.
// CHECK-LABEL: extern "C" cudaError_t accel_mlp(
// CHECK: .extras[1] = v4;
// CHECK: .extraStrides[10] = 0;
// CHECK-NEXT: .extraStrides[11] = 1;
// CHECK: accelkern_gemm::launchGemm<__nv_bfloat16, __nv_bfloat16, [[$MLP]], 128, 128, 32, 2, 4, 3, true>
// b read in place at column 64 of its storage (128 bytes in), row stride 192.
// CHECK-LABEL: extern "C" cudaError_t accel_sliced_operand(
// CHECK: = accel_host::advance(v2, 128);
// CHECK: .bRowStride = 192;

func.func @mlp(%x: tensor<?x128xbf16>, %w: tensor<256x128xbf16>, %b: tensor<256xf32>, %s: tensor<256xbf16>) -> tensor<?x256xbf16> {
  %c0 = arith.constant 0 : index
  %h = accel.matmul %x, %w, %b {transpose_b = true} : (tensor<?x128xbf16>, tensor<256x128xbf16>, tensor<256xf32>) -> tensor<?x256xbf16>
  %n = tensor.dim %x, %c0 : tensor<?x128xbf16>
  %t = math.tanh %h : tensor<?x256xbf16>
  %g = arith.mulf %t, %h : tensor<?x256xbf16>
  %init = tensor.empty(%n) : tensor<?x256xbf16>
  %scaled = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                            iterator_types = ["parallel", "parallel"]}
      ins(%g, %s : tensor<?x256xbf16>, tensor<256xbf16>) outs(%init : tensor<?x256xbf16>) {
  ^bb0(%in: bf16, %scale: bf16, %out: bf16):
    %m = arith.mulf %in, %scale : bf16
    linalg.yield %m : bf16
  } -> tensor<?x256xbf16>
  return %scaled : tensor<?x256xbf16>
}

func.func @small_f16_to_f32(%a: tensor<3x40x8xf16>, %b: tensor<1x8x24xf16>) -> tensor<3x40x24xf32> {
  %c = accel.matmul %a, %b : (tensor<3x40x8xf16>, tensor<1x8x24xf16>) -> tensor<3x40x24xf32>
  return %c : tensor<3x40x24xf32>
}

func.func @sliced_operand(%a: tensor<32x64xbf16>, %packed: tensor<64x192xbf16>) -> tensor<32x64xbf16> {
  %b = tensor.extract_slice %packed[0, 64] [64, 64] [1, 1] : tensor<64x192xbf16> to tensor<64x64xbf16>
  %c = accel.matmul %a, %b : (tensor<32x64xbf16>, tensor<64x64xbf16>) -> tensor<32x64xbf16>
  return %c : tensor<32x64xbf16>
}

// A transpose of a's last dim leaves no row-contiguous view: copied first.
func.func @transposed_last_dim(%at: tensor<64x32xbf16>, %b: tensor<64x64xbf16>) -> tensor<32x64xbf16> {
  %init = tensor.empty() : tensor<32x64xbf16>
  %a = linalg.transpose ins(%at : tensor<64x32xbf16>) outs(%init : tensor<32x64xbf16>) permutation = [1, 0]
  %c = accel.matmul %a, %b : (tensor<32x64xbf16>, tensor<64x64xbf16>) -> tensor<32x64xbf16>
  return %c : tensor<32x64xbf16>
}

// A result more static than a (M dynamic) is checked at run time, before
// the launch: the caller's buffer holds 8 rows.
// CHECK-LABEL: extern "C" cudaError_t accel_static_result(
// CHECK-SAME: int64_t [[M:v[0-9]+]], cudaStream_t
// CHECK: if ([[M]] != 8) {
// CHECK-NEXT: accel_host::fail({{v[0-9]+}}, "{{.*}}'accel.matmul' op expects result #0 dim 0 and its declared size to agree, got %lld and %lld", [[M]], 8);
// CHECK: accelkern_gemm::launchGemm
func.func @static_result(%a: tensor<?x64xbf16>, %b: tensor<64x32xbf16>) -> tensor<8x32xbf16> {
  %c = accel.matmul %a, %b : (tensor<?x64xbf16>, tensor<64x32xbf16>) -> tensor<8x32xbf16>
  return %c : tensor<8x32xbf16>
}
