//===- HostProgram.cpp - CUDA entry points as EmitC -----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// A func.func becomes `extern "C" cudaError_t accel_<name>(...)`: device
// pointers of its tensor arguments, then of its results, then the run-time
// size of every dynamic argument dim, then the stream. Its body is built as
// IR (HostBuilder): each accel.dispatch becomes the launch its op's
// `accel.kernel_config` names, with the family's checks on the run-time
// sizes; values passed between kernels live in stream-ordered temporaries
// the call's accel_host::Entry frees; tensor.cast, tensor.expand_shape,
// tensor.collapse_shape, tensor.extract_slice and linalg.transpose (or a
// linalg.generic that only permutes) are views (a pointer, sizes and
// strides), a view a kernel cannot read as it
// is gets a dense copy (the glue copy kernel), and a returned value that
// is not already in its result buffer is copied there. Index arithmetic on
// sizes (tensor.dim, constants, add, sub, mul, div, rem) is host
// arithmetic. Canonicalization then folds every check on
// static sizes away, and arith and scf become EmitC. Anything else (control
// flow, ops without a kernel) is a located error, never a silent no-op.
//
//===----------------------------------------------------------------------===//

#include "HostProgram.h"
#include "CodegenSupport.h"
#include "Glue/GlueKernels.h"

#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/LinalgViews.h"

#include "mlir/Conversion/ArithToEmitC/ArithToEmitCPass.h"
#include "mlir/Conversion/SCFToEmitC/SCFToEmitC.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/EmitC/IR/EmitC.h"
#include "mlir/Dialect/EmitC/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/Format.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

namespace {
using Pred = arith::CmpIPredicate;

/// The value a view op that keeps the row-major order of its elements
/// reads (its source tensor), or null.
Value getReshapeSource(Operation *op) {
  if (auto cast = dyn_cast<tensor::CastOp>(op))
    return cast.getSource();
  if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op))
    return expand.getSrc();
  if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op))
    return collapse.getSrc();
  return nullptr;
}

/// The value a view op reads: a reshape, a slice or a transpose (the last
/// two make strided views), or null.
Value getViewSource(Operation *op) {
  if (Value source = getReshapeSource(op))
    return source;
  if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op))
    return slice.getSource();
  if (getTransposePermutation(op))
    return cast<DestinationStyleOpInterface>(op).getDpsInputs()[0];
  return nullptr;
}

/// The value whose buffer `value` is, in the same element order (through
/// reshapes).
Value getStorageRoot(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    Value source = getReshapeSource(def);
    if (!source)
      break;
    value = source;
  }
  return value;
}

std::optional<int64_t> getConstant(Value value) {
  if (!value)
    return std::nullopt;
  if (auto constant = value.getDefiningOp<arith::ConstantOp>())
    if (auto attr = dyn_cast<IntegerAttr>(constant.getValue()))
      return attr.getInt();
  return std::nullopt;
}

/// Whether `t` can be read in `layout` as it is. Strides and offsets of
/// static views are constants (HostBuilder folds them); a view whose
/// layout is not known to fit is copied.
bool fitsLayout(const TensorBinding &t, OperandLayout layout) {
  if (t.isContiguous() || layout == OperandLayout::Strided)
    return true;
  if (layout == OperandLayout::Contiguous)
    return false;
  if (getConstant(t.strides.back()) != 1)
    return false;
  if (layout == OperandLayout::InnerContiguous)
    return true;
  // AlignedRows: buffers are 16-byte aligned (cudaMalloc, and what the
  // entry point asks of its arguments); the view's offset and row strides
  // must keep every row so.
  int64_t bytes = getElementBytes(t.type.getElementType());
  std::optional<int64_t> offset =
      t.offsetBytes ? getConstant(t.offsetBytes) : std::optional<int64_t>(0);
  if (!offset || *offset % 16 != 0)
    return false;
  for (Value stride : ArrayRef(t.strides).drop_back()) {
    std::optional<int64_t> value = getConstant(stride);
    if (!value || (*value * bytes) % 16 != 0)
      return false;
  }
  return true;
}

/// Builds one entry point.
class EntryPointBuilder {
public:
  EntryPointBuilder(func::FuncOp func, CudaTargetAttr target,
                    const KernelRegistry &registry,
                    SmallVectorImpl<KernelInstance> &kernels)
      : func(func), target(target), registry(registry), kernels(kernels) {}

