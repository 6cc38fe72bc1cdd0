// The host side of the entry points is built as IR and printed by upstream's
// C++ emitter: views and copies between kernels, checks on static sizes
// folded away, and the EmitC module itself (--accel-to-cuda-host).
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s | FileCheck %s
// RUN: accel-translate --accel-to-cuda-host --accel-sm=sm_80 %s | FileCheck %s --check-prefix=HOST
// RUN: %if nvcc %{ accel-translate --accel-to-cuda --accel-sm=sm_80 %s -o %t.cu %}
// RUN: %if nvcc %{ nvcc -std=c++17 -c -gencode arch=compute_80,code=compute_80 %t.cu -o %t.o %}

// A kernel whose result is returned through a view writes the result
// buffer itself; a returned argument and a second return of one value are
// copied into their buffers, after the launch.
// CHECK-LABEL: extern "C" cudaError_t accel_views(
// CHECK-SAME: const void* [[Q:v[0-9]+]], const void* [[X:v[0-9]+]], void* [[R0:v[0-9]+]], void* [[R1:v[0-9]+]], void* [[R2:v[0-9]+]], void* [[R3:v[0-9]+]], int64_t [[S:v[0-9]+]], int64_t [[ROWS:v[0-9]+]], cudaStream_t
// CHECK-NOT: allocate
// CHECK: [[P:v[0-9]+]].out = [[R0]];
// CHECK: accel_host::launch(
// CHECK-NEXT: int64_t [[XB:v[0-9]+]] = (int64_t) ((uint64_t) [[ROWS]] * (uint64_t) 16);
// CHECK-NEXT: accel_host::copy({{v[0-9]+}}, [[R1]], [[X]], [[XB]], "{{.*}}host-program.mlir:[[#@LINE+9]]:3: 'func.return' op could not copy result #1");
// CHECK-NEXT: int64_t [[OB:v[0-9]+]] = (int64_t) ((uint64_t) [[S]] * (uint64_t) 256);
// CHECK-NEXT: accel_host::copy({{v[0-9]+}}, [[R2]], [[R0]], [[OB]],
// CHECK: accel_host::copy({{v[0-9]+}}, [[R3]], [[R0]],
// CHECK-NEXT: return accel_host::finish(
func.func @views(%q: tensor<1x2x?x64xbf16>, %x: tensor<?x4xf32>)
    -> (tensor<2x?x64xbf16>, tensor<?x4xf32>, tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>) {
  %o = accel.attention %q, %q, %q : (tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>) -> tensor<1x2x?x64xbf16>
  %c = tensor.collapse_shape %o [[0, 1], [2], [3]] : tensor<1x2x?x64xbf16> into tensor<2x?x64xbf16>
  return %c, %x, %o, %o : tensor<2x?x64xbf16>, tensor<?x4xf32>, tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>
}

// A kernel reads another's result through views, with sizes computed on the
// host: the expanded group is checked against its source, the division
// against zero, and the cast's static dim against the run-time one.
// CHECK-LABEL: extern "C" cudaError_t accel_reshaped_chain(
// CHECK-SAME: int64_t [[SQ:v[0-9]+]], cudaStream_t
// CHECK: void* [[TMP:v[0-9]+]] = accel_host::allocate(
// CHECK: 'tensor.cast' op expects dim 2 of its source to be 64, got %lld"
// CHECK: [[P:v[0-9]+]].q = [[TMP]];
func.func @reshaped_chain(%q: tensor<1x4x?x64xbf16>) -> tensor<1x4x64x64xbf16> {
  %a = accel.attention %q, %q, %q : (tensor<1x4x?x64xbf16>, tensor<1x4x?x64xbf16>, tensor<1x4x?x64xbf16>) -> tensor<1x4x?x64xbf16>
  %c = tensor.collapse_shape %a [[0, 1], [2], [3]] : tensor<1x4x?x64xbf16> into tensor<4x?x64xbf16>
  %c1 = arith.constant 1 : index
  %n = tensor.dim %c, %c1 : tensor<4x?x64xbf16>
  %e = tensor.expand_shape %c [[0, 1], [2], [3]] output_shape [1, 4, %n, 64] : tensor<4x?x64xbf16> into tensor<1x4x?x64xbf16>
  %s = tensor.cast %e : tensor<1x4x?x64xbf16> to tensor<1x4x64x64xbf16>
  %k = tensor.cast %q : tensor<1x4x?x64xbf16> to tensor<1x4x64x64xbf16>
  %b = accel.attention %s, %k, %k : (tensor<1x4x64x64xbf16>, tensor<1x4x64x64xbf16>, tensor<1x4x64x64xbf16>) -> tensor<1x4x64x64xbf16>
  return %b : tensor<1x4x64x64xbf16>
}

// Static sizes: every check folds away, and the strides are literals.
// HOST-LABEL: emitc.func @accel_all_static(
// HOST-SAME: specifiers = ["extern \22C\22"]
// HOST-NOT: emitc.if
// HOST-NOT: accel_host::fail
// HOST: call_opaque "accel_host::launch"
// HOST: return
// HOST-NEXT: }
// CHECK-LABEL: extern "C" cudaError_t accel_all_static(
// CHECK-NOT: if (
// CHECK: [[P:v[0-9]+]].qStrides[0] = 16384;
// CHECK-NEXT: [[P]].qStrides[1] = 4096;
// CHECK-NEXT: [[P]].qStrides[2] = 64;
// CHECK-NOT: if (
// CHECK: return accel_host::finish(
func.func @all_static(%q: tensor<2x4x64x64xbf16>, %k: tensor<2x2x64x64xbf16>) -> tensor<2x4x64x64xbf16> {
  %o = accel.attention %q, %k, %k : (tensor<2x4x64x64xbf16>, tensor<2x2x64x64xbf16>, tensor<2x2x64x64xbf16>) -> tensor<2x4x64x64xbf16>
  return %o : tensor<2x4x64x64xbf16>
}
