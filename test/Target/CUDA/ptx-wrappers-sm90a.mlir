// The PTX that NVRTC emits for every inline-PTX wrapper of the sm_90a
// attention forward (AttentionForwardSm90.cuh): the CPU emulation checks
// what the wrappers mean, this checks what they say. Per kernel (bf16 and
// f16; m64n64k16 and m64n128k16, each as the shared-memory Q.K^T chain and
// the register-A P.V chain): mbarrier init counts (1 for the full
// barriers, 256 consumer threads for the empty ones), the init fence, the
// setmaxnreg split (the kernel's kSm90ProducerRegisters and
// kSm90ConsumerRegisters), expect_tx byte counts and the TMA copies that
// complete on the same barrier, the parity wait, the wgmma fence / commit /
// wait, the descriptors' constant bits (128-byte swizzle; K-major: LBO 16,
// SBO 1024; V N-major: LBO = block_n * 128, SBO 1024), and each wgmma's
// immediates: scale-d from the accumulate flag (0 on the first k step of
// Q.K^T), imm-scale-a = imm-scale-b = 1, and tnspA = tnspB = 0 for the
// K-major shared-memory operands, tnspB = 1 for V read N-major (CuTe's
// GMMA::Major::MN).
// REQUIRES: nvcc
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_90a %s | FileCheck %s

// CHECK: .target sm_90a

// CHECK-LABEL: .entry _ZN19accelkern_attention26attentionForwardSm90KernelI13__nv_bfloat16Li64ELi64ELi2ELb0ELb0ELb0ELb0EEEvNS_17ForwardSm90ParamsE(
// CHECK: mov.u32 [[FULL:%r[0-9]+]], 1;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[FULL]];
// CHECK: mov.u32 [[CONSUMERS:%r[0-9]+]], 256;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[CONSUMERS]];
// CHECK: fence.mbarrier_init.release.cluster;
// CHECK: setmaxnreg.dec.sync.aligned.u32 24;
// CHECK: mov.u32 [[QBYTES:%r[0-9]+]], 16384;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[QBAR:%r[0-9]+]]{{\]}}, [[QBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[QBAR]]{{\]}};
// CHECK: mbarrier.try_wait.parity.shared::cta.b64 complete, [%r{{[0-9]+}}], %r{{[0-9]+}};
// CHECK-NEXT: selp.u32 %r{{[0-9]+}}, 1, 0, complete;
// CHECK: mov.u32 [[TILEBYTES:%r[0-9]+]], 8192;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[KBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[KBAR]]{{\]}};
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[VBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[VBAR]]{{\]}};
// CHECK: setmaxnreg.inc.sync.aligned.u32 240;
// CHECK: wgmma.fence.sync.aligned;
// CHECK-DAG: or.b64 [[DESC0:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: or.b64 [[DESC1:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: mov.u32 [[FIRST:%r[0-9]+]], 0;
// CHECK: setp.ne.b32 p, [[FIRST]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 [[S:\{(%f[0-9]+, ){31}%f[0-9]+\}]], [[DESC1]], [[DESC0]], p, 1, 1, 0, 0;
// CHECK: setp.ne.b32 p, %r{{[0-9]+}}, 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 [[S]], %rd{{[0-9]+}}, %rd{{[0-9]+}}, p, 1, 1, 0, 0;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: wgmma.fence.sync.aligned;
// CHECK: or.b64 [[DESCV:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293338849280;
// CHECK: mov.u32 [[ACC:%r[0-9]+]], 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 [[O:\{(%f[0-9]+, ){31}%f[0-9]+\}]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, [[DESCV]], p, 1, 1, 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.bf16.bf16 [[O]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, %rd{{[0-9]+}}, p, 1, 1, 1;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: mbarrier.arrive.shared::cta.b64 _, [%r{{[0-9]+}}];
func.func @bf16_d64_n64(%q: tensor<1x2x256x64xbf16>, %k: tensor<1x2x256x64xbf16>, %v: tensor<1x2x256x64xbf16>) -> tensor<1x2x256x64xbf16> {
  %o = accel.attention %q, %k, %v {accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 2>}
      : (tensor<1x2x256x64xbf16>, tensor<1x2x256x64xbf16>, tensor<1x2x256x64xbf16>) -> tensor<1x2x256x64xbf16>
  return %o : tensor<1x2x256x64xbf16>
}

