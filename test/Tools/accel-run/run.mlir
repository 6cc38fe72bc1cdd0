// RUN: accel-run %s --entry=scale_rows --input=5x4 --seed=7 --output=@%t.out.npy --save-inputs=%t.in | FileCheck %s
// Feeding the saved inputs back gives the same result, bit for bit.
// RUN: accel-run %s --entry=scale_rows --input=@%t.in0.npy --output=@%t.again.npy
// RUN: cmp %t.out.npy %t.again.npy
// The same program through another pipeline and through an independent
// formulation agrees.
// RUN: accel-run %s --entry=scale_rows --input=5x4 --compare-pipeline=canonicalize,cse | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=scale_rows --input=1023x4 --compare-entry=scale_rows_by_generic | FileCheck %s --check-prefix=SAME
// A formulation that differs is caught, with the worst element named.
// RUN: not accel-run %s --entry=scale_rows --input=3x4 --compare-entry=scale_rows_wrong | FileCheck %s --check-prefix=WRONG

// CHECK: @scale_rows ran in
// CHECK: result #0: tensor<5x4xf32> min {{.+}} max {{.+}} mean
// SAME: compare: result #0 ok: tensor<{{[0-9]+}}x4xf32> max abs error
// WRONG: compare: result #0 FAILED: 3 of 12 elements differ; worst at index [{{[0-9]}}, 3]

func.func @scale_rows(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %w = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %e = tensor.empty(%n) : tensor<?x4xf32>
  %r = linalg.mul ins(%x, %x : tensor<?x4xf32>, tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  %b = linalg.broadcast ins(%w : tensor<4xf32>) outs(%e : tensor<?x4xf32>) dimensions = [0]
  %s = linalg.mul ins(%r, %b : tensor<?x4xf32>, tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}

func.func @scale_rows_by_generic(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %e = tensor.empty(%n) : tensor<?x4xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) {
  ^bb0(%v: f32, %out: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %one = arith.constant 1.0 : f32
    %w = arith.addf %jf, %one : f32
    %sq = arith.mulf %v, %v : f32
    %r = arith.mulf %sq, %w : f32
    linalg.yield %r : f32
  } -> tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}

// Off by a factor in the last column only.
func.func @scale_rows_wrong(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %w = arith.constant dense<[1.0, 2.0, 3.0, 5.0]> : tensor<4xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %e = tensor.empty(%n) : tensor<?x4xf32>
  %r = linalg.mul ins(%x, %x : tensor<?x4xf32>, tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  %b = linalg.broadcast ins(%w : tensor<4xf32>) outs(%e : tensor<?x4xf32>) dimensions = [0]
  %s = linalg.mul ins(%r, %b : tensor<?x4xf32>, tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}
