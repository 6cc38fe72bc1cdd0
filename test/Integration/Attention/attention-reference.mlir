// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.attention against an independent naive formulation written directly
// in linalg (full score matrix, kv heads gathered by tensor.extract, mask by
// select, softmax by max / exp / sum / divide, then p v) on deterministic
// pseudo-random inputs in [-1, 1). Each case prints [max |out - ref|,
// max |lse - ref|, pass flag] with the flag 1 when both are <= 1e-5.

func.func private @printMemrefF32(tensor<*xf32>)

// Deterministic pseudo-random values in [-1, 1): fract(sin(n * 12.9898 +
// seed * 78.233) * 43758.5453) * 2 - 1 with n the linear index.
func.func @random(%shape: tensor<?x?x?x?xf32>, %seed: f32) -> tensor<?x?x?x?xf32> {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %d1 = tensor.dim %shape, %c1 : tensor<?x?x?x?xf32>
  %d2 = tensor.dim %shape, %c2 : tensor<?x?x?x?xf32>
  %d3 = tensor.dim %shape, %c3 : tensor<?x?x?x?xf32>
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %shape, %c0 : tensor<?x?x?x?xf32>
  // A fresh tensor: returning one that aliases an argument would need a
  // bufferization.clone, which the CPU pipeline does not lower.
  %fresh = tensor.empty(%d0, %d1, %d2, %d3) : tensor<?x?x?x?xf32>
  %a = arith.constant 12.9898 : f32
  %b = arith.constant 78.233 : f32
  %c = arith.constant 43758.5453 : f32
  %two = arith.constant 2.0 : f32
  %one = arith.constant 1.0 : f32
  %offset = arith.mulf %seed, %b : f32
  %r = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, d) -> (b, h, i, d)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      outs(%fresh : tensor<?x?x?x?xf32>) {
  ^bb0(%out: f32):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %n0 = arith.muli %i0, %d1 : index
    %n1 = arith.addi %n0, %i1 : index
    %n2 = arith.muli %n1, %d2 : index
    %n3 = arith.addi %n2, %i2 : index
    %n4 = arith.muli %n3, %d3 : index
    %n = arith.addi %n4, %i3 : index
    %ni = arith.index_cast %n : index to i64
    %nf = arith.sitofp %ni : i64 to f32
    %x0 = arith.mulf %nf, %a : f32
    %x = arith.addf %x0, %offset : f32
    %s0 = math.sin %x : f32
    %s = arith.mulf %s0, %c : f32
    %fl = math.floor %s : f32
    %f = arith.subf %s, %fl : f32
    %f2 = arith.mulf %f, %two : f32
    %v = arith.subf %f2, %one : f32
    linalg.yield %v : f32
  } -> tensor<?x?x?x?xf32>
  return %r : tensor<?x?x?x?xf32>
}

