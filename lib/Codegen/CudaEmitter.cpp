//===- CudaEmitter.cpp - accel modules as CUDA C++ ------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// prepareForCuda() sets the module's target and runs accel-form-dispatches
// and accel-select-kernels; emitCuda() prints the prepared module. A
// func.func becomes `extern "C" cudaError_t accel_<name>(...)`: device
// pointers of its tensor arguments, then of its results, then the run-time
// size of every dynamic argument dim, then the stream. Each accel.dispatch
// in it becomes a launch of the template instance its op's
// `accel.kernel_config` names; values passed
// between kernels live in stream-ordered temporaries, which one guard frees
// on every return. A failed run-time check returns its CUDA error and
// leaves a located message for accel_last_error_message(). What the
// emitter cannot print (control flow, ops without a kernel, module-level
// ops other than functions) is a located error, never a silent no-op.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"
#include "accel/Codegen/KernelFamily.h"
#include "accel/Codegen/Passes.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Version.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <set>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

namespace {
/// Bytes per element of the types kernels exchange.
int64_t getElementBytes(Type type) {
  return std::max<int64_t>(1, type.getIntOrFloatBitWidth() / 8);
}

std::string joinProduct(ArrayRef<std::string> sizes) {
  std::string result = "(size_t)1";
  for (const std::string &size : sizes)
    result += " * (size_t)(" + size + ")";
  return result;
}

/// The host entry point and launches of one function.
struct FunctionPlan {
  func::FuncOp func;
  std::string signature;
  std::string body;
};
} // namespace

/// Host support every generated file carries once: the last error message
/// (per host thread), `fail` to record it, and the guard that frees an
/// entry point's temporaries on every return.
static constexpr llvm::StringLiteral kHostSupport = R"cuda(
// ---- host support ----
#include <stdarg.h>
#include <stdio.h>

namespace accel_host {
/// The message of the last failed run-time check or CUDA call of an entry
/// point on this host thread ("" after a call that succeeded).
inline char *lastErrorMessage() {
  static thread_local char message[1024] = "";
  return message;
}
/// Records the printf-style message and returns `status`.
inline cudaError_t fail(cudaError_t status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(lastErrorMessage(), 1024, format, args);
  va_end(args);
  return status;
}
/// The stream-ordered temporaries of one entry point, freed (newest first)
/// on every return, the early error returns included.
template <int N> struct Temporaries {
  void *ptr[N] = {};
  cudaStream_t stream;
  explicit Temporaries(cudaStream_t stream) : stream(stream) {}
  Temporaries(const Temporaries &) = delete;
  Temporaries &operator=(const Temporaries &) = delete;
  ~Temporaries() {
    for (int i = N - 1; i >= 0; --i)
      if (ptr[i])
        cudaFreeAsync(ptr[i], stream);
  }
};
} // namespace accel_host

/// What the last failed call of an accel entry point on this thread
/// failed on: "<file>:<line>:<col>: '<op>' op expects ..." ("" when the
/// last call succeeded).
extern "C" const char *accel_last_error_message(void) {
  return accel_host::lastErrorMessage();
}
)cuda";

