// The differential checker catches a rewrite that changes numerics:
// accel-test-wrong-rewrite drops matmul biases, flips causal, and turns a
// mean scatter into a sum. Each must fail with the worst element named.
// RUN: not accel-run %s --entry=biased_matmul --input=5x8 --pipeline=accel-test-wrong-rewrite --compare-pipeline=none | FileCheck %s
// RUN: not accel-run %s --entry=causal_attention --input=1x2x9x8 --pipeline=accel-test-wrong-rewrite --compare-pipeline=none | FileCheck %s
// RUN: not accel-run %s --entry=mean_scatter --input=40x4 --input=40 --pipeline=accel-test-wrong-rewrite --compare-pipeline=none | FileCheck %s
// And the checker passes the same functions when nothing is broken:
// RUN: accel-run %s --entry=biased_matmul --input=5x8 --pipeline=canonicalize --compare-pipeline=none | FileCheck %s --check-prefix=OK

// CHECK: compare: result #0 FAILED: {{[0-9]+}} of {{[0-9]+}} elements differ; worst at index [{{[0-9, ]+}}]: {{.+}} vs {{.+}} (rtol
// OK: compare: result #0 ok

func.func @biased_matmul(%a: tensor<?x8xf32>) -> tensor<?x3xf32> {
  %b = arith.constant dense<0.5> : tensor<8x3xf32>
  %bias = arith.constant dense<[1.0, -2.0, 3.0]> : tensor<3xf32>
  %r = accel.matmul %a, %b, %bias : (tensor<?x8xf32>, tensor<8x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

func.func @causal_attention(%q: tensor<1x2x?x8xf32>) -> tensor<1x2x?x8xf32> {
  %o = accel.attention %q, %q, %q {causal = true}
      : (tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>) -> tensor<1x2x?x8xf32>
  return %o : tensor<1x2x?x8xf32>
}

func.func @mean_scatter(%msg: tensor<?x4xf32>, %dst: tensor<?xi64>) -> tensor<6x4xf32> {
  %r = accel.scatter_reduce %msg, %dst {num_rows = 6 : i64, reduce = "mean"}
      : (tensor<?x4xf32>, tensor<?xi64>) -> tensor<6x4xf32>
  return %r : tensor<6x4xf32>
}
