// The generic family: what fusion leaves of a program (Inputs/generic-ops.mlir:
// a layer norm's pieces, a mixed-precision residual, reductions, an i1
// tensor, a transposed view) becomes one kernel per linalg op on every
// target. The kernel listing names each, the bodies load through per-loop
// strides and reduce in loop order from the init, and the host program
// sets the strides of every tensor along every loop (a broadcast unit dim
// and an unindexed loop get none; a transpose is a view, not a kernel).
// generic-emulation.test runs these bodies.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %S/Inputs/generic-ops.mlir | FileCheck %s
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %S/Inputs/generic-ops.mlir | FileCheck %s --check-prefix=LIST
// RUN: accel-opt %S/Inputs/generic-ops.mlir --accel-form-dispatches=include-linalg --accel-select-kernels=target=sm_80 | FileCheck %s --check-prefix=IR

// CHECK: //   @layer_norm_center kernel 0: generic f32.p3p5 #accel.generic_config<block_size = 256>
// CHECK-NEXT: //     accelkern_generic::genericKernel<[[$FILL:AccelGeneric_[0-9a-f]+]], 256>
// CHECK-NEXT: //     grid [1, 1, 1] x 256 threads, 0 B shared
// CHECK: //   @layer_norm_center kernel 1: generic f32.p3p5r37
// CHECK-NEXT: //     accelkern_generic::genericKernel<[[$SUM:AccelGeneric_[0-9a-f]+]], 256>
// CHECK: //   @layer_norm_center kernel 2: generic f32.p3p5p37
// CHECK-NEXT: //     accelkern_generic::genericKernel<[[$CENTER:AccelGeneric_[0-9a-f]+]], 256>
// CHECK-NEXT: //     grid [3, 1, 1] x 256 threads
// CHECK: //   @bf16_bias_add kernel 0: generic bf16.p4p33
// CHECK: //   @column_max_mask kernel 1: generic f32.r7p9
// CHECK: //   @column_max_mask kernel 2: generic i1.p9
// CHECK: //   @sum_of_transpose kernel 0: generic f32.p10
// CHECK: //   @sum_of_transpose kernel 1: generic f32.p10r6
// CHECK-NOT: kernel 2:
// CHECK: ---- kernel family: generic ----
// CHECK: __global__ void __launch_bounds__(BlockSize) genericKernel(const GenericParams p) {

// The fill stores its constant; the sum starts from the init and adds
// x's 37 elements in order.
// CHECK: struct [[$FILL]] {
// CHECK: storeAs<float>(p.out, at, (0.0f));
// CHECK: struct [[$SUM]] {
// CHECK:      const long long c1 = index % p.sizes[1];
// CHECK-NEXT: index /= p.sizes[1];
// CHECK-NEXT: const long long c0 = index;
// CHECK-NEXT: const long long at = c0 * p.outStrides[0] + c1 * p.outStrides[1];
// CHECK-NEXT: float v0 = loadAs<float>(p.inputs[0], c0 * p.strides[0] + c1 * p.strides[1]);
// CHECK-NEXT: float acc = v0;
// CHECK-NEXT: for (long long c2 = 0; c2 < p.sizes[2]; ++c2) {
// CHECK-NEXT: float v1 = loadAs<float>(p.inputs[1], c0 * p.strides[8] + c1 * p.strides[9] + c2 * p.strides[10]);
// CHECK-NEXT: float v2 = (acc + v1);
// CHECK-NEXT: acc = v2;
// CHECK-NEXT: }
// CHECK-NEXT: storeAs<float>(p.out, at, acc);
// The broadcast [3, 5, 1] mean reads no stride along loop 2.
// CHECK: struct [[$CENTER]] {
// CHECK: float v1 = loadAs<float>(p.inputs[1], c0 * p.strides[8] + c1 * p.strides[9]);
// CHECK-NEXT: float v2 = (v1 / (37.0f));
// bf16 rounds after each op of a bf16 result, f32 arithmetic in between.
// CHECK: float v0 = loadAs<__nv_bfloat16>(p.inputs[0], c0 * p.strides[0] + c1 * p.strides[1]);
// CHECK-NEXT: float v1 = loadAs<float>(p.inputs[1], c1 * p.strides[9]);
// CHECK-NEXT: float v2 = v0;
// CHECK-NEXT: float v3 = (v2 + v1);
// CHECK-NEXT: float v4 = roundTo<__nv_bfloat16>(v3);
// CHECK-NEXT: float v5 = roundTo<__nv_bfloat16>((v4 * v4));
// CHECK-NEXT: storeAs<__nv_bfloat16>(p.out, at, v5);
// i1 elements are bytes.
// CHECK: bool v1 = (v0 > (0.0f));
// CHECK-NEXT: storeBool(p.out, at, v1);
// CHECK: bool v0 = loadBool(p.inputs[0], c0 * p.strides[0]);

