// RUN: not accel-run %s --entry=f 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// RUN: not accel-run %s --entry=f --input=3x5 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not accel-run %s --entry=nope 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not accel-run %s --entry=f --input=3x4xi8 2>&1 | FileCheck %s --check-prefix=DTYPE
// RUN: not accel-run %s --entry=f --input=@%t.missing.npy 2>&1 | FileCheck %s --check-prefix=FILE
// RUN: not accel-run %s --entry=f --input=3x4 --input=2 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not accel-run %s 2>&1 | FileCheck %s --check-prefix=CHOOSE
// RUN: not accel-run %s --entry=f --input=1000000000000x4 2>&1 | FileCheck %s --check-prefix=MEMORY
// RUN: not accel-run %s --entry=f --input=4611686018427387904x4 2>&1 | FileCheck %s --check-prefix=OVERFLOW

// DYNAMIC: accel-run: argument #0 has a dynamic shape; give its shape with --input (e.g. --input=16x64)
// SHAPE: accel-run: input #0 is tensor<3x5xf32>, but the argument is tensor<?x4xf32>
// ENTRY: accel-run: no function '@nope' with a body in the module
// DTYPE: accel-run: --input='3x4xi8' names element type i8, argument #0 is f32
// FILE: accel-run: cannot read '{{.+}}.missing.npy'
// COUNT: accel-run: 2 --input given, @f takes 1 arguments
// CHOOSE: accel-run: the module has 2 functions; choose one with --entry
// MEMORY: accel-run: input #0 (tensor<1000000000000x4xf32>) needs more than half of this machine's {{[0-9]+}} MiB of memory
// OVERFLOW: accel-run: input #0 (tensor<4611686018427387904x4xf32>) needs more than half

func.func @f(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}

func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
