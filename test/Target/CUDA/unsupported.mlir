// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s -split-input-file -verify-diagnostics
// RUN: not accel-translate --accel-to-cuda --accel-sm=sm_75 %s -split-input-file 2>&1 | FileCheck %s --check-prefix=SM

// SM: error: unsupported --accel-sm=sm_75: accel's CUDA kernels need sm_80 or newer (e.g. sm_80, sm_90a)

func.func @f32_inputs(%q: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{'accel.attention' op needs bf16 or f16 q/k/v, got 'f32' (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

// -----

func.func @fp8_inputs(%q: tensor<1x1x64x64xf8E4M3FN>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op needs bf16 or f16 q/k/v, got 'f8E4M3FN' (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x64xf8E4M3FN>, tensor<1x1x64x64xf8E4M3FN>, tensor<1x1x64x64xf8E4M3FN>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @wider_out(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{'accel.attention' op needs every tensor in the input element type 'bf16', got 'f32' (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

// -----

func.func @head_dim_96(%q: tensor<1x1x64x96xbf16>) -> tensor<1x1x64x96xbf16> {
  // expected-error @+1 {{'accel.attention' op supports head dims 64 and 128, got 96 (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x96xbf16>, tensor<1x1x64x96xbf16>, tensor<1x1x64x96xbf16>) -> tensor<1x1x64x96xbf16>
  return %o : tensor<1x1x64x96xbf16>
}

// -----

func.func @dynamic_head_dim(%q: tensor<1x1x64x?xbf16>) -> tensor<1x1x64x?xbf16> {
  // expected-error @+1 {{'accel.attention' op needs a static head dim, got a dynamic one (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q {scale = 0.1 : f32} : (tensor<1x1x64x?xbf16>, tensor<1x1x64x?xbf16>, tensor<1x1x64x?xbf16>) -> tensor<1x1x64x?xbf16>
  return %o : tensor<1x1x64x?xbf16>
}

// -----

func.func @value_dim(%q: tensor<1x1x64x64xbf16>, %v: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  // expected-error @+1 {{'accel.attention' op needs the value head dim to equal the query head dim (64), got 128 (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %v : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
}

// -----

func.func @bad_tile_config(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op expects block_m = 16 * num_warps (64) for the attention kernel, got 128}}
  %o = accel.attention %q, %q, %q {accel.tile_config = {block_m = 128}} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @tiles_too_big(%q: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  // expected-error @+1 {{'accel.attention' op expects the tiles to fit in 49152 bytes of shared memory, got 65536 with block_m=64,block_n=96,num_warps=4,num_stages=2}}
  %o = accel.attention %q, %q, %q {accel.tile_config = {block_n = 96}} : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
}

// -----

func.func @malformed_tile_config(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op expects accel.tile_config entries block_m, block_n, num_warps, num_stages with positive integer values, got "warps" = 4 : i64}}
  %o = accel.attention %q, %q, %q {accel.tile_config = {warps = 4}} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @backward_f32_gradients(%q: tensor<1x1x64x64xbf16>, %lse: tensor<1x1x64xf32>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{'accel.attention_grad' op needs every tensor in the input element type 'bf16', got 'f32' (CUDA attention kernel, sm_80)}}
  %dq, %dk, %dv = accel.attention_grad %q, %q, %q, %q, %lse, %q
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64xf32>, tensor<1x1x64x64xbf16>)
      -> (tensor<1x1x64x64xf32>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>)
  return %dq : tensor<1x1x64x64xf32>
}

// -----

func.func @backward_bad_tiles(%q: tensor<1x1x64x64xbf16>, %lse: tensor<1x1x64xf32>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention_grad' op expects block_m = block_n = 16 * num_warps (64) for the attention backward kernel, got block_m=64,block_n=32,num_warps=4,num_stages=1}}
  %dq, %dk, %dv = accel.attention_grad %q, %q, %q, %q, %lse, %q {accel.tile_config = {block_n = 32}}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64xf32>, tensor<1x1x64x64xbf16>)
      -> (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>)
  return %dq : tensor<1x1x64x64xbf16>
}

// -----

func.func @not_a_kernel(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.matmul' op has no CUDA kernel yet (the CUDA backend emits: attention, attention_grad)}}
  %m = accel.matmul %q, %q : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %m : tensor<1x1x64x64xbf16>
}

// -----

func.func @returns_argument(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'func.return' op result #0 must be computed by a kernel and returned once for the CUDA entry point}}
  return %q : tensor<1x1x64x64xbf16>
}
