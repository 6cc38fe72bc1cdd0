// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// The CPU reference pipeline runs upstream IR as well: a 2x2 matmul.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %a = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %e = tensor.empty() : tensor<2x2xf32>
  %z = arith.constant 0.0 : f32
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %m = linalg.matmul ins(%a, %a : tensor<2x2xf32>, tensor<2x2xf32>)
                     outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  %u = tensor.cast %m : tensor<2x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[7,   10],
  // CHECK-NEXT: [15,   22]]
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
