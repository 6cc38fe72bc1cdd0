// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s -split-input-file -verify-diagnostics
// RUN: not accel-translate --accel-to-cuda --accel-sm=sm_75 %s -split-input-file 2>&1 | FileCheck %s --check-prefix=SM

// SM: error: unsupported --accel-sm=sm_75: accel's CUDA kernels need sm_80 to sm_129 (e.g. sm_80, sm_90a)

func.func @fp8_inputs(%q: tensor<1x1x64x64xf8E4M3FN>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op needs f32, bf16 or f16 q/k/v, got 'f8E4M3FN' (CUDA attention kernel, sm_80)}}
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

// Head dims other than 64 and 128 take the CUDA-core kernel, up to 256.
func.func @head_dim_512(%q: tensor<1x1x64x512xbf16>) -> tensor<1x1x64x512xbf16> {
  // expected-error @+1 {{'accel.attention' op supports a head dim from 1 to 256, got 512 (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x512xbf16>, tensor<1x1x64x512xbf16>, tensor<1x1x64x512xbf16>) -> tensor<1x1x64x512xbf16>
  return %o : tensor<1x1x64x512xbf16>
}

// -----

// A pinned tensor-core config still names what its kernel needs.
func.func @head_dim_96_on_tensor_cores(%q: tensor<1x1x64x96xbf16>) -> tensor<1x1x64x96xbf16> {
  // expected-error @+1 {{'accel.attention' op supports head dims 64 and 128, got 96 (CUDA attention kernel)}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 4>} : (tensor<1x1x64x96xbf16>, tensor<1x1x64x96xbf16>, tensor<1x1x64x96xbf16>) -> tensor<1x1x64x96xbf16>
  return %o : tensor<1x1x64x96xbf16>
}

// -----

func.func @dynamic_head_dim(%q: tensor<1x1x64x?xbf16>) -> tensor<1x1x64x?xbf16> {
  // expected-error @+1 {{'accel.attention' op needs a static head dim, got a dynamic one (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q {scale = 0.1 : f32} : (tensor<1x1x64x?xbf16>, tensor<1x1x64x?xbf16>, tensor<1x1x64x?xbf16>) -> tensor<1x1x64x?xbf16>
  return %o : tensor<1x1x64x?xbf16>
}

// -----

func.func @value_dim(%q: tensor<1x1x64x64xbf16>, %v: tensor<1x1x64x300xbf16>) -> tensor<1x1x64x300xbf16> {
  // expected-error @+1 {{'accel.attention' op supports a value head dim from 1 to 256, got 300 (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %v : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x300xbf16>) -> tensor<1x1x64x300xbf16>
  return %o : tensor<1x1x64x300xbf16>
}

// -----

func.func @dynamic_value_dim(%q: tensor<1x1x64x8xf32>, %v: tensor<1x1x64x?xf32>) -> tensor<1x1x64x?xf32> {
  // expected-error @+1 {{'accel.attention' op needs a static value head dim, got a dynamic one (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %v : (tensor<1x1x64x8xf32>, tensor<1x1x64x8xf32>, tensor<1x1x64x?xf32>) -> tensor<1x1x64x?xf32>
  return %o : tensor<1x1x64x?xf32>
}

// -----

func.func @simt_wider_out(%q: tensor<1x1x64x8xbf16>) -> tensor<1x1x64x8xf32> {
  // expected-error @+1 {{'accel.attention' op needs every tensor in the input element type 'bf16', got 'f32' (CUDA attention kernel, sm_80)}}
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x8xbf16>, tensor<1x1x64x8xbf16>, tensor<1x1x64x8xbf16>) -> tensor<1x1x64x8xf32>
  return %o : tensor<1x1x64x8xf32>
}

// -----

func.func @value_dim_on_tensor_cores(%q: tensor<1x1x64x64xbf16>, %v: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  // expected-error @+1 {{'accel.attention' op needs the value head dim to equal the query head dim (64), got 128 (CUDA attention kernel)}}
  %o = accel.attention %q, %q, %v {accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 4>} : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
}

// -----

// On the 99 KiB parts (the module's target, sm_86), 64 x 64 f32 tiles at
// d = 256 do not fit.
module attributes {accel.target = #accel.cuda_target<chip = "sm_86">} {
  func.func @simt_tiles_too_big(%q: tensor<1x1x64x256xf32>) -> tensor<1x1x64x256xf32> {
    // expected-error @+1 {{'accel.attention' op expects the tiles of #accel.attention_simt_config<block_m = 64, block_n = 64> to fit in 101376 bytes of dynamic shared memory, got 148224}}
    %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_simt_config<block_m = 64, block_n = 64>} : (tensor<1x1x64x256xf32>, tensor<1x1x64x256xf32>, tensor<1x1x64x256xf32>) -> tensor<1x1x64x256xf32>
    return %o : tensor<1x1x64x256xf32>
  }
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

