// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.attention without masks: the default scale 1/sqrt(D), an explicit
// scale, Dv != D, with and without lse. Expected values computed with a
// plain-python softmax (f32 rounding emulated).

func.func private @printMemrefF32(tensor<*xf32>)

// B=1, H=1, Sq=2, Sk=3, D=Dv=2, scale = 1/sqrt(2), with lse.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [2.44878, 3.44878]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [1.62062, 0.962936]
func.func @default_scale() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %o, %l = accel.attention %q, %k, %v
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// scale = 2.0 and Dv = 3, no lse.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 3]
// CHECK-NEXT: [0.595068, 0.0316895, 1.40493]
// CHECK-NEXT: [0.927815, 0.021005, -0.387014]
func.func @explicit_scale() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 0.0, -1.0], [2.0, 0.5, 0.0], [0.0, 0.0, 4.0]]]]> : tensor<1x1x3x3xf32>
  %o = accel.attention %q, %k, %v {scale = 2.0 : f32}
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x3xf32>) -> (tensor<1x1x2x3xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x3xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  return
}

// Sk = 1: every query copies the only value row; lse = s.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [7, -3]
// CHECK-NEXT: [7, -3]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [1.5, -0.25]
func.func @single_key() {
  %q = arith.constant dense<[[[[1.0, 2.0], [-1.0, 0.5]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[0.5, 0.5]]]]> : tensor<1x1x1x2xf32>
  %v = arith.constant dense<[[[[7.0, -3.0]]]]> : tensor<1x1x1x2xf32>
  %o, %l = accel.attention %q, %k, %v {scale = 1.0 : f32}
      : (tensor<1x1x2x2xf32>, tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @default_scale() : () -> ()
  call @explicit_scale() : () -> ()
  call @single_key() : () -> ()
  return
}
