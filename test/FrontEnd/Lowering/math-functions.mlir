// Every math op that upstream front ends emit (torch-mlir, JAX through IREE,
// ONNX) lowers on the CPU path and is accurate, in f32, f16, bf16 and f64:
// the results are checked against Python's math module in f64, rounded to
// the type (test/FrontEnd/check_math.py: docs/numerics.md tolerances, relative
// only in f32/f64).
// Reproduces `Symbols not found: [ _mlir_ciface_erff ]` (libm declarations
// got C wrappers) and the f16/bf16 libm calls that do not exist.
// x in (-1, 3) with tiny values (log1p and expm1 keep them; log(1 + x)
// would not); y > 0.
// RUN: %numpy_python -c "import numpy as np; np.save('%t.x.npy', np.array([-0.95, -0.7, -0.5, -0.25, -0.1, -3e-3, -1e-7, 0.0, 1e-9, 2e-6, 4e-4, 0.3, 0.75, 1.25, 2.0, 2.9])); np.save('%t.y.npy', np.array([1e-3, 0.01, 0.2, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0, 2.5, 3.0, 3.7, 4.0, 5.5, 7.0, 9.0]))"
// RUN: accel-run %s --entry=math_f32 --input=@%t.x.npy --input=@%t.y.npy --output=@%t.f32.0.npy --output=@%t.f32.1.npy --output=@%t.f32.2.npy --output=@%t.f32.3.npy --output=@%t.f32.4.npy --output=@%t.f32.5.npy --output=@%t.f32.6.npy --output=@%t.f32.7.npy --output=@%t.f32.8.npy --output=@%t.f32.9.npy --output=@%t.f32.10.npy --output=@%t.f32.11.npy --output=@%t.f32.12.npy --output=@%t.f32.13.npy --output=@%t.f32.14.npy --output=@%t.f32.15.npy --output=@%t.f32.16.npy --output=@%t.f32.17.npy --output=@%t.f32.18.npy --output=@%t.f32.19.npy --output=@%t.f32.20.npy --output=@%t.f32.21.npy --output=@%t.f32.22.npy --output=@%t.f32.23.npy | FileCheck %s --check-prefix=F32
// RUN: %numpy_python %S/../check_math.py f32 %t.x.npy %t.y.npy erf=%t.f32.0.npy erfc=%t.f32.1.npy tanh=%t.f32.2.npy exp=%t.f32.3.npy expm1=%t.f32.4.npy log1p=%t.f32.5.npy sin=%t.f32.6.npy cos=%t.f32.7.npy atan=%t.f32.8.npy sinh=%t.f32.9.npy cosh=%t.f32.10.npy absf=%t.f32.11.npy floor=%t.f32.12.npy ceil=%t.f32.13.npy round=%t.f32.14.npy exp2=%t.f32.15.npy fpowi2=%t.f32.16.npy fpowi3=%t.f32.17.npy log@y=%t.f32.18.npy log2@y=%t.f32.19.npy log10@y=%t.f32.20.npy sqrt@y=%t.f32.21.npy rsqrt@y=%t.f32.22.npy powf=%t.f32.23.npy
// F32: @math_f32 ran in
// RUN: accel-run %s --entry=math_f16 --input=@%t.x.npy --input=@%t.y.npy --output=@%t.f16.0.npy --output=@%t.f16.1.npy --output=@%t.f16.2.npy --output=@%t.f16.3.npy --output=@%t.f16.4.npy --output=@%t.f16.5.npy --output=@%t.f16.6.npy --output=@%t.f16.7.npy --output=@%t.f16.8.npy --output=@%t.f16.9.npy --output=@%t.f16.10.npy --output=@%t.f16.11.npy --output=@%t.f16.12.npy --output=@%t.f16.13.npy --output=@%t.f16.14.npy --output=@%t.f16.15.npy --output=@%t.f16.16.npy --output=@%t.f16.17.npy --output=@%t.f16.18.npy --output=@%t.f16.19.npy --output=@%t.f16.20.npy --output=@%t.f16.21.npy --output=@%t.f16.22.npy --output=@%t.f16.23.npy | FileCheck %s --check-prefix=F16
// RUN: %numpy_python %S/../check_math.py f16 %t.x.npy %t.y.npy erf=%t.f16.0.npy erfc=%t.f16.1.npy tanh=%t.f16.2.npy exp=%t.f16.3.npy expm1=%t.f16.4.npy log1p=%t.f16.5.npy sin=%t.f16.6.npy cos=%t.f16.7.npy atan=%t.f16.8.npy sinh=%t.f16.9.npy cosh=%t.f16.10.npy absf=%t.f16.11.npy floor=%t.f16.12.npy ceil=%t.f16.13.npy round=%t.f16.14.npy exp2=%t.f16.15.npy fpowi2=%t.f16.16.npy fpowi3=%t.f16.17.npy log@y=%t.f16.18.npy log2@y=%t.f16.19.npy log10@y=%t.f16.20.npy sqrt@y=%t.f16.21.npy rsqrt@y=%t.f16.22.npy powf=%t.f16.23.npy
// F16: @math_f16 ran in
// RUN: accel-run %s --entry=math_bf16 --input=@%t.x.npy --input=@%t.y.npy --output=@%t.bf16.0.npy --output=@%t.bf16.1.npy --output=@%t.bf16.2.npy --output=@%t.bf16.3.npy --output=@%t.bf16.4.npy --output=@%t.bf16.5.npy --output=@%t.bf16.6.npy --output=@%t.bf16.7.npy --output=@%t.bf16.8.npy --output=@%t.bf16.9.npy --output=@%t.bf16.10.npy --output=@%t.bf16.11.npy --output=@%t.bf16.12.npy --output=@%t.bf16.13.npy --output=@%t.bf16.14.npy --output=@%t.bf16.15.npy --output=@%t.bf16.16.npy --output=@%t.bf16.17.npy --output=@%t.bf16.18.npy --output=@%t.bf16.19.npy --output=@%t.bf16.20.npy --output=@%t.bf16.21.npy --output=@%t.bf16.22.npy --output=@%t.bf16.23.npy | FileCheck %s --check-prefix=BF16
// RUN: %numpy_python %S/../check_math.py bf16 %t.x.npy %t.y.npy erf=%t.bf16.0.npy erfc=%t.bf16.1.npy tanh=%t.bf16.2.npy exp=%t.bf16.3.npy expm1=%t.bf16.4.npy log1p=%t.bf16.5.npy sin=%t.bf16.6.npy cos=%t.bf16.7.npy atan=%t.bf16.8.npy sinh=%t.bf16.9.npy cosh=%t.bf16.10.npy absf=%t.bf16.11.npy floor=%t.bf16.12.npy ceil=%t.bf16.13.npy round=%t.bf16.14.npy exp2=%t.bf16.15.npy fpowi2=%t.bf16.16.npy fpowi3=%t.bf16.17.npy log@y=%t.bf16.18.npy log2@y=%t.bf16.19.npy log10@y=%t.bf16.20.npy sqrt@y=%t.bf16.21.npy rsqrt@y=%t.bf16.22.npy powf=%t.bf16.23.npy
// BF16: @math_bf16 ran in
// RUN: accel-run %s --entry=math_f64 --input=@%t.x.npy --input=@%t.y.npy --output=@%t.f64.0.npy --output=@%t.f64.1.npy --output=@%t.f64.2.npy --output=@%t.f64.3.npy --output=@%t.f64.4.npy --output=@%t.f64.5.npy --output=@%t.f64.6.npy --output=@%t.f64.7.npy --output=@%t.f64.8.npy --output=@%t.f64.9.npy --output=@%t.f64.10.npy --output=@%t.f64.11.npy --output=@%t.f64.12.npy --output=@%t.f64.13.npy --output=@%t.f64.14.npy --output=@%t.f64.15.npy --output=@%t.f64.16.npy --output=@%t.f64.17.npy --output=@%t.f64.18.npy --output=@%t.f64.19.npy --output=@%t.f64.20.npy --output=@%t.f64.21.npy --output=@%t.f64.22.npy --output=@%t.f64.23.npy | FileCheck %s --check-prefix=F64
// RUN: %numpy_python %S/../check_math.py f64 %t.x.npy %t.y.npy erf=%t.f64.0.npy erfc=%t.f64.1.npy tanh=%t.f64.2.npy exp=%t.f64.3.npy expm1=%t.f64.4.npy log1p=%t.f64.5.npy sin=%t.f64.6.npy cos=%t.f64.7.npy atan=%t.f64.8.npy sinh=%t.f64.9.npy cosh=%t.f64.10.npy absf=%t.f64.11.npy floor=%t.f64.12.npy ceil=%t.f64.13.npy round=%t.f64.14.npy exp2=%t.f64.15.npy fpowi2=%t.f64.16.npy fpowi3=%t.f64.17.npy log@y=%t.f64.18.npy log2@y=%t.f64.19.npy log10@y=%t.f64.20.npy sqrt@y=%t.f64.21.npy rsqrt@y=%t.f64.22.npy powf=%t.f64.23.npy
// F64: @math_f64 ran in