func.func @not_a_kernel(%x: tensor<64x64xbf16>, %i: tensor<8xi64>) -> tensor<8x64xbf16> {
  // expected-error @+1 {{'accel.gather_rows' op has no CUDA kernel yet (the CUDA backend emits: attention, attention_simt, attention_grad, gemm_f32, gemm, quantized_gemm, quantize, monarch, generic)}}
  %m = accel.gather_rows %x, %i : (tensor<64x64xbf16>, tensor<8xi64>) -> tensor<8x64xbf16>
  return %m : tensor<8x64xbf16>
}

// -----

// Views and copies run on the host; an elementwise op that was not fused
// into a GEMM epilogue needs an elementwise kernel that does not exist yet.
func.func @elementwise_between_kernels(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  // expected-error @+1 {{'arith.addf' op has no CUDA kernel yet (the CUDA backend emits: attention, attention_simt, attention_grad, gemm_f32, gemm, quantized_gemm, quantize, monarch, generic; and on the host: tensor.cast, tensor.expand_shape, tensor.collapse_shape, tensor.extract_slice and transposes (linalg.transpose or a permuting linalg.generic) as views, tensor.empty when unused, dense tensor and scalar constants, and index arithmetic)}}
  %s = arith.addf %o, %o : tensor<1x1x64x64xbf16>
  return %s : tensor<1x1x64x64xbf16>
}

// -----

// A dim the host cannot name.
func.func @dynamic_dim_index(%q: tensor<1x1x?x64xbf16>) -> tensor<1x1x?x64xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<1x1x?x64xbf16>, tensor<1x1x?x64xbf16>, tensor<1x1x?x64xbf16>) -> tensor<1x1x?x64xbf16>
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %n = tensor.dim %o, %c2 : tensor<1x1x?x64xbf16>
  %m = arith.subi %n, %n : index
  // expected-error @+1 {{'tensor.dim' op needs a constant dim of a tensor the entry point binds for the CUDA backend}}
  %d = tensor.dim %o, %m : tensor<1x1x?x64xbf16>
  %r = tensor.expand_shape %o [[0], [1], [2, 3], [4]] output_shape [1, 1, %d, 1, 64] : tensor<1x1x?x64xbf16> into tensor<1x1x?x1x64xbf16>
  %c = tensor.collapse_shape %r [[0], [1], [2, 3], [4]] : tensor<1x1x?x1x64xbf16> into tensor<1x1x?x64xbf16>
  return %c : tensor<1x1x?x64xbf16>
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

// -----

// Attention has no fused epilogue (the GEMM family does): a dispatch of
// attention and an elementwise op is refused at the dispatch, not compiled
// without its epilogue.
func.func @fused_epilogue(%q: tensor<1x2x16x64xbf16>, %s: tensor<1x2x16x64xbf16>) -> tensor<1x2x16x64xbf16> {
  // expected-error @+1 {{'accel.dispatch' op holds 2 ops; the CUDA kernels of 'accel.attention' compute it alone (the GEMM family fuses elementwise epilogues)}}
  %r = accel.dispatch(%q, %s : tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>) -> (tensor<1x2x16x64xbf16>) {
  ^bb0(%a: tensor<1x2x16x64xbf16>, %b: tensor<1x2x16x64xbf16>):
    %o = accel.attention %a, %a, %a : (tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>) -> tensor<1x2x16x64xbf16>
    %m = arith.mulf %o, %b : tensor<1x2x16x64xbf16>
    accel.yield %m : tensor<1x2x16x64xbf16>
  }
  return %r : tensor<1x2x16x64xbf16>
}

// -----

// The Mamba scans run on the CPU reference path only, so far.
func.func @selective_scan(%u: tensor<1x4x8xf16>, %dt: tensor<1x4x8xf16>, %A: tensor<4x2xf32>, %B: tensor<1x1x2x8xf16>, %C: tensor<1x1x2x8xf16>) -> tensor<1x4x8xf16> {
  // expected-error @+1 {{'accel.selective_scan' op has no CUDA kernel yet (the CUDA backend emits: attention, attention_simt, attention_grad, gemm_f32, gemm, quantized_gemm, quantize, monarch, generic)}}
  %y = accel.selective_scan %u, %dt, %A, %B, %C : (tensor<1x4x8xf16>, tensor<1x4x8xf16>, tensor<4x2xf32>, tensor<1x1x2x8xf16>, tensor<1x1x2x8xf16>) -> tensor<1x4x8xf16>
  return %y : tensor<1x4x8xf16>
}

// -----

func.func @ssd_scan(%x: tensor<1x8x2x4xbf16>, %dt: tensor<1x8x2xbf16>, %A: tensor<2xf32>, %B: tensor<1x8x1x16xbf16>, %C: tensor<1x8x1x16xbf16>) -> tensor<1x8x2x4xbf16> {
  // expected-error @+1 {{'accel.ssd_scan' op has no CUDA kernel yet (the CUDA backend emits: attention, attention_simt, attention_grad, gemm_f32, gemm, quantized_gemm, quantize, monarch, generic)}}
  %y = accel.ssd_scan %x, %dt, %A, %B, %C : (tensor<1x8x2x4xbf16>, tensor<1x8x2xbf16>, tensor<2xf32>, tensor<1x8x1x16xbf16>, tensor<1x8x1x16xbf16>) -> tensor<1x8x2x4xbf16>
  return %y : tensor<1x8x2x4xbf16>
}
