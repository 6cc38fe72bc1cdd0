// The attention forward on the CUDA cores (attention_simt) takes what the
// tensor-core kernels do not: f32 q/k/v (what JAX and torch-mlir emit) on
// every target, and bf16/f16 head dims other than 64 and 128 or a value
// head dim that differs; bf16 at d = 64 stays on the tensor cores. Tiles
// are no taller than the sequences, and shrink where Q, K/V and P would
// not fit the target's opt-in shared memory (d = 256 on sm_86).
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s | FileCheck %s --check-prefixes=CHECK,SM80
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %s | FileCheck %s --check-prefixes=CHECK,SM90
// RUN: accel-opt %s --accel-select-kernels=target=sm_86 | FileCheck %s --check-prefix=SM86

// CHECK: //   @f32_gqa_causal_lse kernel 0: attention_simt f32.d64.causal.lse #accel.attention_simt_config<block_m = 64, block_n = 64>
// CHECK-NEXT: //     accelkern_attention::attentionForwardSimtKernel<float, 64, 64, 64, 64, true, false, true, false>
// CHECK-NEXT: //     grid [4, 8, 2] x 256 threads, 49920 B shared
// CHECK: //   @f32_decode_bias kernel 0: attention_simt f32.d40.bias #accel.attention_simt_config<block_m = 16, block_n = 64>
// CHECK-NEXT: //     accelkern_attention::attentionForwardSimtKernel<float, 40, 40, 16, 64, false, false, false, true>
// CHECK: //   @bf16_head_dim_96_sharded kernel 0: attention_simt bf16.d96.causal.sharded #accel.attention_simt_config<block_m = 64, block_n = 64>
// CHECK-NEXT: //     accelkern_attention::attentionForwardSimtKernel<__nv_bfloat16, 96, 96, 64, 64, true, true, false, false>
// CHECK: //   @f16_value_dim_differs kernel 0: attention_simt f16.d64.dv32 #accel.attention_simt_config<block_m = 32, block_n = 48>
// CHECK-NEXT: //     accelkern_attention::attentionForwardSimtKernel<__half, 64, 32, 32, 48, false, false, false, false>
// CHECK: //   @f32_head_dim_256 kernel 0: attention_simt f32.d256 #accel.attention_simt_config<block_m = 64, block_n = 64>
// CHECK-NEXT: //     accelkern_attention::attentionForwardSimtKernel<float, 256, 256, 64, 64, false, false, false, false>
// CHECK-NEXT: //     grid [2, 1, 1] x 256 threads, 148224 B shared
// SM80: //   @bf16_head_dim_64 kernel 0: attention bf16.d64 #accel.attention_sm80_config<block_n = 64, num_warps = 4>
// SM90: //   @bf16_head_dim_64 kernel 0: attention_wgmma bf16.d64 #accel.attention_sm90a_config<block_n = 128, num_stages = 2>
// CHECK: //   @pinned kernel 0: attention_simt f32.d64 #accel.attention_simt_config<block_m = 16, block_n = 32>
// A pinned CUDA-core config also takes a shape the tensor cores would.
// CHECK: //   @pinned_tensor_core_shape kernel 0: attention_simt bf16.d128 #accel.attention_simt_config<block_m = 32, block_n = 48>
// CHECK: //   @dynamic_key_head_dim kernel 0: attention_simt f32.d8

// CHECK: ---- kernel family: attention_simt ----
// CHECK: attentionForwardSimtKernel(const ForwardParams p) {
// CHECK-LABEL: extern "C" cudaError_t accel_f32_gqa_causal_lse(
// CHECK: .headsKV = 2;
// CHECK: accelkern_attention::launchAttentionForwardSimt<float, 64, 64, 64, 64, true, false, true, false>
// CHECK-LABEL: extern "C" cudaError_t accel_f32_decode_bias(
// CHECK: accelkern_attention::launchAttentionForwardSimt<float, 40, 40, 16, 64, false, false, false, true>
// k's rows are read at q's head dim: a dynamic one must agree at run time.
// CHECK-LABEL: extern "C" cudaError_t accel_dynamic_key_head_dim(
// CHECK: 'accel.attention' op expects head dims of q and k to agree, got %lld and %lld
// CHECK: launchAttentionForwardSimt<float, 8, 8,