  LogicalResult build(OpBuilder &moduleBuilder);

private:
  LogicalResult checkSingleBlockBody();
  LogicalResult buildDispatch(DispatchOp dispatch, HostBuilder &host);
  LogicalResult buildView(Operation *op, HostBuilder &host);
  LogicalResult buildStridedView(Operation *op, HostBuilder &host);
  LogicalResult buildEmpty(tensor::EmptyOp empty, HostBuilder &host);
  /// A dense copy of view `t` (a glue kernel) for `op`.
  FailureOr<TensorBinding> materialize(Operation *op, const TensorBinding &t,
                                       HostBuilder &host);
  /// Launches the copy of view `t` into `destination`.
  LogicalResult buildCopy(Operation *op, const TensorBinding &t,
                          Value destination, HostBuilder &host);
  LogicalResult buildSizeOp(Operation *op, HostBuilder &host);
  /// A dense tensor constant: a static array of the generated program,
  /// made resident on the device at its first use.
  LogicalResult buildTensorConstant(arith::ConstantOp constant,
                                    HostBuilder &host);
  FailureOr<Value> lookupSize(Operation *user, Value index);
  /// A static size as a constant, a dynamic one through lookupSize.
  FailureOr<Value> resolveSize(Operation *user, OpFoldResult size,
                               HostBuilder &host);

  func::FuncOp func;
  CudaTargetAttr target;
  const KernelRegistry &registry;
  SmallVectorImpl<KernelInstance> &kernels;
  llvm::DenseMap<Value, TensorBinding> bindings;
  /// Host i64 values of the function's index values.
  llvm::DenseMap<Value, Value> sizes;
  /// The result buffer a tensor is built in directly (kernel results whose
  /// views, or themselves, are returned).
  llvm::DenseMap<Value, Value> resultBuffers;
  /// The entry point being built (the constants' arrays go before it) and
  /// the number of constants it has.
  emitc::FuncOp entryFunc;
  int numConstants = 0;
};
} // namespace

/// The entry point emits a body of one block ending in func.return: anything
/// else (branches, several blocks) is refused at the op that needs it.
LogicalResult EntryPointBuilder::checkSingleBlockBody() {
  Region &body = func.getBody();
  Operation *terminator = body.front().getTerminator();
  if (!isa_and_present<func::ReturnOp>(terminator)) {
    InFlightDiagnostic diag =
        (terminator ? terminator : func.getOperation())->emitOpError()
        << "is control flow, which the CUDA entry point cannot emit (it "
           "needs a function body of one block ending in func.return)";
    diag.attachNote(func.getLoc())
        << "in @" << func.getSymName() << ", whose body has "
        << body.getBlocks().size() << " blocks";
    return diag;
  }
  if (!body.hasOneBlock())
    return func.emitOpError()
           << "has a body of " << body.getBlocks().size()
           << " blocks, the CUDA entry point emits one block ending in "
              "func.return";
  return success();
}

/// The kernel-bearing op of `dispatch` (its first op with a config) and
/// its config; a diagnostic when the dispatch was not through
/// accel-select-kernels.
static FailureOr<std::pair<Operation *, KernelConfigAttrInterface>>
getDispatchKernel(DispatchOp dispatch) {
  for (Operation &op : dispatch.getComputeOps())
    if (auto config = op.getAttrOfType<KernelConfigAttrInterface>(
            AccelDialect::kKernelConfigAttrName))
      return std::make_pair(&op, config);
  for (Operation &op : dispatch.getComputeOps())
    if (isa<AccelDialect>(op.getDialect()))
      return op.emitOpError() << "has no " << AccelDialect::kKernelConfigAttrName
                              << " (accel-select-kernels chooses one)";
  return dispatch.emitOpError()
         << "holds no kernel-bearing accel op for the CUDA backend";
}

/// A family that computes one op per dispatch gets exactly that op, and
/// the dispatch yields its results.
static LogicalResult checkSingleOpDispatch(DispatchOp dispatch,
                                           Operation *root) {
  auto ops = dispatch.getComputeOps();
  int64_t count = std::distance(ops.begin(), ops.end());
  if (count != 1)
    return dispatch.emitOpError()
           << "holds " << count << " ops; the CUDA kernels of '"
           << root->getName()
           << "' compute it alone (the GEMM family fuses elementwise "
              "epilogues)";
  auto yield = cast<YieldOp>(dispatch.getBody().front().getTerminator());
  if (yield.getValues() != ValueRange(root->getResults()))
    return yield.emitOpError()
           << "must yield the results of the dispatch's op, in order, for "
              "the CUDA backend";
  return success();
}

FailureOr<Value> EntryPointBuilder::lookupSize(Operation *user, Value index) {
  auto it = sizes.find(index);
  if (it != sizes.end())
    return it->second;
  return user->emitOpError()
         << "takes a size the CUDA entry point cannot compute on the host "
            "(it computes tensor.dim, constants and integer add, sub, mul, "
            "div and rem of them)";
}

FailureOr<Value> EntryPointBuilder::resolveSize(Operation *user,
                                               OpFoldResult size,
                                               HostBuilder &host) {
  if (auto attr = dyn_cast<Attribute>(size))
    return host.constant(cast<IntegerAttr>(attr).getInt());
  return lookupSize(user, cast<Value>(size));
}

