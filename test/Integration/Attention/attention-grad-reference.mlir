// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.attention_grad against central differences of the loss
// L(q, k, v) = sum(attention(q, k, v) * dout) along pseudo-random directions
// u: (L(x + eps u) - L(x - eps u)) / (2 eps) against sum(dx * u) for x = q,
// k and v, in f32 with eps = 1e-2. Each case prints [fd_q, an_q, fd_k,
// an_k, fd_v, an_v, flag], flag 1 when every pair agrees within
// 1e-3 * max(1, |an|).

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

// sum(a * b) over all elements.
func.func @dot(%a: tensor<?x?x?x?xf32>, %b: tensor<?x?x?x?xf32>) -> f32 {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>,
                       affine_map<(a, b, c, d) -> (a, b, c, d)>,
                       affine_map<(a, b, c, d) -> ()>],
      iterator_types = ["reduction", "reduction", "reduction", "reduction"]}
      ins(%a, %b : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) outs(%f : tensor<f32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  %v = tensor.extract %r[] : tensor<f32>
  return %v : f32
}

// x + eps * d, in a fresh tensor.
func.func @axpy(%x: tensor<?x?x?x?xf32>, %d: tensor<?x?x?x?xf32>, %eps: f32) -> tensor<?x?x?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %d0 = tensor.dim %x, %c0 : tensor<?x?x?x?xf32>
  %d1 = tensor.dim %x, %c1 : tensor<?x?x?x?xf32>
  %d2 = tensor.dim %x, %c2 : tensor<?x?x?x?xf32>
  %d3 = tensor.dim %x, %c3 : tensor<?x?x?x?xf32>
  %e = tensor.empty(%d0, %d1, %d2, %d3) : tensor<?x?x?x?xf32>
  %r = linalg.generic {
      indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>,
                       affine_map<(a, b, c, d) -> (a, b, c, d)>,
                       affine_map<(a, b, c, d) -> (a, b, c, d)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %d : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) outs(%e : tensor<?x?x?x?xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %p = arith.mulf %b, %eps : f32
    %s = arith.addf %a, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?x?x?xf32>
  return %r : tensor<?x?x?x?xf32>
}

// 1 if |fd - an| <= tol * max(1, |an|).
func.func @close(%fd: f32, %an: f32, %tol: f32) -> i1 {
  %one = arith.constant 1.0 : f32
  %d = arith.subf %fd, %an : f32
  %ad = math.absf %d : f32
  %aa = math.absf %an : f32
  %m = arith.maximumf %aa, %one : f32
  %lim = arith.mulf %m, %tol : f32
  %ok = arith.cmpf ole, %ad, %lim : f32
  return %ok : i1
}