func.func @math_f32(%x: tensor<16xf32>, %y: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) {
  %e = tensor.empty() : tensor<16xf32>
  %c2 = arith.constant 2 : i64
  %c3 = arith.constant 3 : i64
  %r:24 = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x, %y : tensor<16xf32>, tensor<16xf32>) outs(%e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e : tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) {
  ^bb0(%a: f32, %b: f32, %o0: f32, %o1: f32, %o2: f32, %o3: f32, %o4: f32, %o5: f32, %o6: f32, %o7: f32, %o8: f32, %o9: f32, %o10: f32, %o11: f32, %o12: f32, %o13: f32, %o14: f32, %o15: f32, %o16: f32, %o17: f32, %o18: f32, %o19: f32, %o20: f32, %o21: f32, %o22: f32, %o23: f32):
    %v0 = math.erf %a : f32
    %v1 = math.erfc %a : f32
    %v2 = math.tanh %a : f32
    %v3 = math.exp %a : f32
    %v4 = math.expm1 %a : f32
    %v5 = math.log1p %a : f32
    %v6 = math.sin %a : f32
    %v7 = math.cos %a : f32
    %v8 = math.atan %a : f32
    %v9 = math.sinh %a : f32
    %v10 = math.cosh %a : f32
    %v11 = math.absf %a : f32
    %v12 = math.floor %a : f32
    %v13 = math.ceil %a : f32
    %v14 = math.round %a : f32
    %v15 = math.exp2 %a : f32
    %v16 = math.fpowi %a, %c2 : f32, i64
    %v17 = math.fpowi %a, %c3 : f32, i64
    %v18 = math.log %b : f32
    %v19 = math.log2 %b : f32
    %v20 = math.log10 %b : f32
    %v21 = math.sqrt %b : f32
    %v22 = math.rsqrt %b : f32
    %v23 = math.powf %b, %a : f32
    linalg.yield %v0, %v1, %v2, %v3, %v4, %v5, %v6, %v7, %v8, %v9, %v10, %v11, %v12, %v13, %v14, %v15, %v16, %v17, %v18, %v19, %v20, %v21, %v22, %v23 : f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32, f32
  } -> (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5, %r#6, %r#7, %r#8, %r#9, %r#10, %r#11, %r#12, %r#13, %r#14, %r#15, %r#16, %r#17, %r#18, %r#19, %r#20, %r#21, %r#22, %r#23 : tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>
}