LogicalResult EntryPointBuilder::buildDispatch(DispatchOp dispatch,
                                               HostBuilder &host) {
  FailureOr<std::pair<Operation *, KernelConfigAttrInterface>> kernel =
      getDispatchKernel(dispatch);
  if (failed(kernel))
    return failure();
  auto [root, config] = *kernel;
  const KernelFamily *family = registry.lookupByName(config.getFamilyName());
  if (!family || !family->matches(root))
    return root->emitOpError()
           << "has a config of kernel family '" << config.getFamilyName()
           << "', which the CUDA backend has no kernels of for this op";
  if (!family->fusesEpilogues() &&
      failed(checkSingleOpDispatch(dispatch, root)))
    return failure();

  // The dispatch's inputs, in the layout the kernel reads each in (a view
  // that does not fit is copied dense first).
  Block &body = dispatch.getBody().front();
  SmallVector<TensorBinding> inputs;
  for (auto [i, input] : llvm::enumerate(dispatch.getInputs())) {
    auto it = bindings.find(input);
    if (it == bindings.end())
      return root->emitOpError() << "takes an operand that is neither an "
                                    "argument nor a kernel result, which the "
                                    "CUDA entry point cannot bind";
    TensorBinding binding = it->second;
    if (!fitsLayout(binding,
                    family->getInputLayout(root, body.getArgument(i)))) {
      FailureOr<TensorBinding> dense = materialize(root, binding, host);
      if (failed(dense))
        return failure();
      binding = *dense;
    }
    inputs.push_back(binding);
  }
  kernels.push_back(KernelInstance{func.getSymName().str(), root, config,
                                   family, config.getTemplateInstance(root)});

  // The kernel's operands are the dispatch's block arguments, and scalar
  // constants of its body (which the kernel inlines: no binding).
  SmallVector<TensorBinding> operands;
  for (Value operand : root->getOperands()) {
    if (!isa<ShapedType>(operand.getType()) &&
        operand.getDefiningOp<arith::ConstantOp>() &&
        operand.getParentBlock() == &body) {
      operands.emplace_back();
      continue;
    }
    auto argument = dyn_cast<BlockArgument>(operand);
    if (!argument || argument.getOwner() != &body)
      return root->emitOpError() << "takes an operand that is neither an "
                                    "argument nor a kernel result, which the "
                                    "CUDA entry point cannot bind";
    operands.push_back(inputs[argument.getArgNumber()]);
  }
  // Checks first: a refused size allocates nothing.
  family->buildChecks(root, host, operands, inputs);
  SmallVector<SmallVector<Value>> resultSizes =
      family->getResultSizes(root, host, operands);
  // A result type more static than the operands (the verifier cannot
  // compare a dynamic operand dim with it) must hold at run time: the
  // caller's buffer has the declared size.
  for (auto [i, result] : llvm::enumerate(dispatch.getResults()))
    for (auto [d, size] :
         llvm::enumerate(cast<RankedTensorType>(result.getType()).getShape()))
      if (!ShapedType::isDynamic(size))
        host.checkEqual(root, resultSizes[i][d], host.constant(size),
                        "result #" + std::to_string(i) + " dim " +
                            std::to_string(d) + " and its declared size");
  SmallVector<TensorBinding> results;
  for (auto [i, result] : llvm::enumerate(dispatch.getResults())) {
    auto type = cast<RankedTensorType>(result.getType());
    TensorBinding binding{nullptr, resultSizes[i], type, {}};
    auto buffer = resultBuffers.find(result);
    if (buffer != resultBuffers.end()) {
      binding.pointer = buffer->second;
    } else {
      // Consumed by later kernels only (or unused): a stream-ordered
      // temporary, null when empty.
      Value bytes =
          host.mul(host.product(binding.sizes),
                   host.constant(getElementBytes(type.getElementType())));
      binding.pointer = host.allocate(
          root, bytes, "could not allocate result #" + std::to_string(i));
    }
    bindings[result] = binding;
    results.push_back(binding);
  }
  family->buildLaunch(root, config, host, operands, inputs, results);
  return success();
}

LogicalResult EntryPointBuilder::buildCopy(Operation *op, const TensorBinding &t,
                                           Value destination,
                                           HostBuilder &host) {
  if (int64_t(t.sizes.size()) > glue::kMaxRank)
    return op->emitOpError()
           << "needs a copy of a rank-" << t.sizes.size()
           << " view, the CUDA copy kernel takes rank " << glue::kMaxRank
           << " at most";
  kernels.push_back(KernelInstance{func.getSymName().str(), op, {},
                                   &getGlueCopyFamily(),
                                   glue::getCopyInstance(t.type.getElementType())});
  glue::buildStridedCopy(host, op, t, destination);
  return success();
}

