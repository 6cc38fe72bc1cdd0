// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.monarch_matmul and accel.block_diag_matmul against the dense matrix
// built from their factors directly in linalg, applied with linalg.matmul,
// on pseudo-random inputs. Each case prints [pass flag, max |accel - dense|].
//
// Monarch with k=4, q=3, p=5 (n = 20) and l=6, s=5, r=2 (k*q = l*r = 12),
// batch 7, result width l*s = 30. Input j lies in block kb = j / p at
// jj = j % p; it reaches t1[idx] for idx = kb*q + i (i < q), which the
// [r, l] view puts at row idx / l, column idx % l; column c of the second
// factor reads it as t2[c, idx / l] and writes out[o*l + c]. So
//   M[j, o*l + c] = sum_{i < q, (kb*q + i) % l = c} w1[kb, i, jj] * w2[c, o, (kb*q + i) / l].

func.func private @printMemrefF32(tensor<*xf32>)

// n deterministic pseudo-random values in [-1, 1):
// v = 2 * fract(sin(i * 12.9898 + seed * 78.233) * 43758.5453) - 1.
func.func @rand(%n: index, %seed: f32) -> tensor<?xf32> {
  %e = tensor.empty(%n) : tensor<?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%e : tensor<?xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i64
    %fi = arith.sitofp %ii : i64 to f32
    %c1 = arith.constant 12.9898 : f32
    %c2 = arith.constant 78.233 : f32
    %c3 = arith.constant 43758.5453 : f32
    %one = arith.constant 1.0 : f32
    %two = arith.constant 2.0 : f32
    %t0 = arith.mulf %fi, %c1 : f32
    %t1 = arith.mulf %seed, %c2 : f32
    %t2 = arith.addf %t0, %t1 : f32
    %s = math.sin %t2 : f32
    %x = arith.mulf %s, %c3 : f32
    %fl = math.floor %x : f32
    %fr = arith.subf %x, %fl : f32
    %d = arith.mulf %fr, %two : f32
    %v = arith.subf %d, %one : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// Prints [max |x - y| <= tol ? 1 : 0, max |x - y|].
func.func @report(%x: tensor<?xf32>, %y: tensor<?xf32>, %tol: f32) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %m = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> ()>],
                       iterator_types = ["reduction"]}
      ins(%x, %y : tensor<?xf32>, tensor<?xf32>) outs(%init : tensor<f32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %d = arith.subf %a, %b : f32
    %ad = math.absf %d : f32
    // maximumf keeps a NaN, so that the flag fails.
    %mx = arith.maximumf %acc, %ad : f32
    linalg.yield %mx : f32
  } -> tensor<f32>
  %err = tensor.extract %m[] : tensor<f32>
  %ok = arith.cmpf ole, %err, %tol : f32
  %one = arith.constant 1.0 : f32
  %flag = arith.select %ok, %one, %zero : f32
  %out = tensor.from_elements %flag, %err : tensor<2xf32>
  %u = tensor.cast %out : tensor<2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// Monarch with every size dynamic, behind a call so that no
