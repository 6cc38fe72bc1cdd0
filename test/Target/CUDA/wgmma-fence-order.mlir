// RUN: accel-translate --accel-to-ptx --accel-sm=sm_90a %s | FileCheck %s

// The order of the sm_90a forward's register operands around its wgmma
// chains (CUTLASS's and FA3's): the accumulators and P's A fragments are
// written, then fenced, then `wgmma.fence`, then the chain; nothing writes
// P (cvt.rn.bf16x2) or rescales O (mul.f32) between the fence and the P.V
// chain. (A `wgmma.mma_async` whose register operands were written after
// the last `wgmma.fence` is undefined behaviour in the PTX ISA.)

// CHECK-LABEL: .entry _ZN19accelkern_attention26attentionForwardSm90Kernel
// S = Q K^T: fence, the shared-memory chain, commit, wait.
// CHECK: wgmma.fence.sync.aligned;
// CHECK-NOT: wgmma.commit_group
// CHECK: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 {{.*}}, %rd{{[0-9]+}}, %rd{{[0-9]+}}, p, 1, 1, 0, 0;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// O += P V: P packed, then the fence, then the register-A chain.
// CHECK: cvt.rn.bf16x2.f32
// CHECK: wgmma.fence.sync.aligned;
// CHECK-NOT: cvt.rn.bf16x2.f32
// CHECK-NOT: mul.f32
// CHECK: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 {{.*}}, {%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}}, %rd{{[0-9]+}}, p, 1, 1, 1;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
func.func @forward(%q: tensor<?x8x?x128xbf16>, %k: tensor<?x2x?x128xbf16>, %v: tensor<?x2x?x128xbf16>)
    -> (tensor<?x8x?x128xbf16>, tensor<?x8x?xf32>) {
  %o, %lse = accel.attention %q, %k, %v {causal = true}
      : (tensor<?x8x?x128xbf16>, tensor<?x2x?x128xbf16>, tensor<?x2x?x128xbf16>)
      -> (tensor<?x8x?x128xbf16>, tensor<?x8x?xf32>)
  return %o, %lse : tensor<?x8x?x128xbf16>, tensor<?x8x?xf32>
}