func.func @math_f16(%x: tensor<16xf16>, %y: tensor<16xf16>) -> (tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>) {
  %e = tensor.empty() : tensor<16xf16>
  %c2 = arith.constant 2 : i64
  %c3 = arith.constant 3 : i64
  %r:24 = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x, %y : tensor<16xf16>, tensor<16xf16>) outs(%e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e : tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>) {
  ^bb0(%a: f16, %b: f16, %o0: f16, %o1: f16, %o2: f16, %o3: f16, %o4: f16, %o5: f16, %o6: f16, %o7: f16, %o8: f16, %o9: f16, %o10: f16, %o11: f16, %o12: f16, %o13: f16, %o14: f16, %o15: f16, %o16: f16, %o17: f16, %o18: f16, %o19: f16, %o20: f16, %o21: f16, %o22: f16, %o23: f16):
    %v0 = math.erf %a : f16
    %v1 = math.erfc %a : f16
    %v2 = math.tanh %a : f16
    %v3 = math.exp %a : f16
    %v4 = math.expm1 %a : f16
    %v5 = math.log1p %a : f16
    %v6 = math.sin %a : f16
    %v7 = math.cos %a : f16
    %v8 = math.atan %a : f16
    %v9 = math.sinh %a : f16
    %v10 = math.cosh %a : f16
    %v11 = math.absf %a : f16
    %v12 = math.floor %a : f16
    %v13 = math.ceil %a : f16
    %v14 = math.round %a : f16
    %v15 = math.exp2 %a : f16
    %v16 = math.fpowi %a, %c2 : f16, i64
    %v17 = math.fpowi %a, %c3 : f16, i64
    %v18 = math.log %b : f16
    %v19 = math.log2 %b : f16
    %v20 = math.log10 %b : f16
    %v21 = math.sqrt %b : f16
    %v22 = math.rsqrt %b : f16
    %v23 = math.powf %b, %a : f16
    linalg.yield %v0, %v1, %v2, %v3, %v4, %v5, %v6, %v7, %v8, %v9, %v10, %v11, %v12, %v13, %v14, %v15, %v16, %v17, %v18, %v19, %v20, %v21, %v22, %v23 : f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16, f16
  } -> (tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>)
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5, %r#6, %r#7, %r#8, %r#9, %r#10, %r#11, %r#12, %r#13, %r#14, %r#15, %r#16, %r#17, %r#18, %r#19, %r#20, %r#21, %r#22, %r#23 : tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>, tensor<16xf16>
}