// On the 99 KiB parts, 64 x 64 tiles at d = 256 (148224 bytes) do not fit:
// whichever tile is taller shrinks (the key tile on a tie) until they fit.
// SM86-LABEL: func.func @f32_head_dim_256
// SM86: #accel.attention_simt_config<block_m = 48, block_n = 32>

func.func @f32_gqa_causal_lse(%q: tensor<2x8x200x64xf32>, %k: tensor<2x2x260x64xf32>, %v: tensor<2x2x260x64xf32>) -> (tensor<2x8x200x64xf32>, tensor<2x8x200xf32>) {
  %o, %lse = accel.attention %q, %k, %v {causal = true, with_lse} : (tensor<2x8x200x64xf32>, tensor<2x2x260x64xf32>, tensor<2x2x260x64xf32>) -> (tensor<2x8x200x64xf32>, tensor<2x8x200xf32>)
  return %o, %lse : tensor<2x8x200x64xf32>, tensor<2x8x200xf32>
}

func.func @f32_decode_bias(%q: tensor<4x4x1x40xf32>, %k: tensor<4x4x500x40xf32>, %v: tensor<4x4x500x40xf32>, %bias: tensor<4x1x1x500xf32>) -> tensor<4x4x1x40xf32> {
  %o = accel.attention %q, %k, %v, %bias : (tensor<4x4x1x40xf32>, tensor<4x4x500x40xf32>, tensor<4x4x500x40xf32>, tensor<4x1x1x500xf32>) -> tensor<4x4x1x40xf32>
  return %o : tensor<4x4x1x40xf32>
}

func.func @bf16_head_dim_96_sharded(%q: tensor<1x4x256x96xbf16>) -> tensor<1x4x256x96xbf16> {
  %o = accel.attention %q, %q, %q {causal = true, sparsity = #accel.head_shard<num_shards = 4, block = 16, local_blocks = 1>} : (tensor<1x4x256x96xbf16>, tensor<1x4x256x96xbf16>, tensor<1x4x256x96xbf16>) -> tensor<1x4x256x96xbf16>
  return %o : tensor<1x4x256x96xbf16>
}

func.func @f16_value_dim_differs(%q: tensor<1x2x30x64xf16>, %k: tensor<1x2x40x64xf16>, %v: tensor<1x2x40x32xf16>) -> tensor<1x2x30x32xf16> {
  %o = accel.attention %q, %k, %v : (tensor<1x2x30x64xf16>, tensor<1x2x40x64xf16>, tensor<1x2x40x32xf16>) -> tensor<1x2x30x32xf16>
  return %o : tensor<1x2x30x32xf16>
}

func.func @f32_head_dim_256(%q: tensor<1x1x100x256xf32>) -> tensor<1x1x100x256xf32> {
  %o = accel.attention %q, %q, %q : (tensor<1x1x100x256xf32>, tensor<1x1x100x256xf32>, tensor<1x1x100x256xf32>) -> tensor<1x1x100x256xf32>
  return %o : tensor<1x1x100x256xf32>
}

func.func @bf16_head_dim_64(%q: tensor<1x1x128x64xbf16>) -> tensor<1x1x128x64xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<1x1x128x64xbf16>, tensor<1x1x128x64xbf16>, tensor<1x1x128x64xbf16>) -> tensor<1x1x128x64xbf16>
  return %o : tensor<1x1x128x64xbf16>
}

func.func @pinned(%q: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_simt_config<block_m = 16, block_n = 32>} : (tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

func.func @pinned_tensor_core_shape(%q: tensor<2x8x100x128xbf16>, %k: tensor<2x2x77x128xbf16>) -> tensor<2x8x100x128xbf16> {
  %o = accel.attention %q, %k, %k {accel.kernel_config = #accel.attention_simt_config<block_m = 32, block_n = 48>} : (tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>) -> tensor<2x8x100x128xbf16>
  return %o : tensor<2x8x100x128xbf16>
}

func.func @dynamic_key_head_dim(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x40x?xf32>, %v: tensor<1x2x40x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = accel.attention %q, %k, %v : (tensor<1x2x30x8xf32>, tensor<1x2x40x?xf32>, tensor<1x2x40x8xf32>) -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}
