// A JAX-style attention at a size the CUDA kernels take ([1, 4, 128, 64],
// f16): JAX's explicit softmax(Q K^T / sqrt(d)) V as IREE's input phase
// writes it (K^T as a yield-only generic, B and H merged for batch_matmul,
// the sum in f32 between extf/truncf), scaled up from
// test/FrontEnd/attention_jax_explicit_f16.mlir. accel-raise makes it one
// accel.attention; that compiles to CUDA for sm_80 and sm_90a, and the
// raised program computes what the front end's does.
// RUN: accel-opt %s --accel-raise | FileCheck %s --implicit-check-not=linalg.batch_matmul
// RUN: accel-opt %s --accel-raise | accel-translate --accel-to-cuda --accel-sm=sm_80 | FileCheck %s --check-prefix=CUDA
// RUN: accel-opt %s --accel-raise | accel-translate --accel-to-cuda --accel-sm=sm_90a | FileCheck %s --check-prefix=CUDA
// The numerics, by docs/numerics.md's rule for low-precision front-end
// programs: the raised program's error against the same program in f32 is
// at most twice the front end's own f16 arithmetic's (plus the noise floor).
// RUN: %numpy_python -c "import numpy as np; r = np.random.default_rng(7); [np.save('%t.in%%d.npy' %% i, r.uniform(-1, 1, (1, 4, 128, 64)).astype(np.float16)) for i in range(3)]; [np.save('%t.in%%d.f32.npy' %% i, np.load('%t.in%%d.npy' %% i).astype(np.float32)) for i in range(3)]"
// RUN: sed -e 's/arith.[a-z]*f \(%[a-z_0-9]*\) : f[0-9]* to f[0-9]*/arith.addf \1, %cst : f32/' -e 's/xf16/xf32/g' -e 's/tensor<f16>/tensor<f32>/g' -e 's/: f16/: f32/g' -e 's/0xFC00/0xFF800000/' %s > %t.f32.mlir
// RUN: accel-run %t.f32.mlir --entry=main --input=@%t.in0.f32.npy --input=@%t.in1.f32.npy --input=@%t.in2.f32.npy --output=@%t.ref.npy
// RUN: accel-run %s --entry=main --input=@%t.in0.npy --input=@%t.in1.npy --input=@%t.in2.npy --output=@%t.frontend.npy
// RUN: accel-run %s --entry=main --input=@%t.in0.npy --input=@%t.in1.npy --input=@%t.in2.npy --output=@%t.raised.npy --pipeline=accel-raise | FileCheck %s --check-prefix=RAISED
// RUN: %numpy_python %S/../../FrontEnd/compare_npy.py %t.raised.npy %t.frontend.npy --reference=%t.ref.npy --precision=f16
// CHECK: accel.attention %arg0, %arg1, %arg2 {scale = 1.250000e-01 : f32} : (tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>, tensor<1x4x128x64xf16>) -> tensor<1x4x128x64xf16>
// CUDA: extern "C"
// RAISED: result #0: tensor<1x4x128x64xf16>