FailureOr<TensorBinding>
EntryPointBuilder::materialize(Operation *op, const TensorBinding &t,
                               HostBuilder &host) {
  Value bytes =
      host.mul(host.product(t.sizes),
               host.constant(getElementBytes(t.type.getElementType())));
  TensorBinding dense{host.allocate(op, bytes, "could not allocate a dense "
                                               "copy of a view"),
                      t.sizes, t.type, {}};
  if (failed(buildCopy(op, t, dense.pointer, host)))
    return failure();
  return dense;
}

/// Whether the dims of `group` (outer to inner) of a strided view nest in
/// memory like a dense block, so that they collapse into one dim: each
/// non-unit dim's stride is the next inner non-unit dim's stride times its
/// size (all known constants; only the outermost non-unit size may be
/// dynamic, it is never multiplied).
static bool isNestedGroup(const TensorBinding &t, ArrayRef<int64_t> group) {
  std::optional<int64_t> expected; // the next outer dim's stride
  bool sawDynamicSize = false;
  for (int64_t d : llvm::reverse(group)) {
    std::optional<int64_t> size = getConstant(t.sizes[d]);
    if (size == 1)
      continue;
    std::optional<int64_t> stride = getConstant(t.strides[d]);
    if (sawDynamicSize || !stride || (expected && *stride != *expected))
      return false;
    if (size)
      expected = *stride * *size;
    else
      sawDynamicSize = true;
  }
  return true;
}

/// Drops strides that are the dense row-major ones of the sizes (a view
/// that did not reorder anything).
static void normalizeStrides(TensorBinding &t, HostBuilder &host) {
  if (t.isContiguous())
    return;
  TensorBinding dense{t.pointer, t.sizes, t.type, {}, {}};
  SmallVector<Value> expected = host.getStrides(dense);
  for (auto [d, stride] : llvm::enumerate(t.strides)) {
    if (getConstant(t.sizes[d]) == 1)
      continue; // a unit dim's stride is never used
    std::optional<int64_t> have = getConstant(stride),
                           want = getConstant(expected[d]);
    if (stride != expected[d] && (!have || have != want))
      return;
  }
  t.strides.clear();
}

LogicalResult EntryPointBuilder::buildView(Operation *op, HostBuilder &host) {
  auto bound = bindings.find(getViewSource(op));
  if (bound == bindings.end())
    return op->emitOpError() << "views a tensor the CUDA entry point does not "
                                "bind (an argument, a kernel result or a "
                                "view of one)";
  if (!getReshapeSource(op))
    return buildStridedView(op, host);
  TensorBinding source = bound->second;
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  TensorBinding view{source.pointer, {}, type, {}, source.offsetBytes};
  if (isa<tensor::CastOp>(op)) {
    view.sizes = source.sizes;
    view.strides = source.strides;
    for (auto [d, size] : llvm::enumerate(type.getShape())) {
      if (ShapedType::isDynamic(size))
        continue;
      view.sizes[d] = host.constant(size);
      host.check(op, host.cmp(Pred::ne, source.sizes[d], size),
                 "dim " + std::to_string(d) + " of its source to be " +
                     std::to_string(size) + ", got %lld",
                 {source.sizes[d]});
    }
  } else if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
    SmallVector<ReassociationIndices> groups =
        collapse.getReassociationIndices();
    // A strided source collapses in place where each group's dims nest
    // (see isNestedGroup); any other group needs the dense copy first.
    if (!source.isContiguous()) {
      bool nested = llvm::all_of(groups, [&](const ReassociationIndices &g) {
        return isNestedGroup(source, g);
      });
      if (!nested) {
        FailureOr<TensorBinding> dense = materialize(op, source, host);
        if (failed(dense))
          return failure();
        source = *dense;
        view.pointer = source.pointer;
        view.offsetBytes = nullptr;
      }
    }
    for (const ReassociationIndices &group : groups) {
      SmallVector<Value> groupSizes;
      for (int64_t d : group)
        groupSizes.push_back(source.sizes[d]);
      view.sizes.push_back(host.product(groupSizes));
      if (!source.isContiguous()) {
        // The innermost non-unit dim's stride (any, when all are 1).
        Value stride = source.strides[group.back()];
        for (int64_t d : llvm::reverse(group))
          if (getConstant(source.sizes[d]) != 1) {
            stride = source.strides[d];
            break;
          }
        view.strides.push_back(stride);
      }
    }
  } else {
    auto expand = cast<tensor::ExpandShapeOp>(op);
    for (OpFoldResult size : expand.getMixedOutputShape()) {
      FailureOr<Value> value = resolveSize(op, size, host);
      if (failed(value))
        return failure();
      view.sizes.push_back(*value);
    }
    SmallVector<ReassociationIndices> groups = expand.getReassociationIndices();
    if (!source.isContiguous())
      view.strides.assign(view.sizes.size(), Value());
    for (auto [d, group] : llvm::enumerate(groups)) {
      SmallVector<Value> groupSizes;
      for (int64_t r : group)
        groupSizes.push_back(view.sizes[r]);
      Value expanded = host.product(groupSizes);
      host.check(op, host.cmp(Pred::ne, expanded, source.sizes[d]),
                 "its output shape to cover source dim " + std::to_string(d) +
                     ", got %lld elements for %lld",
                 {expanded, source.sizes[d]});
      if (source.isContiguous())
        continue;
      // The split dims nest inside the source dim's stride.
      Value stride = source.strides[d];
      for (int64_t r : llvm::reverse(group)) {
        view.strides[r] = stride;
        stride = host.mul(stride, view.sizes[r]);
      }
    }
  }
  normalizeStrides(view, host);
  bindings[op->getResult(0)] = view;
  return success();
}