// The naive formulation: the full [B, Hq, Sq, Sk] score matrix with the kv
// head of query head h read at h / G by tensor.extract, the mask applied by
// select, softmax as max / exp / sum / divide, then p v. `bias` is already
// broadcast to [B, Hq, Sq, Sk]; shards = 0 means no head_shard.
func.func @reference(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>,
                     %v: tensor<?x?x?x?xf32>, %bias: tensor<?x?x?x?xf32>,
                     %scale: f32, %causal: i1, %shards: index, %block: index,
                     %local: index)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %true = arith.constant true
  %nb = tensor.dim %q, %c0 : tensor<?x?x?x?xf32>
  %hq = tensor.dim %q, %c1 : tensor<?x?x?x?xf32>
  %sq = tensor.dim %q, %c2 : tensor<?x?x?x?xf32>
  %hkv = tensor.dim %k, %c1 : tensor<?x?x?x?xf32>
  %sk = tensor.dim %k, %c2 : tensor<?x?x?x?xf32>
  %dv = tensor.dim %v, %c3 : tensor<?x?x?x?xf32>
  %g = arith.divsi %hq, %hkv : index
  %diag = arith.subi %sk, %sq : index

  // dot[b, h, i, j] = sum_d q[b, h, i, d] * k[b, h / G, j, d]
  %e0 = tensor.empty(%nb, %hq, %sq, %sk) : tensor<?x?x?x?xf32>
  %f0 = linalg.fill ins(%zero : f32) outs(%e0 : tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %dot = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j, d) -> (b, h, i, d)>,
                       affine_map<(b, h, i, j, d) -> (b, h, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%q : tensor<?x?x?x?xf32>) outs(%f0 : tensor<?x?x?x?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %b = linalg.index 0 : index
    %h = linalg.index 1 : index
    %j = linalg.index 3 : index
    %d = linalg.index 4 : index
    %kh = arith.divsi %h, %g : index
    %y = tensor.extract %k[%b, %kh, %j, %d] : tensor<?x?x?x?xf32>
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?x?x?xf32>

  // s = scale * dot + bias, -inf where hidden
  %scores = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j) -> (b, h, i, j)>,
                       affine_map<(b, h, i, j) -> (b, h, i, j)>,
                       affine_map<(b, h, i, j) -> (b, h, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%dot, %bias : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>)
      outs(%e0 : tensor<?x?x?x?xf32>) {
  ^bb0(%x: f32, %bb: f32, %o: f32):
    %h = linalg.index 1 : index
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %sx = arith.mulf %x, %scale : f32
    %s = arith.addf %sx, %bb : f32
    // causal: j <= i + (Sk - Sq), signed
    %lim = arith.addi %i, %diag : index
    %below = arith.cmpi sle, %j, %lim : index
    %notcausal = arith.xori %causal, %true : i1
    %cvis = arith.ori %notcausal, %below : i1
    // head_shard
    %noshard = arith.cmpi eq, %shards, %c0 : index
    %safe = arith.maxsi %shards, %c1 : index
    // qb = floor((i + Sk - Sq) / block): subtract the non-negative remainder
    // first, so that the division is exact.
    %pos = arith.addi %i, %diag : index
    %rem0 = arith.remsi %pos, %block : index
    %rem1 = arith.addi %rem0, %block : index
    %rem = arith.remsi %rem1, %block : index
    %floor = arith.subi %pos, %rem : index
    %qb = arith.divsi %floor, %block : index
    %kb = arith.divsi %j, %block : index
    %km = arith.remsi %kb, %safe : index
    %hm = arith.remsi %h, %safe : index
    %own = arith.cmpi eq, %km, %hm : index
    %dist = arith.subi %qb, %kb : index
    %ge = arith.cmpi sge, %dist, %c0 : index
    %lt = arith.cmpi slt, %dist, %local : index
    %near = arith.andi %ge, %lt : i1
    %svis0 = arith.ori %own, %near : i1
    %svis = arith.ori %noshard, %svis0 : i1
    %vis = arith.andi %cvis, %svis : i1
    %r = arith.select %vis, %s, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?x?xf32>

  // m = max_j s; e = exp(s - m) (0 where s = -inf); l = sum_j e
  %e1 = tensor.empty(%nb, %hq, %sq) : tensor<?x?x?xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %m = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j) -> (b, h, i, j)>,
                       affine_map<(b, h, i, j) -> (b, h, i)>],
      iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%scores : tensor<?x?x?x?xf32>) outs(%m0 : tensor<?x?x?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %r = arith.maximumf %x, %acc : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?xf32>
  %exps = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j) -> (b, h, i, j)>,
                       affine_map<(b, h, i, j) -> (b, h, i)>,
                       affine_map<(b, h, i, j) -> (b, h, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%scores, %m : tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
      outs(%e0 : tensor<?x?x?x?xf32>) {
  ^bb0(%x: f32, %mx: f32, %o: f32):
    %hidden = arith.cmpf oeq, %x, %ninf : f32
    %d = arith.subf %x, %mx : f32
    %ex = math.exp %d : f32
    %r = arith.select %hidden, %zero, %ex : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?x?xf32>
  %l0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<?x?x?xf32>) -> tensor<?x?x?xf32>
  %l = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j) -> (b, h, i, j)>,
                       affine_map<(b, h, i, j) -> (b, h, i)>],
      iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%exps : tensor<?x?x?x?xf32>) outs(%l0 : tensor<?x?x?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %r = arith.addf %x, %acc : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?xf32>
  // p = e / l (0 on a row that sees nothing)
  %probs = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j) -> (b, h, i, j)>,
                       affine_map<(b, h, i, j) -> (b, h, i)>,
                       affine_map<(b, h, i, j) -> (b, h, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%exps, %l : tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
      outs(%e0 : tensor<?x?x?x?xf32>) {
  ^bb0(%x: f32, %sum: f32, %o: f32):
    %empty = arith.cmpf oeq, %sum, %zero : f32
    %d = arith.divf %x, %sum : f32
    %r = arith.select %empty, %zero, %d : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?x?xf32>
  // out[b, h, i, e] = sum_j p[b, h, i, j] * v[b, h / G, j, e]
  %e2 = tensor.empty(%nb, %hq, %sq, %dv) : tensor<?x?x?x?xf32>
  %o0 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %out = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, e, j) -> (b, h, i, j)>,
                       affine_map<(b, h, i, e, j) -> (b, h, i, e)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
      ins(%probs : tensor<?x?x?x?xf32>) outs(%o0 : tensor<?x?x?x?xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %b = linalg.index 0 : index
    %h = linalg.index 1 : index
    %e = linalg.index 3 : index
    %j = linalg.index 4 : index
    %kh = arith.divsi %h, %g : index
    %y = tensor.extract %v[%b, %kh, %j, %e] : tensor<?x?x?x?xf32>
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?x?x?xf32>
  // lse = m + log(l); -inf + log(0) = -inf on a row that sees nothing
  %lse = linalg.generic {
      indexing_maps = [affine_map<(b, h, i) -> (b, h, i)>,
                       affine_map<(b, h, i) -> (b, h, i)>,
                       affine_map<(b, h, i) -> (b, h, i)>],
      iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%m, %l : tensor<?x?x?xf32>, tensor<?x?x?xf32>)
      outs(%e1 : tensor<?x?x?xf32>) {
  ^bb0(%mx: f32, %sum: f32, %o: f32):
    %lg = math.log %sum : f32
    %r = arith.addf %mx, %lg : f32
    linalg.yield %r : f32
  } -> tensor<?x?x?xf32>
  return %out, %lse : tensor<?x?x?x?xf32>, tensor<?x?x?xf32>
}

// max |a - b| over all elements, counting equal values (-inf = -inf) as 0;
// a NaN anywhere makes the result NaN.
func.func @maxdiff(%a: tensor<?xf32>, %b: tensor<?xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(n) -> (n)>, affine_map<(n) -> (n)>,
                       affine_map<(n) -> ()>],
      iterator_types = ["reduction"]}
      ins(%a, %b : tensor<?xf32>, tensor<?xf32>) outs(%f : tensor<f32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %same = arith.cmpf oeq, %x, %y : f32
    %d = arith.subf %x, %y : f32
    %ad = math.absf %d : f32
    %err = arith.select %same, %zero, %ad : f32
    %m = arith.maximumf %acc, %err : f32
    linalg.yield %m : f32
  } -> tensor<f32>
  %v = tensor.extract %r[] : tensor<f32>
  return %v : f32
}

