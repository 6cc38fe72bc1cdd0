// The Monarch family: accel.block_diag_matmul is one batched GEMM over its
// blocks (the plain store path), accel.monarch_matmul two (the first into
// a temporary in t2's layout), on the mma.sync GEMM template with the
// permutation in the stores (accelkern_monarch::PermutedColumns /
// Intermediate); x's leading
// dims fold into rows; the fused epilogue runs in the last factor and reads
// its tensors over the result's row and column. sm_90a runs the same
// kernels.
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_80 | FileCheck %s
// RUN: accel-opt %s --accel-fuse-epilogue | accel-translate --accel-to-cuda --accel-sm=sm_90a | FileCheck %s --check-prefix=SM90

// Blocks of at most 64 outputs take 64-wide column tiles; the grid's z is
// the last factor's blocks.
// CHECK: //   @block_diag kernel 0: monarch bf16.rows?.w1_8x24x32 #accel.monarch_sm80_config<block_m = 128, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<__nv_bfloat16, float, [[$ROUND:AccelEpilogue_[0-9a-f]+]], 128, 64, 32, 2, 2, 4, true>
// CHECK-NEXT: //     grid [?, 1, 8] x 128 threads, 49152 B shared{{$}}
// 40 rows take 64-row tiles; blocks of 128 outputs 128-wide tiles over 4
// warps in n.
// CHECK: //   @monarch_bias_relu kernel 0: monarch f16.rows40.w1_4x64x32.w2_2x128x128 #accel.monarch_sm80_config<block_m = 64, block_n = 128, block_k = 32, warps_m = 2, warps_n = 4, num_stages = 4>
// CHECK-NEXT: //     accelkern_gemm::gemmKernel<__half, __half, accelkern_monarch::PermutedColumns<[[$RELU:AccelEpilogue_[0-9a-f]+]]>, 64, 128, 32, 2, 4, 4, true>
// CHECK-NEXT: //     grid [1, 1, 2] x 256 threads, 49152 B shared, ~{{.*}} us (A100 SXM4 roofline)
// CHECK: //   @batched_bias kernel 0: monarch bf16.rows?.w1_4x16x16.w2_4x16x16

// CHECK: ---- kernel family: monarch ----
// CHECK: struct PermutedColumns {
// CHECK: static constexpr bool kPermutesColumns = true;
// CHECK: struct Intermediate {
// CHECK: ---- generated epilogues ----
// The block-diagonal product alone: the f32 sum, stored as it is.
// CHECK: struct [[$ROUND]] {
// CHECK: float v0 = acc;
// CHECK-NEXT: return v0;
// The bias over columns, then ReLU, in f32, rounded once to f16.
// CHECK: struct [[$RELU]] {
// CHECK: float v0 = roundTo<__half>(acc);
// CHECK-NEXT: float v1 = loadExtra<float, 0>(p, at);
// CHECK: fmaxf(
// CHECK: return

// block_diag_matmul: x's leading dims (3 x ?) are the rows, no second
// factor and no intermediate.
// CHECK-LABEL: extern "C" cudaError_t accel_block_diag(
// CHECK-SAME: int64_t [[D1:v[0-9]+]],
// CHECK: accelkern_monarch::MonarchParams [[P:v[0-9]+]] = {};
// CHECK: [[P]].w2 = nullptr;
// CHECK: [[P]].rows = (int64_t) ((uint64_t) [[D1]] * (uint64_t) 3);
// CHECK: [[P]].t2 = nullptr;
// CHECK: [[P]].k = 8;
// CHECK-NEXT: [[P]].q = 24;
// CHECK-NEXT: [[P]].p = 32;
// CHECK-NEXT: [[P]].l = 0;
// CHECK-NEXT: [[P]].s = 0;
// CHECK-NEXT: [[P]].r = 0;
// CHECK: accelkern_monarch::launchMonarch<__nv_bfloat16, float, [[$ROUND]], 128, 64, 32, 2, 2, 4, false>
func.func @block_diag(%x: tensor<3x?x256xbf16>, %w: tensor<8x24x32xbf16>) -> tensor<3x?x192xf32> {
  %y = accel.block_diag_matmul %x, %w : (tensor<3x?x256xbf16>, tensor<8x24x32xbf16>) -> tensor<3x?x192xf32>
  return %y : tensor<3x?x192xf32>
}

