//===- AccelDialect.td - accel dialect definition ----------*- tablegen -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_TD
#define ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Accel_Dialect : Dialect {
  let name = "accel";
  let cppNamespace = "::accel";
  let summary = "High-level ML operations that accel compiles into GPU kernels";
  let description = [{
    The `accel` dialect holds the operations whose kernels need to see the
    whole computation: dense and batched matmul, FlashAttention-2 style
    attention (forward and backward, with S2-Attention head sharding),
    Monarch structured matrices, relational GNN building blocks (gather,
    typed and segment matmul, scatter, edge softmax) and quantization
    (W8A8, FP8, W4A16, W4A8). All ops work on builtin `tensor` values.
    The public contract is docs/spec/accel-ir.md.
  }];
  let useDefaultAttributePrinterParser = 1;
  // accel.target (modules) and accel.kernel_config (kernel-bearing ops).
  let hasOperationAttrVerify = 1;
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
  let extraClassDeclaration = [{
    /// Registers the attributes (AccelAttrs.cpp, where their storage is).
    void registerAttributes();

    /// The module attribute naming the CUDA target (#accel.cuda_target).
    static constexpr ::llvm::StringLiteral kTargetAttrName = "accel.target";
    /// The kernel-bearing op's kernel configuration (an attribute that
    /// implements KernelConfigAttrInterface).
    static constexpr ::llvm::StringLiteral kKernelConfigAttrName =
        "accel.kernel_config";
    /// Asks accel-monarch-project to project an accel.matmul's constant
    /// weight onto Monarch factors (contract section 7, v1.2):
    /// `{nblocks = N : i64}`.
    static constexpr ::llvm::StringLiteral kMonarchAttrName = "accel.monarch";
    /// Marks an accel.matmul whose weight is 2:4 semi-structured sparse
    /// along K (at most 2 nonzeros in every 4 consecutive K elements), as
    /// accel-sparsify's prune-2-4 leaves it: what the sparse tensor cores
    /// need. A unit attribute; verified on constant weights.
    static constexpr ::llvm::StringLiteral kSparse24AttrName =
        "accel.sparse_2_4";
    /// The target of the nearest enclosing module (or `op` itself) that
    /// carries accel.target; null when none does.
    static ::accel::CudaTargetAttr lookupTarget(::mlir::Operation *op);
  }];
}

/// Base class of every accel op.
class Accel_Op<string mnemonic, list<Trait> traits = []>
    : Op<Accel_Dialect, mnemonic, traits>;

/// Base class of every accel attribute.
class Accel_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Accel_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

#endif // ACCEL_DIALECT_ACCEL_IR_ACCELDIALECT_TD