// Prints [max error of out, max error of lse, 1 if both <= tol else 0].
func.func @report(%o: tensor<?x?x?x?xf32>, %oref: tensor<?x?x?x?xf32>,
                  %l: tensor<?x?x?xf32>, %lref: tensor<?x?x?xf32>, %tol: f32) {
  %of = tensor.collapse_shape %o [[0, 1, 2, 3]] : tensor<?x?x?x?xf32> into tensor<?xf32>
  %orf = tensor.collapse_shape %oref [[0, 1, 2, 3]] : tensor<?x?x?x?xf32> into tensor<?xf32>
  %lf = tensor.collapse_shape %l [[0, 1, 2]] : tensor<?x?x?xf32> into tensor<?xf32>
  %lrf = tensor.collapse_shape %lref [[0, 1, 2]] : tensor<?x?x?xf32> into tensor<?xf32>
  %eo = call @maxdiff(%of, %orf) : (tensor<?xf32>, tensor<?xf32>) -> f32
  %el = call @maxdiff(%lf, %lrf) : (tensor<?xf32>, tensor<?xf32>) -> f32
  %ok1 = arith.cmpf ole, %eo, %tol : f32
  %ok2 = arith.cmpf ole, %el, %tol : f32
  %ok = arith.andi %ok1, %ok2 : i1
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %flag = arith.select %ok, %one, %zero : f32
  %t = tensor.from_elements %eo, %el, %flag : tensor<3xf32>
  %u = tensor.cast %t : tensor<3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// B = 2, Hq = 4, Hkv = 2, Sq = 33, Sk = 47, D = Dv = 16, causal, default scale.
// CHECK: rank = 1 offset = 0 sizes = [3]
// CHECK-NEXT: [{{.*}}, {{.*}}, 1]
func.func @causal_gqa() {
  %qe = tensor.empty() : tensor<2x4x33x16xf32>
  %qd0 = tensor.cast %qe : tensor<2x4x33x16xf32> to tensor<?x?x?x?xf32>
  %qseed = arith.constant 1.0 : f32
  %qd = call @random(%qd0, %qseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %q = tensor.cast %qd : tensor<?x?x?x?xf32> to tensor<2x4x33x16xf32>
  %ke = tensor.empty() : tensor<2x2x47x16xf32>
  %kd0 = tensor.cast %ke : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %kseed = arith.constant 2.0 : f32
  %kd = call @random(%kd0, %kseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %k = tensor.cast %kd : tensor<?x?x?x?xf32> to tensor<2x2x47x16xf32>
  %ve = tensor.empty() : tensor<2x2x47x16xf32>
  %vd0 = tensor.cast %ve : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %vseed = arith.constant 3.0 : f32
  %vd = call @random(%vd0, %vseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %v = tensor.cast %vd : tensor<?x?x?x?xf32> to tensor<2x2x47x16xf32>

  %bz = arith.constant 0.0 : f32
  %bfe = tensor.empty() : tensor<2x4x33x47xf32>
  %bfull = linalg.fill ins(%bz : f32) outs(%bfe : tensor<2x4x33x47xf32>) -> tensor<2x4x33x47xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true}
      : (tensor<2x4x33x16xf32>, tensor<2x2x47x16xf32>, tensor<2x2x47x16xf32>) -> (tensor<2x4x33x16xf32>, tensor<2x4x33xf32>)
  %scale = arith.constant 0.25 : f32
  %causal = arith.constant true
  %shards = arith.constant 0 : index
  %block = arith.constant 1 : index
  %local = arith.constant 0 : index
  %qr = tensor.cast %q : tensor<2x4x33x16xf32> to tensor<?x?x?x?xf32>
  %kr = tensor.cast %k : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %vr = tensor.cast %v : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %br = tensor.cast %bfull : tensor<2x4x33x47xf32> to tensor<?x?x?x?xf32>
  %ro, %rl = call @reference(%qr, %kr, %vr, %br, %scale, %causal, %shards, %block, %local)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32, i1, index, index, index) -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  %od = tensor.cast %o : tensor<2x4x33x16xf32> to tensor<?x?x?x?xf32>
  %ld = tensor.cast %l : tensor<2x4x33xf32> to tensor<?x?x?xf32>
  %tol = arith.constant 1.0e-05 : f32
  call @report(%od, %ro, %ld, %rl, %tol)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>, f32) -> ()
  return
}

// The same with head_shard<num_shards = 3, block = 4, local_blocks = 2>
// (4 heads over 3 shards: heads 0 and 3 share one).
// CHECK: rank = 1 offset = 0 sizes = [3]
// CHECK-NEXT: [{{.*}}, {{.*}}, 1]
func.func @causal_head_shard() {
  %qe = tensor.empty() : tensor<2x4x33x16xf32>
  %qd0 = tensor.cast %qe : tensor<2x4x33x16xf32> to tensor<?x?x?x?xf32>
  %qseed = arith.constant 1.0 : f32
  %qd = call @random(%qd0, %qseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %q = tensor.cast %qd : tensor<?x?x?x?xf32> to tensor<2x4x33x16xf32>
  %ke = tensor.empty() : tensor<2x2x47x16xf32>
  %kd0 = tensor.cast %ke : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %kseed = arith.constant 2.0 : f32
  %kd = call @random(%kd0, %kseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %k = tensor.cast %kd : tensor<?x?x?x?xf32> to tensor<2x2x47x16xf32>
  %ve = tensor.empty() : tensor<2x2x47x16xf32>
  %vd0 = tensor.cast %ve : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %vseed = arith.constant 3.0 : f32
  %vd = call @random(%vd0, %vseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %v = tensor.cast %vd : tensor<?x?x?x?xf32> to tensor<2x2x47x16xf32>

  %bz = arith.constant 0.0 : f32
  %bfe = tensor.empty() : tensor<2x4x33x47xf32>
  %bfull = linalg.fill ins(%bz : f32) outs(%bfe : tensor<2x4x33x47xf32>) -> tensor<2x4x33x47xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true, sparsity = #accel.head_shard<num_shards = 3, block = 4, local_blocks = 2>}
      : (tensor<2x4x33x16xf32>, tensor<2x2x47x16xf32>, tensor<2x2x47x16xf32>) -> (tensor<2x4x33x16xf32>, tensor<2x4x33xf32>)
  %scale = arith.constant 0.25 : f32
  %causal = arith.constant true
  %shards = arith.constant 3 : index
  %block = arith.constant 4 : index
  %local = arith.constant 2 : index
  %qr = tensor.cast %q : tensor<2x4x33x16xf32> to tensor<?x?x?x?xf32>
  %kr = tensor.cast %k : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %vr = tensor.cast %v : tensor<2x2x47x16xf32> to tensor<?x?x?x?xf32>
  %br = tensor.cast %bfull : tensor<2x4x33x47xf32> to tensor<?x?x?x?xf32>
  %ro, %rl = call @reference(%qr, %kr, %vr, %br, %scale, %causal, %shards, %block, %local)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32, i1, index, index, index) -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  %od = tensor.cast %o : tensor<2x4x33x16xf32> to tensor<?x?x?x?xf32>
  %ld = tensor.cast %l : tensor<2x4x33xf32> to tensor<?x?x?xf32>
  %tol = arith.constant 1.0e-05 : f32
  call @report(%od, %ro, %ld, %rl, %tol)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>, f32) -> ()
  return
}

// Sq = 47 > Sk = 33, not causal, head_shard<2, 8, 1>, a per-head bias
// [Hq, Sq, Sk] (expanded with the query heads).
// CHECK: rank = 1 offset = 0 sizes = [3]
// CHECK-NEXT: [{{.*}}, {{.*}}, 1]
func.func @shard_bias_long_queries() {
  %qe = tensor.empty() : tensor<2x4x47x16xf32>
  %qd0 = tensor.cast %qe : tensor<2x4x47x16xf32> to tensor<?x?x?x?xf32>
  %qseed = arith.constant 1.0 : f32
  %qd = call @random(%qd0, %qseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %q = tensor.cast %qd : tensor<?x?x?x?xf32> to tensor<2x4x47x16xf32>
  %ke = tensor.empty() : tensor<2x2x33x16xf32>
  %kd0 = tensor.cast %ke : tensor<2x2x33x16xf32> to tensor<?x?x?x?xf32>
  %kseed = arith.constant 2.0 : f32
  %kd = call @random(%kd0, %kseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %k = tensor.cast %kd : tensor<?x?x?x?xf32> to tensor<2x2x33x16xf32>
  %ve = tensor.empty() : tensor<2x2x33x16xf32>
  %vd0 = tensor.cast %ve : tensor<2x2x33x16xf32> to tensor<?x?x?x?xf32>
  %vseed = arith.constant 3.0 : f32
  %vd = call @random(%vd0, %vseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %v = tensor.cast %vd : tensor<?x?x?x?xf32> to tensor<2x2x33x16xf32>

  %brawe = tensor.empty() : tensor<1x4x47x33xf32>
  %brawd0 = tensor.cast %brawe : tensor<1x4x47x33xf32> to tensor<?x?x?x?xf32>
  %brawseed = arith.constant 4.0 : f32
  %brawd = call @random(%brawd0, %brawseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %braw = tensor.cast %brawd : tensor<?x?x?x?xf32> to tensor<1x4x47x33xf32>

  %bias = tensor.collapse_shape %braw [[0, 1], [2], [3]] : tensor<1x4x47x33xf32> into tensor<4x47x33xf32>
  %bfe = tensor.empty() : tensor<2x4x47x33xf32>
  %bfull = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j) -> (0, h, i, j)>, affine_map<(b, h, i, j) -> (b, h, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%braw : tensor<1x4x47x33xf32>) outs(%bfe : tensor<2x4x47x33xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<2x4x47x33xf32>
  %o, %l = accel.attention %q, %k, %v, %bias {sparsity = #accel.head_shard<num_shards = 2, block = 8, local_blocks = 1>}
      : (tensor<2x4x47x16xf32>, tensor<2x2x33x16xf32>, tensor<2x2x33x16xf32>, tensor<4x47x33xf32>) -> (tensor<2x4x47x16xf32>, tensor<2x4x47xf32>)
  %scale = arith.constant 0.25 : f32
  %causal = arith.constant false
  %shards = arith.constant 2 : index
  %block = arith.constant 8 : index
  %local = arith.constant 1 : index
  %qr = tensor.cast %q : tensor<2x4x47x16xf32> to tensor<?x?x?x?xf32>
  %kr = tensor.cast %k : tensor<2x2x33x16xf32> to tensor<?x?x?x?xf32>
  %vr = tensor.cast %v : tensor<2x2x33x16xf32> to tensor<?x?x?x?xf32>
  %br = tensor.cast %bfull : tensor<2x4x47x33xf32> to tensor<?x?x?x?xf32>
  %ro, %rl = call @reference(%qr, %kr, %vr, %br, %scale, %causal, %shards, %block, %local)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32, i1, index, index, index) -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  %od = tensor.cast %o : tensor<2x4x47x16xf32> to tensor<?x?x?x?xf32>
  %ld = tensor.cast %l : tensor<2x4x47xf32> to tensor<?x?x?xf32>
  %tol = arith.constant 1.0e-05 : f32
  call @report(%od, %ro, %ld, %rl, %tol)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>, f32) -> ()
  return
}

// Sq = 47 > Sk = 33 and causal: the first 14 rows see no key (out = 0,
// lse = -inf in both formulations). Hkv = 1, Dv = 7, scale = 0.3, bias [Sk].
// CHECK: rank = 1 offset = 0 sizes = [3]
// CHECK-NEXT: [{{.*}}, {{.*}}, 1]
func.func @causal_mqa_masked_rows() {
  %qe = tensor.empty() : tensor<2x4x47x16xf32>
  %qd0 = tensor.cast %qe : tensor<2x4x47x16xf32> to tensor<?x?x?x?xf32>
  %qseed = arith.constant 1.0 : f32
  %qd = call @random(%qd0, %qseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %q = tensor.cast %qd : tensor<?x?x?x?xf32> to tensor<2x4x47x16xf32>
  %ke = tensor.empty() : tensor<2x1x33x16xf32>
  %kd0 = tensor.cast %ke : tensor<2x1x33x16xf32> to tensor<?x?x?x?xf32>
  %kseed = arith.constant 2.0 : f32
  %kd = call @random(%kd0, %kseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %k = tensor.cast %kd : tensor<?x?x?x?xf32> to tensor<2x1x33x16xf32>
  %ve = tensor.empty() : tensor<2x1x33x7xf32>
  %vd0 = tensor.cast %ve : tensor<2x1x33x7xf32> to tensor<?x?x?x?xf32>
  %vseed = arith.constant 3.0 : f32
  %vd = call @random(%vd0, %vseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %v = tensor.cast %vd : tensor<?x?x?x?xf32> to tensor<2x1x33x7xf32>

  %brawe = tensor.empty() : tensor<1x1x1x33xf32>
  %brawd0 = tensor.cast %brawe : tensor<1x1x1x33xf32> to tensor<?x?x?x?xf32>
  %brawseed = arith.constant 4.0 : f32
  %brawd = call @random(%brawd0, %brawseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %braw = tensor.cast %brawd : tensor<?x?x?x?xf32> to tensor<1x1x1x33xf32>

  %bias = tensor.collapse_shape %braw [[0, 1, 2, 3]] : tensor<1x1x1x33xf32> into tensor<33xf32>
  %bfe = tensor.empty() : tensor<2x4x47x33xf32>
  %bfull = linalg.generic {
      indexing_maps = [affine_map<(b, h, i, j) -> (0, 0, 0, j)>, affine_map<(b, h, i, j) -> (b, h, i, j)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%braw : tensor<1x1x1x33xf32>) outs(%bfe : tensor<2x4x47x33xf32>) {
  ^bb0(%x: f32, %o: f32):
    linalg.yield %x : f32
  } -> tensor<2x4x47x33xf32>
  %o, %l = accel.attention %q, %k, %v, %bias {causal = true, scale = 0.3 : f32}
      : (tensor<2x4x47x16xf32>, tensor<2x1x33x16xf32>, tensor<2x1x33x7xf32>, tensor<33xf32>) -> (tensor<2x4x47x7xf32>, tensor<2x4x47xf32>)
  %scale = arith.constant 0.3 : f32
  %causal = arith.constant true
  %shards = arith.constant 0 : index
  %block = arith.constant 1 : index
  %local = arith.constant 0 : index
  %qr = tensor.cast %q : tensor<2x4x47x16xf32> to tensor<?x?x?x?xf32>
  %kr = tensor.cast %k : tensor<2x1x33x16xf32> to tensor<?x?x?x?xf32>
  %vr = tensor.cast %v : tensor<2x1x33x7xf32> to tensor<?x?x?x?xf32>
  %br = tensor.cast %bfull : tensor<2x4x47x33xf32> to tensor<?x?x?x?xf32>
  %ro, %rl = call @reference(%qr, %kr, %vr, %br, %scale, %causal, %shards, %block, %local)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32, i1, index, index, index) -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  %od = tensor.cast %o : tensor<2x4x47x7xf32> to tensor<?x?x?x?xf32>
  %ld = tensor.cast %l : tensor<2x4x47xf32> to tensor<?x?x?xf32>
  %tol = arith.constant 1.0e-05 : f32
  call @report(%od, %ro, %ld, %rl, %tol)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>, f32) -> ()
  return
}

func.func @main() {
  call @causal_gqa() : () -> ()
  call @causal_head_shard() : () -> ()
  call @shard_bias_long_queries() : () -> ()
  call @causal_mqa_masked_rows() : () -> ()
  return
}