// canonicalization sees the static sizes (exercises the run-time paths).
func.func @monarch_dynamic(%x: tensor<?x?xf32>, %w1: tensor<?x?x?xf32>, %w2: tensor<?x?x?xf32>) -> tensor<?x?xf32> {
  %y = accel.monarch_matmul %x, %w1, %w2 : (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

func.func @main() {
  %tol = arith.constant 1.0e-5 : f32
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %p = arith.constant 5 : index
  %q = arith.constant 3 : index
  %l = arith.constant 6 : index
  %n140 = arith.constant 140 : index
  %n60 = arith.constant 60 : index
  %s1 = arith.constant 1.0 : f32
  %s2 = arith.constant 2.0 : f32
  %s3 = arith.constant 3.0 : f32
  %rx = call @rand(%n140, %s1) : (index, f32) -> tensor<?xf32>
  %rw1 = call @rand(%n60, %s2) : (index, f32) -> tensor<?xf32>
  %rw2 = call @rand(%n60, %s3) : (index, f32) -> tensor<?xf32>
  %rx_s = tensor.cast %rx : tensor<?xf32> to tensor<140xf32>
  %rw1_s = tensor.cast %rw1 : tensor<?xf32> to tensor<60xf32>
  %rw2_s = tensor.cast %rw2 : tensor<?xf32> to tensor<60xf32>
  %x = tensor.expand_shape %rx_s [[0, 1]] output_shape [7, 20] : tensor<140xf32> into tensor<7x20xf32>
  %w1 = tensor.expand_shape %rw1_s [[0, 1, 2]] output_shape [4, 3, 5] : tensor<60xf32> into tensor<4x3x5xf32>
  %w2 = tensor.expand_shape %rw2_s [[0, 1, 2]] output_shape [6, 5, 2] : tensor<60xf32> into tensor<6x5x2xf32>

  // 1. Monarch against x @ M.
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %y = accel.monarch_matmul %x, %w1, %w2 : (tensor<7x20xf32>, tensor<4x3x5xf32>, tensor<6x5x2xf32>) -> tensor<7x30xf32>

  // The loop over i < q takes its range from a [q] operand that the body
  // does not read.
  %qrange = tensor.empty() : tensor<3xf32>
  %m_e = tensor.empty() : tensor<20x30xf32>
  %m_f = linalg.fill ins(%zero : f32) outs(%m_e : tensor<20x30xf32>) -> tensor<20x30xf32>
  %dense = linalg.generic {indexing_maps = [affine_map<(j, col, i) -> (i)>, affine_map<(j, col, i) -> (j, col)>],
                           iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%qrange : tensor<3xf32>) outs(%m_f : tensor<20x30xf32>) {
  ^bb0(%unused: f32, %acc: f32):
    %j = linalg.index 0 : index
    %col = linalg.index 1 : index
    %i = linalg.index 2 : index
    %kb = arith.divui %j, %p : index
    %jj = arith.remui %j, %p : index
    %o = arith.divui %col, %l : index
    %c = arith.remui %col, %l : index
    %base = arith.muli %kb, %q : index
    %idx = arith.addi %base, %i : index
    %row = arith.divui %idx, %l : index
    %column = arith.remui %idx, %l : index
    %hit = arith.cmpi eq, %column, %c : index
    %a = tensor.extract %w1[%kb, %i, %jj] : tensor<4x3x5xf32>
    %b = tensor.extract %w2[%c, %o, %row] : tensor<6x5x2xf32>
    %ab = arith.mulf %a, %b : f32
    %term = arith.select %hit, %ab, %zero : f32
    %sum = arith.addf %acc, %term : f32
    linalg.yield %sum : f32
  } -> tensor<20x30xf32>
  %r_e = tensor.empty() : tensor<7x30xf32>
  %r_f = linalg.fill ins(%zero : f32) outs(%r_e : tensor<7x30xf32>) -> tensor<7x30xf32>
  %ref = linalg.matmul ins(%x, %dense : tensor<7x20xf32>, tensor<20x30xf32>)
                       outs(%r_f : tensor<7x30xf32>) -> tensor<7x30xf32>
  %y_flat = tensor.collapse_shape %y [[0, 1]] : tensor<7x30xf32> into tensor<210xf32>
  %ref_flat = tensor.collapse_shape %ref [[0, 1]] : tensor<7x30xf32> into tensor<210xf32>
  %y_d = tensor.cast %y_flat : tensor<210xf32> to tensor<?xf32>
  %ref_d = tensor.cast %ref_flat : tensor<210xf32> to tensor<?xf32>
  call @report(%y_d, %ref_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()

  // 1b. The same Monarch with dynamic sizes.
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %xd = tensor.cast %x : tensor<7x20xf32> to tensor<?x?xf32>
  %w1d = tensor.cast %w1 : tensor<4x3x5xf32> to tensor<?x?x?xf32>
  %w2d = tensor.cast %w2 : tensor<6x5x2xf32> to tensor<?x?x?xf32>
  %yd = call @monarch_dynamic(%xd, %w1d, %w2d) : (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?xf32>
  %yd_s = tensor.cast %yd : tensor<?x?xf32> to tensor<7x30xf32>
  %yd_flat = tensor.collapse_shape %yd_s [[0, 1]] : tensor<7x30xf32> into tensor<210xf32>
  %yd_d = tensor.cast %yd_flat : tensor<210xf32> to tensor<?xf32>
  call @report(%yd_d, %ref_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()

  // 2. block_diag_matmul with w1 against x @ D,
  //    D[j, b*q + i] = (j / p == b) ? w1[b, i, j % p] : 0.
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %z = accel.block_diag_matmul %x, %w1 : (tensor<7x20xf32>, tensor<4x3x5xf32>) -> tensor<7x12xf32>
  %d_e = tensor.empty() : tensor<20x12xf32>
  %d = linalg.generic {indexing_maps = [affine_map<(j, col) -> (j, col)>], iterator_types = ["parallel", "parallel"]}
      outs(%d_e : tensor<20x12xf32>) {
  ^bb0(%out: f32):
    %j = linalg.index 0 : index
    %col = linalg.index 1 : index
    %kb = arith.divui %j, %p : index
    %jj = arith.remui %j, %p : index
    %b = arith.divui %col, %q : index
    %i = arith.remui %col, %q : index
    %same = arith.cmpi eq, %kb, %b : index
    %v = tensor.extract %w1[%b, %i, %jj] : tensor<4x3x5xf32>
    %e = arith.select %same, %v, %zero : f32
    linalg.yield %e : f32
  } -> tensor<20x12xf32>
  %rz_e = tensor.empty() : tensor<7x12xf32>
  %rz_f = linalg.fill ins(%zero : f32) outs(%rz_e : tensor<7x12xf32>) -> tensor<7x12xf32>
  %refz = linalg.matmul ins(%x, %d : tensor<7x20xf32>, tensor<20x12xf32>)
                        outs(%rz_f : tensor<7x12xf32>) -> tensor<7x12xf32>
  %z_flat = tensor.collapse_shape %z [[0, 1]] : tensor<7x12xf32> into tensor<84xf32>
  %refz_flat = tensor.collapse_shape %refz [[0, 1]] : tensor<7x12xf32> into tensor<84xf32>
  %z_d = tensor.cast %z_flat : tensor<84xf32> to tensor<?xf32>
  %refz_d = tensor.cast %refz_flat : tensor<84xf32> to tensor<?xf32>
  call @report(%z_d, %refz_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()
  return
}
