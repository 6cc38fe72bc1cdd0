//===- CudaEmitter.cpp - accel modules as CUDA C++ ------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// A func.func becomes `extern "C" cudaError_t accel_<name>(...)`: device
// pointers of its tensor arguments, then of its results, then the run-time
// size of every dynamic argument dim, then the stream. Each accel op in it
// becomes a launch of its kernel family's template instance; values passed
// between kernels live in stream-ordered temporaries, which one guard frees
// on every return. A failed run-time check returns its CUDA error and
// leaves a located message for accel_last_error_message(). What the
// emitter cannot print (control flow, ops without a kernel, module-level
// ops other than functions) is a located error, never a silent no-op.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"
#include "accel/Codegen/KernelFamily.h"
#include "accel/Version.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SetVector.h"

#include <set>

using namespace mlir;
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

static FailureOr<FunctionPlan>
planFunction(func::FuncOp func, const KernelRegistry &registry,
             const TargetInfo &target, llvm::SetVector<const KernelFamily *> &used,
             std::vector<std::string> &kernelNames,
             std::vector<const KernelFamily *> &kernelFamilies,
             std::vector<std::string> &auxiliary, std::string &records) {
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
    const KernelFamily *family = registry.lookup(&op, target);
    if (!family)
      return op.emitOpError()
             << "has no CUDA kernel yet (the CUDA backend emits: "
             << [&] {
                  std::string names;
                  for (const auto &f : registry.getFamilies())
                    if (f->supportsTarget(target))
                      names += (names.empty() ? "" : ", ") + f->getName().str();
                  return names;
                }()
             << ")";
    FailureOr<KernelInstance> instance = planKernel(*family, &op, target);
    if (failed(instance))
      return failure();
    used.insert(family);
    kernelNames.push_back(instance->kernelName);
    kernelFamilies.push_back(family);
    auxiliary.insert(auxiliary.end(), instance->auxiliaryInstantiations.begin(),
                     instance->auxiliaryInstantiations.end());
    records += "//   @" + func.getSymName().str() + " kernel " +
               std::to_string(kernelIndex++) + ": " + instance->family + " " +
               instance->signature + " [" + instance->config.str() + ", " +
               instance->configSource + "] " + instance->kernelName + "\n";

    SmallVector<TensorBinding> operands;
    for (Value operand : op.getOperands()) {
      auto it = bindings.find(operand);
      if (it == bindings.end())
        return op.emitOpError() << "takes an operand that is neither an "
                                   "argument nor a kernel result, which the "
                                   "CUDA entry point cannot bind";
      operands.push_back(it->second);
    }
    SmallVector<SmallVector<std::string>> resultSizes =
        family->getResultSizes(&op, operands);
    SmallVector<TensorBinding> results;
    for (auto [i, result] : llvm::enumerate(op.getResults())) {
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
        emitCheckedCudaCall(os, &op,
                            "(" + bytes + ") == 0 ? cudaSuccess : cudaMallocAsync(&" +
                                binding.pointer + ", " + bytes + ", stream)",
                            "could not allocate result #" + std::to_string(i),
                            "  ");
      }
      bindings[result] = binding;
      results.push_back(binding);
    }
    family->emitLaunch(&op, *instance, operands, results, os);
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

LogicalResult accel::codegen::emitCuda(ModuleOp module,
                                       const CudaEmitOptions &options,
                                       raw_ostream &os,
                                       std::vector<std::string> *kernelNames) {
  KernelRegistry registry = createDefaultKernelRegistry();
  llvm::SetVector<const KernelFamily *> used;
  std::vector<std::string> names;
  std::vector<const KernelFamily *> families;
  std::vector<std::string> auxiliary;
  std::string records;
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
    FailureOr<FunctionPlan> plan =
        planFunction(func, registry, options.target, used, names, families,
                     auxiliary, records);
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
     << options.target.getName() << ".\n";
  os << "// Kernel instances (family signature [config, source] template):\n"
     << records;
  for (const KernelFamily *family : used)
    os << "\n// ---- kernel family: " << family->getName() << " ----\n"
       << family->getTemplateSource() << "\n";
  if (options.deviceOnly) {
    os << "\n// Explicit instances for NVRTC.\n";
    std::set<std::string> emitted;
    for (auto [name, family] : llvm::zip(names, families))
      if (emitted.insert(name).second)
        os << "template __global__ void " << name
           << family->getKernelParameterList() << ";\n";
    for (const std::string &instantiation : auxiliary)
      if (emitted.insert(instantiation).second)
        os << instantiation << ";\n";
  } else {
    os << kHostSupport;
    for (const FunctionPlan &plan : plans)
      os << "\n" << plan.signature << " {\n" << plan.body
         << "  return cudaSuccess;\n}\n";
  }
  if (kernelNames)
    *kernelNames = std::move(names);
  return success();
}
