//===- HostBuilder.h - the host side of CUDA entry points as IR -*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The host code of a CUDA entry point is IR, not text (docs/codegen.md,
// "Host code from IR"): sizes are i64 SSA values (constants for static
// dims, entry-point parameters for dynamic ones), shape checks are
// `arith.cmpi` + `scf.if`, and what touches CUDA (params structs,
// allocations, launches) is EmitC. Canonicalization folds every check on
// static sizes away before arith and scf become EmitC and upstream's C++
// emitter prints the function. Kernel families build their launches with a
// HostBuilder; the helpers they call are the generated file's host support
// (accel_host::Entry and friends, in CudaEmitter.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_CODEGEN_HOSTBUILDER_H
#define ACCEL_CODEGEN_HOSTBUILDER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <string>

namespace accel::codegen {

/// A tensor on the device as the host code sees it: a pointer (an EmitC
/// `const void *` or `void *` value) and one i64 size value per dim, and,
/// for a view (a slice, a transpose), one i64 element stride per dim.
struct TensorBinding {
  mlir::Value pointer;
  llvm::SmallVector<mlir::Value> sizes;
  mlir::RankedTensorType type;
  /// Empty: dense row-major (the strides follow from the sizes).
  llvm::SmallVector<mlir::Value> strides;
  /// Bytes from the start of the buffer the view is of (null: none).
  mlir::Value offsetBytes;

  bool isContiguous() const { return strides.empty(); }
};

/// Builds the statements of one entry point at the builder's insertion
/// point. Every failure it emits code for is sticky and first-wins: a
/// failed check or CUDA call records "<file>:<line>:<col>: '<op>' op ..."
/// in the entry's status, and every later allocation, copy and launch of
/// the call is skipped.
class HostBuilder {
public:
  /// `entry` is the call's accel_host::Entry, `stream` its cudaStream_t.
  HostBuilder(mlir::OpBuilder &builder, mlir::Location loc, mlir::Value entry,
              mlir::Value stream);

  mlir::OpBuilder &getBuilder() { return builder; }
  mlir::MLIRContext *getContext() { return builder.getContext(); }

  // ---- sizes (i64; arith, so that static ones fold) ----
  mlir::Value constant(int64_t value);
  mlir::Value add(mlir::Value lhs, mlir::Value rhs);
  mlir::Value mul(mlir::Value lhs, mlir::Value rhs);
  mlir::Value rem(mlir::Value lhs, mlir::Value rhs);
  /// Signed division (truncating; the operands are sizes, never negative).
  mlir::Value div(mlir::Value lhs, mlir::Value rhs);
  /// The product of `values` (1 for none).
  mlir::Value product(llvm::ArrayRef<mlir::Value> values);
  mlir::Value cmp(mlir::arith::CmpIPredicate predicate, mlir::Value lhs,
                  mlir::Value rhs);
  mlir::Value cmp(mlir::arith::CmpIPredicate predicate, mlir::Value lhs,
                  int64_t rhs);
  mlir::Value anyOf(llvm::ArrayRef<mlir::Value> conditions);
  mlir::Value allOf(llvm::ArrayRef<mlir::Value> conditions);
  mlir::Value select(mlir::Value condition, mlir::Value ifTrue,
                     mlir::Value ifFalse);
  /// The element strides of `t`: its own, or the dense row-major ones.
  llvm::SmallVector<mlir::Value> getStrides(const TensorBinding &t);

  // ---- run-time checks: one mechanism, one message format ----
  /// When `failed` holds at run time, records "'<op>' op expects <what>"
  /// (printf text with one `%lld` per entry of `values`) with
  /// cudaErrorInvalidValue. Nothing remains when `failed` folds to false.
  void check(mlir::Operation *op, mlir::Value failed, const llvm::Twine &what,
             mlir::ValueRange values = {});
  /// check() that `lhs` == `rhs`: "expects <what> to agree, got %lld and
  /// %lld".
  void checkEqual(mlir::Operation *op, mlir::Value lhs, mlir::Value rhs,
                  const llvm::Twine &what);

  // ---- device memory ----
  /// A stream-ordered temporary of `bytes` the entry frees on return (null
  /// when empty); a failure records "'<op>' op <doing>: <CUDA error>".
  mlir::Value allocate(mlir::Operation *op, mlir::Value bytes,
                       const llvm::Twine &doing);
  /// The device copy of the program's constant `symbol` (a static host
  /// array of `count` elements of `elementBytes`, or of one element that
  /// `splat` repeats `count` times), uploaded at its first use on each
  /// device and kept for the process; a failure records "'<op>' op could
  /// not upload its constant: <CUDA error>".
  mlir::Value residentConstant(mlir::Operation *op, llvm::StringRef symbol,
                               int64_t elementBytes, int64_t count,
                               bool splat);
  /// A stream-ordered device-to-device copy of `bytes`.
  void copy(mlir::Operation *op, mlir::Value destination, mlir::Value source,
            mlir::Value bytes, const llvm::Twine &doing);

  // ---- kernel params and launches ----
  /// A value-initialized local of C++ type `cppType`.
  mlir::Value makeStruct(llvm::StringRef cppType);
  /// `object.field = value;`
  void setField(mlir::Value object, llvm::StringRef field, mlir::Value value);
  /// `object.field[index] = value;`
  void setField(mlir::Value object, llvm::StringRef field, int64_t index,
                mlir::Value value);
  mlir::Value f32(float value);
  mlir::Value boolean(bool value);
  mlir::Value nullPointer();
  /// `pointer` advanced by `bytes` (of the same pointer type).
  mlir::Value advance(mlir::Value pointer, mlir::Value bytes);
  /// `(<cppPointee> *) pointer` ("float", "const float", ...).
  mlir::Value castPointer(mlir::Value pointer, llvm::StringRef cppPointee);
  /// Calls `launcher(params, stream)` (a C++ function returning
  /// cudaError_t) unless the call already failed; a failure records
  /// "'<op>' op failed to launch its kernels: <CUDA error>".
  void launch(mlir::Operation *op, llvm::StringRef launcher,
              mlir::Value params);

private:
  /// The C string literal `"<escapedText>"`.
  mlir::Value stringLiteral(const llvm::Twine &escapedText);
  /// The literal "<location>: '<op>' op <doing>" (plain text, not a
  /// format).
  mlir::Value messageLiteral(mlir::Operation *op, const llvm::Twine &doing);
  void callHelper(llvm::StringRef callee, mlir::ValueRange operands);

  mlir::OpBuilder &builder;
  mlir::Location loc;
  mlir::Value entry, stream;
};

/// EmitC types of the host code.
mlir::Type getOpaqueType(mlir::MLIRContext *context, llvm::StringRef cppType);
/// `const void *` (`isConst`) or `void *`.
mlir::Type getVoidPointerType(mlir::MLIRContext *context, bool isConst);

/// `s` as a C string literal body (quotes, backslashes and control
/// characters escaped; `%` doubled when `forPrintf`).
std::string escapeCString(llvm::StringRef s, bool forPrintf);

/// "<file>:<line>:<col>: '<op>' op " for `op`'s location (the first file
/// location inside fused, named or call-site locations; "<unknown>:0:0"
/// without one).
std::string getRunTimeMessagePrefix(mlir::Operation *op);

} // namespace accel::codegen

#endif // ACCEL_CODEGEN_HOSTBUILDER_H
