// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// The graph ops against independent dense formulations on pseudo-random
// data (E = 37 edges, N = 11 nodes, R = 3 relations, K = 5, Nout = 4,
// D = 7, H = 3):
//   x = gather_rows(h, src); typed_matmul(x, w, types) and
//   segment_matmul(x, w, offsets) (types sorted, offsets counted from them)
//   against batch_matmul(broadcast(h), w)[types[e], src[e]];
//   scatter_reduce sum / mean against A @ msg with the one-hot A[r, e] =
//   (idx[e] == r) (rows 9 and 10 isolated);
//   edge_softmax against an O(E^2) masked softmax per edge.
// Prints the max |difference| of each pair, then a pass flag per pair.

func.func private @printMemrefF32(tensor<*xf32>)

#id2 = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
#col = affine_map<(i, j) -> (j)>
#scalar2 = affine_map<(i, j) -> ()>

/// dest[i, j] = fract(sin(i * 12.9898 + j * 78.233 + seed) * 43758.5453),
/// scaled to [-1, 1).
/// (It allocates its own result: returning an argument's buffer would need
/// a bufferization.clone, which the CPU pipeline does not lower.)
func.func @random(%rows: index, %cols: index, %seed: f32) -> tensor<?x?xf32> {
  %dest = tensor.empty(%rows, %cols) : tensor<?x?xf32>
  %r = linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]}
      outs(%dest : tensor<?x?xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %ii = arith.index_cast %i : index to i64
    %jj = arith.index_cast %j : index to i64
    %fi = arith.sitofp %ii : i64 to f32
    %fj = arith.sitofp %jj : i64 to f32
    %a = arith.constant 12.9898 : f32
    %b = arith.constant 78.233 : f32
    %c = arith.constant 43758.5453 : f32
    %t0 = arith.mulf %fi, %a : f32
    %t1 = arith.mulf %fj, %b : f32
    %t2 = arith.addf %t0, %t1 : f32
    %t3 = arith.addf %t2, %seed : f32
    %s = math.sin %t3 : f32
    %v = arith.mulf %s, %c : f32
    %fl = math.floor %v : f32
    %fr = arith.subf %v, %fl : f32
    %two = arith.constant 2.0 : f32
    %one = arith.constant 1.0 : f32
    %sc = arith.mulf %fr, %two : f32
    %res = arith.subf %sc, %one : f32
    linalg.yield %res : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

/// max |a - b| over all elements.
func.func @maxdiff(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %r = linalg.generic {indexing_maps = [#id2, #id2, #scalar2], iterator_types = ["reduction", "reduction"]}
      ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%init : tensor<f32>) {
  ^bb0(%x: f32, %y: f32, %m: f32):
    %d = arith.subf %x, %y : f32
    %ad = math.absf %d : f32
    %mx = arith.maximumf %m, %ad : f32
    linalg.yield %mx : f32
  } -> tensor<f32>
  %v = tensor.extract %r[] : tensor<f32>
  return %v : f32
}

func.func @main() {
  %zero = arith.constant 0.0 : f32
  %n3 = arith.constant 3 : index
  %n4 = arith.constant 4 : index
  %n5 = arith.constant 5 : index
  %n7 = arith.constant 7 : index
  %n11 = arith.constant 11 : index
  %n15 = arith.constant 15 : index
  %n37 = arith.constant 37 : index

  // Node features h [11, 5], weights w [3, 5, 4], messages [37, 7], scores
  // [37, 3].
  %s1 = arith.constant 1.0 : f32
  %hr = call @random(%n11, %n5, %s1) : (index, index, f32) -> tensor<?x?xf32>
  %h = tensor.cast %hr : tensor<?x?xf32> to tensor<11x5xf32>
  %s2 = arith.constant 2.0 : f32
  %wr = call @random(%n15, %n4, %s2) : (index, index, f32) -> tensor<?x?xf32>
  %w2 = tensor.cast %wr : tensor<?x?xf32> to tensor<15x4xf32>
  %w = tensor.expand_shape %w2 [[0, 1], [2]] output_shape [3, 5, 4] : tensor<15x4xf32> into tensor<3x5x4xf32>
  %s3 = arith.constant 3.0 : f32
  %mr = call @random(%n37, %n7, %s3) : (index, index, f32) -> tensor<?x?xf32>
  %msg = tensor.cast %mr : tensor<?x?xf32> to tensor<37x7xf32>
  %se = tensor.empty() : tensor<37x3xf32>
  %s4 = arith.constant 4.0 : f32
  %sr = call @random(%n37, %n3, %s4) : (index, index, f32) -> tensor<?x?xf32>
  // Scores in [-4, 4) so that exp varies over a useful range.
  %score = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%sr : tensor<?x?xf32>) outs(%se : tensor<37x3xf32>) {
  ^bb0(%v: f32, %o: f32):
    %four = arith.constant 4.0 : f32
    %m = arith.mulf %v, %four : f32
    linalg.yield %m : f32
  } -> tensor<37x3xf32>

  // Ids: src[e] = (7e + 3) mod 11 (i64), types[e] = 3e / 37 (i32, sorted),
  // idx[e] = (5e + 2) mod 9 (i64, rows 9 and 10 get nothing),
  // dst[e] = (e^2 + 1) mod 13 (i32, among 15 nodes).
  %ide = tensor.empty() : tensor<37xi64>
  %src = linalg.generic {indexing_maps = [affine_map<(e) -> (e)>], iterator_types = ["parallel"]}
      outs(%ide : tensor<37xi64>) {
  ^bb0(%o: i64):
    %e = linalg.index 0 : index
    %c7 = arith.constant 7 : index
    %c3 = arith.constant 3 : index
    %c11 = arith.constant 11 : index
    %a = arith.muli %e, %c7 : index
    %b = arith.addi %a, %c3 : index
    %r = arith.remui %b, %c11 : index
    %ri = arith.index_cast %r : index to i64
    linalg.yield %ri : i64
  } -> tensor<37xi64>
  %tye = tensor.empty() : tensor<37xi32>
  %types = linalg.generic {indexing_maps = [affine_map<(e) -> (e)>], iterator_types = ["parallel"]}
      outs(%tye : tensor<37xi32>) {
  ^bb0(%o: i32):
    %e = linalg.index 0 : index
    %c3 = arith.constant 3 : index
    %c37 = arith.constant 37 : index
    %a = arith.muli %e, %c3 : index
    %r = arith.divui %a, %c37 : index
    %ri = arith.index_cast %r : index to i32
    linalg.yield %ri : i32
  } -> tensor<37xi32>
  %idx = linalg.generic {indexing_maps = [affine_map<(e) -> (e)>], iterator_types = ["parallel"]}
      outs(%ide : tensor<37xi64>) {
  ^bb0(%o: i64):
    %e = linalg.index 0 : index
    %c5 = arith.constant 5 : index
    %c2 = arith.constant 2 : index
    %c9 = arith.constant 9 : index
    %a = arith.muli %e, %c5 : index
    %b = arith.addi %a, %c2 : index
    %r = arith.remui %b, %c9 : index
    %ri = arith.index_cast %r : index to i64
    linalg.yield %ri : i64
  } -> tensor<37xi64>
  %dst = linalg.generic {indexing_maps = [affine_map<(e) -> (e)>], iterator_types = ["parallel"]}
      outs(%tye : tensor<37xi32>) {
  ^bb0(%o: i32):
    %e = linalg.index 0 : index
    %c1 = arith.constant 1 : index
    %c13 = arith.constant 13 : index
    %a = arith.muli %e, %e : index
    %b = arith.addi %a, %c1 : index
    %r = arith.remui %b, %c13 : index
    %ri = arith.index_cast %r : index to i32
    linalg.yield %ri : i32
  } -> tensor<37xi32>

  // offsets[r] = #{e : types[e] < r}, r in [0, 3].
  %oe = tensor.empty() : tensor<4xi64>
  %c0_i64 = arith.constant 0 : i64
  %oz = linalg.fill ins(%c0_i64 : i64) outs(%oe : tensor<4xi64>) -> tensor<4xi64>
  %offsets = linalg.generic {indexing_maps = [#col, #row], iterator_types = ["parallel", "reduction"]}
      ins(%types : tensor<37xi32>) outs(%oz : tensor<4xi64>) {
  ^bb0(%t: i32, %o: i64):
    %r = linalg.index 0 : index
    %ri = arith.index_cast %r : index to i32
    %lt = arith.cmpi slt, %t, %ri : i32
    %inc = arith.extui %lt : i1 to i64
    %n = arith.addi %o, %inc : i64
    linalg.yield %n : i64
  } -> tensor<4xi64>

  // accel: gather, then the typed and the segment linear layer.
  %x = accel.gather_rows %h, %src : (tensor<11x5xf32>, tensor<37xi64>) -> tensor<37x5xf32>
  %typed = accel.typed_matmul %x, %w, %types
      : (tensor<37x5xf32>, tensor<3x5x4xf32>, tensor<37xi32>) -> tensor<37x4xf32>
  %seg = accel.segment_matmul %x, %w, %offsets
      : (tensor<37x5xf32>, tensor<3x5x4xf32>, tensor<4xi64>) -> tensor<37x4xf32>

  // Dense: every node through every relation, then pick (types[e], src[e]).
  %hbe = tensor.empty() : tensor<3x11x5xf32>
  %hb = linalg.generic {indexing_maps = [affine_map<(r, n, k) -> (n, k)>, affine_map<(r, n, k) -> (r, n, k)>],
                        iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<11x5xf32>) outs(%hbe : tensor<3x11x5xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<3x11x5xf32>
  %pe = tensor.empty() : tensor<3x11x4xf32>
  %pz = linalg.fill ins(%zero : f32) outs(%pe : tensor<3x11x4xf32>) -> tensor<3x11x4xf32>
  %p = linalg.batch_matmul ins(%hb, %w : tensor<3x11x5xf32>, tensor<3x5x4xf32>)
                           outs(%pz : tensor<3x11x4xf32>) -> tensor<3x11x4xf32>
  %de = tensor.empty() : tensor<37x4xf32>
  %dense = linalg.generic {indexing_maps = [#row, #row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%types, %src : tensor<37xi32>, tensor<37xi64>) outs(%de : tensor<37x4xf32>) {
  ^bb0(%t: i32, %s: i64, %o: f32):
    %ti = arith.index_cast %t : i32 to index
    %si = arith.index_cast %s : i64 to index
    %n = linalg.index 1 : index
    %v = tensor.extract %p[%ti, %si, %n] : tensor<3x11x4xf32>
    linalg.yield %v : f32
  } -> tensor<37x4xf32>

  // accel: scatter sum and mean into 11 rows.
  %ssum = accel.scatter_reduce %msg, %idx {num_rows = 11 : i64, reduce = "sum"}
      : (tensor<37x7xf32>, tensor<37xi64>) -> tensor<11x7xf32>
  %smean = accel.scatter_reduce %msg, %idx {num_rows = 11 : i64, reduce = "mean"}
      : (tensor<37x7xf32>, tensor<37xi64>) -> tensor<11x7xf32>

  // Dense: A @ msg with the one-hot A, and the mean dividing by A's row sums.
  %ae = tensor.empty() : tensor<11x37xf32>
  %onehot = linalg.generic {indexing_maps = [#col, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%idx : tensor<37xi64>) outs(%ae : tensor<11x37xf32>) {
  ^bb0(%i: i64, %o: f32):
    %r = linalg.index 0 : index
    %ri = arith.index_cast %r : index to i64
    %eq = arith.cmpi eq, %i, %ri : i64
    %one = arith.constant 1.0 : f32
    %z = arith.constant 0.0 : f32
    %v = arith.select %eq, %one, %z : f32
    linalg.yield %v : f32
  } -> tensor<11x37xf32>
  %ree = tensor.empty() : tensor<11x7xf32>
  %rez = linalg.fill ins(%zero : f32) outs(%ree : tensor<11x7xf32>) -> tensor<11x7xf32>
  %dsum = linalg.matmul ins(%onehot, %msg : tensor<11x37xf32>, tensor<37x7xf32>)
                        outs(%rez : tensor<11x7xf32>) -> tensor<11x7xf32>
  %ce = tensor.empty() : tensor<11xf32>
  %cz = linalg.fill ins(%zero : f32) outs(%ce : tensor<11xf32>) -> tensor<11xf32>
  %cnt = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]}
      ins(%onehot : tensor<11x37xf32>) outs(%cz : tensor<11xf32>) {
  ^bb0(%a: f32, %o: f32):
    %n = arith.addf %o, %a : f32
    linalg.yield %n : f32
  } -> tensor<11xf32>
  %dmean = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%dsum, %cnt : tensor<11x7xf32>, tensor<11xf32>) outs(%ree : tensor<11x7xf32>) {
  ^bb0(%s: f32, %c: f32, %o: f32):
    %z = arith.constant 0.0 : f32
    %empty = arith.cmpf oeq, %c, %z : f32
    %q = arith.divf %s, %c : f32
    %v = arith.select %empty, %z, %q : f32
    linalg.yield %v : f32
  } -> tensor<11x7xf32>

  // accel: edge softmax over 15 nodes (13 and 14, among others, isolated).
  %soft = accel.edge_softmax %score, %dst {num_nodes = 15 : i64}
      : (tensor<37x3xf32>, tensor<37xi32>) -> tensor<37x3xf32>

  // Dense: for each edge e, max and sum over all e' with dst[e'] = dst[e].
  %ninf = arith.constant 0xFF800000 : f32
  %ge = tensor.empty() : tensor<37x3xf32>
  %gm = linalg.fill ins(%ninf : f32) outs(%ge : tensor<37x3xf32>) -> tensor<37x3xf32>
  %gmax = linalg.generic {indexing_maps = [affine_map<(e, h, f) -> (e)>, affine_map<(e, h, f) -> (f)>,
                                           affine_map<(e, h, f) -> (f, h)>, affine_map<(e, h, f) -> (e, h)>],
                          iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%dst, %dst, %score : tensor<37xi32>, tensor<37xi32>, tensor<37x3xf32>) outs(%gm : tensor<37x3xf32>) {
  ^bb0(%de_: i32, %df: i32, %sf: f32, %o: f32):
    %same = arith.cmpi eq, %de_, %df : i32
    %mx = arith.maximumf %o, %sf : f32
    %v = arith.select %same, %mx, %o : f32
    linalg.yield %v : f32
  } -> tensor<37x3xf32>
  %gz = linalg.fill ins(%zero : f32) outs(%ge : tensor<37x3xf32>) -> tensor<37x3xf32>
  %gsum = linalg.generic {indexing_maps = [affine_map<(e, h, f) -> (e)>, affine_map<(e, h, f) -> (f)>,
                                           affine_map<(e, h, f) -> (f, h)>, affine_map<(e, h, f) -> (e, h)>,
                                           affine_map<(e, h, f) -> (e, h)>],
                          iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%dst, %dst, %score, %gmax : tensor<37xi32>, tensor<37xi32>, tensor<37x3xf32>, tensor<37x3xf32>)
      outs(%gz : tensor<37x3xf32>) {
  ^bb0(%de_: i32, %df: i32, %sf: f32, %m: f32, %o: f32):
    %same = arith.cmpi eq, %de_, %df : i32
    %d = arith.subf %sf, %m : f32
    %x_ = math.exp %d : f32
    %n = arith.addf %o, %x_ : f32
    %v = arith.select %same, %n, %o : f32
    linalg.yield %v : f32
  } -> tensor<37x3xf32>
  %dsoft = linalg.generic {indexing_maps = [#id2, #id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%score, %gmax, %gsum : tensor<37x3xf32>, tensor<37x3xf32>, tensor<37x3xf32>) outs(%ge : tensor<37x3xf32>) {
  ^bb0(%s: f32, %m: f32, %z: f32, %o: f32):
    %d = arith.subf %s, %m : f32
    %x_ = math.exp %d : f32
    %v = arith.divf %x_, %z : f32
    linalg.yield %v : f32
  } -> tensor<37x3xf32>

  %typed_d = tensor.cast %typed : tensor<37x4xf32> to tensor<?x?xf32>
  %seg_d = tensor.cast %seg : tensor<37x4xf32> to tensor<?x?xf32>
  %dense_d = tensor.cast %dense : tensor<37x4xf32> to tensor<?x?xf32>
  %ssum_d = tensor.cast %ssum : tensor<11x7xf32> to tensor<?x?xf32>
  %dsum_d = tensor.cast %dsum : tensor<11x7xf32> to tensor<?x?xf32>
  %smean_d = tensor.cast %smean : tensor<11x7xf32> to tensor<?x?xf32>
  %dmean_d = tensor.cast %dmean : tensor<11x7xf32> to tensor<?x?xf32>
  %soft_d = tensor.cast %soft : tensor<37x3xf32> to tensor<?x?xf32>
  %dsoft_d = tensor.cast %dsoft : tensor<37x3xf32> to tensor<?x?xf32>
  %e0 = call @maxdiff(%typed_d, %dense_d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> f32
  %e1 = call @maxdiff(%seg_d, %dense_d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> f32
  %e2 = call @maxdiff(%typed_d, %seg_d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> f32
  %e3 = call @maxdiff(%ssum_d, %dsum_d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> f32
  %e4 = call @maxdiff(%smean_d, %dmean_d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> f32
  %e5 = call @maxdiff(%soft_d, %dsoft_d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> f32
  // Sanity: the data is not all zeros (the max of |dense| is well above 0).
  %zt = linalg.fill ins(%zero : f32) outs(%de : tensor<37x4xf32>) -> tensor<37x4xf32>
  %zt_d = tensor.cast %zt : tensor<37x4xf32> to tensor<?x?xf32>
  %mag = call @maxdiff(%dense_d, %zt_d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> f32
  %errs = tensor.from_elements %e0, %e1, %e2, %e3, %e4, %e5 : tensor<6xf32>

  %fe = tensor.empty() : tensor<7xf32>
  %tol = arith.constant 1.0e-5 : f32
  %flags = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%fe : tensor<7xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %c6 = arith.constant 6 : index
    %isMag = arith.cmpi eq, %i, %c6 : index
    %c5 = arith.constant 5 : index
    %ie = arith.minui %i, %c5 : index
    %err = tensor.extract %errs[%ie] : tensor<6xf32>
    %ok = arith.cmpf ole, %err, %tol : f32
    %half = arith.constant 0.5 : f32
    %big = arith.cmpf ogt, %mag, %half : f32
    %pass = arith.select %isMag, %big, %ok : i1
    %one = arith.constant 1.0 : f32
    %z = arith.constant 0.0 : f32
    %v = arith.select %pass, %one, %z : f32
    linalg.yield %v : f32
  } -> tensor<7xf32>
  // Printed after its last read: the unranked cast cannot bufferize out of place.
  %errsu = tensor.cast %errs : tensor<6xf32> to tensor<*xf32>
  // CHECK: rank = 1 offset = 0 sizes = [6]
  call @printMemrefF32(%errsu) : (tensor<*xf32>) -> ()
  %flagsu = tensor.cast %flags : tensor<7xf32> to tensor<*xf32>
  // typed/dense, segment/dense, typed/segment, scatter sum, scatter mean,
  // edge softmax, non-trivial data.
  // CHECK: rank = 1 offset = 0 sizes = [7]
  // CHECK-NEXT: [1,  1,  1,  1,  1,  1,  1]
  call @printMemrefF32(%flagsu) : (tensor<*xf32>) -> ()
  return
}
