// A Fortran-ordered .npy (what numpy writes for a transposed array) reads
// as the array it holds: fortran-2x3.npy is arange(6).reshape(3, 2).T,
// i.e. [[0, 2, 4], [1, 3, 5]].
// RUN: accel-run %s --entry=identity --input=@%S/Inputs/fortran-2x3.npy | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: result #0: tensor<2x3xf32>
// FORTRAN-NEXT: [0.000000e+00, 2.000000e+00, 4.000000e+00, 1.000000e+00, 3.000000e+00, 5.000000e+00]
//
// --keep-declared-types runs the code for the declared dynamic shapes, with
// the same results as the (default) specialization to the inputs' shapes.
// RUN: accel-run %s --entry=matmul --input=3x5 --input=5x2 --seed=3 --output=@%t.static.npy
// RUN: accel-run %s --entry=matmul --input=3x5 --input=5x2 --seed=3 --keep-declared-types \
// RUN:   --output=@%t.dynamic.npy | FileCheck %s --check-prefix=DYNAMIC
// RUN: cmp %t.static.npy %t.dynamic.npy
// DYNAMIC: result #0: tensor<3x2xf32>
//
// More --output than results is an error, as more --input than arguments is.
// RUN: not accel-run %s --entry=identity --input=2x3 --output=- --output=@%t.x.npy 2>&1 \
// RUN:   | FileCheck %s --check-prefix=OUTPUTS
// OUTPUTS: accel-run: 2 --output given, @identity returns 1 results

func.func @identity(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  return %x : tensor<?x?xf32>
}

func.func @matmul(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %y = accel.matmul %a, %b : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
