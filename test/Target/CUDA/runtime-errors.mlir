// Run-time checks of the generated entry points return cudaErrorInvalidValue
// and leave "<file>:<line>:<col>: '<op>' op expects ..." (the CPU path's
// format) for accel_last_error_message(). The text of the messages,
// escaping included, is checked on the emitted code; where nvcc is
// present, the entry points are also called with refused sizes.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s | FileCheck %s --check-prefix=EMIT
// RUN: %if nvcc %{ accel-translate --accel-to-cuda --accel-sm=sm_80 %s -o %t.cu %}
// RUN: %if nvcc %{ nvcc -std=c++17 -gencode arch=compute_80,code=compute_80 %t.cu %S/Inputs/call-entry-points.cpp -o %t.exe %}
// RUN: %if nvcc %{ %t.exe | FileCheck %s --check-prefix=CALL %}

// EMIT: extern "C" const char *accel_last_error_message(void) {

// EMIT-LABEL: extern "C" cudaError_t accel_gqa(
// EMIT-SAME: const void* {{v[0-9]+}}, const void* {{v[0-9]+}}, const void* {{v[0-9]+}}, void* {{v[0-9]+}}, int64_t {{v[0-9]+}}, int64_t [[SQ:v[0-9]+]], int64_t {{v[0-9]+}}, int64_t [[HKV:v[0-9]+]],
// EMIT-NEXT: accel_host::Entry [[E:v[0-9]+]] = accel_host::Entry(
// EMIT: if ([[SQ]] < 0) {
// EMIT-NEXT: accel_host::fail([[E]], "{{.*}}runtime-errors.mlir:[[#@LINE+11]]:1: 'func.func' op expects argument #0 dim 2 to be non-negative, got %lld", [[SQ]]);
// The remainder never divides by zero: both conditions are evaluated.
// EMIT: if ([[HKV]] <= 0 | 8 % ([[HKV]] <= 0 ? 1 : [[HKV]]) != 0) {
// EMIT-NEXT: accel_host::fail([[E]], "{{.*}}: 'accel.attention' op expects at least one kv head and the query heads to be a multiple of the kv heads, got %lld query heads and %lld kv heads", 8, [[HKV]]);

// CALL: negative: cudaErrorInvalidValue: {{.*}}runtime-errors.mlir:[[#@LINE+6]]:1: 'func.func' op expects argument #0 dim 2 to be non-negative, got -3
// CALL-NEXT: gqa: cudaErrorInvalidValue: {{.*}}runtime-errors.mlir:[[#@LINE+7]]:8: 'accel.attention' op expects at least one kv head and the query heads to be a multiple of the kv heads, got 8 query heads and 3 kv heads
// CALL-NEXT: no-kv-heads: cudaErrorInvalidValue: {{.*}}runtime-errors.mlir:[[#@LINE+6]]:8: 'accel.attention' op expects at least one kv head and the query heads to be a multiple of the kv heads, got 8 query heads and 0 kv heads
// CALL-NEXT: batch: cudaErrorInvalidValue: {{.*}}runtime-errors.mlir:[[#@LINE+5]]:8: 'accel.attention' op expects batch sizes of q and k to agree, got 2 and 1
// CALL-NEXT: bias: cudaErrorInvalidValue: model.py:12:5: 'accel.attention' op expects bias dim 0 to be 1 or the query length it broadcasts to, got 3 for 7
// CALL-NEXT: view: cudaErrorInvalidValue: {{.*}}runtime-errors.mlir:{{[0-9]+}}:8: 'tensor.expand_shape' op expects its output shape to cover source dim 0, got 6 elements for 7
func.func @gqa(%q: tensor<?x8x?x64xbf16>, %k: tensor<?x?x?x64xbf16>, %v: tensor<?x?x?x64xbf16>)
    -> tensor<?x8x?x64xbf16> {
  %o = accel.attention %q, %k, %v : (tensor<?x8x?x64xbf16>, tensor<?x?x?x64xbf16>, tensor<?x?x?x64xbf16>) -> tensor<?x8x?x64xbf16>
  return %o : tensor<?x8x?x64xbf16>
}

// The first file location inside a named location; a bias dim that is 1
// or Sq at run time is accepted, another is refused with both values.
// EMIT-LABEL: extern "C" cudaError_t accel_bias(
// EMIT: if ([[BIAS0:v[0-9]+]] != 1 & [[BIAS0]] != [[SQ:v[0-9]+]]) {
// EMIT-NEXT: accel_host::fail({{v[0-9]+}}, "model.py:12:5: 'accel.attention' op expects bias dim 0 to be 1 or the query length it broadcasts to, got %lld for %lld", [[BIAS0]], [[SQ]]);
func.func @bias(%q: tensor<1x2x?x64xbf16>, %k: tensor<1x2x16x64xbf16>, %v: tensor<1x2x16x64xbf16>,
                %bias: tensor<?x16xf32>) -> tensor<1x2x?x64xbf16> {
  %o = accel.attention %q, %k, %v, %bias
      : (tensor<1x2x?x64xbf16>, tensor<1x2x16x64xbf16>, tensor<1x2x16x64xbf16>, tensor<?x16xf32>)
      -> tensor<1x2x?x64xbf16> loc("attn"("model.py":12:5))
  return %o : tensor<1x2x?x64xbf16>
}

// A file name with printf and C specials is escaped in the literal.
// EMIT-LABEL: extern "C" cudaError_t accel_escaped(
// EMIT: accel_host::fail({{v[0-9]+}}, "we\"ird%%dir\\x.mlir:3:4: 'accel.attention' op expects the batch and heads of q
func.func @escaped(%q: tensor<1x2x?x64xbf16>) -> tensor<1x2x?x64xbf16> {
  %o = accel.attention %q, %q, %q : (tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>, tensor<1x2x?x64xbf16>) -> tensor<1x2x?x64xbf16> loc("we\"ird%dir\\x.mlir":3:4)
  return %o : tensor<1x2x?x64xbf16>
}

// A view whose dynamic output shape does not cover its source fails at the
// view, before anything runs; no kernel is needed for it.
func.func @view(%x: tensor<?x4xf32>) -> tensor<?x2x4xf32> {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %n = tensor.dim %x, %c0 : tensor<?x4xf32>
  %rows = arith.divui %n, %c2 : index
  %r = tensor.expand_shape %x [[0, 1], [2]] output_shape [%rows, %c2, 4]
      : tensor<?x4xf32> into tensor<?x2x4xf32>
  return %r : tensor<?x2x4xf32>
}
