// RUN: accel-opt %s -split-input-file -verify-diagnostics

// Every way the kernel boundary's IR can be malformed is an accel-opt
// error, located at the op or attribute.

//===----------------------------------------------------------------------===//
// #accel.cuda_target and accel.target
//===----------------------------------------------------------------------===//

// expected-error @+1 {{'#accel.cuda_target' expects a chip from sm_80 to sm_129 (sm_80, sm_86, sm_89, sm_90, sm_90a, ...), got "sm_75"}}
module attributes {accel.target = #accel.cuda_target<chip = "sm_75">} {}

// -----

// expected-error @+1 {{'#accel.cuda_target' expects a chip from sm_80 to sm_129 (sm_80, sm_86, sm_89, sm_90, sm_90a, ...), got "sm_0x50"}}
module attributes {accel.target = #accel.cuda_target<chip = "sm_0x50">} {}

// -----

// expected-error @+1 {{'builtin.module' op expects 'accel.target' to be a #accel.cuda_target, got "sm_80"}}
module attributes {accel.target = "sm_80"} {}

// -----

module {
  // expected-error @+1 {{'func.func' op carries 'accel.target', which only a builtin.module may carry}}
  func.func @f() attributes {accel.target = #accel.cuda_target<chip = "sm_80">} {
    return
  }
}

// -----

// expected-error @+1 {{'builtin.module' op carries 'accel.tile_config', which is not an accel attribute (accel knows 'accel.target', 'accel.kernel_config', 'accel.monarch' and 'accel.sparse_2_4')}}
module attributes {accel.tile_config = {block_m = 64}} {}

// -----

func.func @monarch_not_matmul(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'arith.negf' op carries 'accel.monarch', which only an accel.matmul may carry}}
  %y = arith.negf %x {accel.monarch = {nblocks = 2 : i64}} : tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

func.func @monarch_bad_nblocks(%a: tensor<4x8xf32>, %b: tensor<8x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'accel.matmul' op expects 'accel.monarch' to be {nblocks = N : i64} (optionally with rank = R : i64) with N, R >= 1, got {nblocks = 0 : i64}}}
  %y = accel.matmul %a, %b {accel.monarch = {nblocks = 0 : i64}} : (tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

//===----------------------------------------------------------------------===//
// The knobs alone
//===----------------------------------------------------------------------===//

// -----

func.func @warps(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'#accel.attention_sm80_config' expects num_warps of 1, 2, 4 or 8, got 3}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 3>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @block_n(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'#accel.attention_sm80_config' expects block_n to be a multiple of 16 from 16 to 256, got 40}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 40, num_warps = 4>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @wgmma_block_n(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'#accel.attention_sm90a_config' expects block_n of 64 or 128 (the wgmma n of S), got 96}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 96, num_stages = 2>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @wgmma_stages(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'#accel.attention_sm90a_config' expects num_stages from 1 to 4, got 5}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 5>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @simt_block_m(%q: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{'#accel.attention_simt_config' expects block_m to be a multiple of 16 from 16 to 64, got 128}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_simt_config<block_m = 128, block_n = 64>} : (tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

// -----

func.func @simt_block_n(%q: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{'#accel.attention_simt_config' expects block_n to be a multiple of 16 from 16 to 64, got 40}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_simt_config<block_m = 64, block_n = 40>} : (tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

// -----

func.func @simt_config_on_matmul(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'accel.matmul' op cannot take '#accel.attention_simt_config', which configures accel.attention}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.attention_simt_config<block_m = 64, block_n = 64>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @simt_config_unsupported_op(%q: tensor<1x1x64x300xf32>) -> tensor<1x1x64x300xf32> {
  // expected-error @+1 {{'accel.attention' op supports a head dim from 1 to 256, got 300 (CUDA attention kernel)}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_simt_config<block_m = 16, block_n = 16>} : (tensor<1x1x64x300xf32>, tensor<1x1x64x300xf32>, tensor<1x1x64x300xf32>) -> tensor<1x1x64x300xf32>
  return %o : tensor<1x1x64x300xf32>
}

// -----

func.func @grad_warps(%q: tensor<1x1x64x64xbf16>, %lse: tensor<1x1x64xf32>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'#accel.attention_grad_sm80_config' expects num_warps of 1, 2, 4 or 8, got 16}}
  %dq, %dk, %dv = accel.attention_grad %q, %q, %q, %q, %lse, %q {accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 16>}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64xf32>, tensor<1x1x64x64xbf16>)
      -> (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>)
  return %dq : tensor<1x1x64x64xbf16>
}

