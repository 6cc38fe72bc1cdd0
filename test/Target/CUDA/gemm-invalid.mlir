// What the GEMM kernel cannot compute is a located error at the op that
// needs it, never a kernel that silently drops an op.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 --split-input-file --verify-diagnostics %s

func.func @index_in_epilogue(%a: tensor<16x16xbf16>, %b: tensor<16x16xbf16>) -> tensor<16x16xbf16> {
  %r = accel.dispatch(%a, %b : tensor<16x16xbf16>, tensor<16x16xbf16>) -> (tensor<16x16xbf16>) {
  ^bb0(%x: tensor<16x16xbf16>, %y: tensor<16x16xbf16>):
    %m = accel.matmul %x, %y : (tensor<16x16xbf16>, tensor<16x16xbf16>) -> tensor<16x16xbf16>
    %init = tensor.empty() : tensor<16x16xbf16>
    %g = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%m : tensor<16x16xbf16>) outs(%init : tensor<16x16xbf16>) {
    ^bb0(%in: bf16, %out: bf16):
      // expected-error @+1 {{'linalg.index' op cannot be part of the GEMM kernel's epilogue: the epilogue has no element indices yet}}
      %i = linalg.index 0 : index
      linalg.yield %in : bf16
    } -> tensor<16x16xbf16>
    accel.yield %g : tensor<16x16xbf16>
  }
  return %r : tensor<16x16xbf16>
}

// -----

func.func @f64_in_epilogue(%a: tensor<16x16xbf16>, %b: tensor<16x16xbf16>) -> tensor<16x16xf64> {
  %r = accel.dispatch(%a, %b : tensor<16x16xbf16>, tensor<16x16xbf16>) -> (tensor<16x16xf64>) {
  ^bb0(%x: tensor<16x16xbf16>, %y: tensor<16x16xbf16>):
    %m = accel.matmul %x, %y : (tensor<16x16xbf16>, tensor<16x16xbf16>) -> tensor<16x16xf32>
    // expected-error @+1 {{'arith.extf' op cannot be part of the GEMM kernel's epilogue: it computes in 'f64' (the epilogue takes f32, f16, bf16 and i1 values)}}
    %e = arith.extf %m : tensor<16x16xf32> to tensor<16x16xf64>
    accel.yield %e : tensor<16x16xf64>
  }
  return %r : tensor<16x16xf64>
}

// -----

func.func @reads_empty_contents(%a: tensor<16x16xbf16>, %b: tensor<16x16xbf16>) -> tensor<16x16xbf16> {
  %init = tensor.empty() : tensor<16x16xbf16>
  %r = accel.dispatch(%a, %b, %init : tensor<16x16xbf16>, tensor<16x16xbf16>, tensor<16x16xbf16>) -> (tensor<16x16xbf16>) {
  ^bb0(%x: tensor<16x16xbf16>, %y: tensor<16x16xbf16>, %o: tensor<16x16xbf16>):
    %m = accel.matmul %x, %y : (tensor<16x16xbf16>, tensor<16x16xbf16>) -> tensor<16x16xbf16>
    // expected-error @+1 {{'linalg.generic' op cannot be part of the GEMM kernel's epilogue: it reads the contents of a tensor.empty}}
    %g = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%m : tensor<16x16xbf16>) outs(%o : tensor<16x16xbf16>) {
    ^bb0(%in: bf16, %out: bf16):
      %s = arith.addf %in, %out : bf16
      linalg.yield %s : bf16
    } -> tensor<16x16xbf16>
    accel.yield %g : tensor<16x16xbf16>
  }
  return %r : tensor<16x16xbf16>
}

// -----

func.func @two_results(%a: tensor<16x16xbf16>, %b: tensor<16x16xbf16>) -> (tensor<16x16xbf16>, tensor<16x16xbf16>) {
  %r:2 = accel.dispatch(%a, %b : tensor<16x16xbf16>, tensor<16x16xbf16>) -> (tensor<16x16xbf16>, tensor<16x16xbf16>) {
  ^bb0(%x: tensor<16x16xbf16>, %y: tensor<16x16xbf16>):
    %m = accel.matmul %x, %y : (tensor<16x16xbf16>, tensor<16x16xbf16>) -> tensor<16x16xbf16>
    %s = arith.mulf %m, %m : tensor<16x16xbf16>
    // expected-error @+1 {{'accel.yield' op must yield exactly the epilogue's last value for the GEMM kernel, got 2 values}}
    accel.yield %m, %s : tensor<16x16xbf16>, tensor<16x16xbf16>
  }
  return %r#0, %r#1 : tensor<16x16xbf16>, tensor<16x16xbf16>
}

// -----

func.func @five_batch_dims(%a: tensor<1x1x1x1x2x16x16xbf16>, %b: tensor<16x16xbf16>) -> tensor<1x1x1x1x2x16x16xbf16> {
  // expected-error @+1 {{'accel.matmul' op has 5 batch dims; the CUDA GEMM kernels index at most 4}}
  %m = accel.matmul %a, %b : (tensor<1x1x1x1x2x16x16xbf16>, tensor<16x16xbf16>) -> tensor<1x1x1x1x2x16x16xbf16>
  return %m : tensor<1x1x1x1x2x16x16xbf16>
}

// -----

func.func @integer_epilogue(%a: tensor<16x16xbf16>, %b: tensor<16x16xbf16>) -> tensor<16x16xbf16> {
  %r = accel.dispatch(%a, %b : tensor<16x16xbf16>, tensor<16x16xbf16>) -> (tensor<16x16xbf16>) {
  ^bb0(%x: tensor<16x16xbf16>, %y: tensor<16x16xbf16>):
    %m = accel.matmul %x, %y : (tensor<16x16xbf16>, tensor<16x16xbf16>) -> tensor<16x16xbf16>
    // expected-error @+1 {{'math.cbrt' op cannot be part of the GEMM kernel's epilogue: the epilogue computes f32/f16/bf16 arith and math ops}}
    %c = math.cbrt %m : tensor<16x16xbf16>
    accel.yield %c : tensor<16x16xbf16>
  }
  return %r : tensor<16x16xbf16>
}

// -----

// A non-splat constant inside the dispatch is no epilogue operand: the host
// program uploads constants as dispatch inputs.
func.func @constant_inside_dispatch(%a: tensor<16x16xbf16>) -> tensor<16x16xbf16> {
  %r = accel.dispatch(%a : tensor<16x16xbf16>) -> (tensor<16x16xbf16>) {
  ^bb0(%x: tensor<16x16xbf16>):
    // expected-error @+1 {{'arith.constant' op cannot be part of the GEMM kernel's epilogue: it is a constant that is not a scalar splat; pass it to the dispatch as an input (as accel-form-dispatches does)}}
    %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0]]> : tensor<1x16xbf16>
    %m = accel.matmul %x, %x : (tensor<16x16xbf16>, tensor<16x16xbf16>) -> tensor<16x16xbf16>
    %init = tensor.empty() : tensor<16x16xbf16>
    %g = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%m, %w : tensor<16x16xbf16>, tensor<1x16xbf16>) outs(%init : tensor<16x16xbf16>) {
    ^bb0(%v: bf16, %c: bf16, %o: bf16):
      %s = arith.addf %v, %c : bf16
      linalg.yield %s : bf16
    } -> tensor<16x16xbf16>
    accel.yield %g : tensor<16x16xbf16>
  }
  return %r : tensor<16x16xbf16>
}