// CHECK-LABEL: .entry _ZN19accelkern_attention26attentionForwardSm90KernelI6__halfLi64ELi64ELi2ELb0ELb0ELb0ELb0EEEvNS_17ForwardSm90ParamsE(
// CHECK: mov.u32 [[FULL:%r[0-9]+]], 1;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[FULL]];
// CHECK: mov.u32 [[CONSUMERS:%r[0-9]+]], 256;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[CONSUMERS]];
// CHECK: fence.mbarrier_init.release.cluster;
// CHECK: setmaxnreg.dec.sync.aligned.u32 24;
// CHECK: mov.u32 [[QBYTES:%r[0-9]+]], 16384;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[QBAR:%r[0-9]+]]{{\]}}, [[QBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[QBAR]]{{\]}};
// CHECK: mbarrier.try_wait.parity.shared::cta.b64 complete, [%r{{[0-9]+}}], %r{{[0-9]+}};
// CHECK-NEXT: selp.u32 %r{{[0-9]+}}, 1, 0, complete;
// CHECK: mov.u32 [[TILEBYTES:%r[0-9]+]], 8192;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[KBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[KBAR]]{{\]}};
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[VBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[VBAR]]{{\]}};
// CHECK: setmaxnreg.inc.sync.aligned.u32 240;
// CHECK: wgmma.fence.sync.aligned;
// CHECK-DAG: or.b64 [[DESC0:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: or.b64 [[DESC1:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: mov.u32 [[FIRST:%r[0-9]+]], 0;
// CHECK: setp.ne.b32 p, [[FIRST]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 [[S:\{(%f[0-9]+, ){31}%f[0-9]+\}]], [[DESC1]], [[DESC0]], p, 1, 1, 0, 0;
// CHECK: setp.ne.b32 p, %r{{[0-9]+}}, 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 [[S]], %rd{{[0-9]+}}, %rd{{[0-9]+}}, p, 1, 1, 0, 0;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: wgmma.fence.sync.aligned;
// CHECK: or.b64 [[DESCV:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293338849280;
// CHECK: mov.u32 [[ACC:%r[0-9]+]], 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 [[O:\{(%f[0-9]+, ){31}%f[0-9]+\}]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, [[DESCV]], p, 1, 1, 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n64k16.f32.f16.f16 [[O]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, %rd{{[0-9]+}}, p, 1, 1, 1;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: mbarrier.arrive.shared::cta.b64 _, [%r{{[0-9]+}}];
func.func @f16_d64_n64(%q: tensor<1x2x256x64xf16>, %k: tensor<1x2x256x64xf16>, %v: tensor<1x2x256x64xf16>) -> tensor<1x2x256x64xf16> {
  %o = accel.attention %q, %k, %v {accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 2>}
      : (tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>) -> tensor<1x2x256x64xf16>
  return %o : tensor<1x2x256x64xf16>
}

