//===- HostProgram.h - CUDA entry points as EmitC ---------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_CODEGEN_HOSTPROGRAM_H
#define ACCEL_LIB_CODEGEN_HOSTPROGRAM_H

#include "accel/Codegen/KernelFamily.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace accel::codegen {

/// One launch of a template instance, in program order.
struct KernelInstance {
  /// The func.func it is launched from.
  std::string funcName;
  mlir::Operation *root;
  /// Null for the host program's own (glue) kernels.
  KernelConfigAttrInterface config;
  const KernelFamily *family;
  std::string name;
};

/// Builds, for every func.func of a prepared `module`, the host entry point
/// `accel_<name>` as an emitc.func in a new module, with the checks on
/// static sizes folded away and arith/scf lowered to EmitC, ready for
/// emitc::translateToCpp. `kernels` receives the launches in order. What
/// the host code cannot express is a diagnostic on its op.
mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
buildHostProgram(mlir::ModuleOp module, CudaTargetAttr target,
                 const KernelRegistry &registry,
                 llvm::SmallVectorImpl<KernelInstance> &kernels);

} // namespace accel::codegen

#endif // ACCEL_LIB_CODEGEN_HOSTPROGRAM_H