// CHECK-LABEL: extern "C" cudaError_t accel_layer_norm_center(
// CHECK: launchGeneric<[[$FILL]], 256>
// The sum: the init along loops 0 and 1, x along all three.
// CHECK: .strides[0] = 5;
// CHECK-NEXT: .strides[1] = 1;
// CHECK: .strides[8] = 185;
// CHECK-NEXT: .strides[9] = 37;
// CHECK-NEXT: .strides[10] = 1;
// CHECK: .sizes[2] = 37;
// CHECK-NEXT: .count = 15;
// CHECK: launchGeneric<[[$SUM]], 256>
// The mean, a [3, 5, 1] view of the sum: strides 5 and 1, none for loop 2.
// CHECK: .strides[8] = 5;
// CHECK-NEXT: .strides[9] = 1;
// CHECK-NEXT: .outStrides[0] = 185;
// CHECK: .count = 555;
// CHECK: launchGeneric<[[$CENTER]], 256>
// CHECK-LABEL: extern "C" cudaError_t accel_column_max_mask(
// The column max: the init along loop 1, x [7, 9] along both loops.
// CHECK: launchGeneric<
// CHECK: .strides[1] = 1;
// CHECK-NEXT: .inputs[1] = v1;
// CHECK-NEXT: .strides[8] = 9;
// CHECK-NEXT: .strides[9] = 1;
// CHECK-NEXT: .outStrides[1] = 1;
// CHECK-NEXT: .sizes[0] = 7;
// CHECK-NEXT: .sizes[1] = 9;
// CHECK-NEXT: .count = 9;
// CHECK-LABEL: extern "C" cudaError_t accel_sum_of_transpose(
// x^T [10, 6] of x [6, 10]: loop 0 walks x's columns, loop 1 its rows.
// CHECK: .inputs[1] = v1;
// CHECK-NEXT: .strides[8] = 1;
// CHECK-NEXT: .strides[9] = 10;

// LIST: //   @layer_norm_center kernel 0: generic f32.p3p5 #accel.generic_config<block_size = 256>
// LIST: //   @sum_of_transpose kernel 1: generic f32.p10r6

// The dispatches: the op, the scalar constants its body uses (a dispatch
// is isolated from above), no transpose.
// IR-LABEL: func.func @layer_norm_center
// IR: accel.dispatch(%{{.*}}) -> (tensor<3x5xf32>)
// IR-NEXT: ^bb0(%{{.*}}: tensor<3x5xf32>):
// IR-NEXT: arith.constant 0.000000e+00 : f32
// IR-NEXT: linalg.fill {{.*}}accel.kernel_config = #accel.generic_config<block_size = 256>
// IR: arith.constant 3.700000e+01 : f32
// IR-NEXT: linalg.generic
// IR-LABEL: func.func @sum_of_transpose
// IR-NOT: accel.dispatch
// IR: linalg.transpose
// IR: accel.dispatch