/// tensor.empty has no contents to compute: it binds sizes and no storage
/// (the init of a transpose or of an epilogue op that does not read it; a
/// kernel never reads it, GemmEpilogue.cpp refuses a body that would).
LogicalResult EntryPointBuilder::buildEmpty(tensor::EmptyOp empty,
                                            HostBuilder &host) {
  TensorBinding binding{host.nullPointer(), {}, empty.getType(), {}, {}};
  for (OpFoldResult size : empty.getMixedSizes()) {
    FailureOr<Value> value = resolveSize(empty, size, host);
    if (failed(value))
      return failure();
    binding.sizes.push_back(*value);
  }
  bindings[empty.getResult()] = binding;
  return success();
}

/// Slices and transposes: the same storage through other strides.
LogicalResult EntryPointBuilder::buildStridedView(Operation *op,
                                                  HostBuilder &host) {
  const TensorBinding &source = bindings.at(getViewSource(op));
  SmallVector<Value> strides = host.getStrides(source);
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  TensorBinding view{source.pointer, {}, type, {}, source.offsetBytes};
  if (std::optional<SmallVector<int64_t>> permutation =
          getTransposePermutation(op)) {
    for (int64_t d : *permutation) {
      view.sizes.push_back(source.sizes[d]);
      view.strides.push_back(strides[d]);
    }
    normalizeStrides(view, host);
    bindings[op->getResult(0)] = view;
    return success();
  }
  auto slice = cast<tensor::ExtractSliceOp>(op);
  llvm::SmallBitVector dropped = slice.getDroppedDims();
  Value offset = host.constant(0);
  for (auto [d, parts] : llvm::enumerate(llvm::zip(
           slice.getMixedOffsets(), slice.getMixedSizes(),
           slice.getMixedStrides()))) {
    FailureOr<Value> first = resolveSize(op, std::get<0>(parts), host),
                     size = resolveSize(op, std::get<1>(parts), host),
                     step = resolveSize(op, std::get<2>(parts), host);
    if (failed(first) || failed(size) || failed(step))
      return failure();
    // In bounds: first >= 0, size >= 0, step >= 1, and the last element
    // (first + (size - 1) * step) inside the source dim when size > 0.
    Value last = host.add(*first, host.mul(host.add(*size, host.constant(-1)),
                                           *step));
    host.check(op,
               host.anyOf({host.cmp(Pred::slt, *first, 0),
                           host.cmp(Pred::slt, *size, 0),
                           host.cmp(Pred::slt, *step, 1),
                           host.allOf({host.cmp(Pred::sgt, *size, 0),
                                       host.cmp(Pred::sge, last,
                                                source.sizes[d])})}),
               "slice dim " + std::to_string(d) +
                   " (offset %lld, size %lld, stride %lld) inside its source "
                   "dim of %lld",
               {*first, *size, *step, source.sizes[d]});
    offset = host.add(offset, host.mul(*first, strides[d]));
    if (dropped.test(d))
      continue;
    view.sizes.push_back(*size);
    view.strides.push_back(host.mul(strides[d], *step));
  }
  Value bytes =
      host.mul(offset, host.constant(getElementBytes(type.getElementType())));
  view.pointer = host.advance(source.pointer, bytes);
  view.offsetBytes =
      source.offsetBytes ? host.add(source.offsetBytes, bytes) : bytes;
  normalizeStrides(view, host);
  bindings[slice.getResult()] = view;
  return success();
}

