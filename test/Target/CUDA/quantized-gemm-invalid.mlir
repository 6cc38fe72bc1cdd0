// What the 8-bit GEMM kernel cannot compute is a located error at the op,
// naming what it takes.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 --split-input-file --verify-diagnostics %s

func.func @grouped_b_scale(%a: tensor<16x128xi8>, %as: tensor<16xf32>, %b: tensor<128x32xi8>, %bs: tensor<4x32xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op has a b_scale of 4 groups along K; the CUDA quantized GEMM kernel takes per-tensor and per-channel b_scale}}
  %y = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x128xi8>, tensor<16xf32>, tensor<128x32xi8>, tensor<4x32xf32>) -> tensor<16x32xf32>
  return %y : tensor<16x32xf32>
}

// -----

func.func @dynamic_groups(%a: tensor<16x128xi8>, %as: tensor<16xf32>, %b: tensor<32x128xi8>, %bs: tensor<32x?xf32>) -> tensor<16x32xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op has a b_scale of ? groups along K; the CUDA quantized GEMM kernel takes per-tensor and per-channel b_scale}}
  %y = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true} : (tensor<16x128xi8>, tensor<16xf32>, tensor<32x128xi8>, tensor<32x?xf32>) -> tensor<16x32xf32>
  return %y : tensor<16x32xf32>
}

// -----

func.func @w4a16(%a: tensor<16x128xf16>, %as: tensor<f32>, %b: tensor<128x32xi4>, %bs: tensor<1x32xf32>) -> tensor<16x32xf16> {
  // expected-error @+1 {{'accel.quantized_matmul' op has 'f16' x 'i4' operands; the CUDA quantized GEMM kernel takes i8 x i8 (W8A8) and f8E4M3FN x f8E4M3FN (FP8) (W4A16 and W4A8 have no CUDA kernel yet)}}
  %y = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x128xf16>, tensor<f32>, tensor<128x32xi4>, tensor<1x32xf32>) -> tensor<16x32xf16>
  return %y : tensor<16x32xf16>
}

// -----

func.func @fp8_on_sm80(%a: tensor<16x64xf8E4M3FN>, %as: tensor<f32>, %b: tensor<64x16xf8E4M3FN>, %bs: tensor<f32>) -> tensor<16x16xf32> {
  // expected-error @+1 {{'accel.quantized_matmul' op needs the fp8 tensor cores (sm_89 and up) for its f8E4M3FN CUDA kernel, the target is sm_80}}
  %y = accel.quantized_matmul %a, %as, %b, %bs : (tensor<16x64xf8E4M3FN>, tensor<f32>, tensor<64x16xf8E4M3FN>, tensor<f32>) -> tensor<16x16xf32>
  return %y : tensor<16x16xf32>
}

// -----

func.func @integer_epilogue(%a: tensor<16x64xi8>, %as: tensor<f32>, %b: tensor<64x16xi8>, %bs: tensor<f32>) -> tensor<16x16xi32> {
  %r = accel.dispatch(%a, %as, %b, %bs : tensor<16x64xi8>, tensor<f32>, tensor<64x16xi8>, tensor<f32>) -> (tensor<16x16xi32>) {
  ^bb0(%x: tensor<16x64xi8>, %xs: tensor<f32>, %y: tensor<64x16xi8>, %ys: tensor<f32>):
    %m = accel.quantized_matmul %x, %xs, %y, %ys : (tensor<16x64xi8>, tensor<f32>, tensor<64x16xi8>, tensor<f32>) -> tensor<16x16xf32>
    // expected-error @+1 {{'arith.fptosi' op cannot be part of the GEMM kernel's epilogue: it computes in 'i32' (the epilogue takes f32, f16, bf16 and i1 values)}}
    %i = arith.fptosi %m : tensor<16x16xf32> to tensor<16x16xi32>
    accel.yield %i : tensor<16x16xi32>
  }
  return %r : tensor<16x16xi32>
}