/// The entry point emits a body of one block ending in func.return: anything
/// else (branches, several blocks) is refused at the op that needs it.
static LogicalResult checkSingleBlockBody(func::FuncOp func) {
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

/// What the emitter records of one kernel instance and emits once per file.
struct EmittedKernels {
  llvm::SetVector<const KernelFamily *> families;
  std::vector<std::string> names;
  std::vector<const KernelFamily *> nameFamilies;
  std::vector<std::string> auxiliary;
  std::string records;
};

/// The one kernel-bearing op of `dispatch` and its config; a diagnostic
/// when the dispatch holds anything else or was not through
/// accel-select-kernels.
static FailureOr<std::pair<Operation *, KernelConfigAttrInterface>>
getDispatchKernel(DispatchOp dispatch) {
  auto ops = dispatch.getComputeOps();
  int64_t count = std::distance(ops.begin(), ops.end());
  if (count != 1)
    return dispatch.emitOpError()
           << "holds " << count
           << " ops; the CUDA backend compiles a dispatch of one "
              "kernel-bearing op (fused dispatches come with their kernel "
              "families)";
  Operation *root = &*ops.begin();
  auto config = root->getAttrOfType<KernelConfigAttrInterface>(
      AccelDialect::kKernelConfigAttrName);
  if (!config)
    return root->emitOpError()
           << "has no " << AccelDialect::kKernelConfigAttrName
           << " (accel-select-kernels chooses one)";
  auto yield = cast<YieldOp>(dispatch.getBody().front().getTerminator());
  if (yield.getValues() != ValueRange(root->getResults()))
    return yield.emitOpError()
           << "must yield the results of the dispatch's op, in order, for "
              "the CUDA backend";
  return std::make_pair(root, config);
}

/// "grid [?, 8, 2] x 128 threads, 40960 B shared, ~12.3 us (A100 SXM4
/// roofline)".
static std::string describeLaunch(Operation *op, KernelConfigAttrInterface config,
                                  CudaTargetAttr target) {
  KernelLaunchShape launch = config.getLaunchShape(op);
  std::string text = "grid [";
  for (auto [i, size] : llvm::enumerate(launch.grid))
    text += (i ? ", " : "") + (ShapedType::isDynamic(size)
                                   ? std::string("?")
                                   : std::to_string(size));
  text += "] x " + std::to_string(launch.threadsPerBlock) + " threads, " +
          std::to_string(launch.sharedMemoryBytes) + " B shared";
  if (std::optional<double> us = config.estimateMicroseconds(op, target))
    text += llvm::formatv(", ~{0:g} us ({1} roofline)", *us,
                          target.getReferencePart().name)
                .str();
  return text;
}

static FailureOr<FunctionPlan> planFunction(func::FuncOp func,
                                            const KernelRegistry &registry,
                                            CudaTargetAttr target,
                                            EmittedKernels &kernels) {
  FunctionPlan plan{func, "", ""};
  if (failed(checkSingleBlockBody(func)))
    return failure();
  llvm::DenseMap<Value, TensorBinding> bindings;
  SmallVector<std::string> params, sizeParams;
  std::string sizeChecks;
  llvm::raw_string_ostream checks(sizeChecks);

  for (auto [i, arg] : llvm::enumerate(func.getArguments())) {
    auto type = dyn_cast<RankedTensorType>(arg.getType());
    if (!type)
      return func.emitOpError() << "expects ranked tensor arguments for the "
                                   "CUDA entry point, got "
                                << arg.getType() << " for argument #" << i;
    TensorBinding binding{"arg" + std::to_string(i), {}, type};
    for (auto [d, size] : llvm::enumerate(type.getShape())) {
      if (ShapedType::isDynamic(size)) {
        std::string name = "arg" + std::to_string(i) + "_dim" + std::to_string(d);
        sizeParams.push_back("int64_t " + name);
        emitRunTimeCheck(checks, func, name + " < 0",
                         "argument #" + std::to_string(i) + " dim " +
                             std::to_string(d) +
                             " to be non-negative, got %lld",
                         {name}, "  ");
        binding.sizes.push_back(name);
      } else {
        binding.sizes.push_back(std::to_string(size));
      }
    }
    params.push_back("const void *" + binding.pointer);
    bindings[arg] = binding;
  }

  auto returnOp = cast<func::ReturnOp>(func.getBody().front().getTerminator());
  // Which result slot each returned value writes.
  llvm::DenseMap<Value, unsigned> resultSlot;
  for (auto [i, value] : llvm::enumerate(returnOp.getOperands())) {
    if (!isa<RankedTensorType>(value.getType()))
      return returnOp.emitOpError()
             << "expects ranked tensor results for the CUDA entry point";
    if (bindings.count(value) || !resultSlot.try_emplace(value, i).second ||
        !value.getDefiningOp())
      return returnOp.emitOpError()
             << "result #" << i
             << " must be computed by a kernel and returned once for the "
                "CUDA entry point";
    params.push_back("void *result" + std::to_string(i));
  }

  std::string body;
  llvm::raw_string_ostream os(body);
  SmallVector<std::string> temporaries;
  int kernelIndex = 0;
  for (Operation &op : func.getBody().front().without_terminator()) {
    auto dispatch = dyn_cast<DispatchOp>(op);
    if (!dispatch)
      return op.emitOpError()
             << "has no CUDA kernel yet (the CUDA backend emits: "
             << registry.getFamilyNames(target) << ")";
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
    std::string kernelName = config.getTemplateInstance(root);
    kernels.families.insert(family);
    kernels.names.push_back(kernelName);
    kernels.nameFamilies.push_back(family);
    for (const std::string &instance : config.getAuxiliaryInstances(root))
      kernels.auxiliary.push_back(instance);
    std::string printedConfig;
    llvm::raw_string_ostream(printedConfig) << config;
    kernels.records += "//   @" + func.getSymName().str() + " kernel " +
                       std::to_string(kernelIndex++) + ": " +
                       family->getName().str() + " " +
                       family->getSignature(root) + " " + printedConfig +
                       "\n//     " + kernelName + "\n//     " +
                       describeLaunch(root, config, target) + "\n";

    // The kernel's operands are the dispatch's block arguments.
    SmallVector<TensorBinding> operands;
    for (Value operand : root->getOperands()) {
      auto argument = dyn_cast<BlockArgument>(operand);
      auto it = argument && argument.getOwner() == &dispatch.getBody().front()
                    ? bindings.find(dispatch.getInputs()[argument.getArgNumber()])
                    : bindings.end();
      if (it == bindings.end())
        return root->emitOpError() << "takes an operand that is neither an "
                                      "argument nor a kernel result, which the "
                                      "CUDA entry point cannot bind";
      operands.push_back(it->second);
    }
    SmallVector<SmallVector<std::string>> resultSizes =
        family->getResultSizes(root, operands);
    SmallVector<TensorBinding> results;
    for (auto [i, result] : llvm::enumerate(dispatch.getResults())) {
      auto type = cast<RankedTensorType>(result.getType());
      TensorBinding binding{"", resultSizes[i], type};
      auto slot = resultSlot.find(result);
      if (slot != resultSlot.end()) {
        binding.pointer = "result" + std::to_string(slot->second);
      } else {
        // Consumed by later kernels only (or unused): a stream-ordered
        // temporary.
        binding.pointer = "tmp.ptr[" + std::to_string(temporaries.size()) + "]";
        temporaries.push_back(binding.pointer);
        // An empty temporary stays null (nothing reads it; no zero-byte
        // allocation whose result the CUDA versions may define differently).
        std::string bytes = joinProduct(binding.sizes) + " * " +
                            std::to_string(getElementBytes(type.getElementType()));
        emitCheckedCudaCall(os, root,
                            "(" + bytes + ") == 0 ? cudaSuccess : cudaMallocAsync(&" +
                                binding.pointer + ", " + bytes + ", stream)",
                            "could not allocate result #" + std::to_string(i),
                            "  ");
      }
      bindings[result] = binding;
      results.push_back(binding);
    }
    family->emitLaunch(root, config, operands, results, os);
  }

  std::string signature = "extern \"C\" cudaError_t accel_" +
                          func.getSymName().str() + "(";
  for (const std::string &param : params)
    signature += param + ", ";
  for (const std::string &param : sizeParams)
    signature += param + ", ";
  signature += "cudaStream_t stream)";
  plan.signature = signature;
  // The message of an earlier failed call does not outlive this one; the
  // guard frees the temporaries on every return.
  plan.body = "  accel_host::lastErrorMessage()[0] = '\\0';\n";
  if (!temporaries.empty())
    plan.body += "  accel_host::Temporaries<" +
                 std::to_string(temporaries.size()) + "> tmp(stream);\n";
  plan.body += sizeChecks + body;
  return plan;
}

FailureOr<CudaTargetAttr> accel::codegen::setModuleTarget(ModuleOp module,
                                                          StringRef chip,
                                                          StringRef spelling) {
  // A module without accel ops has not loaded the dialect its target
  // attribute belongs to.
  module.getContext()->getOrLoadDialect<AccelDialect>();
  if (!CudaTargetAttr::parseChip(chip))
    return module.emitError()
           << "unsupported " << spelling << "=" << chip
           << ": accel's CUDA kernels need sm_80 to sm_129 (e.g. sm_80, "
              "sm_90a)";
  auto existing =
      module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
  if (existing && existing.getChip() != chip)
    return module.emitOpError()
           << "is compiled for " << existing.getChip()
           << " (its accel.target), but " << spelling << "=" << chip
           << " asks for another target";
  auto target = CudaTargetAttr::get(module.getContext(), chip);
  module->setAttr(AccelDialect::kTargetAttrName, target);
  return target;
}

LogicalResult accel::codegen::prepareForCuda(ModuleOp module,
                                            const CudaCompileOptions &options) {
  module.getContext()->getOrLoadDialect<AccelDialect>();
  auto existing =
      module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
  std::string chip = options.chip.value_or(
      existing ? existing.getChip().str() : std::string("sm_80"));
  if (failed(setModuleTarget(module, chip, "--accel-sm")))
    return failure();
  PassManager pm(module.getContext(), module.getOperationName());
  pm.addPass(createFormDispatchesPass());
  SelectKernelsPassOptions selectOptions;
  selectOptions.tuningTable = options.tuningTable;
  pm.addPass(createSelectKernelsPass(selectOptions));
  return pm.run(module);
}

LogicalResult accel::codegen::emitCuda(ModuleOp module, bool deviceOnly,
                                       raw_ostream &os,
                                       std::vector<std::string> *kernelNames) {
  auto target =
      module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
  if (!target)
    return module.emitError()
           << "has no accel.target; prepareForCuda (accel-translate) or "
              "accel-select-kernels sets it";
  const KernelRegistry &registry = getDefaultKernelRegistry();
  EmittedKernels kernels;
  SmallVector<FunctionPlan> plans;
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
    FailureOr<FunctionPlan> plan = planFunction(func, registry, target, kernels);
    if (failed(plan)) {
      failedAny = true;
      continue;
    }
    plans.push_back(std::move(*plan));
  }
  if (failedAny)
    return failure();

  os << "// Generated by accel-translate (accel " ACCEL_VERSION_STRING
        ", LLVM " ACCEL_LLVM_VERSION_STRING ") for "
     << target.getChip() << ".\n";
  os << "// Kernel instances (family signature config, template instance, "
        "launch):\n"
     << kernels.records;
  for (const KernelFamily *family : kernels.families)
    os << "\n// ---- kernel family: " << family->getName() << " ----\n"
       << family->getTemplateSource() << "\n";
  if (deviceOnly) {
    os << "\n// Explicit instances for NVRTC.\n";
    std::set<std::string> emitted;
    for (auto [name, family] : llvm::zip(kernels.names, kernels.nameFamilies))
      if (emitted.insert(name).second)
        os << "template __global__ void " << name
           << family->getKernelParameterList() << ";\n";
    for (const std::string &instantiation : kernels.auxiliary)
      if (emitted.insert(instantiation).second)
        os << instantiation << ";\n";
  } else {
    os << kHostSupport;
    for (const FunctionPlan &plan : plans)
      os << "\n" << plan.signature << " {\n" << plan.body
         << "  return cudaSuccess;\n}\n";
  }
  if (kernelNames)
    *kernelNames = std::move(kernels.names);
  return success();
}

LogicalResult accel::codegen::translateToCuda(ModuleOp module,
                                              const CudaCompileOptions &options,
                                              raw_ostream &os) {
  if (failed(prepareForCuda(module, options)))
    return failure();
  return emitCuda(module, /*deviceOnly=*/false, os);
}