LogicalResult EntryPointBuilder::buildSizeOp(Operation *op, HostBuilder &host) {
  OpBuilder &b = host.getBuilder();
  Value result = op->getResult(0);
  if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
    sizes[result] =
        host.constant(cast<IntegerAttr>(constant.getValue()).getInt());
    return success();
  }
  if (auto dim = dyn_cast<tensor::DimOp>(op)) {
    std::optional<int64_t> index = dim.getConstantIndex();
    auto binding = bindings.find(dim.getSource());
    if (!index || binding == bindings.end() || *index < 0 ||
        *index >= int64_t(binding->second.sizes.size()))
      return op->emitOpError()
             << "needs a constant dim of a tensor the entry point binds for "
                "the CUDA backend";
    sizes[result] = binding->second.sizes[*index];
    return success();
  }
  SmallVector<Value> operands;
  for (Value operand : op->getOperands()) {
    FailureOr<Value> value = lookupSize(op, operand);
    if (failed(value))
      return failure();
    operands.push_back(*value);
  }
  if (isa<arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp>(op)) {
    // A failed check does not return, so the division must not trap: it
    // divides by 1 instead (the call fails before any launch uses it).
    Value isZero = host.cmp(Pred::eq, operands[1], 0);
    host.check(op, isZero, "a nonzero divisor, got %lld", {operands[1]});
    operands[1] = host.select(isZero, host.constant(1), operands[1]);
  }
  OperationState state(op->getLoc(), op->getName(), operands, {b.getI64Type()},
                       op->getAttrs());
  sizes[result] = b.create(state)->getResult(0);
  return success();
}

/// Whether `op` is index arithmetic the host computes.
LogicalResult EntryPointBuilder::buildTensorConstant(arith::ConstantOp constant,
                                                     HostBuilder &host) {
  auto type = cast<RankedTensorType>(constant.getType());
  Type element = type.getElementType();
  unsigned bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 0;
  if (bits < 8 || bits % 8 != 0)
    return constant.emitOpError()
           << "is a tensor constant of " << element
           << "; the CUDA host program holds constants of whole bytes (no i1 "
              "or i4 layout yet)";
  // The bytes: DenseElementsAttr keeps whole-byte elements packed, little
  // endian, one element when splat; a dense_resource keeps them in its blob.
  ArrayRef<char> data;
  bool splat = false;
  if (auto dense = dyn_cast<DenseIntOrFPElementsAttr>(constant.getValue())) {
    data = dense.getRawData();
    splat = dense.isSplat();
  } else if (auto resource =
                 dyn_cast<DenseResourceElementsAttr>(constant.getValue())) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob)
      return constant.emitOpError()
             << "is a dense_resource whose bytes are not in the module "
                "(elided); the CUDA host program needs them";
    data = blob->getData();
  } else {
    return constant.emitOpError()
           << "is a " << constant.getValue()
           << "-kind constant; the CUDA host program takes dense and "
              "dense_resource tensor constants";
  }
  int64_t elementBytes = bits / 8, count = type.getNumElements();
  if (int64_t(data.size()) != (splat ? elementBytes : elementBytes * count))
    return constant.emitOpError()
           << "holds " << data.size() << " bytes for " << count
           << " elements of " << element;
  // `static const unsigned char constant_<function>_<n>[] = {...};` in
  // namespace accel_host (reserved: no entry point or other constant can
  // have its name) before the entry point.
  std::string name =
      ("constant_" + func.getSymName() + "_" + Twine(numConstants++)).str();
  std::string symbol = "accel_host::" + name;
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "// " << type << (splat ? " (splat)" : "")
     << "\nnamespace accel_host {\nstatic const unsigned char " << name << "["
     << std::max<size_t>(data.size(), 1) << "] = {";
  for (auto [i, byte] : llvm::enumerate(data))
    os << (i % 16 == 0 ? "\n  " : " ") << "0x" << llvm::format_hex_no_prefix(
                                                    uint8_t(byte), 2)
       << ",";
  os << "\n};\n} // namespace accel_host";
  OpBuilder before(entryFunc);
  emitc::VerbatimOp::create(before, constant.getLoc(), os.str());
  SmallVector<Value> sizes;
  for (int64_t size : type.getShape())
    sizes.push_back(host.constant(size));
  bindings[constant.getResult()] = TensorBinding{
      host.residentConstant(constant, symbol, elementBytes, count, splat),
      sizes, type};
  return success();
}

static bool isSizeOp(Operation &op) {
  if (op.getNumResults() != 1 || !op.getResult(0).getType().isIndex())
    return false;
  if (auto constant = dyn_cast<arith::ConstantOp>(op))
    return isa<IntegerAttr>(constant.getValue());
  return isa<tensor::DimOp, arith::AddIOp, arith::SubIOp, arith::MulIOp,
             arith::DivSIOp, arith::DivUIOp, arith::RemSIOp, arith::RemUIOp>(
      op);
}