module @jit_explicit_attention {
  func.func @main(%arg0: tensor<1x4x128x64xf16>, %arg1: tensor<1x4x128x64xf16>, %arg2: tensor<1x4x128x64xf16>) -> tensor<1x4x128x64xf16> {
    %cst = arith.constant 0.000000e+00 : f32
    %cst_0 = arith.constant 0xFC00 : f16
    %cst_1 = arith.constant 6.400000e+01 : f16
    %cst_2 = arith.constant 0.000000e+00 : f16
    %0 = tensor.empty() : tensor<1x4x64x128xf16>
    %1 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d3, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg1 : tensor<1x4x128x64xf16>) outs(%0 : tensor<1x4x64x128xf16>) {
    ^bb0(%in: f16, %out: f16):
      linalg.yield %in : f16
    } -> tensor<1x4x64x128xf16>
    %collapsed = tensor.collapse_shape %arg0 [[0, 1], [2], [3]] : tensor<1x4x128x64xf16> into tensor<4x128x64xf16>
    %collapsed_3 = tensor.collapse_shape %1 [[0, 1], [2], [3]] : tensor<1x4x64x128xf16> into tensor<4x64x128xf16>
    %2 = tensor.empty() : tensor<4x128x128xf16>
    %3 = linalg.fill ins(%cst_2 : f16) outs(%2 : tensor<4x128x128xf16>) -> tensor<4x128x128xf16>
    %4 = linalg.batch_matmul ins(%collapsed, %collapsed_3 : tensor<4x128x64xf16>, tensor<4x64x128xf16>) outs(%3 : tensor<4x128x128xf16>) -> tensor<4x128x128xf16>
    %expanded = tensor.expand_shape %4 [[0, 1], [2], [3]] output_shape [1, 4, 128, 128] : tensor<4x128x128xf16> into tensor<1x4x128x128xf16>
    %5 = tensor.empty() : tensor<f16>
    %6 = linalg.generic {indexing_maps = [affine_map<() -> ()>], iterator_types = []} outs(%5 : tensor<f16>) {
    ^bb0(%out: f16):
      %34 = math.sqrt %cst_1 : f16
      linalg.yield %34 : f16
    } -> tensor<f16>
    %7 = tensor.empty() : tensor<1x4x128x128xf16>
    %8 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> ()>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%6 : tensor<f16>) outs(%7 : tensor<1x4x128x128xf16>) {
    ^bb0(%in: f16, %out: f16):
      linalg.yield %in : f16
    } -> tensor<1x4x128x128xf16>
    %9 = tensor.empty() : tensor<1x4x128x128xf16>
    %10 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded, %8 : tensor<1x4x128x128xf16>, tensor<1x4x128x128xf16>) outs(%9 : tensor<1x4x128x128xf16>) {
    ^bb0(%in: f16, %in_8: f16, %out: f16):
      %34 = arith.divf %in, %in_8 : f16
      linalg.yield %34 : f16
    } -> tensor<1x4x128x128xf16>
    %11 = tensor.empty() : tensor<1x4x128xf16>
    %12 = linalg.fill ins(%cst_0 : f16) outs(%11 : tensor<1x4x128xf16>) -> tensor<1x4x128xf16>
    %13 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%10 : tensor<1x4x128x128xf16>) outs(%12 : tensor<1x4x128xf16>) {
    ^bb0(%in: f16, %out: f16):
      %34 = arith.maximumf %out, %in : f16
      linalg.yield %34 : f16
    } -> tensor<1x4x128xf16>
    %14 = tensor.empty() : tensor<1x4x128x128xf16>
    %15 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%13 : tensor<1x4x128xf16>) outs(%14 : tensor<1x4x128x128xf16>) {
    ^bb0(%in: f16, %out: f16):
      linalg.yield %in : f16
    } -> tensor<1x4x128x128xf16>
    %16 = tensor.empty() : tensor<1x4x128x128xf16>
    %17 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%10, %15 : tensor<1x4x128x128xf16>, tensor<1x4x128x128xf16>) outs(%16 : tensor<1x4x128x128xf16>) {
    ^bb0(%in: f16, %in_8: f16, %out: f16):
      %34 = arith.subf %in, %in_8 : f16
      linalg.yield %34 : f16
    } -> tensor<1x4x128x128xf16>
    %18 = tensor.empty() : tensor<1x4x128x128xf16>
    %19 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%17 : tensor<1x4x128x128xf16>) outs(%18 : tensor<1x4x128x128xf16>) {
    ^bb0(%in: f16, %out: f16):
      %34 = math.exp %in : f16
      linalg.yield %34 : f16
    } -> tensor<1x4x128x128xf16>
    %20 = tensor.empty() : tensor<1x4x128x128xf32>
    %21 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%19 : tensor<1x4x128x128xf16>) outs(%20 : tensor<1x4x128x128xf32>) {
    ^bb0(%in: f16, %out: f32):
      %34 = arith.extf %in : f16 to f32
      linalg.yield %34 : f32
    } -> tensor<1x4x128x128xf32>
    %22 = tensor.empty() : tensor<1x4x128xf32>
    %23 = linalg.fill ins(%cst : f32) outs(%22 : tensor<1x4x128xf32>) -> tensor<1x4x128xf32>
    %24 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%21 : tensor<1x4x128x128xf32>) outs(%23 : tensor<1x4x128xf32>) {
    ^bb0(%in: f32, %out: f32):
      %34 = arith.addf %out, %in : f32
      linalg.yield %34 : f32
    } -> tensor<1x4x128xf32>
    %25 = tensor.empty() : tensor<1x4x128xf16>
    %26 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%24 : tensor<1x4x128xf32>) outs(%25 : tensor<1x4x128xf16>) {
    ^bb0(%in: f32, %out: f16):
      %34 = arith.truncf %in : f32 to f16
      linalg.yield %34 : f16
    } -> tensor<1x4x128xf16>
    %expanded_4 = tensor.expand_shape %26 [[0], [1], [2, 3]] output_shape [1, 4, 128, 1] : tensor<1x4x128xf16> into tensor<1x4x128x1xf16>
    %27 = tensor.empty() : tensor<1x4x128x128xf16>
    %28 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_4 : tensor<1x4x128x1xf16>) outs(%27 : tensor<1x4x128x128xf16>) {
    ^bb0(%in: f16, %out: f16):
      linalg.yield %in : f16
    } -> tensor<1x4x128x128xf16>
    %29 = tensor.empty() : tensor<1x4x128x128xf16>
    %30 = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%19, %28 : tensor<1x4x128x128xf16>, tensor<1x4x128x128xf16>) outs(%29 : tensor<1x4x128x128xf16>) {
    ^bb0(%in: f16, %in_8: f16, %out: f16):
      %34 = arith.divf %in, %in_8 : f16
      linalg.yield %34 : f16
    } -> tensor<1x4x128x128xf16>
    %collapsed_5 = tensor.collapse_shape %30 [[0, 1], [2], [3]] : tensor<1x4x128x128xf16> into tensor<4x128x128xf16>
    %collapsed_6 = tensor.collapse_shape %arg2 [[0, 1], [2], [3]] : tensor<1x4x128x64xf16> into tensor<4x128x64xf16>
    %31 = tensor.empty() : tensor<4x128x64xf16>
    %32 = linalg.fill ins(%cst_2 : f16) outs(%31 : tensor<4x128x64xf16>) -> tensor<4x128x64xf16>
    %33 = linalg.batch_matmul ins(%collapsed_5, %collapsed_6 : tensor<4x128x128xf16>, tensor<4x128x64xf16>) outs(%32 : tensor<4x128x64xf16>) -> tensor<4x128x64xf16>
    %expanded_7 = tensor.expand_shape %33 [[0, 1], [2], [3]] output_shape [1, 4, 128, 64] : tensor<4x128x64xf16> into tensor<1x4x128x64xf16>
    func.return %expanded_7 : tensor<1x4x128x64xf16>
  }
}
