// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.gather_rows: out[e] = x[idx[e]], with repeated indices, i32 and i64
// ids, integer and float rows, dynamic sizes and zero edges.

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefI64(tensor<*xi64>)

func.func @main() {
  %x = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>

  // Repeated indices (2 twice), i32 ids; row 1 comes last.
  %i = arith.constant dense<[2, 0, 2, 1]> : tensor<4xi32>
  %g = accel.gather_rows %x, %i : (tensor<3x2xf32>, tensor<4xi32>) -> tensor<4x2xf32>
  %gu = tensor.cast %g : tensor<4x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [4, 2]
  // CHECK-NEXT: {{\[}}[5,   6],
  // CHECK-NEXT: [1,   2],
  // CHECK-NEXT: [5,   6],
  // CHECK-NEXT: [3,   4]]
  call @printMemrefF32(%gu) : (tensor<*xf32>) -> ()

  // Integer rows, i64 ids, every id the same.
  %xi = arith.constant dense<[[10, 20, 30], [40, 50, 60]]> : tensor<2x3xi32>
  %ii = arith.constant dense<[1, 1, 0]> : tensor<3xi64>
  %gi = accel.gather_rows %xi, %ii : (tensor<2x3xi32>, tensor<3xi64>) -> tensor<3x3xi32>
  %giu = tensor.cast %gi : tensor<3x3xi32> to tensor<*xi32>
  // CHECK: rank = 2 offset = 0 sizes = [3, 3]
  // CHECK-NEXT: {{\[}}[40,   50,   60],
  // CHECK-NEXT: [40,   50,   60],
  // CHECK-NEXT: [10,   20,   30]]
  call @printMemrefI32(%giu) : (tensor<*xi32>) -> ()

  // Dynamic N, D and E; i64 rows, i32 ids; x has one row.
  %xl = arith.constant dense<[[-7, 8000000000]]> : tensor<1x2xi64>
  %xd = tensor.cast %xl : tensor<1x2xi64> to tensor<?x?xi64>
  %il = arith.constant dense<[0, 0]> : tensor<2xi32>
  %id = tensor.cast %il : tensor<2xi32> to tensor<?xi32>
  %gd = accel.gather_rows %xd, %id : (tensor<?x?xi64>, tensor<?xi32>) -> tensor<?x?xi64>
  %gdu = tensor.cast %gd : tensor<?x?xi64> to tensor<*xi64>
  // CHECK: rank = 2 offset = 0 sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[-7,   8000000000],
  // CHECK-NEXT: [-7,   8000000000]]
  call @printMemrefI64(%gdu) : (tensor<*xi64>) -> ()

  // Zero edges: an empty [0, D] result.
  %i0 = arith.constant dense<> : tensor<0xi64>
  %g0 = accel.gather_rows %x, %i0 : (tensor<3x2xf32>, tensor<0xi64>) -> tensor<0x2xf32>
  %g0u = tensor.cast %g0 : tensor<0x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [0, 2]
  call @printMemrefF32(%g0u) : (tensor<*xf32>) -> ()
  return
}