func.func @math_bf16(%x: tensor<16xbf16>, %y: tensor<16xbf16>) -> (tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>) {
  %e = tensor.empty() : tensor<16xbf16>
  %c2 = arith.constant 2 : i64
  %c3 = arith.constant 3 : i64
  %r:24 = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x, %y : tensor<16xbf16>, tensor<16xbf16>) outs(%e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e : tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>) {
  ^bb0(%a: bf16, %b: bf16, %o0: bf16, %o1: bf16, %o2: bf16, %o3: bf16, %o4: bf16, %o5: bf16, %o6: bf16, %o7: bf16, %o8: bf16, %o9: bf16, %o10: bf16, %o11: bf16, %o12: bf16, %o13: bf16, %o14: bf16, %o15: bf16, %o16: bf16, %o17: bf16, %o18: bf16, %o19: bf16, %o20: bf16, %o21: bf16, %o22: bf16, %o23: bf16):
    %v0 = math.erf %a : bf16
    %v1 = math.erfc %a : bf16
    %v2 = math.tanh %a : bf16
    %v3 = math.exp %a : bf16
    %v4 = math.expm1 %a : bf16
    %v5 = math.log1p %a : bf16
    %v6 = math.sin %a : bf16
    %v7 = math.cos %a : bf16
    %v8 = math.atan %a : bf16
    %v9 = math.sinh %a : bf16
    %v10 = math.cosh %a : bf16
    %v11 = math.absf %a : bf16
    %v12 = math.floor %a : bf16
    %v13 = math.ceil %a : bf16
    %v14 = math.round %a : bf16
    %v15 = math.exp2 %a : bf16
    %v16 = math.fpowi %a, %c2 : bf16, i64
    %v17 = math.fpowi %a, %c3 : bf16, i64
    %v18 = math.log %b : bf16
    %v19 = math.log2 %b : bf16
    %v20 = math.log10 %b : bf16
    %v21 = math.sqrt %b : bf16
    %v22 = math.rsqrt %b : bf16
    %v23 = math.powf %b, %a : bf16
    linalg.yield %v0, %v1, %v2, %v3, %v4, %v5, %v6, %v7, %v8, %v9, %v10, %v11, %v12, %v13, %v14, %v15, %v16, %v17, %v18, %v19, %v20, %v21, %v22, %v23 : bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16, bf16
  } -> (tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>)
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5, %r#6, %r#7, %r#8, %r#9, %r#10, %r#11, %r#12, %r#13, %r#14, %r#15, %r#16, %r#17, %r#18, %r#19, %r#20, %r#21, %r#22, %r#23 : tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>, tensor<16xbf16>
}

func.func @math_f64(%x: tensor<16xf64>, %y: tensor<16xf64>) -> (tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>) {
  %e = tensor.empty() : tensor<16xf64>
  %c2 = arith.constant 2 : i64
  %c3 = arith.constant 3 : i64
  %r:24 = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      ins(%x, %y : tensor<16xf64>, tensor<16xf64>) outs(%e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e, %e : tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>) {
  ^bb0(%a: f64, %b: f64, %o0: f64, %o1: f64, %o2: f64, %o3: f64, %o4: f64, %o5: f64, %o6: f64, %o7: f64, %o8: f64, %o9: f64, %o10: f64, %o11: f64, %o12: f64, %o13: f64, %o14: f64, %o15: f64, %o16: f64, %o17: f64, %o18: f64, %o19: f64, %o20: f64, %o21: f64, %o22: f64, %o23: f64):
    %v0 = math.erf %a : f64
    %v1 = math.erfc %a : f64
    %v2 = math.tanh %a : f64
    %v3 = math.exp %a : f64
    %v4 = math.expm1 %a : f64
    %v5 = math.log1p %a : f64
    %v6 = math.sin %a : f64
    %v7 = math.cos %a : f64
    %v8 = math.atan %a : f64
    %v9 = math.sinh %a : f64
    %v10 = math.cosh %a : f64
    %v11 = math.absf %a : f64
    %v12 = math.floor %a : f64
    %v13 = math.ceil %a : f64
    %v14 = math.round %a : f64
    %v15 = math.exp2 %a : f64
    %v16 = math.fpowi %a, %c2 : f64, i64
    %v17 = math.fpowi %a, %c3 : f64, i64
    %v18 = math.log %b : f64
    %v19 = math.log2 %b : f64
    %v20 = math.log10 %b : f64
    %v21 = math.sqrt %b : f64
    %v22 = math.rsqrt %b : f64
    %v23 = math.powf %b, %a : f64
    linalg.yield %v0, %v1, %v2, %v3, %v4, %v5, %v6, %v7, %v8, %v9, %v10, %v11, %v12, %v13, %v14, %v15, %v16, %v17, %v18, %v19, %v20, %v21, %v22, %v23 : f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64, f64
  } -> (tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>)
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5, %r#6, %r#7, %r#8, %r#9, %r#10, %r#11, %r#12, %r#13, %r#14, %r#15, %r#16, %r#17, %r#18, %r#19, %r#20, %r#21, %r#22, %r#23 : tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>, tensor<16xf64>
}
