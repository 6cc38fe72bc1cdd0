// Static activation scales from calibration: accel-run --calibrate records
// each accel.matmul's activation range over sample runs (merging runs by
// maximum), and accel-quantize{calibration=FILE} turns the range into a
// per-tensor scale.
// RUN: rm -f %t.json
// RUN: accel-run %s --entry=layer --input=random --calibrate=%t.json | FileCheck %s --check-prefix=CALIBRATE
// RUN: accel-run %s --entry=layer --input=random --seed=2 --calibrate=%t.json | FileCheck %s --check-prefix=CALIBRATE
// RUN: FileCheck %s --check-prefix=FILE < %t.json
// RUN: accel-opt %s "--accel-quantize=mode=w8a8 calibration=%t.json" | FileCheck %s
// RUN: accel-opt %s "--accel-quantize=mode=fp8 calibration=%t.json remarks=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// On a calibration sample the calibrated program stays within INT8's error
// of the float one: its worst output error is 3.4e-3 (outputs ~0.05-1); the
// bound leaves 3x. (On inputs whose activations leave the calibrated
// range, the static scale saturates: that is what static scales do.)
// RUN: accel-run %s --entry=layer --input=random --seed=1 --pipeline="accel-quantize{mode=w8a8 calibration=%t.json}" --compare-pipeline=none --rtol=0 --atol=0.01 | FileCheck %s --check-prefix=CLOSE
// Bad calibration files are errors that name the file.
// RUN: not accel-opt %s "--accel-quantize=calibration=%t.missing.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: echo '{"accel-calibration": 2, "activations": []}' > %t.v2.json
// RUN: not accel-opt %s "--accel-quantize=calibration=%t.v2.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=VERSION
// RUN: echo '{"accel-calibration": 1, "activations": [{"location": "x.mlir:1:1", "absmax": -1}]}' > %t.negative.json
// RUN: not accel-opt %s "--accel-quantize=calibration=%t.negative.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: echo '{"accel-calibration": 1, "activations": [{"location": "x.mlir:1:1", "absmax": 1e300}]}' > %t.huge.json
// RUN: not accel-opt %s "--accel-quantize=calibration=%t.huge.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: echo '{"accel-calibration": 1, "activations": [' > %t.broken.json
// RUN: not accel-opt %s "--accel-quantize=calibration=%t.broken.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BROKEN

// CALIBRATE: calibrate: layer 0: {{.*}}quantize-calibration.mlir:{{[0-9]+}}:8 activation absmax
// CALIBRATE: calibrate: layer 1: {{.*}}quantize-calibration.mlir:{{[0-9]+}}:8 activation absmax
// CALIBRATE: calibrate: @layer, 2 of 2 accel.matmul recorded in
// FILE: "accel-calibration": 1,
// FILE: "absmax": {{0\.9[0-9]*}},
// FILE-NEXT: "location": "{{.*}}quantize-calibration.mlir:{{[0-9]+}}:8"
// FILE: "absmax":
// FILE-NEXT: "location": "{{.*}}quantize-calibration.mlir:{{[0-9]+}}:8"
// A static scale: an accel.quantize with a scale operand, per tensor.
// CHECK-LABEL: func.func @layer
// CHECK: %[[S:.*]] = arith.constant dense<{{.*}}> : tensor<f32>
// CHECK: %[[Q:.*]], %[[QS:.*]] = accel.quantize %arg0, %[[S]] {dtype = i8} : (tensor<4x8xf32>, tensor<f32>) -> (tensor<4x8xi8>, tensor<f32>)
// CHECK: accel.quantized_matmul %[[Q]], %[[QS]], {{.*}} : (tensor<4x8xi8>, tensor<f32>, tensor<8x3xi8>, tensor<3xf32>) -> tensor<4x3xf32>
// CHECK: accel.quantize {{.*}}, %{{.*}} {dtype = i8} : (tensor<4x3xf32>, tensor<f32>)
// REMARK: remark: quantized (fp8): weight 'f8E4M3FN' per output channel, activations per tensor with the calibrated scale
// REMARK: remark: quantized (fp8): weight 'f8E4M3FN' per output channel, activations per tensor with the calibrated scale
// CLOSE: compare: result #0 ok
// MISSING: error: accel-quantize: calibration file '{{.*}}missing.json': {{[Nn]}}o such file or directory
// VERSION: error: accel-quantize: calibration file '{{.*}}v2.json': not an accel calibration file of version 1
// NEGATIVE: error: accel-quantize: calibration file '{{.*}}negative.json': activation 0 (x.mlir:1:1) has absmax -1.000000e+00; it must be non-negative and finite in f32
// BROKEN: error: accel-quantize: calibration file '{{.*}}broken.json':
// HUGE: activation 0 (x.mlir:1:1) has absmax 1.000000e+300; it must be non-negative and finite in f32
// A rotated activation (hadamard) is not the calibrated one: dynamic scales.
// RUN: accel-opt %s "--accel-quantize=mode=w8a8 hadamard=true calibration=%t.json remarks=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ROTATED
// ROTATED: activations per token at run time (a calibration does not apply to rotated activations); both Hadamard-rotated along K
// NaN activations cannot be calibrated; neither can a body of several blocks.
// RUN: %numpy_python -c "import numpy as np; x = np.ones((4, 8), np.float32); x[1, 2] = np.nan; np.save('%t.nan.npy', x)"
// RUN: not accel-run %s --entry=layer --input=@%t.nan.npy --calibrate=%t.nan.json 2>&1 | FileCheck %s --check-prefix=NAN
// NAN: calibrate: the activation of layer 0 ({{.*}}quantize-calibration.mlir:{{[0-9]+}}:8) is not finite on these inputs
// RUN: not accel-run %s --entry=blocks --input=random --input=random --calibrate=%t.blocks.json 2>&1 | FileCheck %s --check-prefix=BLOCKS
// BLOCKS: @blocks has more than one block
func.func @layer(%x: tensor<4x8xf32>) -> tensor<4x2xf32> {
  %w1 = arith.constant dense<[[0.3, -0.2, 0.5], [0.1, 0.4, -0.6], [-0.7, 0.2, 0.1], [0.5, -0.5, 0.3],
                              [0.2, 0.6, -0.1], [-0.3, 0.1, 0.4], [0.6, -0.4, 0.2], [-0.1, 0.3, -0.5]]> : tensor<8x3xf32>
  %w2 = arith.constant dense<[[0.5, -0.25], [0.75, 0.5], [-0.5, 1.0]]> : tensor<3x2xf32>
  %h = accel.matmul %x, %w1 : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
  %y = accel.matmul %h, %w2 : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

func.func @blocks(%x: tensor<2x4xf32>, %w: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %y = accel.matmul %x, %w : (tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<2x3xf32>
  cf.br ^bb1(%y : tensor<2x3xf32>)
^bb1(%r: tensor<2x3xf32>):
  return %r : tensor<2x3xf32>
}