// monarch_matmul with rectangular factors (128 -> 4 x 64 = 256 read as
// 2 blocks of 128 -> 2 x 128 = 256 outputs): the intermediate is 40 rows
// of 256 f16 (20480 bytes); the bias is read with row stride 0.
// CHECK-LABEL: extern "C" cudaError_t accel_monarch_bias_relu(
// CHECK: accelkern_monarch::MonarchParams [[P:v[0-9]+]] = {};
// CHECK: [[P]].rows = 40;
// CHECK-NEXT: void* [[T2:v[0-9]+]] = accel_host::allocate({{v[0-9]+}}, 20480, "{{.*}}: 'accel.monarch_matmul' op could not allocate the Monarch intermediate");
// CHECK-NEXT: [[P]].t2 = [[T2]];
// CHECK-NEXT: [[P]].k = 4;
// CHECK-NEXT: [[P]].q = 64;
// CHECK-NEXT: [[P]].p = 32;
// CHECK-NEXT: [[P]].l = 2;
// CHECK-NEXT: [[P]].s = 128;
// CHECK-NEXT: [[P]].r = 128;
// CHECK-NEXT: [[P]].extras[0] = {{v[0-9]+}};
// CHECK-NEXT: [[P]].extraRowStrides[0] = 0;
// CHECK-NEXT: [[P]].extraColStrides[0] = 1;
// CHECK: accelkern_monarch::launchMonarch<__half, __half, [[$RELU]], 64, 128, 32, 2, 4, 4, true>
// SM90-LABEL: extern "C" cudaError_t accel_monarch_bias_relu(
// SM90: accelkern_monarch::launchMonarch<__half, __half, {{AccelEpilogue_[0-9a-f]+}}, 64, 128, 32, 2, 4, 4, true>
func.func @monarch_bias_relu(%x: tensor<40x128xf16>, %w1: tensor<4x64x32xf16>, %w2: tensor<2x128x128xf16>,
                             %bias: tensor<256xf32>) -> tensor<40x256xf16> {
  %y = accel.monarch_matmul %x, %w1, %w2 : (tensor<40x128xf16>, tensor<4x64x32xf16>, tensor<2x128x128xf16>) -> tensor<40x256xf16>
  %init = tensor.empty() : tensor<40x256xf16>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%y, %bias : tensor<40x256xf16>, tensor<256xf32>) outs(%init : tensor<40x256xf16>) {
  ^bb0(%v: f16, %b: f32, %o: f16):
    %f = arith.extf %v : f16 to f32
    %s = arith.addf %f, %b : f32
    %z = arith.constant 0.0 : f32
    %m = arith.maxnumf %s, %z : f32
    %t = arith.truncf %m : f32 to f16
    linalg.yield %t : f16
  } -> tensor<40x256xf16>
  return %r : tensor<40x256xf16>
}

// A rank-3 result may fuse a tensor that varies over the columns only: its
// row stride is 0 and its column stride its own; the run-time check of x's
// dynamic last dim is the CPU reference's.
// CHECK-LABEL: extern "C" cudaError_t accel_batched_bias(
// CHECK-SAME: int64_t {{v[0-9]+}}, int64_t [[K:v[0-9]+]], cudaStream_t
// CHECK: 'accel.monarch_matmul' op expects the last dim of x and k * p of w1 to agree, got %lld and %lld", [[K]], 64);
// CHECK: void* {{v[0-9]+}} = accel_host::allocate({{v[0-9]+}}, (int64_t) ((uint64_t) {{v[0-9]+}} * (uint64_t) 256), "{{.*}} could not allocate the Monarch intermediate");
// CHECK: .extraRowStrides[0] = 0;
// CHECK-NEXT: .extraColStrides[0] = 1;
func.func @batched_bias(%x: tensor<2x?x?xbf16>, %w: tensor<4x16x16xbf16>, %bias: tensor<64xbf16>) -> tensor<2x?x64xbf16> {
  %c1 = arith.constant 1 : index
  %n = tensor.dim %x, %c1 : tensor<2x?x?xbf16>
  %y = accel.monarch_matmul %x, %w, %w : (tensor<2x?x?xbf16>, tensor<4x16x16xbf16>, tensor<4x16x16xbf16>) -> tensor<2x?x64xbf16>
  %init = tensor.empty(%n) : tensor<2x?x64xbf16>
  %r = linalg.generic {indexing_maps = [affine_map<(b, i, j) -> (b, i, j)>, affine_map<(b, i, j) -> (j)>, affine_map<(b, i, j) -> (b, i, j)>],
                       iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%y, %bias : tensor<2x?x64xbf16>, tensor<64xbf16>) outs(%init : tensor<2x?x64xbf16>) {
  ^bb0(%v: bf16, %b: bf16, %o: bf16):
    %s = arith.addf %v, %b : bf16
    linalg.yield %s : bf16
  } -> tensor<2x?x64xbf16>
  return %r : tensor<2x?x64xbf16>
}

