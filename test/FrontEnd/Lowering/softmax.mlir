// linalg.softmax runs (it used to reach the LLVM translation as an
// unrealized_conversion_cast): accel-decompose-aggregated-ops applies
// upstream's decomposition before bufferization. Checked against an
// independent formulation and against numpy (large logits: the max must be
// subtracted); softmax over the wrong dimension is caught.
// RUN: accel-run %s --entry=softmax --input=5x7 --compare-entry=softmax_by_generics | FileCheck %s --check-prefix=SAME
// RUN: %numpy_python -c "import numpy as np; x = np.linspace(-30.0, 30.0, 35, dtype=np.float32).reshape(5, 7); np.save('%t.x.npy', x); e = np.exp(x.astype(np.float64) - x.max(1, keepdims=True)); np.save('%t.want.npy', (e / e.sum(1, keepdims=True)).astype(np.float32))"
// RUN: accel-run %s --entry=softmax --input=@%t.x.npy --output=@%t.got.npy
// RUN: %numpy_python %S/../compare_npy.py %t.got.npy %t.want.npy
// RUN: accel-run %s --entry=softmax_wrong --input=@%t.x.npy --output=@%t.wrong.npy
// RUN: not %numpy_python %S/../compare_npy.py %t.wrong.npy %t.want.npy

// SAME: compare: result #0 ok: tensor<5x7xf32>

func.func @softmax(%x: tensor<5x7xf32>) -> tensor<5x7xf32> {
  %e = tensor.empty() : tensor<5x7xf32>
  %r = linalg.softmax dimension(1) ins(%x : tensor<5x7xf32>) outs(%e : tensor<5x7xf32>) -> tensor<5x7xf32>
  return %r : tensor<5x7xf32>
}

// exp(x - max) / sum, written out.
func.func @softmax_by_generics(%x: tensor<5x7xf32>) -> tensor<5x7xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<5xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<5xf32>) -> tensor<5xf32>
  %m = linalg.reduce ins(%x : tensor<5x7xf32>) outs(%m0 : tensor<5xf32>) dimensions = [1]
    (%a: f32, %b: f32) {
      %v = arith.maximumf %a, %b : f32
      linalg.yield %v : f32
    }
  %e2 = tensor.empty() : tensor<5x7xf32>
  %p = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x, %m : tensor<5x7xf32>, tensor<5xf32>) outs(%e2 : tensor<5x7xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %d = arith.subf %a, %b : f32
    %v = math.exp %d : f32
    linalg.yield %v : f32
  } -> tensor<5x7xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<5xf32>) -> tensor<5xf32>
  %s = linalg.reduce ins(%p : tensor<5x7xf32>) outs(%s0 : tensor<5xf32>) dimensions = [1]
    (%a: f32, %b: f32) {
      %v = arith.addf %a, %b : f32
      linalg.yield %v : f32
    }
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%p, %s : tensor<5x7xf32>, tensor<5xf32>) outs(%e2 : tensor<5x7xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %v = arith.divf %a, %b : f32
    linalg.yield %v : f32
  } -> tensor<5x7xf32>
  return %r : tensor<5x7xf32>
}

// Softmax over the other dimension: a different result on the same data.
func.func @softmax_wrong(%x: tensor<5x7xf32>) -> tensor<5x7xf32> {
  %e = tensor.empty() : tensor<5x7xf32>
  %r = linalg.softmax dimension(0) ins(%x : tensor<5x7xf32>) outs(%e : tensor<5x7xf32>) -> tensor<5x7xf32>
  return %r : tensor<5x7xf32>
}