func.func @loss_causal_gqa(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>, %do: tensor<?x?x?x?xf32>) -> f32 {
  %qs = tensor.cast %q : tensor<?x?x?x?xf32> to tensor<1x4x5x3xf32>
  %ks = tensor.cast %k : tensor<?x?x?x?xf32> to tensor<1x2x7x3xf32>
  %vs = tensor.cast %v : tensor<?x?x?x?xf32> to tensor<1x2x7x4xf32>
  %o = accel.attention %qs, %ks, %vs {causal = true} : (tensor<1x4x5x3xf32>, tensor<1x2x7x3xf32>, tensor<1x2x7x4xf32>) -> tensor<1x4x5x4xf32>
  %od = tensor.cast %o : tensor<1x4x5x4xf32> to tensor<?x?x?x?xf32>
  %l = call @dot(%od, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  return %l : f32
}

// B = 1, Hq = 4, Hkv = 2, Sq = 5, Sk = 7, D = 3, Dv = 4, causal, default scale.
// CHECK: rank = 1 offset = 0 sizes = [7]
// CHECK-NEXT: [{{.*}}, {{.*}}, {{.*}}, {{.*}}, {{.*}}, {{.*}}, 1]
func.func @causal_gqa() {
  %qe = tensor.empty() : tensor<1x4x5x3xf32>
  %qe0 = tensor.cast %qe : tensor<1x4x5x3xf32> to tensor<?x?x?x?xf32>
  %qseed = arith.constant 11.0 : f32
  %q = call @random(%qe0, %qseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %ke = tensor.empty() : tensor<1x2x7x3xf32>
  %ke0 = tensor.cast %ke : tensor<1x2x7x3xf32> to tensor<?x?x?x?xf32>
  %kseed = arith.constant 12.0 : f32
  %k = call @random(%ke0, %kseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %ve = tensor.empty() : tensor<1x2x7x4xf32>
  %ve0 = tensor.cast %ve : tensor<1x2x7x4xf32> to tensor<?x?x?x?xf32>
  %vseed = arith.constant 13.0 : f32
  %v = call @random(%ve0, %vseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %doe = tensor.empty() : tensor<1x4x5x4xf32>
  %doe0 = tensor.cast %doe : tensor<1x4x5x4xf32> to tensor<?x?x?x?xf32>
  %doseed = arith.constant 14.0 : f32
  %do = call @random(%doe0, %doseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uqe = tensor.empty() : tensor<1x4x5x3xf32>
  %uqe0 = tensor.cast %uqe : tensor<1x4x5x3xf32> to tensor<?x?x?x?xf32>
  %uqseed = arith.constant 15.0 : f32
  %uq = call @random(%uqe0, %uqseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uke = tensor.empty() : tensor<1x2x7x3xf32>
  %uke0 = tensor.cast %uke : tensor<1x2x7x3xf32> to tensor<?x?x?x?xf32>
  %ukseed = arith.constant 16.0 : f32
  %uk = call @random(%uke0, %ukseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uve = tensor.empty() : tensor<1x2x7x4xf32>
  %uve0 = tensor.cast %uve : tensor<1x2x7x4xf32> to tensor<?x?x?x?xf32>
  %uvseed = arith.constant 17.0 : f32
  %uv = call @random(%uve0, %uvseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>

  %qs = tensor.cast %q : tensor<?x?x?x?xf32> to tensor<1x4x5x3xf32>
  %ks = tensor.cast %k : tensor<?x?x?x?xf32> to tensor<1x2x7x3xf32>
  %vs = tensor.cast %v : tensor<?x?x?x?xf32> to tensor<1x2x7x4xf32>
  %dos = tensor.cast %do : tensor<?x?x?x?xf32> to tensor<1x4x5x4xf32>
  %o, %l = accel.attention %qs, %ks, %vs {causal = true} : (tensor<1x4x5x3xf32>, tensor<1x2x7x3xf32>, tensor<1x2x7x4xf32>) -> (tensor<1x4x5x4xf32>, tensor<1x4x5xf32>)
  %dq, %dk, %dv = accel.attention_grad %qs, %ks, %vs, %o, %l, %dos {causal = true}
      : (tensor<1x4x5x3xf32>, tensor<1x2x7x3xf32>, tensor<1x2x7x4xf32>, tensor<1x4x5x4xf32>, tensor<1x4x5xf32>, tensor<1x4x5x4xf32>) -> (tensor<1x4x5x3xf32>, tensor<1x2x7x3xf32>, tensor<1x2x7x4xf32>)
  %dqd = tensor.cast %dq : tensor<1x4x5x3xf32> to tensor<?x?x?x?xf32>
  %dkd = tensor.cast %dk : tensor<1x2x7x3xf32> to tensor<?x?x?x?xf32>
  %dvd = tensor.cast %dv : tensor<1x2x7x4xf32> to tensor<?x?x?x?xf32>
  %eps = arith.constant 1.0e-02 : f32
  %meps = arith.constant -1.0e-02 : f32
  %twoeps = arith.constant 2.0e-02 : f32
  %tol = arith.constant 1.0e-03 : f32
  %qp = call @axpy(%q, %uq, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %qm = call @axpy(%q, %uq, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_q = call @loss_causal_gqa(%qp, %k, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_q = call @loss_causal_gqa(%qm, %k, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_q = arith.subf %lp_q, %lm_q : f32
  %fd_q = arith.divf %diff_q, %twoeps : f32
  %an_q = call @dot(%dqd, %uq) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_q = call @close(%fd_q, %an_q, %tol) : (f32, f32, f32) -> i1
  %kp = call @axpy(%k, %uk, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %km = call @axpy(%k, %uk, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_k = call @loss_causal_gqa(%q, %kp, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_k = call @loss_causal_gqa(%q, %km, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_k = arith.subf %lp_k, %lm_k : f32
  %fd_k = arith.divf %diff_k, %twoeps : f32
  %an_k = call @dot(%dkd, %uk) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_k = call @close(%fd_k, %an_k, %tol) : (f32, f32, f32) -> i1
  %vp = call @axpy(%v, %uv, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %vm = call @axpy(%v, %uv, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_v = call @loss_causal_gqa(%q, %k, %vp, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_v = call @loss_causal_gqa(%q, %k, %vm, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_v = arith.subf %lp_v, %lm_v : f32
  %fd_v = arith.divf %diff_v, %twoeps : f32
  %an_v = call @dot(%dvd, %uv) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_v = call @close(%fd_v, %an_v, %tol) : (f32, f32, f32) -> i1
  %ok0 = arith.andi %ok_q, %ok_k : i1
  %ok = arith.andi %ok0, %ok_v : i1
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %flag = arith.select %ok, %one, %zero : f32
  %r = tensor.from_elements %fd_q, %an_q, %fd_k, %an_k, %fd_v, %an_v, %flag : tensor<7xf32>
  %u = tensor.cast %r : tensor<7xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @loss_shard_masked_rows(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>, %do: tensor<?x?x?x?xf32>) -> f32 {
  %qs = tensor.cast %q : tensor<?x?x?x?xf32> to tensor<2x4x9x4xf32>
  %ks = tensor.cast %k : tensor<?x?x?x?xf32> to tensor<2x1x6x4xf32>
  %vs = tensor.cast %v : tensor<?x?x?x?xf32> to tensor<2x1x6x5xf32>
  %o = accel.attention %qs, %ks, %vs {causal = true, scale = 0.7 : f32, sparsity = #accel.head_shard<num_shards = 2, block = 2, local_blocks = 1>} : (tensor<2x4x9x4xf32>, tensor<2x1x6x4xf32>, tensor<2x1x6x5xf32>) -> tensor<2x4x9x5xf32>
  %od = tensor.cast %o : tensor<2x4x9x5xf32> to tensor<?x?x?x?xf32>
  %l = call @dot(%od, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  return %l : f32
}

// B = 2, Hq = 4, Hkv = 1, Sq = 9 > Sk = 6, D = 4, Dv = 5, causal with
// head_shard<2, 2, 1> and scale = 0.7: rows 0-2 see no key (their dq is 0).
// CHECK: rank = 1 offset = 0 sizes = [7]
// CHECK-NEXT: [{{.*}}, {{.*}}, {{.*}}, {{.*}}, {{.*}}, {{.*}}, 1]
func.func @shard_masked_rows() {
  %qe = tensor.empty() : tensor<2x4x9x4xf32>
  %qe0 = tensor.cast %qe : tensor<2x4x9x4xf32> to tensor<?x?x?x?xf32>
  %qseed = arith.constant 11.0 : f32
  %q = call @random(%qe0, %qseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %ke = tensor.empty() : tensor<2x1x6x4xf32>
  %ke0 = tensor.cast %ke : tensor<2x1x6x4xf32> to tensor<?x?x?x?xf32>
  %kseed = arith.constant 12.0 : f32
  %k = call @random(%ke0, %kseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %ve = tensor.empty() : tensor<2x1x6x5xf32>
  %ve0 = tensor.cast %ve : tensor<2x1x6x5xf32> to tensor<?x?x?x?xf32>
  %vseed = arith.constant 13.0 : f32
  %v = call @random(%ve0, %vseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %doe = tensor.empty() : tensor<2x4x9x5xf32>
  %doe0 = tensor.cast %doe : tensor<2x4x9x5xf32> to tensor<?x?x?x?xf32>
  %doseed = arith.constant 14.0 : f32
  %do = call @random(%doe0, %doseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uqe = tensor.empty() : tensor<2x4x9x4xf32>
  %uqe0 = tensor.cast %uqe : tensor<2x4x9x4xf32> to tensor<?x?x?x?xf32>
  %uqseed = arith.constant 15.0 : f32
  %uq = call @random(%uqe0, %uqseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uke = tensor.empty() : tensor<2x1x6x4xf32>
  %uke0 = tensor.cast %uke : tensor<2x1x6x4xf32> to tensor<?x?x?x?xf32>
  %ukseed = arith.constant 16.0 : f32
  %uk = call @random(%uke0, %ukseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uve = tensor.empty() : tensor<2x1x6x5xf32>
  %uve0 = tensor.cast %uve : tensor<2x1x6x5xf32> to tensor<?x?x?x?xf32>
  %uvseed = arith.constant 17.0 : f32
  %uv = call @random(%uve0, %uvseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>

  %qs = tensor.cast %q : tensor<?x?x?x?xf32> to tensor<2x4x9x4xf32>
  %ks = tensor.cast %k : tensor<?x?x?x?xf32> to tensor<2x1x6x4xf32>
  %vs = tensor.cast %v : tensor<?x?x?x?xf32> to tensor<2x1x6x5xf32>
  %dos = tensor.cast %do : tensor<?x?x?x?xf32> to tensor<2x4x9x5xf32>
  %o, %l = accel.attention %qs, %ks, %vs {causal = true, scale = 0.7 : f32, sparsity = #accel.head_shard<num_shards = 2, block = 2, local_blocks = 1>} : (tensor<2x4x9x4xf32>, tensor<2x1x6x4xf32>, tensor<2x1x6x5xf32>) -> (tensor<2x4x9x5xf32>, tensor<2x4x9xf32>)
  %dq, %dk, %dv = accel.attention_grad %qs, %ks, %vs, %o, %l, %dos {causal = true, scale = 0.7 : f32, sparsity = #accel.head_shard<num_shards = 2, block = 2, local_blocks = 1>}
      : (tensor<2x4x9x4xf32>, tensor<2x1x6x4xf32>, tensor<2x1x6x5xf32>, tensor<2x4x9x5xf32>, tensor<2x4x9xf32>, tensor<2x4x9x5xf32>) -> (tensor<2x4x9x4xf32>, tensor<2x1x6x4xf32>, tensor<2x1x6x5xf32>)
  %dqd = tensor.cast %dq : tensor<2x4x9x4xf32> to tensor<?x?x?x?xf32>
  %dkd = tensor.cast %dk : tensor<2x1x6x4xf32> to tensor<?x?x?x?xf32>
  %dvd = tensor.cast %dv : tensor<2x1x6x5xf32> to tensor<?x?x?x?xf32>
  %eps = arith.constant 1.0e-02 : f32
  %meps = arith.constant -1.0e-02 : f32
  %twoeps = arith.constant 2.0e-02 : f32
  %tol = arith.constant 1.0e-03 : f32
  %qp = call @axpy(%q, %uq, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %qm = call @axpy(%q, %uq, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_q = call @loss_shard_masked_rows(%qp, %k, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_q = call @loss_shard_masked_rows(%qm, %k, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_q = arith.subf %lp_q, %lm_q : f32
  %fd_q = arith.divf %diff_q, %twoeps : f32
  %an_q = call @dot(%dqd, %uq) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_q = call @close(%fd_q, %an_q, %tol) : (f32, f32, f32) -> i1
  %kp = call @axpy(%k, %uk, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %km = call @axpy(%k, %uk, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_k = call @loss_shard_masked_rows(%q, %kp, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_k = call @loss_shard_masked_rows(%q, %km, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_k = arith.subf %lp_k, %lm_k : f32
  %fd_k = arith.divf %diff_k, %twoeps : f32
  %an_k = call @dot(%dkd, %uk) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_k = call @close(%fd_k, %an_k, %tol) : (f32, f32, f32) -> i1
  %vp = call @axpy(%v, %uv, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %vm = call @axpy(%v, %uv, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_v = call @loss_shard_masked_rows(%q, %k, %vp, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_v = call @loss_shard_masked_rows(%q, %k, %vm, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_v = arith.subf %lp_v, %lm_v : f32
  %fd_v = arith.divf %diff_v, %twoeps : f32
  %an_v = call @dot(%dvd, %uv) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_v = call @close(%fd_v, %an_v, %tol) : (f32, f32, f32) -> i1
  %ok0 = arith.andi %ok_q, %ok_k : i1
  %ok = arith.andi %ok0, %ok_v : i1
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %flag = arith.select %ok, %one, %zero : f32
  %r = tensor.from_elements %fd_q, %an_q, %fd_k, %an_k, %fd_v, %an_v, %flag : tensor<7xf32>
  %u = tensor.cast %r : tensor<7xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @loss_dynamic(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>, %do: tensor<?x?x?x?xf32>) -> f32 {
  %qs = tensor.cast %q : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %ks = tensor.cast %k : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %vs = tensor.cast %v : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %o = accel.attention %qs, %ks, %vs : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  %od = tensor.cast %o : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %l = call @dot(%od, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  return %l : f32
}

// All dims dynamic (scale 1/sqrt(D) at run time, G at run time), not causal:
// B = 1, Hq = 2, Hkv = 2, Sq = 3, Sk = 4, D = 8, Dv = 2.
// CHECK: rank = 1 offset = 0 sizes = [7]
// CHECK-NEXT: [{{.*}}, {{.*}}, {{.*}}, {{.*}}, {{.*}}, {{.*}}, 1]
func.func @dynamic() {
  %qe = tensor.empty() : tensor<1x2x3x8xf32>
  %qe0 = tensor.cast %qe : tensor<1x2x3x8xf32> to tensor<?x?x?x?xf32>
  %qseed = arith.constant 11.0 : f32
  %q = call @random(%qe0, %qseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %ke = tensor.empty() : tensor<1x2x4x8xf32>
  %ke0 = tensor.cast %ke : tensor<1x2x4x8xf32> to tensor<?x?x?x?xf32>
  %kseed = arith.constant 12.0 : f32
  %k = call @random(%ke0, %kseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %ve = tensor.empty() : tensor<1x2x4x2xf32>
  %ve0 = tensor.cast %ve : tensor<1x2x4x2xf32> to tensor<?x?x?x?xf32>
  %vseed = arith.constant 13.0 : f32
  %v = call @random(%ve0, %vseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %doe = tensor.empty() : tensor<1x2x3x2xf32>
  %doe0 = tensor.cast %doe : tensor<1x2x3x2xf32> to tensor<?x?x?x?xf32>
  %doseed = arith.constant 14.0 : f32
  %do = call @random(%doe0, %doseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uqe = tensor.empty() : tensor<1x2x3x8xf32>
  %uqe0 = tensor.cast %uqe : tensor<1x2x3x8xf32> to tensor<?x?x?x?xf32>
  %uqseed = arith.constant 15.0 : f32
  %uq = call @random(%uqe0, %uqseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uke = tensor.empty() : tensor<1x2x4x8xf32>
  %uke0 = tensor.cast %uke : tensor<1x2x4x8xf32> to tensor<?x?x?x?xf32>
  %ukseed = arith.constant 16.0 : f32
  %uk = call @random(%uke0, %ukseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %uve = tensor.empty() : tensor<1x2x4x2xf32>
  %uve0 = tensor.cast %uve : tensor<1x2x4x2xf32> to tensor<?x?x?x?xf32>
  %uvseed = arith.constant 17.0 : f32
  %uv = call @random(%uve0, %uvseed) : (tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>

  %qs = tensor.cast %q : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %ks = tensor.cast %k : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %vs = tensor.cast %v : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %dos = tensor.cast %do : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %o, %l = accel.attention %qs, %ks, %vs : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  %dq, %dk, %dv = accel.attention_grad %qs, %ks, %vs, %o, %l, %dos
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?x?xf32>) -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>)
  %dqd = tensor.cast %dq : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %dkd = tensor.cast %dk : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %dvd = tensor.cast %dv : tensor<?x?x?x?xf32> to tensor<?x?x?x?xf32>
  %eps = arith.constant 1.0e-02 : f32
  %meps = arith.constant -1.0e-02 : f32
  %twoeps = arith.constant 2.0e-02 : f32
  %tol = arith.constant 1.0e-03 : f32
  %qp = call @axpy(%q, %uq, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %qm = call @axpy(%q, %uq, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_q = call @loss_dynamic(%qp, %k, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_q = call @loss_dynamic(%qm, %k, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_q = arith.subf %lp_q, %lm_q : f32
  %fd_q = arith.divf %diff_q, %twoeps : f32
  %an_q = call @dot(%dqd, %uq) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_q = call @close(%fd_q, %an_q, %tol) : (f32, f32, f32) -> i1
  %kp = call @axpy(%k, %uk, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %km = call @axpy(%k, %uk, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_k = call @loss_dynamic(%q, %kp, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_k = call @loss_dynamic(%q, %km, %v, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_k = arith.subf %lp_k, %lm_k : f32
  %fd_k = arith.divf %diff_k, %twoeps : f32
  %an_k = call @dot(%dkd, %uk) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_k = call @close(%fd_k, %an_k, %tol) : (f32, f32, f32) -> i1
  %vp = call @axpy(%v, %uv, %eps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %vm = call @axpy(%v, %uv, %meps) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, f32) -> tensor<?x?x?x?xf32>
  %lp_v = call @loss_dynamic(%q, %k, %vp, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %lm_v = call @loss_dynamic(%q, %k, %vm, %do) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %diff_v = arith.subf %lp_v, %lm_v : f32
  %fd_v = arith.divf %diff_v, %twoeps : f32
  %an_v = call @dot(%dvd, %uv) : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) -> f32
  %ok_v = call @close(%fd_v, %an_v, %tol) : (f32, f32, f32) -> i1
  %ok0 = arith.andi %ok_q, %ok_k : i1
  %ok = arith.andi %ok0, %ok_v : i1
  %one = arith.constant 1.0 : f32
  %zero = arith.constant 0.0 : f32
  %flag = arith.select %ok, %one, %zero : f32
  %r = tensor.from_elements %fd_q, %an_q, %fd_k, %an_k, %fd_v, %an_v, %flag : tensor<7xf32>
  %u = tensor.cast %r : tensor<7xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @causal_gqa() : () -> ()
  call @shard_masked_rows() : () -> ()
  call @dynamic() : () -> ()
  return
}