//===----------------------------------------------------------------------===//
// The config against its op and the target
//===----------------------------------------------------------------------===//

// -----

func.func @not_a_config(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op expects 'accel.kernel_config' to be the kernel config of a registered kernel family (e.g. #accel.attention_sm80_config), got {block_m = 64 : i64}}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = {block_m = 64}} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @wrong_op(%q: tensor<1x1x64x64xbf16>, %lse: tensor<1x1x64xf32>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention_grad' op cannot take '#accel.attention_sm80_config', which configures accel.attention}}
  %dq, %dk, %dv = accel.attention_grad %q, %q, %q, %q, %lse, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 4>}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64xf32>, tensor<1x1x64x64xbf16>)
      -> (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>)
  return %dq : tensor<1x1x64x64xbf16>
}

// -----

func.func @config_on_unsupported_op(%q: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  // expected-error @+1 {{'accel.attention' op needs bf16 or f16 q/k/v, got 'f32' (CUDA attention kernel)}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 4>} : (tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}

// -----

func.func @static_shared_memory(%q: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  // (128 + 2 * 64) * 128 * 2 = 65536 bytes.
  // expected-error @+1 {{'accel.attention' op expects the tiles of #accel.attention_sm80_config<block_n = 64, num_warps = 8> to fit in 49152 bytes of static shared memory, got 65536}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 8>} : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
}

// -----

func.func @grad_shared_memory(%q: tensor<1x1x64x128xbf16>, %lse: tensor<1x1x64xf32>) -> tensor<1x1x64x128xbf16> {
  // (4 * 64 * 128 + 64 * 64) * 2 + 2 * 64 * 4 = 74240 bytes.
  // expected-error @+1 {{'accel.attention_grad' op expects the tiles of #accel.attention_grad_sm80_config<num_warps = 4> to fit in 49152 bytes of static shared memory, got 74240}}
  %dq, %dk, %dv = accel.attention_grad %q, %q, %q, %q, %lse, %q {accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 4>}
      : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64xf32>, tensor<1x1x64x128xbf16>)
      -> (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>)
  return %dq : tensor<1x1x64x128xbf16>
}

// -----

module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">} {
  func.func @dynamic_shared_memory(%q: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
    // 1024 + (128 + 2 * 4 * 128) * 128 * 2 + 13 * 8 = 296040 bytes.
    // expected-error @+1 {{'accel.attention' op expects the tiles of #accel.attention_sm90a_config<block_n = 128, num_stages = 4> to fit in 232448 bytes of dynamic shared memory, got 296040}}
    %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 128, num_stages = 4>} : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
    return %o : tensor<1x1x64x128xbf16>
  }
}

// -----

module attributes {accel.target = #accel.cuda_target<chip = "sm_90">} {
  func.func @wgmma_needs_sm90a(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
    // expected-error @+1 {{'accel.attention' op cannot take '#accel.attention_sm90a_config' on target sm_90: the kernel needs wgmma, TMA and setmaxnreg (sm_90a)}}
    %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 2>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
    return %o : tensor<1x1x64x64xbf16>
  }
}

//===----------------------------------------------------------------------===//
// accel.dispatch and accel.yield
//===----------------------------------------------------------------------===//

// -----