// A result more static than x (the verifier cannot compare x's dynamic rows
// with it) is checked at run time before anything is allocated: the
// caller's buffer holds 8 rows.
// CHECK-LABEL: extern "C" cudaError_t accel_static_result(
// CHECK-SAME: int64_t [[ROWS:v[0-9]+]], cudaStream_t
// CHECK: if ([[ROWS]] != 8) {
// CHECK-NEXT: accel_host::fail({{v[0-9]+}}, "{{.*}}'accel.block_diag_matmul' op expects result #0 dim 0 and its declared size to agree, got %lld and %lld", [[ROWS]], 8);
// CHECK: accelkern_monarch::MonarchParams
func.func @static_result(%x: tensor<?x64xbf16>, %w: tensor<4x16x16xbf16>) -> tensor<8x64xbf16> {
  %y = accel.block_diag_matmul %x, %w : (tensor<?x64xbf16>, tensor<4x16x16xbf16>) -> tensor<8x64xbf16>
  return %y : tensor<8x64xbf16>
}

// A residual of the rank-3 result's own shape varies over every leading dim
// in order: it is read dense (a strided view would be copied first) with
// one row stride, its dim 1's, over the folded rows.
// CHECK-LABEL: extern "C" cudaError_t accel_batched_residual(
// CHECK: .extras[0] = {{v[0-9]+}};
// CHECK-NEXT: .extraRowStrides[0] = 64;
// CHECK-NEXT: .extraColStrides[0] = 1;
// CHECK: accelkern_monarch::launchMonarch
func.func @batched_residual(%x: tensor<2x?x64xbf16>, %w: tensor<4x16x16xbf16>, %r: tensor<2x?x64xbf16>) -> tensor<2x?x64xbf16> {
  %y = accel.monarch_matmul %x, %w, %w : (tensor<2x?x64xbf16>, tensor<4x16x16xbf16>, tensor<4x16x16xbf16>) -> tensor<2x?x64xbf16>
  %s = arith.addf %y, %r : tensor<2x?x64xbf16>
  return %s : tensor<2x?x64xbf16>
}

// A strided view as that residual is copied dense first (the glue copy);
// on a rank-2 result the same view is read in place through its row
// stride.
// CHECK-LABEL: extern "C" cudaError_t accel_sliced_residual(
// CHECK: accel_host::advance({{v[0-9]+}}, 128);
// CHECK: accelkern_glue::launchStridedCopy
// CHECK: .extraRowStrides[0] = 64;
// CHECK-LABEL: extern "C" cudaError_t accel_sliced_rank2_residual(
// CHECK: accel_host::advance({{v[0-9]+}}, 128);
// CHECK-NOT: launchStridedCopy
// CHECK: .extraRowStrides[0] = 128;
func.func @sliced_residual(%x: tensor<2x?x64xbf16>, %w: tensor<4x16x16xbf16>, %big: tensor<2x?x128xbf16>) -> tensor<2x?x64xbf16> {
  %c1 = arith.constant 1 : index
  %n = tensor.dim %x, %c1 : tensor<2x?x64xbf16>
  %r = tensor.extract_slice %big[0, 0, 64] [2, %n, 64] [1, 1, 1] : tensor<2x?x128xbf16> to tensor<2x?x64xbf16>
  %y = accel.monarch_matmul %x, %w, %w : (tensor<2x?x64xbf16>, tensor<4x16x16xbf16>, tensor<4x16x16xbf16>) -> tensor<2x?x64xbf16>
  %s = arith.addf %y, %r : tensor<2x?x64xbf16>
  return %s : tensor<2x?x64xbf16>
}

func.func @sliced_rank2_residual(%x: tensor<?x64xbf16>, %w: tensor<4x16x16xbf16>, %big: tensor<?x128xbf16>) -> tensor<?x64xbf16> {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x64xbf16>
  %r = tensor.extract_slice %big[0, 64] [%n, 64] [1, 1] : tensor<?x128xbf16> to tensor<?x64xbf16>
  %y = accel.monarch_matmul %x, %w, %w : (tensor<?x64xbf16>, tensor<4x16x16xbf16>, tensor<4x16x16xbf16>) -> tensor<?x64xbf16>
  %s = arith.addf %y, %r : tensor<?x64xbf16>
  return %s : tensor<?x64xbf16>
}
