// Graph ops on random graphs (power-law destinations, so hubs and isolated
// nodes), including zero edges, against dense one-hot formulations.
// RUN: accel-run %s --entry=scatter_sum --input=1023x16 --input=1023 --compare-entry=scatter_sum_dense | FileCheck %s
// RUN: accel-run %s --entry=scatter_sum --input=0x16 --input=0 --compare-entry=scatter_sum_dense | FileCheck %s
// RUN: accel-run %s --entry=typed --input=1023x7 --input=5x7x3 --input=1023 --compare-entry=typed_dense | FileCheck %s
// RUN: accel-run %s --entry=typed --input=0x7 --input=5x7x3 --input=0 --compare-entry=typed_dense | FileCheck %s

// CHECK: compare: result #0 ok

func.func @scatter_sum(%msg: tensor<?x16xf32>, %dst: tensor<?xi64>) -> tensor<100x16xf32> {
  %r = accel.scatter_reduce %msg, %dst {num_rows = 100 : i64, reduce = "sum"}
      : (tensor<?x16xf32>, tensor<?xi64>) -> tensor<100x16xf32>
  return %r : tensor<100x16xf32>
}

// out = A @ msg with A[r, e] = (dst[e] == r).
func.func @scatter_sum_dense(%msg: tensor<?x16xf32>, %dst: tensor<?xi64>) -> tensor<100x16xf32> {
  %c0 = arith.constant 0 : index
  %e = tensor.dim %msg, %c0 : tensor<?x16xf32>
  %ainit = tensor.empty(%e) : tensor<100x?xf32>
  %a = linalg.generic {indexing_maps = [affine_map<(r, e) -> (e)>, affine_map<(r, e) -> (r, e)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%dst : tensor<?xi64>) outs(%ainit : tensor<100x?xf32>) {
  ^bb0(%d: i64, %o: f32):
    %r = linalg.index 0 : index
    %ri = arith.index_cast %r : index to i64
    %hit = arith.cmpi eq, %d, %ri : i64
    %one = arith.constant 1.0 : f32
    %zero = arith.constant 0.0 : f32
    %v = arith.select %hit, %one, %zero : f32
    linalg.yield %v : f32
  } -> tensor<100x?xf32>
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<100x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%init : tensor<100x16xf32>) -> tensor<100x16xf32>
  %r = linalg.matmul ins(%a, %msg : tensor<100x?xf32>, tensor<?x16xf32>) outs(%acc : tensor<100x16xf32>) -> tensor<100x16xf32>
  return %r : tensor<100x16xf32>
}

func.func @typed(%x: tensor<?x7xf32>, %w: tensor<5x7x3xf32>, %t: tensor<?xi32>) -> tensor<?x3xf32> {
  %r = accel.typed_matmul %x, %w, %t : (tensor<?x7xf32>, tensor<5x7x3xf32>, tensor<?xi32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}

// sum_r (t == r) * (x @ w[r]).
func.func @typed_dense(%x: tensor<?x7xf32>, %w: tensor<5x7x3xf32>, %t: tensor<?xi32>) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %e = tensor.dim %x, %c0 : tensor<?x7xf32>
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty(%e) : tensor<?x3xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%init : tensor<?x3xf32>) -> tensor<?x3xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(e, n, r, k) -> (e, k)>, affine_map<(e, n, r, k) -> (r, k, n)>,
                                        affine_map<(e, n, r, k) -> (e)>, affine_map<(e, n, r, k) -> (e, n)>],
                       iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x, %w, %t : tensor<?x7xf32>, tensor<5x7x3xf32>, tensor<?xi32>) outs(%acc : tensor<?x3xf32>) {
  ^bb0(%xv: f32, %wv: f32, %tv: i32, %o: f32):
    %r = linalg.index 2 : index
    %ri = arith.index_cast %r : index to i32
    %hit = arith.cmpi eq, %tv, %ri : i32
    %p = arith.mulf %xv, %wv : f32
    %s = arith.addf %o, %p : f32
    %v = arith.select %hit, %s, %o : f32
    linalg.yield %v : f32
  } -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}