// CHECK-LABEL: .entry _ZN19accelkern_attention26attentionForwardSm90KernelI13__nv_bfloat16Li128ELi128ELi2ELb0ELb0ELb0ELb0EEEvNS_17ForwardSm90ParamsE(
// CHECK: mov.u32 [[FULL:%r[0-9]+]], 1;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[FULL]];
// CHECK: mov.u32 [[CONSUMERS:%r[0-9]+]], 256;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[CONSUMERS]];
// CHECK: fence.mbarrier_init.release.cluster;
// CHECK: setmaxnreg.dec.sync.aligned.u32 24;
// CHECK: mov.u32 [[QBYTES:%r[0-9]+]], 32768;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[QBAR:%r[0-9]+]]{{\]}}, [[QBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[QBAR]]{{\]}};
// CHECK: mbarrier.try_wait.parity.shared::cta.b64 complete, [%r{{[0-9]+}}], %r{{[0-9]+}};
// CHECK-NEXT: selp.u32 %r{{[0-9]+}}, 1, 0, complete;
// CHECK: mov.u32 [[TILEBYTES:%r[0-9]+]], 32768;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[KBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[KBAR]]{{\]}};
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[VBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[VBAR]]{{\]}};
// CHECK: setmaxnreg.inc.sync.aligned.u32 240;
// CHECK: wgmma.fence.sync.aligned;
// CHECK-DAG: or.b64 [[DESC0:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: or.b64 [[DESC1:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: mov.u32 [[FIRST:%r[0-9]+]], 0;
// CHECK: setp.ne.b32 p, [[FIRST]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 [[S:\{(%f[0-9]+, ){63}%f[0-9]+\}]], [[DESC1]], [[DESC0]], p, 1, 1, 0, 0;
// CHECK: setp.ne.b32 p, %r{{[0-9]+}}, 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 [[S]], %rd{{[0-9]+}}, %rd{{[0-9]+}}, p, 1, 1, 0, 0;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: wgmma.fence.sync.aligned;
// CHECK: or.b64 [[DESCV:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293372403712;
// CHECK: mov.u32 [[ACC:%r[0-9]+]], 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 [[O:\{(%f[0-9]+, ){63}%f[0-9]+\}]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, [[DESCV]], p, 1, 1, 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.bf16.bf16 [[O]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, %rd{{[0-9]+}}, p, 1, 1, 1;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: mbarrier.arrive.shared::cta.b64 _, [%r{{[0-9]+}}];
func.func @bf16_d128_n128(%q: tensor<1x2x256x128xbf16>, %k: tensor<1x2x256x128xbf16>, %v: tensor<1x2x256x128xbf16>) -> tensor<1x2x256x128xbf16> {
  %o = accel.attention %q, %k, %v {accel.kernel_config = #accel.attention_sm90a_config<block_n = 128, num_stages = 2>}
      : (tensor<1x2x256x128xbf16>, tensor<1x2x256x128xbf16>, tensor<1x2x256x128xbf16>) -> tensor<1x2x256x128xbf16>
  return %o : tensor<1x2x256x128xbf16>
}

// CHECK-LABEL: .entry _ZN19accelkern_attention26attentionForwardSm90KernelI6__halfLi128ELi128ELi2ELb0ELb0ELb0ELb0EEEvNS_17ForwardSm90ParamsE(
// CHECK: mov.u32 [[FULL:%r[0-9]+]], 1;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[FULL]];
// CHECK: mov.u32 [[CONSUMERS:%r[0-9]+]], 256;
// CHECK: mbarrier.init.shared::cta.b64 [%r{{[0-9]+}}], [[CONSUMERS]];
// CHECK: fence.mbarrier_init.release.cluster;
// CHECK: setmaxnreg.dec.sync.aligned.u32 24;
// CHECK: mov.u32 [[QBYTES:%r[0-9]+]], 32768;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[QBAR:%r[0-9]+]]{{\]}}, [[QBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[QBAR]]{{\]}};
// CHECK: mbarrier.try_wait.parity.shared::cta.b64 complete, [%r{{[0-9]+}}], %r{{[0-9]+}};
// CHECK-NEXT: selp.u32 %r{{[0-9]+}}, 1, 0, complete;
// CHECK: mov.u32 [[TILEBYTES:%r[0-9]+]], 32768;
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[KBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[KBAR]]{{\]}};
// CHECK: mbarrier.arrive.expect_tx.shared::cta.b64 _, {{\[}}[[VBAR:%r[0-9]+]]{{\]}}, [[TILEBYTES]];
// CHECK: cp.async.bulk.tensor.4d.shared::cluster.global.mbarrier::complete_tx::bytes [%r{{[0-9]+}}], [%rd{{[0-9]+}}, {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}], {{\[}}[[VBAR]]{{\]}};
// CHECK: setmaxnreg.inc.sync.aligned.u32 240;
// CHECK: wgmma.fence.sync.aligned;
// CHECK-DAG: or.b64 [[DESC0:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: or.b64 [[DESC1:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293305360384;
// CHECK-DAG: mov.u32 [[FIRST:%r[0-9]+]], 0;
// CHECK: setp.ne.b32 p, [[FIRST]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 [[S:\{(%f[0-9]+, ){63}%f[0-9]+\}]], [[DESC1]], [[DESC0]], p, 1, 1, 0, 0;
// CHECK: setp.ne.b32 p, %r{{[0-9]+}}, 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 [[S]], %rd{{[0-9]+}}, %rd{{[0-9]+}}, p, 1, 1, 0, 0;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: wgmma.fence.sync.aligned;
// CHECK: or.b64 [[DESCV:%rd[0-9]+]], %rd{{[0-9]+}}, 4611686293372403712;
// CHECK: mov.u32 [[ACC:%r[0-9]+]], 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 [[O:\{(%f[0-9]+, ){63}%f[0-9]+\}]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, [[DESCV]], p, 1, 1, 1;
// CHECK: setp.ne.b32 p, [[ACC]], 0;
// CHECK-NEXT: wgmma.mma_async.sync.aligned.m64n128k16.f32.f16.f16 [[O]], {{\{}}%r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}, %r{{[0-9]+}}{{[}]}}, %rd{{[0-9]+}}, p, 1, 1, 1;
// CHECK: wgmma.commit_group.sync.aligned;
// CHECK: wgmma.wait_group.sync.aligned 0;
// CHECK: mbarrier.arrive.shared::cta.b64 _, [%r{{[0-9]+}}];
func.func @f16_d128_n128(%q: tensor<1x2x256x128xf16>, %k: tensor<1x2x256x128xf16>, %v: tensor<1x2x256x128xf16>) -> tensor<1x2x256x128xf16> {
  %o = accel.attention %q, %k, %v {accel.kernel_config = #accel.attention_sm90a_config<block_n = 128, num_stages = 2>}
      : (tensor<1x2x256x128xf16>, tensor<1x2x256x128xf16>, tensor<1x2x256x128xf16>) -> tensor<1x2x256x128xf16>
  return %o : tensor<1x2x256x128xf16>
}
