// accel-quantize{hadamard=true}: Quamba's rotation, y = (x H)(H^T W).
// RUN: accel-opt %s "--accel-quantize=mode=w8a8 hadamard=true" | FileCheck %s
// RUN: accel-opt %s "--accel-quantize=mode=w8a8 hadamard=true remarks=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// An activation with an outlier channel (+-40 among values in [-1, 1]):
// per-token INT8 scales are set by the outlier, so the other channels lose
// their bits; rotated, the outlier spreads over all 64 channels. The same
// layer on the same input, against the float result: within 0.4 with the
// rotation, not without it (its worst error is about 0.8, the rotated one
// about 0.3).
// RUN: %numpy_python -c "import numpy as np; r = np.random.default_rng(11); r.uniform(-1, 1, (64, 4)); x = r.uniform(-1, 1, (4, 64)).astype(np.float32); x[:, 5] = np.where(x[:, 5] >= 0, 40.0, -40.0); np.save('%t.x.npy', x)"
// RUN: accel-run %s --entry=layer --input=@%t.x.npy --pipeline="accel-quantize{mode=w8a8 hadamard=true}" --compare-pipeline=none --rtol=0 --atol=0.4 | FileCheck %s --check-prefix=ROTATED
// RUN: not accel-run %s --entry=layer --input=@%t.x.npy --pipeline="accel-quantize{mode=w8a8}" --compare-pipeline=none --rtol=0 --atol=0.4 | FileCheck %s --check-prefix=PLAIN
// ROTATED: compare: result #0 ok
// PLAIN: compare: result #0 FAILED
// A K that is not a power of two is not rotated (and says so).
// RUN: accel-opt %s "--accel-quantize=mode=w8a8 hadamard=true remarks=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ODD

// CHECK-LABEL: func.func @layer
// CHECK: %[[H:.*]] = arith.constant dense<{{.*}}> : tensor<64x64xf32>
// CHECK: %[[XH:.*]] = accel.matmul %arg0, %[[H]] : (tensor<4x64xf32>, tensor<64x64xf32>) -> tensor<4x64xf32>
// CHECK: accel.quantize %[[XH]] {axis = 0 : i64, dtype = i8, granularity = "channel"}
// CHECK: accel.quantized_matmul
// REMARK: remark: quantized (w8a8): weight 'i8' per output channel, activations per token at run time; both Hadamard-rotated along K

func.func @layer(%x: tensor<4x64xf32>) -> tensor<4x4xf32> {
  %w = arith.constant dense<[[-0.743, -0.001, 0.203, -0.943], [-0.704, 0.856, -0.859, -0.740], [0.897, 0.244, -0.262, 0.023], [0.326, -0.449, -0.724, 0.576], [0.341, 0.025, 0.633, 0.098], [0.962, -0.591, 0.107, -0.033], [-0.293, 0.183, -0.529, 0.604], [0.735, -0.742, -0.066, -0.446], [-0.834, 0.792, -0.140, -0.705], [0.347, -0.596, 0.803, -0.566], [-0.934, -0.598, -0.309, -0.062], [0.812, 0.395, -0.321, -0.966], [-0.680, 0.993, -0.081, 0.382], [-0.891, -0.932, 0.692, 0.176], [-0.383, -0.365, -0.822, -0.655], [-0.951, 0.678, -0.067, -0.746], [0.478, -0.609, -0.876, 0.197], [0.792, -0.946, 0.610, -0.620], [-0.814, -0.964, -0.414, 0.454], [-0.014, 0.706, -0.566, -0.370], [-0.484, 0.957, 0.882, -0.319], [-0.128, -0.371, 0.493, -0.920], [-0.865, -0.192, -0.510, 0.690], [0.484, 0.092, 0.323, 0.385], [0.562, 0.855, -0.701, 0.252], [-0.713, -0.114, 0.573, 0.789], [0.518, -0.929, -0.281, -0.674], [0.998, -0.712, -0.511, -0.286], [-0.878, 0.741, 0.273, -0.681], [-0.003, -0.843, 0.222, -0.537], [-0.923, -0.770, 0.111, 0.274], [-0.350, 0.287, -0.296, -0.739], [-0.370, -0.209, 0.825, -0.769], [-0.828, 0.123, 0.927, 0.815], [0.400, -0.866, 0.613, 0.367], [-0.712, -0.070, -0.901, 0.604], [0.437, 0.609, 0.521, -0.465], [0.579, -0.502, -0.724, -0.219], [-0.004, -0.428, 0.212, 0.205], [-0.520, 0.245, -0.285, 0.469], [-0.419, 0.598, -0.170, 0.106], [0.347, 0.037, -0.485, 0.959], [-0.808, -0.350, 0.098, -0.943], [-0.690, 0.599, 0.568, 0.274], [0.804, 0.511, -0.402, 0.290], [-0.320, 0.500, -0.230, -0.694], [0.753, 0.381, 0.489, 0.119], [0.566, -0.104, 0.132, -0.875], [0.110, 0.629, 0.411, 0.606], [-0.008, 0.763, -0.783, 0.751], [-0.257, -0.818, 0.239, -0.090], [-0.143, 0.704, -0.724, 0.234], [-0.172, 0.057, -0.001, -0.732], [0.024, 0.724, -0.658, -0.977], [-0.865, -0.080, 0.949, -0.912], [0.982, 0.072, -0.760, -0.163], [-0.585, 0.428, 0.083, -0.424], [-0.489, 0.734, 0.532, -0.128], [-0.189, 0.475, 0.941, -0.841], [-0.682, -0.275, 0.015, -0.857], [-0.893, -0.561, -0.228, 0.479], [0.220, -0.942, -0.910, -0.096], [0.750, 0.830, -0.270, 0.775], [0.858, -0.187, 0.492, -0.269]]> : tensor<64x4xf32>
  %y = accel.matmul %x, %w : (tensor<4x64xf32>, tensor<64x4xf32>) -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}

// CHECK-LABEL: func.func @odd_k
// CHECK-NOT: tensor<6x6xf32>
// ODD: remark: not rotated: K = 6 is not a power of two up to 4096
func.func @odd_k(%x: tensor<2x6xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[0.5, -0.25], [0.75, 0.5], [-0.5, 1.0], [0.25, 0.5], [-0.75, 0.25], [1.0, -1.0]]> : tensor<6x2xf32>
  %y = accel.matmul %x, %w : (tensor<2x6xf32>, tensor<6x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}
