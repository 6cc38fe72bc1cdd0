// accel-cpu-vectorize-contractions (with accel-cpu-lower-vectors) against
// the scalar loops of the reference pipeline, on random inputs, compared
// exactly: the tiles keep every output's order of summation and round the
// product and the sum separately, so the results are bitwise equal.
// Shapes: 1, empty, odd sizes, sizes that cross the cache tiles (m 64, n and k
// 256), dynamic dims, batch broadcasting, transpose_b, bf16.
//
// RUN: accel-run %s --entry=matmul --input=1x1 --input=1x1 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=matmul --input=4x0 --input=0x3 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=matmul --input=0x5 --input=5x3 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=matmul --input=37x29 --input=29x45 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=matmul --input=1x300 --input=300x1 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=matmul --input=65x513 --input=513x257 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=batched_bias_tb --input=3x17x40 --input=1x23x40 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=matmul_bf16 --input=19x70xbf16 --input=70x33xbf16 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=attention --input=1x2x33x16 --input=1x2x40x16 --input=1x2x40x16 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// RUN: accel-run %s --entry=causal_gqa_bf16 --input=1x4x65x24xbf16 --input=1x2x65x24xbf16 --input=1x2x65x24xbf16 --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
// The Monarch factors are left to the loops (a batch dim inside the output);
// the check covers that path too.
// RUN: accel-run %s --entry=monarch --compare-pipeline='accel-cpu-reference{vectorize-contractions=false}' --rtol=0 --atol=0 | FileCheck %s
//
// The exact comparison does fail on a one-rounding difference: a matmul
// that fuses each multiply-add (math.fma) is caught.
// RUN: not accel-run %s --entry=matmul --compare-entry=fma_matmul --input=65x513 --input=513x257 --rtol=0 --atol=0 | FileCheck %s --check-prefix=FMA

// CHECK: compare: result #0 ok
// FMA: compare: result #0 FAILED

func.func @matmul(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = accel.matmul %a, %b : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

func.func @batched_bias_tb(%a: tensor<?x?x40xf32>, %b: tensor<1x?x40xf32>) -> tensor<?x?x?xf32> {
  %bias = arith.constant dense<0.25> : tensor<23xf32>
  %bias_d = tensor.cast %bias : tensor<23xf32> to tensor<?xf32>
  %r = accel.matmul %a, %b, %bias_d {transpose_b = true}
      : (tensor<?x?x40xf32>, tensor<1x?x40xf32>, tensor<?xf32>) -> tensor<?x?x?xf32>
  return %r : tensor<?x?x?xf32>
}

func.func @matmul_bf16(%a: tensor<?x?xbf16>, %b: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = accel.matmul %a, %b : (tensor<?x?xbf16>, tensor<?x?xbf16>) -> tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}

func.func @attention(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x?x16xf32>, %v: tensor<1x2x?x16xf32>) -> tensor<1x2x?x16xf32> {
  %o = accel.attention %q, %k, %v
      : (tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>) -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}

func.func @causal_gqa_bf16(%q: tensor<1x4x?x24xbf16>, %k: tensor<1x2x?x24xbf16>, %v: tensor<1x2x?x24xbf16>) -> tensor<1x4x?x24xbf16> {
  %o = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x4x?x24xbf16>, tensor<1x2x?x24xbf16>, tensor<1x2x?x24xbf16>) -> tensor<1x4x?x24xbf16>
  return %o : tensor<1x4x?x24xbf16>
}

// Static rows: with a dynamic row count the Monarch lowering does not
// canonicalize (an expand_shape of a dynamic dim to a static one), with or
// without this pass.
func.func @monarch(%x: tensor<9x12xf32>) -> tensor<9x12xf32> {
  %w1 = arith.constant dense<0.5> : tensor<3x4x4xf32>
  %w2 = arith.constant dense<-0.25> : tensor<4x3x3xf32>
  %y = accel.monarch_matmul %x, %w1, %w2 : (tensor<9x12xf32>, tensor<3x4x4xf32>, tensor<4x3x3xf32>) -> tensor<9x12xf32>
  return %y : tensor<9x12xf32>
}

// The same product with each multiply-add fused: not a contraction body,
// so it stays a scalar loop.
func.func @fma_matmul(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %a, %c0 : tensor<?x?xf32>
  %n = tensor.dim %b, %c1 : tensor<?x?xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>, affine_map<(i, j, k) -> (k, j)>,
                                        affine_map<(i, j, k) -> (i, j)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%init : tensor<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %t = math.fma %x, %y, %acc : f32
    linalg.yield %t : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
