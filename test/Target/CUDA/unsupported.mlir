// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s -split-input-file -verify-diagnostics
// RUN: not accel-translate --accel-to-cuda --accel-sm=sm_75 %s -split-input-file 2>&1 | FileCheck %s --check-prefix=SM

// SM: error: unsupported --accel-sm=sm_75: accel's CUDA kernels need sm_80 to sm_129 (e.g. sm_80, sm_90a)

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

func.func @tiles_too_big(%q: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  // A config the dialect rejects is refused before anything is emitted.
  // expected-error @+1 {{'accel.attention' op expects the tiles of #accel.attention_sm80_config<block_n = 96, num_warps = 4> to fit in 49152 bytes of static shared memory, got 65536}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 96, num_warps = 4>} : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
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

// -----

func.func @wgmma_config_on_sm80(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // The module gets its target from --accel-sm=sm_80; the kept config is
  // verified against it.
  // expected-error @+1 {{'accel.attention' op cannot take '#accel.attention_sm90a_config' on target sm_80: the kernel needs wgmma, TMA and setmaxnreg (sm_90a)}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 2>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">} {
  // expected-error @-1 {{'builtin.module' op is compiled for sm_90a (its accel.target), but --accel-sm=sm_80 asks for another target}}
}