LogicalResult EntryPointBuilder::build(OpBuilder &moduleBuilder) {
  if (failed(checkSingleBlockBody()))
    return failure();
  MLIRContext *context = func.getContext();
  Location loc = func.getLoc();

  // The C ABI: tensor arguments, results, dynamic argument dims, stream.
  SmallVector<Type> paramTypes;
  for (auto [i, arg] : llvm::enumerate(func.getArguments())) {
    if (!isa<RankedTensorType>(arg.getType()))
      return func.emitOpError() << "expects ranked tensor arguments for the "
                                   "CUDA entry point, got "
                                << arg.getType() << " for argument #" << i;
    paramTypes.push_back(getVoidPointerType(context, /*isConst=*/true));
  }
  auto returnOp = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  for (Value value : returnOp.getOperands()) {
    if (!isa<RankedTensorType>(value.getType()))
      return returnOp.emitOpError()
             << "expects ranked tensor results for the CUDA entry point";
    paramTypes.push_back(getVoidPointerType(context, /*isConst=*/false));
  }
  // The entry point is `accel_<name>`: it must not be a name the generated
  // code already uses, or the translation unit would not compile. The
  // kernel templates live in namespaces outside `accel_*` (e.g.
  // accelkern_attention) so that any function name works; the host support
  // and the error accessor keep these two.
  std::string entryName = ("accel_" + func.getSymName()).str();
  static constexpr llvm::StringLiteral kReservedNames[] = {
      "accel_host", "accel_last_error_message"};
  if (llvm::is_contained(kReservedNames, entryName))
    return func.emitOpError()
           << "makes the CUDA entry point '" << entryName
           << "', a name the generated code uses itself (reserved: "
              "accel_host, accel_last_error_message); rename the function";
  if (!llvm::all_of(func.getSymName(), [](char c) {
        return llvm::isAlnum(c) || c == '_';
      }))
    return func.emitOpError()
           << "'" << func.getSymName()
           << "' is no C identifier; the CUDA entry point is accel_<name>";
  SmallVector<std::pair<unsigned, unsigned>> dynamicDims;
  for (auto [i, arg] : llvm::enumerate(func.getArguments()))
    for (auto [d, size] :
         llvm::enumerate(cast<RankedTensorType>(arg.getType()).getShape()))
      if (ShapedType::isDynamic(size)) {
        dynamicDims.push_back({i, d});
        paramTypes.push_back(moduleBuilder.getI64Type());
      }
  paramTypes.push_back(getOpaqueType(context, "cudaStream_t"));
  Type statusType = getOpaqueType(context, "cudaError_t");
  entryFunc = emitc::FuncOp::create(
      moduleBuilder, loc, entryName,
      FunctionType::get(context, paramTypes, {statusType}));
  entryFunc.setSpecifiersAttr(moduleBuilder.getStrArrayAttr({"extern \"C\""}));
  Block *body = entryFunc.addEntryBlock();
  OpBuilder b = OpBuilder::atBlockBegin(body);
  Value stream = body->getArguments().back();
  // Entry clears the thread's last message and owns the temporaries.
  Value entry =
      emitc::CallOpaqueOp::create(
          b, loc, TypeRange{getOpaqueType(context, "accel_host::Entry")},
          "accel_host::Entry", ValueRange{stream})
          .getResult(0);
  HostBuilder host(b, loc, entry, stream);

  // Arguments: a pointer and sizes (constants, or the dim parameters).
  unsigned numArgs = func.getNumArguments();
  for (auto [i, arg] : llvm::enumerate(func.getArguments())) {
    auto type = cast<RankedTensorType>(arg.getType());
    TensorBinding binding{body->getArgument(i), {}, type};
    for (int64_t size : type.getShape())
      binding.sizes.push_back(
          ShapedType::isDynamic(size) ? Value() : host.constant(size));
    bindings[arg] = binding;
  }
  unsigned dimParam = numArgs + returnOp.getNumOperands();
  for (auto [i, d] : dynamicDims) {
    Value size = body->getArgument(dimParam++);
    bindings[func.getArgument(i)].sizes[d] = size;
    host.check(func, host.cmp(Pred::slt, size, 0),
               "argument #" + std::to_string(i) + " dim " + std::to_string(d) +
                   " to be non-negative, got %lld",
               {size});
  }

  // A kernel whose result (or a view of it) is returned writes the result
  // buffer directly; the first such result claims it.
  for (auto [i, value] : llvm::enumerate(returnOp.getOperands())) {
    Value root = getStorageRoot(value);
    if (isa_and_present<DispatchOp>(root.getDefiningOp()))
      resultBuffers.try_emplace(root, body->getArgument(numArgs + i));
  }

  for (Operation &op : func.getBody().front().without_terminator()) {
    LogicalResult built = success();
    if (auto dispatch = dyn_cast<DispatchOp>(op))
      built = buildDispatch(dispatch, host);
    else if (getViewSource(&op))
      built = buildView(&op, host);
    else if (isSizeOp(op))
      built = buildSizeOp(&op, host);
    else if (auto empty = dyn_cast<tensor::EmptyOp>(op))
      built = buildEmpty(empty, host);
    else if (auto constant = dyn_cast<arith::ConstantOp>(op);
             constant && isa<RankedTensorType>(constant.getType()))
      built = buildTensorConstant(constant, host);
    else if (auto constant = dyn_cast<arith::ConstantOp>(op);
             constant && !isa<ShapedType>(constant.getType()))
      continue; // a scalar: the kernels that use it inline it
    else
      return op.emitOpError()
             << "has no CUDA kernel yet (the CUDA backend emits: "
             << registry.getFamilyNames(target)
             << "; and on the host: tensor.cast, tensor.expand_shape, "
                "tensor.collapse_shape, tensor.extract_slice and "
                "transposes (linalg.transpose or a permuting linalg.generic) "
                "as views, tensor.empty when unused, dense tensor and "
                "scalar constants, and index arithmetic)";
    if (failed(built))
      return failure();
  }

  // A returned value not already in its buffer (an argument, a value
  // returned twice, a view of either) is copied there: a strided view by
  // the copy kernel, anything dense as bytes.
  for (auto [i, value] : llvm::enumerate(returnOp.getOperands())) {
    Value buffer = body->getArgument(numArgs + i);
    auto bound = bindings.find(value);
    if (bound == bindings.end())
      return returnOp.emitOpError()
             << "returns a value the CUDA entry point does not compute";
    const TensorBinding &binding = bound->second;
    if (binding.pointer == buffer && binding.isContiguous())
      continue;
    if (!binding.isContiguous()) {
      if (failed(buildCopy(returnOp, binding, buffer, host)))
        return failure();
      continue;
    }
    Value bytes =
        host.mul(host.product(binding.sizes),
                 host.constant(getElementBytes(binding.type.getElementType())));
    host.copy(returnOp, buffer, binding.pointer, bytes,
              "could not copy result #" + std::to_string(i));
  }
  Value status =
      emitc::CallOpaqueOp::create(b, loc, TypeRange{statusType},
                                  "accel_host::finish", ValueRange{entry})
          .getResult(0);
  emitc::ReturnOp::create(b, loc, status);
  return success();
}

