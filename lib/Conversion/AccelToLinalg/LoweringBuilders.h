//===- LoweringBuilders.h - builders shared by accel's lowerings -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Small IR builders every op family's lowering needs: sizes of tensors,
// empty and filled result tensors, scalar conversions inside linalg bodies.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CONVERSION_ACCELTOLINALG_LOWERINGBUILDERS_H
#define ACCEL_LIB_CONVERSION_ACCELTOLINALG_LOWERINGBUILDERS_H

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace accel::lowering {

/// Size `dim` of a ranked tensor: an index attribute when static (in its
/// type, or through the tensor.cast that defines it), else a tensor.dim.
mlir::OpFoldResult getDim(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value tensor, int64_t dim);
/// All sizes of a ranked tensor.
llvm::SmallVector<mlir::OpFoldResult> getDims(mlir::OpBuilder &b,
                                              mlir::Location loc,
                                              mlir::Value tensor);
/// A size as an index value (materializing constants).
mlir::Value getDimValue(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::Value tensor, int64_t dim);

/// tensor.empty with the given sizes.
mlir::Value createEmpty(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<mlir::OpFoldResult> sizes,
                        mlir::Type elementType);
/// tensor.empty filled with `value` (converted to `elementType`).
mlir::Value createFilled(mlir::OpBuilder &b, mlir::Location loc,
                         llvm::ArrayRef<mlir::OpFoldResult> sizes,
                         mlir::Type elementType, double value);

/// Converts a scalar between the element types accel uses: float <-> float
/// (ext/trunc; fp8 through Float8Emulation.h), signless int -> float
/// (sitofp), float -> int (fptosi), int <-> int (sign-extend/truncate),
/// index <-> int.
mlir::Value convertScalar(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value value, mlir::Type to);

/// An f32 scalar constant.
mlir::Value constantF32(mlir::OpBuilder &b, mlir::Location loc, double value);

/// `acc + lhs * rhs` with both factors converted to f32 first: the body of
/// every floating contraction of the reference (f32 accumulation, contract
/// general rules), in one place.
mlir::Value multiplyAccumulateF32(mlir::OpBuilder &b, mlir::Location loc,
                                  mlir::Value lhs, mlir::Value rhs,
                                  mlir::Value acc);

/// `source` converted elementwise into `dest` (same shape): the single
/// rounding of an f32 accumulator to a result element type.
mlir::Value roundInto(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Value source, mlir::Value dest);
/// `source` rounded once to `elementType` into a new tensor; `source`
/// itself when the element types already agree.
mlir::Value roundTensorTo(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value source, mlir::Type elementType);

/// `value` with type `type`, inserting a tensor.cast when the static
/// information differs (the op's declared result may be more static than
/// what the lowering built, or less).
mlir::Value castToType(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value value, mlir::Type type);

/// `operand` with each dim in `stretch` (operand dim, size) enlarged to the
/// given size when it is 1 at run time: element [.., i, ..] reads
/// [.., dim == 1 ? 0 : i, ..]. numpy broadcasting of a dynamic dim that may
/// be 1 (matmul's batch dims, attention's bias), as a copy, so that the op
/// itself keeps plain indexing maps. The caller checks that each such dim is
/// 1 or the size.
mlir::Value broadcastAtRunTime(
    mlir::OpBuilder &b, mlir::Location loc, mlir::Value operand,
    llvm::ArrayRef<std::pair<int64_t, mlir::OpFoldResult>> stretch);

/// `count` parallel iterators followed by `reductions` reduction ones.
llvm::SmallVector<mlir::utils::IteratorType>
iterators(unsigned parallel, unsigned reductions = 0);

} // namespace accel::lowering

#endif // ACCEL_LIB_CONVERSION_ACCELTOLINALG_LOWERINGBUILDERS_H