func.func @dispatch_arguments(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'accel.dispatch' op expects one block argument per input (1), got 0}}
  %r = accel.dispatch(%a : tensor<2xf32>) -> (tensor<2xf32>) {
    %c = arith.constant dense<1.0> : tensor<2xf32>
    accel.yield %c : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @dispatch_argument_type(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'accel.dispatch' op expects block argument #0 to have the type of input #0 ('tensor<2xf32>'), got 'tensor<3xf32>'}}
  %r = accel.dispatch(%a : tensor<2xf32>) -> (tensor<2xf32>) {
  ^bb0(%x: tensor<3xf32>):
    %c = arith.constant dense<1.0> : tensor<2xf32>
    accel.yield %c : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @dispatch_yield_count(%a: tensor<2xf32>) -> tensor<2xf32> {
  %r = accel.dispatch(%a : tensor<2xf32>) -> (tensor<2xf32>) {
  ^bb0(%x: tensor<2xf32>):
    // expected-error @+1 {{'accel.yield' op yields 2 values, the enclosing accel.dispatch has 1 results}}
    accel.yield %x, %x : tensor<2xf32>, tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @dispatch_yield_type(%a: tensor<2xf32>) -> tensor<2xf16> {
  %r = accel.dispatch(%a : tensor<2xf32>) -> (tensor<2xf16>) {
  ^bb0(%x: tensor<2xf32>):
    // expected-error @+1 {{'accel.yield' op yields 'tensor<2xf32>' as value #0, the enclosing accel.dispatch's result #0 is 'tensor<2xf16>'}}
    accel.yield %x : tensor<2xf32>
  }
  return %r : tensor<2xf16>
}

// -----

func.func @dispatch_isolated(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-note @+1 {{required by region isolation constraints}}
  %r = accel.dispatch() -> (tensor<2xf32>) {
    // expected-error @+1 {{'accel.yield' op using value defined outside the region}}
    accel.yield %a : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// -----

func.func @yield_outside_dispatch(%a: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'accel.yield' op expects parent op 'accel.dispatch'}}
  accel.yield %a : tensor<2xf32>
}

// -----

func.func @gemm_wgmma_block_n(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  // expected-error @+1 {{'#accel.gemm_sm90a_config' expects block_n of 64, 128 or 256, got 96}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_sm90a_config<block_n = 96, num_stages = 2>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}

// -----

func.func @gemm_wgmma_stages(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  // expected-error @+1 {{'#accel.gemm_sm90a_config' expects num_stages from 2 to 8, got 1}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_sm90a_config<block_n = 64, num_stages = 1>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}

// -----

module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">} {
  func.func @gemm_wgmma_shared_memory(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
    // 1024 + 5 * (128 + 256) * 64 * 2 + 2 * 5 * 8 = 246864 bytes.
    // expected-error @+1 {{'accel.matmul' op expects the tiles of #accel.gemm_sm90a_config<block_n = 256, num_stages = 5> to fit in 232448 bytes of dynamic shared memory, got 246864}}
    %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_sm90a_config<block_n = 256, num_stages = 5>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
    return %c : tensor<64x64xbf16>
  }
}

// -----

module attributes {accel.target = #accel.cuda_target<chip = "sm_90">} {
  func.func @gemm_wgmma_needs_sm90a(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
    // expected-error @+1 {{'accel.matmul' op cannot take '#accel.gemm_sm90a_config' on target sm_90: the kernel needs wgmma, TMA and setmaxnreg (sm_90a)}}
    %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_sm90a_config<block_n = 64, num_stages = 2>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
    return %c : tensor<64x64xbf16>
  }
}

// -----

func.func @gemm_wgmma_config_on_attention(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op cannot take '#accel.gemm_sm90a_config', which configures accel.matmul}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.gemm_sm90a_config<block_n = 64, num_stages = 2>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @gemm_simt_block_m(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'#accel.gemm_simt_config' expects block_m to be a multiple of 16 from 16 to 128, got 256}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_simt_config<block_m = 256, block_n = 64, block_k = 8>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @gemm_simt_block_k(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'#accel.gemm_simt_config' expects block_k of 8 or 16, got 32}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_simt_config<block_m = 64, block_n = 64, block_k = 32>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @gemm_simt_thread_share(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'#accel.gemm_simt_config' expects block_m x block_k and block_n x block_k to be multiples of its 256 threads, got 16 x 8 and 64 x 8}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_simt_config<block_m = 16, block_n = 64, block_k = 8>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @gemm_simt_on_bf16(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  // expected-error @+1 {{'accel.matmul' op has 'bf16' inputs; the f32 GEMM kernel takes f32}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_simt_config<block_m = 64, block_n = 64, block_k = 8>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}

// -----

func.func @gemm_simt_config_on_attention(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op cannot take '#accel.gemm_simt_config', which configures accel.matmul}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.gemm_simt_config<block_m = 64, block_n = 64, block_k = 8>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @gemm_sm80_config_on_f32(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'accel.matmul' op has 'f32' inputs; the tensor-core GEMM kernels take bf16 and f16 (f32 runs on the CUDA cores, #accel.gemm_simt_config; 8-bit operands are accel.quantized_matmul's, #accel.quantized_gemm_sm80_config)}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @quantized_gemm_block_k(%a: tensor<64x64xi8>, %s: tensor<f32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'#accel.quantized_gemm_sm80_config' expects block_k of 64 or 128, got 32}}
  %c = accel.quantized_matmul %a, %s, %a, %s {accel.kernel_config = #accel.quantized_gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<64x64xi8>, tensor<f32>, tensor<64x64xi8>, tensor<f32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @quantized_gemm_shared_memory(%a: tensor<64x64xi8>, %s: tensor<f32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'#accel.quantized_gemm_sm80_config' expects its tiles to fit in 49152 bytes of static shared memory, got 98304}}
  %c = accel.quantized_matmul %a, %s, %a, %s {accel.kernel_config = #accel.quantized_gemm_sm80_config<block_m = 128, block_n = 128, block_k = 128, warps_m = 2, warps_n = 4, num_stages = 3>} : (tensor<64x64xi8>, tensor<f32>, tensor<64x64xi8>, tensor<f32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @quantized_gemm_config_on_matmul(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  // expected-error @+1 {{'accel.matmul' op cannot take '#accel.quantized_gemm_sm80_config', which configures accel.quantized_matmul}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.quantized_gemm_sm80_config<block_m = 64, block_n = 64, block_k = 64, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}

// -----

func.func @gemm_config_on_quantized_matmul(%a: tensor<64x64xi8>, %s: tensor<f32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op cannot take '#accel.gemm_sm80_config', which configures accel.matmul}}
  %c = accel.quantized_matmul %a, %s, %a, %s {accel.kernel_config = #accel.gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<64x64xi8>, tensor<f32>, tensor<64x64xi8>, tensor<f32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @monarch_block_k(%x: tensor<?x256xbf16>, %w: tensor<8x32x32xbf16>) -> tensor<?x256xbf16> {
  // expected-error @+1 {{'#accel.monarch_sm80_config' expects block_k of 32 or 64, got 128}}
  %y = accel.monarch_matmul %x, %w, %w {accel.kernel_config = #accel.monarch_sm80_config<block_m = 64, block_n = 64, block_k = 128, warps_m = 2, warps_n = 2, num_stages = 2>} : (tensor<?x256xbf16>, tensor<8x32x32xbf16>, tensor<8x32x32xbf16>) -> tensor<?x256xbf16>
  return %y : tensor<?x256xbf16>
}

// -----

func.func @monarch_warp_tiles(%x: tensor<?x256xbf16>, %w: tensor<8x32x32xbf16>) -> tensor<?x256xbf16> {
  // expected-error @+1 {{'#accel.monarch_sm80_config' expects each warp's tile to be a multiple of 16 x 16, got 64 x 32 over 1 x 4 warps}}
  %y = accel.monarch_matmul %x, %w, %w {accel.kernel_config = #accel.monarch_sm80_config<block_m = 64, block_n = 32, block_k = 32, warps_m = 1, warps_n = 4, num_stages = 2>} : (tensor<?x256xbf16>, tensor<8x32x32xbf16>, tensor<8x32x32xbf16>) -> tensor<?x256xbf16>
  return %y : tensor<?x256xbf16>
}

// -----

func.func @monarch_config_on_matmul(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  // expected-error @+1 {{'accel.matmul' op cannot take '#accel.monarch_sm80_config', which configures accel.block_diag_matmul and accel.monarch_matmul}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.monarch_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}

// -----

func.func @gemm_config_on_monarch(%x: tensor<?x256xbf16>, %w: tensor<8x32x32xbf16>) -> tensor<?x256xbf16> {
  // expected-error @+1 {{'accel.monarch_matmul' op cannot take '#accel.gemm_sm80_config', which configures accel.matmul}}
  %y = accel.monarch_matmul %x, %w, %w {accel.kernel_config = #accel.gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<?x256xbf16>, tensor<8x32x32xbf16>, tensor<8x32x32xbf16>) -> tensor<?x256xbf16>
  return %y : tensor<?x256xbf16>
}

// -----

func.func @monarch_config_on_f32(%x: tensor<?x256xf32>, %w: tensor<8x32x32xf32>) -> tensor<?x256xf32> {
  // expected-error @+1 {{'accel.block_diag_matmul' op has 'f32' inputs; the CUDA Monarch kernels take bf16 and f16 (f32 has no CUDA kernel yet)}}
  %y = accel.block_diag_matmul %x, %w {accel.kernel_config = #accel.monarch_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<?x256xf32>, tensor<8x32x32xf32>) -> tensor<?x256xf32>
  return %y : tensor<?x256xf32>
}