/// Integer constants become literals, which the C++ emitter writes at each
/// use ("v4 * 512", "if (v8 <= 0)") instead of as one variable each.
static void inlineIntegerConstants(ModuleOp host) {
  host.walk([](emitc::ConstantOp constant) {
    auto value = dyn_cast<IntegerAttr>(constant.getValue());
    if (!value || !isa<IntegerType>(value.getType()))
      return;
    std::string text;
    if (value.getType().isInteger(1))
      text = value.getValue().isZero() ? "false" : "true";
    else if (value.getValue().isNegative())
      text = "(" + std::to_string(value.getValue().getSExtValue()) + ")";
    else
      text = std::to_string(value.getValue().getSExtValue());
    OpBuilder builder(constant);
    constant.replaceAllUsesWith(
        emitc::LiteralOp::create(builder, constant.getLoc(), constant.getType(),
                                 text)
            .getResult());
    constant.erase();
  });
}

FailureOr<OwningOpRef<ModuleOp>>
accel::codegen::buildHostProgram(ModuleOp module, CudaTargetAttr target,
                                 const KernelRegistry &registry,
                                 SmallVectorImpl<KernelInstance> &kernels) {
  MLIRContext *context = module.getContext();
  context->loadDialect<arith::ArithDialect, emitc::EmitCDialect,
                       scf::SCFDialect>();
  OwningOpRef<ModuleOp> host = ModuleOp::create(module.getLoc());
  OpBuilder moduleBuilder = OpBuilder::atBlockEnd(host->getBody());
  bool failedAny = false;
  for (Operation &op : module.getBody()->getOperations()) {
    auto func = dyn_cast<func::FuncOp>(op);
    if (!func) {
      // Nothing at module level but functions has a CUDA meaning here.
      op.emitOpError() << "cannot be emitted by the CUDA backend (a module "
                          "holds func.func entry points)";
      failedAny = true;
      continue;
    }
    if (func.isExternal())
      continue;
    if (failed(EntryPointBuilder(func, target, registry, kernels)
                   .build(moduleBuilder)))
      failedAny = true;
  }
  if (failedAny)
    return failure();

  // Static checks fold away; then arith and scf become EmitC, and
  // single-use values fold into C expressions.
  PassManager pm(context, ModuleOp::getOperationName());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createConvertArithToEmitC());
  pm.addPass(createSCFToEmitC());
  if (failed(pm.run(*host)))
    return module.emitError()
           << "could not lower its CUDA entry points to EmitC";
  inlineIntegerConstants(host.get());
  PassManager expressions(context, ModuleOp::getOperationName());
  expressions.addPass(emitc::createFormExpressionsPass());
  if (failed(expressions.run(*host)))
    return module.emitError()
           << "could not form the C expressions of its CUDA entry points";
  return std::move(host);
}
