// What the Monarch kernels cannot compute is a located error at the op,
// naming the missing capability.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 --split-input-file --verify-diagnostics %s

func.func @f32_inputs(%x: tensor<?x64xf32>, %w: tensor<4x16x16xf32>) -> tensor<?x64xf32> {
  // expected-error @+1 {{'accel.monarch_matmul' op has 'f32' inputs; the CUDA Monarch kernels take bf16 and f16 (f32 has no CUDA kernel yet)}}
  %y = accel.monarch_matmul %x, %w, %w : (tensor<?x64xf32>, tensor<4x16x16xf32>, tensor<4x16x16xf32>) -> tensor<?x64xf32>
  return %y : tensor<?x64xf32>
}

// -----

func.func @dynamic_factor(%x: tensor<?x64xbf16>, %w: tensor<?x16x16xbf16>) -> tensor<?x?xbf16> {
  // expected-error @+1 {{'accel.block_diag_matmul' op has a factor of type 'tensor<?x16x16xbf16>'; the CUDA Monarch kernels need static factor shapes}}
  %y = accel.block_diag_matmul %x, %w : (tensor<?x64xbf16>, tensor<?x16x16xbf16>) -> tensor<?x?xbf16>
  return %y : tensor<?x?xbf16>
}

// -----

func.func @too_many_blocks(%x: tensor<?x65536xbf16>, %w: tensor<65536x1x1xbf16>) -> tensor<?x65536xbf16> {
  // expected-error @+1 {{'accel.block_diag_matmul' op has factors of 65536 blocks of 1 outputs; the CUDA Monarch kernels launch at most 65535 blocks of at most 1048560 outputs}}
  %y = accel.block_diag_matmul %x, %w : (tensor<?x65536xbf16>, tensor<65536x1x1xbf16>) -> tensor<?x65536xbf16>
  return %y : tensor<?x65536xbf16>
}

// -----

func.func @long_reduction(%x: tensor<?x2147483664xbf16>, %w: tensor<1x16x2147483664xbf16>) -> tensor<?x16xbf16> {
  // expected-error @+1 {{'accel.block_diag_matmul' op has 2147483664 inputs (x's last dim); the CUDA Monarch kernels take fewer than 2^31 - 256}}
  %y = accel.block_diag_matmul %x, %w : (tensor<?x2147483664xbf16>, tensor<1x16x2147483664xbf16>) -> tensor<?x16xbf16>
  return %y : tensor<?x16xbf16>
}

// -----

// Rows are x's leading dims folded: an epilogue tensor of a rank-3 result
// may vary over the columns only or over every leading dim in order, not
// over some of them ([S, D] against [B, S, D]).
func.func @residual_over_some_leading_dims(%x: tensor<2x8x64xbf16>, %w: tensor<4x16x16xbf16>, %r: tensor<8x64xbf16>) -> tensor<2x8x64xbf16> {
  %y = accel.dispatch(%x, %w, %r : tensor<2x8x64xbf16>, tensor<4x16x16xbf16>, tensor<8x64xbf16>) -> (tensor<2x8x64xbf16>) {
  ^bb0(%a: tensor<2x8x64xbf16>, %b: tensor<4x16x16xbf16>, %c: tensor<8x64xbf16>):
    // expected-error @+1 {{'accel.monarch_matmul' op has a fused epilogue that reads 'tensor<8x64xbf16>' along some of the leading dims of its rank-3 result; the CUDA Monarch kernels fold those dims into rows and take epilogue tensors that vary over the columns only or over every leading dim in order}}
    %m = accel.monarch_matmul %a, %b, %b : (tensor<2x8x64xbf16>, tensor<4x16x16xbf16>, tensor<4x16x16xbf16>) -> tensor<2x8x64xbf16>
    %init = tensor.empty() : tensor<2x8x64xbf16>
    %s = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
                         iterator_types = ["parallel", "parallel", "parallel"]}
        ins(%m, %c : tensor<2x8x64xbf16>, tensor<8x64xbf16>) outs(%init : tensor<2x8x64xbf16>) {
    ^bb0(%v: bf16, %rv: bf16, %o: bf16):
      %t = arith.addf %v, %rv : bf16
      linalg.yield %t : bf16
    } -> tensor<2x8x64xbf16>
    accel.yield %s : tensor<2x8x64xbf16>
  }
  return %y : tensor<2x8x64xbf16>
}

// -----

// An epilogue op the generated code cannot express is the GEMM epilogue
// writer's diagnostic, at that op.
func.func @integer_epilogue(%x: tensor<?x64xbf16>, %w: tensor<4x16x16xbf16>) -> tensor<?x64xi32> {
  %y = accel.dispatch(%x, %w : tensor<?x64xbf16>, tensor<4x16x16xbf16>) -> (tensor<?x64xi32>) {
  ^bb0(%a: tensor<?x64xbf16>, %b: tensor<4x16x16xbf16>):
    %m = accel.block_diag_matmul %a, %b : (tensor<?x64xbf16>, tensor<4x16x16xbf16>) -> tensor<?x64xbf16>
    // expected-error @+1 {{'arith.fptosi' op cannot be part of the GEMM kernel's epilogue: it computes in 'i32'}}
    %i = arith.fptosi %m : tensor<?x64xbf16> to tensor<?x64xi32>
    accel.yield %i : tensor<?x64xi32>
  }
  return %y : tensor<?x64xi32>
}
